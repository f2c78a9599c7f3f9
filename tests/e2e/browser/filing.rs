//! A phone user files and a clerk decides, in Chromium at 320 px.

use super::*;

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn a_phone_user_files_and_a_clerk_decides_in_chromium() {
    // The server's public address is the one the browser uses: the "pay" button leads to
    // the payment stub mounted in it, and back.
    let server = crate::browser_support::server_at_its_own_address(|_| {});
    let driver = start_chromedriver();
    let axe = axe_source();
    let c = browser(&driver, 320).await;

    c.goto(&server.url("/procedures")).await.unwrap();
    check_page(&c, &axe, "01-procedures").await;
    // A category's page from the home page, then back to search.
    navigate(&c, "a[href='/procedures/certificates']").await;
    assert!(text(&c, "main").await.contains("住民票の写しの交付請求"));
    check_page(&c, &axe, "01a-category").await;
    c.goto(&server.url("/procedures")).await.unwrap();
    // Found by searching in hiragana.
    type_into(&c, "q", "じゅうみんひょう").await;
    navigate(&c, "form.search button[type=submit]").await;
    assert!(text(&c, "main").await.contains("住民票の写しの交付請求"));
    check_page(&c, &axe, "01b-search-results").await;
    navigate(&c, "a[href='/p/juminhyo-copy']").await;
    check_page(&c, &axe, "02-procedure").await;
    navigate(&c, "a.button-start").await;
    check_page(&c, &axe, "03-step-applicant").await;

    // A mistake first: furigana half in Latin letters, no phone number.
    type_into(&c, "f-applicant_name", "仙台 太郎").await;
    type_into(&c, "f-applicant_name_kana", "Sendai たろう").await;
    choose(&c, "f-applicant_birth_date-era", "seireki").await;
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
        summary.contains("カタカナ(例: ヤマダ タロウ)か")
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
