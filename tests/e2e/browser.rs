//! The resident and clerk pages in a real headless Chromium at 320 px (a small phone):
//! the journey by clicks and typing, axe-core (WCAG 2.1 A/AA rules) on every page, no
//! horizontal scrolling, and focus moved to the error summary.
//!
//! Needs `chromium`, `chromedriver` and `node_modules/axe-core` (CI installs them); compiled
//! in only when `MADOGUCHI_BROWSER_TESTS` is set at build time, otherwise ignored.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::{Duration, Instant};

use crate::browser_support::{
    axe_source, browser, check_page, click, continue_, navigate, start_chromedriver, text,
    type_into,
};
use fantoccini::Locator;
use madoguchi_e2e::TestServer;
use madoguchi_e2e::madoguchi_testkit::TestDb;
use serde_json::Value;

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn a_phone_user_files_and_a_clerk_decides_in_chromium() {
    // The server's public address is the one the browser uses: the "pay" button leads to
    // the payment stub mounted in it, and back.
    let port = crate::browser_support::free_port();
    let server = TestServer::start_with(TestDb::sqlite(), |s| {
        s.listen = format!("127.0.0.1:{port}");
        s.public_url = format!("http://127.0.0.1:{port}");
    });
    let driver = start_chromedriver();
    let axe = axe_source();
    let c = browser(&driver, 320).await;

    c.goto(&server.url("/procedures")).await.unwrap();
    check_page(&c, &axe, "01-procedures").await;
    // Found by searching in hiragana.
    type_into(&c, "q", "じゅうみんひょう").await;
    navigate(&c, "form.search button[type=submit]").await;
    assert!(text(&c, "main").await.contains("住民票の写しの交付請求"));
    check_page(&c, &axe, "01b-search-results").await;
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
    // Not sent yet: "my applications" lists it with when it would be deleted, and offers
    // a link to continue elsewhere.
    c.goto(&server.url("/my")).await.unwrap();
    assert!(text(&c, "main").await.contains("入力の途中の手続"));
    check_page(&c, &axe, "06b-my-draft").await;
    c.goto(&server.url("/p/juminhyo-copy/check")).await.unwrap();
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
    // Withdrawing asks first (not done here).
    navigate(&c, &format!("a[href='/receipts/{number}/withdraw']")).await;
    check_page(&c, &axe, "08b-withdraw-confirm").await;
    c.goto(&server.url(&format!("/receipts/{number}")))
        .await
        .unwrap();

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
    c.goto(&server.url("/my")).await.unwrap();
    check_page(&c, &axe, "09b-my-applications-en").await;
    navigate(&c, "a.lang-switch").await;

    // The clerk.
    c.goto(&server.url("/office/login")).await.unwrap();
    check_page(&c, &axe, "10-office-login").await;
    type_into(&c, "login", "koseki-jumin@sendai.example").await;
    type_into(&c, "password", "madoguchi-demo").await;
    continue_(&c).await;
    // The second factor: the code from the authenticator (demo pages show it too).
    check_page(&c, &axe, "10b-office-code").await;
    assert!(
        text(&c, "main")
            .await
            .contains("デモ用アカウントの現在のコード")
    );
    type_into(&c, "code", &madoguchi_e2e::demo_code(0)).await;
    continue_(&c).await;
    check_page(&c, &axe, "11-office-queue").await;
    assert!(text(&c, "main").await.contains(&number));
    navigate(&c, "main a.mono").await;
    check_page(&c, &axe, "12-office-submission").await;
    navigate(&c, "#form-claim button").await;
    assert!(text(&c, ".status").await.contains("審査中"));
    check_page(&c, &axe, "13-office-claimed").await;
    click(&c, "#decision-approve").await;
    navigate(&c, "#form-decision button[type=submit]").await;
    assert!(text(&c, ".status").await.contains("許可"));
    check_page(&c, &axe, "14-office-decided").await;

    // Back on the phone: the certificate's fee is due now (事後決済). The receipt offers
    // "pay", the provider's page takes a card, and the city's page says it is paid.
    c.goto(&server.url(&format!("/receipts/{number}")))
        .await
        .unwrap();
    assert!(text(&c, ".payment").await.contains("お支払いがまだです"));
    check_page(&c, &axe, "15-receipt-fee-due").await;
    // The emailed "please pay" page (any device).
    let mails = server.sink.wait_for(3, Duration::from_secs(20));
    let request = mails
        .iter()
        .find(|m| m.text().contains("/pay/"))
        .expect("the request to pay")
        .text();
    let start = request
        .find(&server.url("/pay/"))
        .expect("a pay link on this server");
    let pay_link = request[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    c.goto(&pay_link).await.unwrap();
    assert!(text(&c, "main").await.contains("600円"));
    check_page(&c, &axe, "15b-pay-link").await;
    c.goto(&server.url(&format!("/receipts/{number}")))
        .await
        .unwrap();
    navigate(&c, ".payment button[type=submit]").await;
    assert!(
        c.current_url()
            .await
            .unwrap()
            .path()
            .starts_with("/stubpay/pay/")
    );
    check_page(&c, &axe, "16-provider-checkout").await;
    type_into(&c, "card_number", "4242424242424242").await;
    navigate(&c, "form[action$='/card'] button").await;
    assert_eq!(c.current_url().await.unwrap().path(), "/payments/return");
    assert!(text(&c, "main").await.contains("お支払いが完了しました"));
    check_page(&c, &axe, "17-payment-complete").await;
    navigate(&c, &format!("a[href='/receipts/{number}']")).await;
    assert!(text(&c, ".payment").await.contains("支払済み"));

    c.close().await.unwrap();
}

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn a_correction_round_trip_in_chromium() {
    let server = TestServer::start(TestDb::sqlite());
    // Filed over HTTP; the pages under test are the office's and the correction's.
    let resident = madoguchi_e2e::browser();
    let check = madoguchi_e2e::fill_form(&server, &resident).await;
    let res = madoguchi_e2e::post_form(
        &resident,
        &server.url("/p/juminhyo-copy/submit"),
        &madoguchi_e2e::input_value(&check, "csrf_token"),
        &[(
            "idempotency_key",
            &madoguchi_e2e::input_value(&check, "idempotency_key"),
        )],
    )
    .await;
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);

    let driver = start_chromedriver();
    let axe = axe_source();
    let c = browser(&driver, 320).await;
    c.goto(&server.url("/office/login")).await.unwrap();
    type_into(&c, "login", "koseki-jumin@sendai.example").await;
    type_into(&c, "password", "madoguchi-demo").await;
    continue_(&c).await;
    type_into(&c, "code", &madoguchi_e2e::demo_code(0)).await;
    continue_(&c).await;
    // Search by reading, typed in hiragana.
    type_into(&c, "q", "せんだい").await;
    navigate(&c, "form.filters button[type=submit]").await;
    check_page(&c, &axe, "20-office-queue-search").await;
    navigate(&c, "main a.mono").await;
    navigate(&c, "#form-claim button").await;

    // Asking without choosing an item: the error summary takes the focus.
    type_into(
        &c,
        "correction-reason",
        "日中に連絡のとれる電話番号を入力してください。",
    )
    .await;
    navigate(&c, "#form-request_correction button[type=submit]").await;
    let focused = c
        .execute("return document.activeElement.className;", vec![])
        .await
        .unwrap();
    assert_eq!(focused, Value::from("error-summary"));
    check_page(&c, &axe, "21-office-correction-error").await;
    click(&c, "input[name=fields][value='/applicant_phone']").await;
    let deadline = (chrono::Utc::now() + chrono::Duration::days(7))
        .format("%Y-%m-%d")
        .to_string();
    c.execute(
        "document.getElementById('deadline').value = arguments[0];",
        vec![Value::from(deadline)],
    )
    .await
    .unwrap();
    navigate(&c, "#form-request_correction button[type=submit]").await;
    assert!(text(&c, ".status").await.contains("補正依頼中"));

    // The applicant follows the emailed link on a phone.
    let mails = server.sink.wait_for(2, Duration::from_secs(20));
    let body = mails[1].text();
    let start = body.find("/corrections/").unwrap();
    let link: String = body[start..]
        .chars()
        .take_while(|ch| !ch.is_whitespace())
        .collect();
    let applicant = browser(&driver, 320).await;
    applicant.goto(&server.url(&link)).await.unwrap();
    check_page(&applicant, &axe, "22-correction").await;
    type_into(&applicant, "f-applicant_phone", "080-1234-567").await;
    continue_(&applicant).await;
    check_page(&applicant, &axe, "23-correction-error").await;
    type_into(&applicant, "f-applicant_phone", "080-1234-5678").await;
    continue_(&applicant).await;
    assert!(
        text(&applicant, "main")
            .await
            .contains("修正を受け付けました")
    );
    check_page(&applicant, &axe, "24-correction-sent").await;
    navigate(&applicant, "a[href$='/withdraw']").await;
    check_page(&applicant, &axe, "25-withdraw-confirm").await;
    applicant.close().await.unwrap();

    // The clerk sees what changed, and approves.
    c.refresh().await.unwrap();
    assert!(text(&c, "table.diff").await.contains("080-1234-5678"));
    check_page(&c, &axe, "26-office-correction-diff").await;
    let number = text(&c, "h1 .mono").await;
    click(&c, "#decision-approve").await;
    navigate(&c, "#form-decision button[type=submit]").await;
    assert!(text(&c, ".status").await.contains("許可"));
    check_page(&c, &axe, "27-office-approved").await;

    // The queue filtered to approved filings, then the day's export.
    c.goto(&server.url("/office/queue")).await.unwrap();
    c.execute(
        "document.getElementById('status').value = 'approved';",
        vec![],
    )
    .await
    .unwrap();
    navigate(&c, "form.filters button[type=submit]").await;
    assert!(
        c.current_url()
            .await
            .unwrap()
            .query()
            .unwrap_or_default()
            .contains("status=approved")
    );
    assert!(text(&c, "table").await.contains(&number));
    check_page(&c, &axe, "28-office-queue-approved").await;
    navigate(&c, "a[href='/office/exports']").await;
    check_page(&c, &axe, "29-office-exports").await;
    // The export form is a plain GET; fetched from the page so the clerk's session is used.
    let csv = c
        .execute_async(
            "const done = arguments[0];
                          const form = document.querySelector('form[action=\"/office/exports/file\"]');
             document.getElementById('procedure').value = 'juminhyo-copy';
             const q = new URLSearchParams(new FormData(form)).toString();
             fetch(form.action + '?' + q, { credentials: 'same-origin' })
               .then(r => r.text()).then(done).catch(e => done(String(e)));",
            vec![],
        )
        .await
        .unwrap();
    let csv = csv.as_str().unwrap_or_default();
    assert!(csv.starts_with("arrival_number,"), "{csv}");
    assert!(
        csv.contains(&number) && csv.contains("080-1234-5678"),
        "{number}: {csv}"
    );
    c.goto(&server.url("/statistics")).await.unwrap();
    check_page(&c, &axe, "30-statistics").await;
    c.close().await.unwrap();
}

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn a_counter_visit_prepared_on_a_phone_in_chromium() {
    let server = TestServer::start(TestDb::sqlite());
    let driver = start_chromedriver();
    let axe = axe_source();
    let forms = madoguchi_forms::FormRegistry::load_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../forms"),
    )
    .unwrap();
    let form = forms.get("juminhyo-copy").unwrap();
    let example: Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../forms/juminhyo-copy/examples/valid/self-whole-household.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let data = form.normalize_json(example);

    // The phone: answers posted step by step, then "file at the counter" on the check page.
    let phone = browser(&driver, 320).await;
    for step in form.shown_steps(&data) {
        let url = server.url(&format!("/p/juminhyo-copy/{}", step.id));
        phone.goto(&url).await.unwrap();
        crate::browser_support::post_step(
            &phone,
            &url,
            &madoguchi_forms::input::posted_from_data(step, &data),
        )
        .await;
    }
    phone
        .goto(&server.url("/p/juminhyo-copy/check"))
        .await
        .unwrap();
    navigate(&phone, "form[action='/counter/add'] button").await;
    assert!(
        phone
            .current_url()
            .await
            .unwrap()
            .path()
            .ends_with("/counter")
    );
    check_page(&phone, &axe, "40-counter-slip").await;
    let code = text(&phone, ".code-display").await;
    assert_eq!(code.len(), 11, "{code}");

    // The counter: the clerk types the code, checks identity, files.
    let c = browser(&driver, 320).await;
    c.goto(&server.url("/office/login")).await.unwrap();
    type_into(&c, "login", "koseki-jumin@sendai.example").await;
    type_into(&c, "password", "madoguchi-demo").await;
    continue_(&c).await;
    type_into(&c, "code", &madoguchi_e2e::demo_code(0)).await;
    continue_(&c).await;
    navigate(&c, "a[href='/office/counter']").await;
    check_page(&c, &axe, "41-office-counter").await;
    type_into(&c, "code", "nope").await;
    continue_(&c).await;
    check_page(&c, &axe, "42-office-counter-error").await;
    c.execute("document.getElementById('code').value = '';", vec![])
        .await
        .unwrap();
    type_into(&c, "code", &code.to_lowercase()).await;
    continue_(&c).await;
    check_page(&c, &axe, "43-office-counter-visit").await;
    navigate(&c, "#form-file button[type=submit]").await;
    let focused = c
        .execute("return document.activeElement.className;", vec![])
        .await
        .unwrap();
    assert_eq!(
        focused,
        Value::from("error-summary"),
        "identity not confirmed"
    );
    click(&c, "#identity-my_number_card").await;
    click(&c, "#confirmed").await;
    navigate(&c, "#form-file button[type=submit]").await;
    assert!(text(&c, "main").await.contains("受付済み"));
    check_page(&c, &axe, "44-office-counter-filed").await;
    phone.refresh().await.unwrap();
    check_page(&phone, &axe, "45-counter-after").await;

    // A document attached on a phone: chosen, attached, listed, and the step still clean.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("通帳.pdf");
    std::fs::write(&path, b"%PDF-1.7\n1 0 obj <<>> endobj\n").unwrap();
    phone
        .goto(&server.url("/p/jido-teate-nintei/payment"))
        .await
        .unwrap();
    check_page(&phone, &axe, "46-step-with-file-question").await;
    phone
        .find(Locator::Css("#f-bankbook_copy-file"))
        .await
        .unwrap()
        .send_keys(path.to_str().unwrap())
        .await
        .unwrap();
    navigate(&phone, "button[name='_file'][value='bankbook_copy']").await;
    assert!(text(&phone, ".file-list").await.contains("通帳.pdf"));
    check_page(&phone, &axe, "47-step-with-file-attached").await;
    phone.close().await.unwrap();
    c.close().await.unwrap();
}

/// The link to `path` in the newest mail to `to` that has one, as a path on the server.
fn mailed_link(server: &TestServer, to: &str, path: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let found = server.sink.received().into_iter().rev().find_map(|m| {
            let text = m.text();
            let to_them = m.header("To").is_some_and(|t| t.contains(to));
            let start = text.find(path).filter(|_| to_them)?;
            Some(
                text[start..]
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string(),
            )
        });
        if let Some(link) = found {
            return link;
        }
        assert!(Instant::now() < deadline, "no {path} link mailed to {to}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn a_new_resident_registers_files_pays_and_answers_a_correction_in_chromium() {
    // A real deployment's rules: this procedure needs a signed-in resident. The fee is paid
    // on submission at the payment stub mounted in the server.
    let port = crate::browser_support::free_port();
    let server = TestServer::start_with(TestDb::sqlite(), |s| {
        s.listen = format!("127.0.0.1:{port}");
        s.public_url = format!("http://127.0.0.1:{port}");
        s.require_identity = true;
    });
    let driver = start_chromedriver();
    let axe = axe_source();
    let c = browser(&driver, 320).await;

    // Found by searching for the reading of 狂犬病.
    c.goto(&server.url("/procedures")).await.unwrap();
    type_into(&c, "q", "きょうけんびょう").await;
    navigate(&c, "form.search button[type=submit]").await;
    navigate(&c, "a[href='/p/inu-chushazumi']").await;
    check_page(&c, &axe, "50-new-user-procedure").await;
    navigate(&c, "a.button-start").await;

    // A mistake: the furigana in Latin letters.
    type_into(&c, "f-owner_name", "泉 花子").await;
    type_into(&c, "f-owner_name_kana", "Izumi Hanako").await;
    type_into(&c, "f-owner_birth_date-year", "1990").await;
    type_into(&c, "f-owner_birth_date-month", "11").await;
    type_into(&c, "f-owner_birth_date-day", "3").await;
    type_into(&c, "f-owner_postal_code", "980-8671").await;
    type_into(&c, "f-owner_address-prefecture", "宮城県").await;
    type_into(&c, "f-owner_address-city", "仙台市青葉区").await;
    type_into(&c, "f-owner_address-town", "国分町三丁目").await;
    type_into(&c, "f-owner_address-block", "7-1").await;
    type_into(&c, "f-owner_phone", "022-214-1111").await;
    type_into(&c, "f-owner_email", "hanako@example.jp").await;
    continue_(&c).await;
    let summary = text(&c, ".error-summary").await;
    assert!(summary.contains("カタカナで入力してください"), "{summary}");
    check_page(&c, &axe, "51-new-user-error").await;
    type_into(&c, "f-owner_name_kana", "イズミ ハナコ").await;
    continue_(&c).await;

    // The dogs step: the clinic's certificate attached first, then the dog.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("注射済証.pdf");
    std::fs::write(&path, b"%PDF-1.7\n1 0 obj <<>> endobj\n").unwrap();
    c.find(Locator::Css("#f-vaccination_certificate-file"))
        .await
        .unwrap()
        .send_keys(path.to_str().unwrap())
        .await
        .unwrap();
    navigate(&c, "button[name='_file'][value='vaccination_certificate']").await;
    assert!(text(&c, ".file-list").await.contains("注射済証.pdf"));
    type_into(&c, "f-dogs-0-registration_number", "12345").await;
    type_into(&c, "f-dogs-0-dog_name", "こむぎ").await;
    type_into(&c, "f-dogs-0-vaccination_date-year", "2026").await;
    type_into(&c, "f-dogs-0-vaccination_date-month", "11").await;
    type_into(&c, "f-dogs-0-vaccination_date-day", "5").await;
    type_into(&c, "f-dogs-0-vet_clinic", "一番町どうぶつ病院").await;
    continue_(&c).await;

    // The check page asks for a sign-in; a new resident creates an account.
    assert_eq!(
        c.current_url().await.unwrap().path(),
        "/p/inu-chushazumi/check"
    );
    let main = text(&c, "main").await;
    assert!(
        main.contains("注射済証.pdf") && main.contains("550円"),
        "{main}"
    );
    assert!(main.contains("ログインしてから申請します"), "{main}");
    check_page(&c, &axe, "52-new-user-check-sign-in").await;
    navigate(&c, "a[href^='/account/new']").await;
    check_page(&c, &axe, "53-account-new").await;
    type_into(&c, "email", "hanako@example.jp").await;
    type_into(&c, "password", "password1234").await;
    continue_(&c).await;
    assert!(
        text(&c, ".error-summary")
            .await
            .contains("このパスワードは使えません")
    );
    check_page(&c, &axe, "54-account-new-error").await;
    type_into(&c, "password", "aobadori no keyaki 2026").await;
    continue_(&c).await;
    assert!(text(&c, "h1").await.contains("メールを確認してください"));
    check_page(&c, &axe, "55-account-mail-sent").await;

    // The mailed link confirms the address and leads to the sign-in, then back.
    let link = mailed_link(&server, "hanako@example.jp", "/account/verify/");
    c.goto(&server.local(&link)).await.unwrap();
    check_page(&c, &axe, "55b-account-confirm").await;
    continue_(&c).await;
    assert!(
        text(&c, ".notice")
            .await
            .contains("メールアドレスを確認しました")
    );
    check_page(&c, &axe, "56-account-sign-in").await;
    type_into(&c, "email", "hanako@example.jp").await;
    type_into(&c, "password", "aobadori no keyaki 2026").await;
    continue_(&c).await;
    assert_eq!(
        c.current_url().await.unwrap().path(),
        "/p/inu-chushazumi/check"
    );
    assert!(text(&c, "main").await.contains("ログインしています"));
    let hidden = c
        .execute(
            "return document.getElementById('session-timeout').hidden;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(hidden, Value::Bool(true), "no warning an hour before");
    check_page(&c, &axe, "57-check-signed-in").await;

    // Two minutes before the sign-in ends the warning shows and takes the focus; "stay
    // signed in" extends it without leaving the page (with what was typed).
    let cookie = c.get_named_cookie("mdg_resident").await.unwrap();
    let session_hash = madoguchi_app::token_hash(cookie.value());
    let soon = (chrono::Utc::now() + chrono::Duration::minutes(2)).naive_utc();
    madoguchi_store::identity::extend_identity(
        &mut server.db.db.conn().unwrap(),
        &session_hash,
        soon,
    )
    .unwrap();
    c.refresh().await.unwrap();
    c.wait()
        .for_element(Locator::Css("#session-timeout:not([hidden])"))
        .await
        .unwrap();
    let focused = c
        .execute("return document.activeElement.textContent;", vec![])
        .await
        .unwrap();
    assert_eq!(focused, Value::from("ログインを続ける"));
    check_page(&c, &axe, "57b-session-warning").await;
    click(&c, "#session-timeout button").await;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let hidden = c
            .execute(
                "return document.getElementById('session-timeout').hidden;",
                vec![],
            )
            .await
            .unwrap();
        if hidden == Value::Bool(true) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the warning stayed after extending"
        );
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        c.current_url().await.unwrap().path(),
        "/p/inu-chushazumi/check",
        "extended in place"
    );
    let until = madoguchi_store::identity::find_identity(
        &mut server.db.db.conn().unwrap(),
        &session_hash,
        chrono::Utc::now().naive_utc(),
    )
    .unwrap()
    .expect("still signed in")
    .expires_at;
    assert!(until > soon + chrono::Duration::minutes(30), "{until}");

    // Submit and pay (550円 on submission) at the provider's page.
    continue_(&c).await;
    assert!(
        c.current_url()
            .await
            .unwrap()
            .path()
            .starts_with("/stubpay/pay/")
    );
    type_into(&c, "card_number", "4242424242424242").await;
    navigate(&c, "form[action$='/card'] button").await;
    assert!(text(&c, "main").await.contains("お支払いが完了しました"));
    navigate(&c, "main a[href^='/receipts/']").await;
    let number = text(&c, ".arrival-number").await;
    assert!(text(&c, ".payment").await.contains("支払済み"));
    c.goto(&server.url("/my")).await.unwrap();
    assert!(text(&c, "main").await.contains(&number));

    // The office asks for a different phone number (over HTTP: the clerk is not under test).
    let clerk = madoguchi_e2e::staff_sign_in(&server, "dobutsu-kanri@sendai.example").await;
    let (_, queue) = madoguchi_e2e::get(&clerk, &server.url("/office/queue")).await;
    let marker = "href=\"/office/submissions/";
    let start = queue.find(marker).expect("the filing in the queue") + marker.len();
    let detail = server.url(&format!(
        "/office/submissions/{}",
        &queue[start..start + queue[start..].find('"').unwrap()]
    ));
    let (_, page) = madoguchi_e2e::get(&clerk, &detail).await;
    let csrf = madoguchi_e2e::input_value(&page, "csrf_token");
    let actions = format!("{detail}/actions");
    let deadline = (chrono::Utc::now() + chrono::Duration::days(10))
        .format("%Y-%m-%d")
        .to_string();
    for fields in [
        vec![("action", "claim")],
        vec![
            ("action", "request_correction"),
            ("fields", "/owner_phone"),
            (
                "reason",
                "日中に連絡のとれる携帯電話の番号を入力してください。",
            ),
            ("deadline", &deadline),
        ],
    ] {
        let res = madoguchi_e2e::post_form(&clerk, &actions, &csrf, &fields).await;
        assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);
    }

    // The resident answers on the phone, from the mailed link.
    let link = mailed_link(&server, "hanako@example.jp", "/corrections/");
    c.goto(&server.url(&link)).await.unwrap();
    check_page(&c, &axe, "58-new-user-correction").await;
    type_into(&c, "f-owner_phone", "080-1234-5678").await;
    continue_(&c).await;
    assert!(text(&c, "main").await.contains("修正を受け付けました"));
    let changed = text(&c, ".changes").await;
    assert!(
        changed.contains("022-214-1111") && changed.contains("080-1234-5678"),
        "{changed}"
    );
    check_page(&c, &axe, "58b-new-user-correction-changes").await;

    // The office approves; the receipt shows the decision and its notice.
    let (_, page) = madoguchi_e2e::get(&clerk, &detail).await;
    assert!(page.contains("080-1234-5678"));
    let res = madoguchi_e2e::post_form(
        &clerk,
        &format!("{detail}/decision"),
        &madoguchi_e2e::input_value(&page, "csrf_token"),
        &[("decision", "approve"), ("reason", "")],
    )
    .await;
    assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER);
    c.goto(&server.url(&format!("/receipts/{number}")))
        .await
        .unwrap();
    let main = text(&c, "main").await;
    assert!(main.contains("認められました"), "{main}");
    assert!(
        text(&c, ".answers-sent").await.contains("こむぎ"),
        "the answers filed"
    );
    assert!(
        text(&c, ".history .changes")
            .await
            .contains("080-1234-5678")
    );
    c.find(Locator::Css(&format!(
        "a[href='/receipts/{number}/notice.pdf']"
    )))
    .await
    .expect("the decision notice to download");
    check_page(&c, &axe, "59-new-user-decided").await;
    c.close().await.unwrap();
}
