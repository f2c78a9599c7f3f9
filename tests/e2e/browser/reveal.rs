//! Only the questions that apply, with JavaScript: a dependent question is revealed under
//! the choice that picks it (and hidden, its inputs disabled, otherwise); after "add
//! another" and "remove" focus moves to what changed and the live region says so. Every page
//! is checked at 320 px (axe-core, no sideways scrolling).

use super::*;

/// What a script says about the page now shown.
async fn js(c: &fantoccini::Client, script: &str) -> Value {
    c.execute(script, vec![]).await.unwrap()
}

/// Waits until the polite live region says something, and returns it.
async fn announced(c: &fantoccini::Client) -> String {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let said = js(c, "return document.getElementById('announce').textContent;").await;
        let said = said.as_str().unwrap_or_default().to_string();
        if !said.is_empty() {
            return said;
        }
        assert!(Instant::now() < deadline, "nothing was announced");
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
}

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn dependent_questions_are_revealed_and_focus_follows_add_another_in_chromium() {
    let server = TestServer::start(TestDb::sqlite());
    let driver = start_chromedriver();
    let axe = axe_source();
    let c = browser(&driver, 320).await;

    // The person on the certificate is asked only for someone else's certificate.
    c.goto(&server.url("/p/juminhyo-copy/request"))
        .await
        .unwrap();
    let block = "document.getElementById('f-subject_name-when')";
    assert_eq!(
        js(&c, &format!("return {block}.hidden;")).await,
        Value::Bool(true)
    );
    check_page(&c, &axe, "reveal-01-nothing-chosen").await;
    click(&c, "#f-relation_to_subject-1").await;
    assert_eq!(
        js(&c, &format!("return {block}.hidden;")).await,
        Value::Bool(false)
    );
    assert_eq!(
        js(&c, "return document.getElementById('f-relation_to_subject-1').getAttribute('aria-controls');").await,
        Value::from("f-subject_name-when f-subject_name_kana-when f-subject_birth_date-when")
    );
    assert_eq!(
        js(
            &c,
            "return document.getElementById('f-subject_name').disabled;"
        )
        .await,
        Value::Bool(false)
    );
    check_page(&c, &axe, "reveal-02-revealed").await;
    type_into(&c, "f-subject_name", "仙台 花子").await;
    click(&c, "#f-relation_to_subject-0").await;
    assert_eq!(
        js(&c, &format!("return {block}.hidden;")).await,
        Value::Bool(true)
    );
    assert_eq!(
        js(
            &c,
            "return document.getElementById('f-subject_name').disabled;"
        )
        .await,
        Value::Bool(true),
        "a hidden answer is not sent"
    );

    // "Add another": focus on the new item's first input, announced.
    c.goto(&server.url("/p/hojin-shiminzei/corporation"))
        .await
        .unwrap();
    navigate(&c, "button[value='add:offices_in_city']").await;
    let url = c.current_url().await.unwrap();
    assert_eq!(
        url.fragment(),
        Some("f-offices_in_city-1-item"),
        "the page comes back at the new item"
    );
    let focused = js(&c, "return document.activeElement.id;").await;
    assert!(
        focused
            .as_str()
            .unwrap_or_default()
            .starts_with("f-offices_in_city-1-"),
        "focus on the new item's first input, not {focused}"
    );
    assert!(announced(&c).await.contains("追加しました"));
    check_page(&c, &axe, "reveal-03-added").await;

    // "Remove": focus on the list's heading, announced.
    navigate(&c, "button[value='remove:offices_in_city:1']").await;
    assert_eq!(
        js(&c, "return document.activeElement.id;").await,
        Value::from("f-offices_in_city-list")
    );
    assert!(announced(&c).await.contains("削除しました"));
    check_page(&c, &axe, "reveal-04-removed").await;
    c.close().await.unwrap();
}
