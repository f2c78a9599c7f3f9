//! A counter visit prepared on a phone and opened by the clerk.

use super::*;

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn a_counter_visit_prepared_on_a_phone_in_chromium() {
    let server = TestServer::start(TestDb::sqlite());
    let driver = start_chromedriver();
    let axe = axe_source();
    // As Sendai serves it (the catalogue's procedure written for every city).
    let form = madoguchi_testkit::defaults::form("juminhyo-copy");
    let example: Value =
        madoguchi_testkit::defaults::example_today("juminhyo-copy", "self-whole-household.json");
    let data = form.normalize_json(example);

    // The phone: answers posted step by step, then "file at the counter" on the check page.
    let phone = browser(&driver, 320).await;
    for step in form.shown_steps(&data) {
        let url = server.url(&format!("/p/juminhyo-copy/{}", step.id));
        phone.goto(&url).await.unwrap();
        post_step(
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
    staff_signs_in(&c, &server, "koseki-jumin@sendai.example", 0).await;
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
