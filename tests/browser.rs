//! The resident and clerk pages in a real headless Chromium at 320 px (a small phone):
//! the journey by clicks and typing, axe-core (WCAG 2.1 A/AA rules) on every page, no
//! horizontal scrolling, and focus moved to the error summary.
//!
//! Needs `chromium`, `chromedriver` and `node_modules/axe-core` (CI installs them); compiled
//! in only when `MADOGUCHI_BROWSER_TESTS` is set at build time, otherwise ignored.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::{Duration, Instant};

use browser_support::{
    axe_source, browser, check_page, click, continue_, navigate, start_chromedriver, text,
    type_into,
};
use fantoccini::Locator;
use madoguchi_e2e::TestServer;
use madoguchi_e2e::madoguchi_testkit::TestDb;
use serde_json::Value;

#[path = "browser_support.rs"]
mod browser_support;

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn a_phone_user_files_and_a_clerk_decides_in_chromium() {
    let server = TestServer::start(TestDb::sqlite());
    let driver = start_chromedriver();
    let axe = axe_source();
    let c = browser(&driver, 320).await;

    c.goto(&server.url("/procedures")).await.unwrap();
    check_page(&c, &axe, "01-procedures").await;
    navigate(&c, "a[href='/p/juminhyo-copy']").await;
    check_page(&c, &axe, "02-procedure").await;
    navigate(&c, "a.button-start").await;
    check_page(&c, &axe, "03-step-applicant").await;

    // A mistake first: furigana in Latin letters, no phone number.
    type_into(&c, "f-applicant_name", "仙台 太郎").await;
    type_into(&c, "f-applicant_name_kana", "Sendai Taro").await;
    type_into(&c, "f-applicant_birth_date-year", "1985").await;
    type_into(&c, "f-applicant_birth_date-month", "4").await;
    type_into(&c, "f-applicant_birth_date-day", "1").await;
    // Typing the postal code fills the start of the address (JavaScript enhancement).
    type_into(&c, "f-applicant_postal_code", "9800811").await;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let city = c
            .find(Locator::Id("f-applicant_address-city"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap();
        if city.as_deref() == Some("仙台市青葉区") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the address was not filled from the postal code"
        );
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    let town = c
        .find(Locator::Id("f-applicant_address-town"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(town.as_deref(), Some("一番町"));
    type_into(&c, "f-applicant_address-block", "7-1").await;
    type_into(&c, "f-applicant_email", "taro@example.jp").await;
    continue_(&c).await;
    let focused = c
        .execute("return document.activeElement.className;", vec![])
        .await
        .unwrap();
    assert_eq!(
        focused,
        Value::from("error-summary"),
        "focus moves to the error summary"
    );
    let summary = text(&c, ".error-summary").await;
    assert!(
        summary.contains("カタカナで入力してください")
            && summary.contains("日中の連絡先電話番号を入力してください"),
        "{summary}"
    );
    check_page(&c, &axe, "04-step-applicant-errors").await;
    // The summary link takes the reader to the field.
    click(&c, ".error-summary a[href='#f-applicant_name_kana']").await;
    let active = c
        .execute("return document.activeElement.id;", vec![])
        .await
        .unwrap();
    assert_eq!(active, Value::from("f-applicant_name_kana"));

    type_into(&c, "f-applicant_name_kana", "せんだい たろう").await;
    type_into(&c, "f-applicant_phone", "022-214-1111").await;
    continue_(&c).await;
    check_page(&c, &axe, "05-step-request").await;
    click(&c, "#f-relation_to_subject-0").await;
    click(&c, "#f-certificate_type-0").await;
    click(&c, "#f-scope-0").await;
    type_into(&c, "f-copies", "2").await;
    type_into(&c, "f-purpose", "勤務先へ提出").await;
    continue_(&c).await;
    check_page(&c, &axe, "06-step-payment").await;
    click(&c, "#f-payment_method-0").await;
    click(&c, "#f-delivery_address_confirm").await;
    continue_(&c).await;
    check_page(&c, &axe, "07-check").await;
    let check = text(&c, "main").await;
    assert!(
        check.contains("センダイ　タロウ") && check.contains("600円"),
        "{check}"
    );
    continue_(&c).await;
    check_page(&c, &axe, "08-receipt").await;
    let number = text(&c, ".arrival-number").await;
    assert_eq!(number.len(), 16, "{number}");

    // The same pages in English.
    navigate(&c, "a.lang-switch").await;
    let lang = c
        .execute("return document.documentElement.lang;", vec![])
        .await
        .unwrap();
    assert_eq!(lang, Value::from("en"));
    assert!(
        text(&c, "h1")
            .await
            .contains("Your application has arrived")
    );
    check_page(&c, &axe, "09-receipt-en").await;
    navigate(&c, "a.lang-switch").await;

    // The clerk.
    c.goto(&server.url("/office/login")).await.unwrap();
    check_page(&c, &axe, "10-office-login").await;
    type_into(&c, "login", "koseki-jumin@sendai.example").await;
    type_into(&c, "password", "madoguchi-demo").await;
    continue_(&c).await;
    check_page(&c, &axe, "11-office-queue").await;
    assert!(text(&c, "main").await.contains(&number));
    navigate(&c, "main a.mono").await;
    check_page(&c, &axe, "12-office-submission").await;
    click(&c, "#decision-approve").await;
    continue_(&c).await;
    assert!(text(&c, ".status").await.contains("許可"));
    check_page(&c, &axe, "13-office-decided").await;

    c.close().await.unwrap();
}
