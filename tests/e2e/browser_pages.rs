//! The resident pages that no journey in `browser/` walks through, in headless Chromium
//! at 320 px with axe-core (WCAG 2.1 A/AA): the home page and the life-event guide, a page
//! that is not there, a guest confirming the contact address with a mailed code, the
//! "email me a link" form on `/my` and a used link, the password reset and the account page,
//! in Japanese and English.
//!
//! Needs `chromium`, `chromedriver` and `node_modules/axe-core` (CI installs them); compiled
//! in only when `MADOGUCHI_BROWSER_TESTS` is set at build time, otherwise ignored.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::browser_support::{
    axe_source, browser, check_page, continue_, navigate, post_step, start_chromedriver, text,
    type_into,
};
use madoguchi_e2e::TestServer;
use madoguchi_forms::FormRegistry;
use madoguchi_forms::input::posted_from_data;
use serde_json::Value;

/// The newest mail to `to` containing `marker`, as text.
fn mail_to(server: &TestServer, to: &str, marker: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let found = server.sink.received().into_iter().rev().find_map(|m| {
            let to_them = m.header("To").is_some_and(|t| t.contains(to));
            Some(m.text()).filter(|t| to_them && t.contains(marker))
        });
        if let Some(text) = found {
            return text;
        }
        assert!(Instant::now() < deadline, "no mail to {to} with {marker:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The path of the first link to `path` in `text` (the host is the test server's).
fn path_in(text: &str, path: &str) -> String {
    let start = text
        .find(path)
        .unwrap_or_else(|| panic!("no {path} in:\n{text}"));
    text[start..].split_whitespace().next().unwrap().to_string()
}

async fn path_now(c: &fantoccini::Client) -> String {
    let url = c.current_url().await.unwrap();
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    }
}

#[actix_web::test]
#[cfg_attr(
    not(browser_tests),
    ignore = "needs Chromium: build with MADOGUCHI_BROWSER_TESTS=1 (CI does)"
)]
async fn the_resident_pages_outside_the_journeys_pass_axe_in_chromium() {
    let server = crate::browser_support::server_at_its_own_address(|s| {
        s.require_identity = true;
    });
    let driver = start_chromedriver();
    let axe = axe_source();
    let c = browser(&driver, 320).await;

    // The home page, the guide and one life event, then the guide in English.
    c.goto(&server.url("/")).await.unwrap();
    check_page(&c, &axe, "70-home").await;
    c.goto(&server.url("/guide")).await.unwrap();
    check_page(&c, &axe, "71-guide").await;
    navigate(&c, "main a[href^='/guide/']").await;
    assert!(path_now(&c).await.starts_with("/guide/"));
    check_page(&c, &axe, "72-guide-event").await;
    continue_(&c).await;
    assert!(path_now(&c).await.contains("answered"));
    check_page(&c, &axe, "72b-guide-event-answered").await;
    c.goto(&server.url("/lang/en?return=/guide")).await.unwrap();
    assert!(
        text(&c, "h1").await.contains("guide"),
        "{}",
        text(&c, "h1").await
    );
    check_page(&c, &axe, "73-guide-en").await;
    c.goto(&server.url("/lang/ja?return=/")).await.unwrap();

    // A page that is not there says so, with a way on.
    c.goto(&server.url("/p/no-such-procedure")).await.unwrap();
    assert!(text(&c, "main").await.contains("見つかりません"));
    check_page(&c, &axe, "74-not-found").await;

    // A guest fills a course registration (identity level `none`).
    let forms = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../forms");
    let registry = FormRegistry::load_dir(&forms).unwrap();
    let form = registry.get("event-koza-moshikomi").unwrap();
    let example: Value = madoguchi_testkit::defaults::example_today(
        "event-koza-moshikomi",
        "resident-family-email.json",
    );
    let data = form.normalize_json(example);
    let email = data["email"]
        .as_str()
        .expect("the example has an email")
        .to_string();
    let first = &form.steps()[0].id;
    c.goto(&server.url(&format!("/p/event-koza-moshikomi/{first}")))
        .await
        .unwrap();
    for step in form.shown_steps(&data) {
        post_step(
            &c,
            &format!("/p/event-koza-moshikomi/{}", step.id),
            &posted_from_data(step, &data),
        )
        .await;
    }

    // From /my, the draft is mailed to another device: a wrong address is asked again.
    c.goto(&server.url("/my")).await.unwrap();
    type_into(&c, "email-event-koza-moshikomi", "guest@").await;
    navigate(
        &c,
        "form[action='/p/event-koza-moshikomi/resume-link'] button",
    )
    .await;
    assert!(text(&c, "main").await.contains("メールアドレス"));
    check_page(&c, &axe, "75-my-resume-link-error").await;
    type_into(&c, "email-event-koza-moshikomi", &email).await;
    navigate(
        &c,
        "form[action='/p/event-koza-moshikomi/resume-link'] button",
    )
    .await;
    assert!(path_now(&c).await.starts_with("/my?sent="));
    check_page(&c, &axe, "76-my-resume-link-sent").await;

    // The phone opens the link and goes on; the check page asks the guest for a code.
    let link = path_in(&mail_to(&server, &email, "/resume/"), "/resume/");
    let phone = browser(&driver, 320).await;
    phone.goto(&server.url(&link)).await.unwrap();
    phone
        .goto(&server.url("/p/event-koza-moshikomi/check"))
        .await
        .unwrap();
    assert!(text(&phone, "#identity-title").await.contains("本人確認"));
    check_page(&phone, &axe, "77-check-guest").await;
    navigate(&phone, "#send-code").await;
    let code_mail = mail_to(&server, &email, "確認コード / Code: ");
    let at = code_mail.find("確認コード / Code: ").unwrap() + "確認コード / Code: ".len();
    let code = code_mail[at..at + 6].to_string();
    check_page(&phone, &axe, "78-check-code-sent").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    type_into(&phone, "code", wrong).await;
    navigate(&phone, "form[action$='/email-code/confirm'] button").await;
    assert!(
        text(&phone, "#code-error")
            .await
            .contains("確認コードが正しくありません")
    );
    check_page(&phone, &axe, "79-check-code-error").await;
    type_into(&phone, "code", &code).await;
    navigate(&phone, "form[action$='/email-code/confirm'] button").await;
    navigate(&phone, "#submit button.button").await;
    assert!(path_now(&phone).await.starts_with("/receipts/"));
    phone.close().await.unwrap();

    // The link worked once.
    c.goto(&server.url(&link)).await.unwrap();
    let main = text(&c, "main").await;
    assert!(main.contains("このリンクは使えません"), "{main}");
    check_page(&c, &axe, "80-resume-link-used").await;

    // The demo resident forgot the password: the reset form, its mistake, the mail.
    c.goto(&server.url("/account/reset")).await.unwrap();
    check_page(&c, &axe, "81-reset").await;
    type_into(&c, "email", "taro@").await;
    continue_(&c).await;
    assert!(text(&c, ".error-summary").await.contains("メールアドレス"));
    check_page(&c, &axe, "82-reset-error").await;
    type_into(&c, "email", "taro@sendai.example").await;
    continue_(&c).await;
    check_page(&c, &axe, "83-reset-sent").await;
    let link = path_in(
        &mail_to(&server, "taro@sendai.example", "/account/reset/"),
        "/account/reset/",
    );
    c.goto(&server.url(&link)).await.unwrap();
    check_page(&c, &axe, "84-new-password").await;
    type_into(&c, "password", "password1234").await;
    continue_(&c).await;
    assert!(
        text(&c, ".error-summary")
            .await
            .contains("このパスワードは使えません")
    );
    check_page(&c, &axe, "85-new-password-error").await;
    type_into(&c, "password", "zelkova avenue in autumn").await;
    continue_(&c).await;
    assert_eq!(path_now(&c).await, "/account?done=reset");
    check_page(&c, &axe, "86-account-after-reset").await;

    // A new password signs in here (and out everywhere else): the account page, in
    // Japanese and English.
    assert!(text(&c, "h1").await.contains("ログイン中です"));
    c.goto(&server.url("/account")).await.unwrap();
    assert!(text(&c, "h1").await.contains("ログイン中です"));
    check_page(&c, &axe, "87-account").await;
    c.goto(&server.url("/lang/en?return=/account"))
        .await
        .unwrap();
    assert!(text(&c, "h1").await.contains("You are signed in"));
    check_page(&c, &axe, "88-account-en").await;

    // Furigana, turned on by the switch in the header of a Japanese step page.
    c.goto(&server.url("/lang/ja?return=/p/tennyu-yoyaku"))
        .await
        .unwrap();
    navigate(&c, "a.button-start").await;
    navigate(&c, "a.furigana-switch").await;
    let ruby = c
        .find_all(fantoccini::Locator::Css("main ruby rt"))
        .await
        .unwrap();
    assert!(!ruby.is_empty(), "readings over the labels");
    check_page(&c, &axe, "89-step-with-furigana").await;
    navigate(&c, "a.furigana-switch").await;
    assert!(
        c.find_all(fantoccini::Locator::Css("main ruby"))
            .await
            .unwrap()
            .is_empty(),
        "off again"
    );
    c.close().await.unwrap();
}
