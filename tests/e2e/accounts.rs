//! Residents' accounts end to end over HTTP with real SMTP: registering, the confirmation
//! link, signing in, throttling, a password reset by emailed link, "stay signed in", and the
//! identity levels enforced when the city turns them on (an account procedure needs a
//! sign-in; a guest confirms the contact email with a code).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::time::Duration;

use madoguchi_e2e::{TestServer, browser, e2e_test, get, input_value, location, post_form};
use madoguchi_forms::FormRegistry;
use madoguchi_forms::input::posted_from_data;
use madoguchi_server::Settings;
use reqwest::{Client, StatusCode};
use serde_json::Value;

const GOOD_PASSWORD: &str = "aobadori no keyaki 2026";
const NEW_PASSWORD: &str = "jozenji street in june";

/// The newest mail to `to` whose text contains `marker`, waiting for it.
fn mail_with(server: &TestServer, to: &str, marker: &str) -> String {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let found = server
            .sink
            .received()
            .into_iter()
            .rev()
            .find(|m| m.header("To").is_some_and(|t| t.contains(to)) && m.text().contains(marker))
            .map(|m| m.text());
        if let Some(text) = found {
            return text;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no mail to {to} with {marker:?}; got {:?}",
            server
                .sink
                .received()
                .iter()
                .map(|m| m.header("Subject"))
                .collect::<Vec<_>>()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// How many mails went to `to` with `marker`.
fn mails_with(server: &TestServer, to: &str, marker: &str) -> usize {
    server
        .sink
        .received()
        .iter()
        .filter(|m| m.header("To").is_some_and(|t| t.contains(to)) && m.text().contains(marker))
        .count()
}

/// The path of the link starting with `path` in a mail.
fn link_in(text: &str, path: &str) -> String {
    let marker = format!("https://madoguchi.test{path}");
    let start = text
        .find(&marker)
        .unwrap_or_else(|| panic!("no {path} link in:\n{text}"));
    text[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .trim_start_matches("https://madoguchi.test")
        .to_string()
}

async fn csrf_of(server: &TestServer, client: &Client, path: &str) -> String {
    let (status, page) = get(client, &server.url(path)).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    input_value(&page, "csrf_token")
}

async fn register(
    server: &TestServer,
    client: &Client,
    email: &str,
    password: &str,
) -> (StatusCode, String) {
    let csrf = csrf_of(server, client, "/account/new").await;
    let res = post_form(
        client,
        &server.url("/account/new"),
        &csrf,
        &[("email", email), ("password", password)],
    )
    .await;
    let status = res.status();
    (status, res.text().await.unwrap())
}

async fn sign_in(
    server: &TestServer,
    client: &Client,
    email: &str,
    password: &str,
    next: &str,
) -> reqwest::Response {
    let csrf = csrf_of(server, client, "/account").await;
    post_form(
        client,
        &server.url("/account/sign-in"),
        &csrf,
        &[("email", email), ("password", password), ("next", next)],
    )
    .await
}

/// Registers `email` and opens the confirmation link.
async fn registered(server: &TestServer, email: &str) {
    let (status, _) = register(server, &browser(), email, GOOD_PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
    let link = link_in(
        &mail_with(server, email, "/account/verify/"),
        "/account/verify/",
    );
    let res = confirm(server, &browser(), &link).await;
    assert_eq!(location(&res), "/account?done=verified");
}

/// Opens a confirmation link and presses "confirm" on its page.
async fn confirm(server: &TestServer, client: &Client, link: &str) -> reqwest::Response {
    let (status, page) = get(client, &server.url(link)).await;
    assert_eq!(status, StatusCode::OK, "{link}: {page}");
    assert!(page.contains("確認する"), "the page asks before confirming");
    let action = input_value(&page, "csrf_token");
    let path = link.split('?').next().unwrap();
    let next = if page.contains("name=\"next\"") {
        input_value(&page, "next")
    } else {
        String::new()
    };
    post_form(client, &server.url(path), &action, &[("next", &next)]).await
}

/// A browser whose cookies the test can read (the session token).
fn browser_with_jar() -> (Client, std::sync::Arc<reqwest::cookie::Jar>) {
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let client = Client::builder()
        .cookie_provider(std::sync::Arc::clone(&jar))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    (client, jar)
}

/// The resident session token in `jar`.
fn session_token(server: &TestServer, jar: &reqwest::cookie::Jar) -> String {
    use reqwest::cookie::CookieStore;
    let url: reqwest::Url = server.url("/").parse().unwrap();
    let header = jar.cookies(&url).expect("cookies");
    header
        .to_str()
        .unwrap()
        .split("; ")
        .find_map(|c| {
            c.trim_start_matches("__Host-")
                .strip_prefix("mdg_resident=")
        })
        .unwrap_or_else(|| panic!("no resident session in {header:?}"))
        .to_string()
}

e2e_test!(
    async fn register_confirm_sign_in_and_reset(server) {
        let (hanako, jar) = browser_with_jar();
        // A weak password and a malformed address are refused at their fields.
        let (status, page) = register(&server, &hanako, "hanako@example.jp", "Password1234").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("id=\"password-error\""), "{page}");
        assert!(page.contains("このパスワードは使えません"));
        assert!(page.contains("value=\"hanako@example.jp\""), "the address is kept");
        let (status, page) = register(&server, &hanako, "hanako.example.jp", GOOD_PASSWORD).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("id=\"email-error\""), "{page}");

        // Someone registers Hanako's address first, with their own password…
        let (status, page) = register(&server, &browser(), "hanako@example.jp", "someone else's phrase").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("メールを確認してください"), "{page}");
        let first = link_in(&mail_with(&server, "hanako@example.jp", "/account/verify/"), "/account/verify/");
        // …Hanako registers it herself: her password counts, and a new link replaces theirs.
        let (status, _) = register(&server, &hanako, "Hanako@Example.jp", GOOD_PASSWORD).await;
        assert_eq!(status, StatusCode::OK);
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while mails_with(&server, "hanako@example.jp", "/account/verify/") < 2 {
            assert!(std::time::Instant::now() < deadline, "no second link");
            std::thread::sleep(Duration::from_millis(100));
        }

        // Not confirmed yet: the right password mails a new link (earlier ones stop working).
        let res = sign_in(&server, &hanako, "hanako@example.jp", GOOD_PASSWORD, "/my").await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        assert!(res.text().await.unwrap().contains("メールアドレスの確認がまだです"));
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while mails_with(&server, "hanako@example.jp", "/account/verify/") < 3 {
            assert!(std::time::Instant::now() < deadline, "the link was not sent again");
            std::thread::sleep(Duration::from_millis(100));
        }
        let second = link_in(&mail_with(&server, "hanako@example.jp", "/account/verify/"), "/account/verify/");
        assert_ne!(first, second);
        let res = hanako.get(server.url(&first)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::GONE, "a replaced link");
        let res = confirm(&server, &hanako, &second).await;
        assert_eq!(location(&res), "/account?done=verified");
        let res = hanako.get(server.url(&second)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::GONE, "a link works once");
        let unknown = format!("/account/verify/{}", madoguchi_app::new_token().unwrap());
        let res = hanako.get(server.url(&unknown)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND);

        // Registering a confirmed address answers alike; its owner is told by mail.
        let (status, again) = register(&server, &browser(), "hanako@example.jp", "another long phrase").await;
        assert_eq!(status, StatusCode::OK);
        assert!(again.contains("メールを確認してください"));
        mail_with(&server, "hanako@example.jp", "すでに登録されています");
        let res = sign_in(&server, &browser(), "hanako@example.jp", "someone else's phrase", "/my").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "the first registrant's password");

        // Wrong password, then right (the address in any case), back where asked.
        let res = sign_in(&server, &hanako, "hanako@example.jp", "not the password", "/my").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        let page = res.text().await.unwrap();
        assert!(page.contains("ログインできませんでした"), "{page}");
        assert!(page.contains("/account/reset"), "the way to a new password is offered");
        let pre = session_token(&server, &jar);
        let res = sign_in(&server, &hanako, "HANAKO@example.jp", GOOD_PASSWORD, "/procedures").await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&res), "/procedures");
        for evil in ["https://evil.example/", "//evil.example/", "/\t/evil.example/", "/\\evil.example"] {
            let res = sign_in(&server, &browser(), "hanako@example.jp", GOOD_PASSWORD, evil).await;
            assert_eq!(location(&res), "/my", "no redirect to another site: {evil:?}");
        }
        // Signing in gave the browser a new session token.
        let before = session_token(&server, &jar);
        assert_ne!(pre, before, "a new token at sign-in");
        let (_, page) = get(&hanako, &server.url("/account")).await;
        assert!(page.contains("hanako@example.jp") && page.contains("ログイン中です"), "{page}");

        // "Stay signed in" answers the new end (for the warning's script): a sign-in about
        // to end lasts another hour.
        let token = session_token(&server, &jar);
        assert_eq!(before, token);
        let hash = madoguchi_app::token_hash(&token);
        let soon = (chrono::Utc::now() + chrono::Duration::minutes(2)).naive_utc();
        madoguchi_store::identity::extend_identity(&mut server.db.db.conn().unwrap(), &hash, soon).unwrap();
        let csrf = input_value(&page, "csrf_token");
        let res = hanako
            .post(server.url("/session/keep"))
            .header("Accept", "application/json")
            .form(&[("csrf_token", csrf.as_str()), ("next", "/my")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let kept: Value = res.json().await.unwrap();
        assert_eq!(kept["signed_in"], true, "{kept}");
        let until = chrono::DateTime::parse_from_rfc3339(kept["until"].as_str().unwrap()).unwrap();
        assert!(until.naive_utc() > soon + chrono::Duration::minutes(50), "{kept}");
        let res = browser()
            .post(server.url("/session/keep"))
            .form(&[("next", "/my")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "CSRF checked");

        // A password reset from another device: the unknown address answers alike.
        let phone = browser();
        let csrf = csrf_of(&server, &phone, "/account/reset").await;
        for email in ["nobody@example.jp", "hanako@example.jp"] {
            let res = post_form(&phone, &server.url("/account/reset"), &csrf, &[("email", email)]).await;
            assert_eq!(res.status(), StatusCode::OK);
            assert!(res.text().await.unwrap().contains("登録されていれば"));
        }
        // Five reset mails to one address in 15 minutes, then none (the page answers alike).
        for _ in 0..5 {
            let res = post_form(&phone, &server.url("/account/reset"), &csrf, &[("email", "hanako@example.jp")]).await;
            assert_eq!(res.status(), StatusCode::OK);
        }
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while madoguchi_store::outbox::count_pending(&mut server.db.db.conn().unwrap()).unwrap() > 0 {
            assert!(std::time::Instant::now() < deadline, "mail still pending");
            std::thread::sleep(Duration::from_millis(100));
        }
        assert_eq!(mails_with(&server, "hanako@example.jp", "/account/reset/"), 5, "the sixth was not sent");
        let link = link_in(&mail_with(&server, "hanako@example.jp", "/account/reset/"), "/account/reset/");
        assert_eq!(mails_with(&server, "nobody@example.jp", ""), 0, "no mail to an unknown address");
        let csrf = csrf_of(&server, &phone, &link).await;
        let res = post_form(&phone, &server.url(&link), &csrf, &[("password", "hanako@example.jp")]).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let res = post_form(&phone, &server.url(&link), &csrf, &[("password", NEW_PASSWORD)]).await;
        assert_eq!(location(&res), "/account?done=reset");
        let (_, page) = get(&phone, &server.url("/account")).await;
        assert!(page.contains("ログイン中です"), "the phone is signed in");
        let (_, page) = get(&hanako, &server.url("/account")).await;
        assert!(page.contains("action=\"/account/sign-in\""), "the other device was signed out");
        mail_with(&server, "hanako@example.jp", "パスワードを変更しました");
        let res = phone.get(server.url(&link)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::GONE);
        let res = sign_in(&server, &browser(), "hanako@example.jp", GOOD_PASSWORD, "/my").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "the old password");
        let res = sign_in(&server, &browser(), "hanako@example.jp", NEW_PASSWORD, "/my").await;
        assert_eq!(location(&res), "/my");
        let res = sign_in(&server, &browser(), "taro@sendai.example", "madoguchi-demo", "/my").await;
        assert_eq!(location(&res), "/my", "the demo resident");
    }
);

e2e_test!(
    async fn sign_in_is_throttled_per_account_and_per_address(server) {
        registered(&server, "jiro@example.jp").await;
        registered(&server, "saburo@example.jp").await;
        for _ in 0..5 {
            let res = sign_in(&server, &browser(), "jiro@example.jp", "wrong wrong wrong", "/my").await;
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        }
        // The account is paused: even the right password waits.
        let res = sign_in(&server, &browser(), "jiro@example.jp", GOOD_PASSWORD, "/my").await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(res.text().await.unwrap().contains("15分ほど待って"));
        // Another account from the same address still signs in…
        let res = sign_in(&server, &browser(), "saburo@example.jp", GOOD_PASSWORD, "/my").await;
        assert_eq!(location(&res), "/my");
        // …until the address has failed 50 times (guessing across many accounts; the six
        // attempts on jiro's account count, the paused one too).
        for i in 0..44 {
            let res = sign_in(&server, &browser(), &format!("guess{i}@example.jp"), "wrong wrong wrong", "/my").await;
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
        }
        let res = sign_in(&server, &browser(), "saburo@example.jp", GOOD_PASSWORD, "/my").await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
        // No proxy is trusted here: a forged X-Forwarded-For does not make a new address.
        let res = sign_in(&server, &forwarded_for("198.51.100.7"), "saburo@example.jp", GOOD_PASSWORD, "/my").await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    }
);

/// A browser whose requests arrive through a proxy that says they came from `chain`.
fn forwarded_for(chain: &str) -> Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-forwarded-for", chain.parse().unwrap());
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .unwrap()
}

e2e_test!(
    settings(|s: &mut Settings| s.trusted_proxies = vec!["127.0.0.0/8".into()]);
    async fn behind_a_trusted_proxy_each_residents_address_is_counted_apart(server) {
        registered(&server, "shiro@example.jp").await;
        for i in 0..50 {
            let res = sign_in(&server, &forwarded_for("203.0.113.1"), &format!("guess{i}@example.jp"), "wrong wrong wrong", "/my").await;
            assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
        }
        // The guesser's address is paused, also when it writes another address in front…
        let res = sign_in(&server, &forwarded_for("203.0.113.1"), "shiro@example.jp", GOOD_PASSWORD, "/my").await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
        let res = sign_in(&server, &forwarded_for("198.51.100.7, 203.0.113.1"), "shiro@example.jp", GOOD_PASSWORD, "/my").await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
        // …while another resident behind the same proxy signs in.
        let res = sign_in(&server, &forwarded_for("203.0.113.2"), "shiro@example.jp", GOOD_PASSWORD, "/my").await;
        assert_eq!(location(&res), "/my");
    }
);

fn forms_dir() -> PathBuf {
    std::env::var_os("MADOGUCHI_TEST_FORMS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../forms"))
}

/// Fills procedure `id` with its first valid example (changed by `patch`) through the
/// pages, and returns the check page.
async fn fill_example(
    server: &TestServer,
    client: &Client,
    id: &str,
    patch: impl FnOnce(&mut Value),
) -> String {
    let registry = FormRegistry::load_dir(&forms_dir()).unwrap();
    let form = registry.get(id).unwrap();
    let dir = forms_dir().join(id).join("examples/valid");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut data: Value =
        serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    patch(&mut data);
    let data = form.normalize_json(data);
    let csrf = csrf_of(server, client, &format!("/p/{id}/{}", form.steps()[0].id)).await;
    for step in form.shown_steps(&data) {
        let posted = posted_from_data(step, &data);
        let fields: Vec<(&str, &str)> = posted
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let res = post_form(
            client,
            &server.url(&format!("/p/{id}/{}", step.id)),
            &csrf,
            &fields,
        )
        .await;
        assert_eq!(
            res.status(),
            StatusCode::SEE_OTHER,
            "{id}: step {}",
            step.id
        );
    }
    let (status, check) = get(client, &server.url(&format!("/p/{id}/check"))).await;
    assert_eq!(status, StatusCode::OK);
    check
}

async fn submit(server: &TestServer, client: &Client, id: &str, check: &str) -> reqwest::Response {
    post_form(
        client,
        &server.url(&format!("/p/{id}/submit")),
        &input_value(check, "csrf_token"),
        &[("idempotency_key", &input_value(check, "idempotency_key"))],
    )
    .await
}

/// The code in the newest confirmation-code mail to `to`.
fn code_for(server: &TestServer, to: &str) -> String {
    let text = mail_with(server, to, "確認コード / Code: ");
    let start = text.find("確認コード / Code: ").unwrap() + "確認コード / Code: ".len();
    text[start..start + 6].to_string()
}

e2e_test!(
    settings(|s: &mut Settings| s.require_identity = true);
    async fn identity_levels_are_enforced_when_required(server) {
        // An account-level procedure: filed only once signed in; nothing stored before.
        let resident = browser();
        let check = fill_example(&server, &resident, "inu-shibo", |_| {}).await;
        assert!(check.contains("id=\"sign-in\""), "the check page offers the sign-in");
        let res = submit(&server, &resident, "inu-shibo", &check).await;
        assert_eq!(location(&res), "/p/inu-shibo/check?identity=sign-in");
        assert_eq!(server.submissions(), 0);
        let (_, page) = get(&resident, &server.url("/p/inu-shibo/check?identity=sign-in")).await;
        assert!(page.contains("ログインが必要です") && page.contains("href=\"#sign-in\""), "{page}");
        let res = sign_in(&server, &resident, "taro@sendai.example", "madoguchi-demo", "/p/inu-shibo/check").await;
        assert_eq!(location(&res), "/p/inu-shibo/check");
        let (_, check) = get(&resident, &server.url("/p/inu-shibo/check")).await;
        assert!(check.contains("ログインしています"), "the answers are still there");
        assert!(check.contains("id=\"session-timeout\""), "the timeout warning is on the page");
        let res = submit(&server, &resident, "inu-shibo", &check).await;
        let receipt = location(&res);
        assert!(receipt.starts_with("/receipts/"), "{receipt}");
        assert_eq!(server.submissions(), 1);
        // Signed in on another device, the resident sees it in "my applications"; a
        // stranger cannot open it.
        let tablet = browser();
        sign_in(&server, &tablet, "taro@sendai.example", "madoguchi-demo", "/my").await;
        let number = receipt.trim_start_matches("/receipts/");
        let (_, my) = get(&tablet, &server.url("/my")).await;
        assert!(my.contains(number), "{my}");
        assert_eq!(get(&tablet, &server.url(&receipt)).await.0, StatusCode::OK);
        assert_eq!(get(&browser(), &server.url(&receipt)).await.0, StatusCode::NOT_FOUND);
        let csrf = csrf_of(&server, &tablet, "/account").await;
        post_form(&tablet, &server.url("/sign-out"), &csrf, &[]).await;
        assert_eq!(get(&tablet, &server.url(&receipt)).await.0, StatusCode::NOT_FOUND, "signed out");
        // Signing out on the browser that filed it leaves nothing for the next person.
        let csrf = csrf_of(&server, &resident, "/account").await;
        let res = post_form(&resident, &server.url("/sign-out"), &csrf, &[]).await;
        assert_eq!(location(&res), "/account?done=signed-out");
        assert_eq!(get(&resident, &server.url(&receipt)).await.0, StatusCode::NOT_FOUND);
        let (_, my) = get(&resident, &server.url("/my")).await;
        assert!(!my.contains(number), "{my}");
        // Signing out on the browser that filed it leaves nothing for the next person.
        let csrf = csrf_of(&server, &resident, "/account").await;
        let res = post_form(&resident, &server.url("/sign-out"), &csrf, &[]).await;
        assert_eq!(location(&res), "/account?done=signed-out");
        assert_eq!(get(&resident, &server.url(&receipt)).await.0, StatusCode::NOT_FOUND);
        let (_, my) = get(&resident, &server.url("/my")).await;
        assert!(!my.contains(number), "{my}");

        // A guest filing a `none` procedure confirms the contact address with a code.
        let guest = browser();
        let with_email = |d: &mut Value| d["email"] = Value::from("guest@example.jp");
        let check = fill_example(&server, &guest, "event-koza-moshikomi", with_email).await;
        assert!(check.contains("id=\"send-code\""), "{check}");
        let res = submit(&server, &guest, "event-koza-moshikomi", &check).await;
        assert_eq!(location(&res), "/p/event-koza-moshikomi/check?identity=email");
        assert_eq!(server.submissions(), 1);
        let csrf = input_value(&check, "csrf_token");
        let res = post_form(&guest, &server.url("/p/event-koza-moshikomi/email-code"), &csrf, &[]).await;
        assert_eq!(location(&res), "/p/event-koza-moshikomi/check#code");
        let code = code_for(&server, "guest@example.jp");
        let wrong = if code == "000000" { "111111" } else { "000000" };
        let res = post_form(&guest, &server.url("/p/event-koza-moshikomi/email-code/confirm"), &csrf, &[("code", wrong)]).await;
        assert_eq!(location(&res), "/p/event-koza-moshikomi/check?identity=code");
        let (_, page) = get(&guest, &server.url("/p/event-koza-moshikomi/check?identity=code")).await;
        assert!(page.contains("確認コードが正しくありません") && page.contains("aria-invalid=\"true\""), "{page}");
        // Typed with a Japanese keyboard (full-width digits) it still counts.
        let wide: String = code.chars().map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap()).collect();
        let res = post_form(&guest, &server.url("/p/event-koza-moshikomi/email-code/confirm"), &csrf, &[("code", &wide)]).await;
        assert_eq!(location(&res), "/p/event-koza-moshikomi/check#submit");
        let (_, check) = get(&guest, &server.url("/p/event-koza-moshikomi/check")).await;
        let res = submit(&server, &guest, "event-koza-moshikomi", &check).await;
        assert!(location(&res).starts_with("/receipts/"), "{}", location(&res));
        assert_eq!(server.submissions(), 2);

        // Five wrong tries use a code up: the right one no longer works.
        let other = browser();
        let check = fill_example(&server, &other, "event-koza-moshikomi", |d| d["email"] = Value::from("other@example.jp")).await;
        let csrf = input_value(&check, "csrf_token");
        post_form(&other, &server.url("/p/event-koza-moshikomi/email-code"), &csrf, &[]).await;
        let code = code_for(&server, "other@example.jp");
        let wrong = if code == "000000" { "111111" } else { "000000" };
        for _ in 0..5 {
            post_form(&other, &server.url("/p/event-koza-moshikomi/email-code/confirm"), &csrf, &[("code", wrong)]).await;
        }
        let res = post_form(&other, &server.url("/p/event-koza-moshikomi/email-code/confirm"), &csrf, &[("code", &code)]).await;
        assert_eq!(location(&res), "/p/event-koza-moshikomi/check?identity=code");
        let res = submit(&server, &other, "event-koza-moshikomi", &check).await;
        assert_eq!(location(&res), "/p/event-koza-moshikomi/check?identity=email");
        assert_eq!(server.submissions(), 2);

        // Over the API an account-level procedure is refused with the envelope's code.
        let example: Value = {
            let dir = forms_dir().join("inu-shibo/examples/valid");
            let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
            files.sort();
            serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap()
        };
        let res = Client::new()
            .post(server.url("/api/v1/procedures/inu-shibo/submissions"))
            .header("Idempotency-Key", madoguchi_app::new_token().unwrap())
            .json(&example)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"]["code"], "sign_in_required", "{body}");
        assert_eq!(server.submissions(), 2);
    }
);
