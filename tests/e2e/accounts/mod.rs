//! Residents' accounts end to end over HTTP with real SMTP: registering, the confirmation
//! link, signing in, throttling, a password reset by emailed link, "stay signed in", and the
//! identity levels enforced when the city turns them on (an account procedure needs a
//! sign-in; a guest confirms the contact email with a code).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::time::Duration;

use madoguchi_e2e::{TestServer, browser, e2e_test, get, input_value, location, post_form};
use madoguchi_forms::input::posted_from_data;
use madoguchi_server::Settings;
use reqwest::{Client, StatusCode};
use serde_json::Value;

mod identity_levels;
mod prefill;
mod registration;
mod up_front;

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
        .pool_idle_timeout(madoguchi_e2e::IDLE)
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
