//! A signed-in resident saves their details on the account page and finds the next form
//! filled in, each question saying so, at 320 px, with axe-core on both pages; every page
//! signed in has the sign-out in its header, and a procedure that needs an account says it
//! is met instead of asking for a sign-in.

use super::*;

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn the_details_kept_on_the_account_page_fill_in_a_form_in_chromium() {
    // A real deployment's rules: procedures say what identity they need.
    let server = crate::browser_support::server_at_its_own_address(|s| {
        s.require_identity = true;
    });
    let driver = start_chromedriver();
    let axe = axe_source();
    let c = browser(&driver, 320).await;

    c.goto(&server.url("/account")).await.unwrap();
    type_into(&c, "email", "taro@sendai.example").await;
    type_into(&c, "password", "madoguchi-demo").await;
    continue_(&c).await;
    c.goto(&server.url("/account/details")).await.unwrap();
    type_into(&c, "f-name", "青葉 花子").await;
    type_into(&c, "f-name_kana", "アオバ ハナコ").await;
    choose(&c, "f-birth_date-era", "showa").await;
    type_into(&c, "f-birth_date-year", "45").await;
    type_into(&c, "f-birth_date-month", "5").await;
    type_into(&c, "f-birth_date-day", "3").await;
    type_into(&c, "f-phone", "090-1234-5678x").await;
    continue_(&c).await;
    let summary = text(&c, ".error-summary").await;
    assert!(
        summary.contains("電話番号"),
        "the error names the field: {summary}"
    );
    check_page(&c, &axe, "90-details-error").await;
    type_into(&c, "f-phone", "090-1234-5678").await;
    continue_(&c).await;
    let saved = text(&c, "main").await;
    assert!(
        saved.contains("保存しました") && saved.contains("青葉 花子"),
        "{saved}"
    );
    check_page(&c, &axe, "91-account-details").await;

    c.goto(&server.url("/p/juminhyo-copy/applicant"))
        .await
        .unwrap();
    let note = text(&c, "#filled-notes").await;
    assert!(
        note.contains("アカウントに登録した情報から入力しました"),
        "{note}"
    );
    let mark = text(&c, "#f-applicant_name-filled").await;
    assert!(mark.contains("アカウントの登録情報から自動入力"), "{mark}");
    let name = c
        .find(Locator::Css("#f-applicant_name"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(name.as_deref(), Some("青葉 花子"));
    check_page(&c, &axe, "92-prefilled-step").await;

    // Signed in, every page's header has the sign-out; a procedure needing an account
    // says the sign-in is done.
    for path in [
        "/procedures",
        "/p/inu-shibo",
        "/p/juminhyo-copy/applicant",
        "/my",
        "/account",
    ] {
        c.goto(&server.url(path)).await.unwrap();
        c.find(Locator::Css("header #header-sign-out button"))
            .await
            .unwrap_or_else(|_| panic!("{path}: no sign-out in the header"));
    }
    c.goto(&server.url("/p/inu-shibo")).await.unwrap();
    let done = text(&c, "#identity-done").await;
    assert!(done.contains("ログインしています"), "{done}");
    assert!(!text(&c, "main").await.contains("ログインが必要"));
    check_page(&c, &axe, "93-procedure-signed-in").await;
    navigate(&c, "header #header-sign-out button").await;
    assert!(
        c.find(Locator::Css("header #header-sign-out"))
            .await
            .is_err(),
        "signed out"
    );
    c.close().await.unwrap();
}
