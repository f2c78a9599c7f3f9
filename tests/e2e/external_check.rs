//! The library reservation's card check (`x-external-check`) over HTTP: the real server,
//! and the stand-in library (`madoguchi-stublibrary`) the demo settings start on loopback
//! for Sendai, checking the card's password for real.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use madoguchi_e2e::{browser, e2e_test, get, input_value, location, post_form};
use madoguchi_server::settings::ExternalCheckSettings;
use reqwest::StatusCode;
use serde_json::{Value, json};

const SUBMISSIONS: &str = "/api/v1/procedures/toshokan-yoyaku/submissions";
const READER: &str = "/p/toshokan-yoyaku/reader";
/// The stand-in library's first demo card and its password.
const CARD: &str = "2100012345";
const PASSWORD: &str = "hon-daisuki";
const WRONG: &str = "not-the-password";

fn answers(password: &str) -> Value {
    json!({
        "library_card_number": CARD,
        "library_password": password,
        "name": "仙台 太郎",
        "items": [{"kind": "book", "title": "杜の都の歴史"}],
        "pickup_library": "shimin",
        "notify_method": "email",
        "email": "taro.sendai@example.jp"
    })
}

e2e_test!(async fn the_api_files_with_the_cards_password_and_refuses_a_wrong_one_on_its_field(server) {
    let client = browser();
    let url = server.url(SUBMISSIONS);
    let res = client.post(&url).header("Idempotency-Key", "6a1f0c52-3d4e-4b7a-9c10-0e2f3a4b5c01")
        .json(&answers(WRONG)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "a wrong password is refused");
    let body = res.text().await.unwrap();
    assert!(!body.contains(WRONG), "the refusal never echoes the password: {body}");
    let body: Value = serde_json::from_str(&body).unwrap();
    let errors = body["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{body}");
    assert_eq!(errors[0]["pointer"], "/library_password");
    assert_eq!(errors[0]["code"], "external_check_refused");
    let ja = errors[0]["message"]["ja"].as_str().unwrap();
    let en = errors[0]["message"]["en"].as_str().unwrap();
    // The library does not say which answer it refused: both are named.
    assert!(ja.contains("利用者カード番号か図書館のパスワード") && ja.contains("もう一度入力してください"), "{ja}");
    assert!(en.contains("Library card number or Library password") && en.contains("enter again"), "{en}");
    assert_eq!(server.submissions(), 0);

    let res = client.post(&url).header("Idempotency-Key", "6a1f0c52-3d4e-4b7a-9c10-0e2f3a4b5c02")
        .json(&answers(PASSWORD)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::CREATED, "the library's system accepts the card's password");
    let body = res.text().await.unwrap();
    assert!(!body.contains(PASSWORD), "the receipt never holds the password: {body}");
    assert_eq!(server.submissions(), 1);
    let number = serde_json::from_str::<Value>(&body).unwrap()["arrival_number"].as_str().unwrap().to_string();
    let stored = {
        use madoguchi_store::prelude::SubmissionsRead;
        let tenant = madoguchi_testkit::defaults::tenant_id();
        server.db.db.conn().unwrap().find_submission_by_arrival_number(&tenant, &number).unwrap().unwrap().data
    };
    assert!(stored.contains(CARD), "the card number is kept");
    assert!(!stored.contains(PASSWORD) && !stored.contains("library_password"), "{stored}");
});

e2e_test!(settings(|s: &mut madoguchi_server::Settings| {
    // Sendai's library system is configured, at a loopback port nobody listens on.
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    s.external_checks.entry(s.tenant.clone()).or_default().insert(
        "library".into(),
        ExternalCheckSettings { url: format!("http://{dead}/check"), token: "library-token".into() },
    );
});
async fn an_unreachable_library_is_a_503_and_nothing_is_filed(server) {
    let client = browser();
    let res = client.post(server.url(SUBMISSIONS)).header("Idempotency-Key", "6a1f0c52-3d4e-4b7a-9c10-0e2f3a4b5c03")
        .json(&answers(PASSWORD)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE, "never a pass");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "external_check_unavailable", "{body}");
    assert!(!body.to_string().contains(PASSWORD));
    assert_eq!(server.submissions(), 0);

    // On the card's step: the error on the password, in words, and nothing saved.
    let (_, page) = get(&client, &server.url(READER)).await;
    let csrf = input_value(&page, "csrf_token");
    let res = post_form(&client, &server.url(READER), &csrf, &[
        ("library_card_number", CARD), ("library_password", PASSWORD), ("name", "仙台 太郎"),
    ]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("図書館のシステムにつながらないため"), "the step says the library cannot be reached");
    assert!(!page.contains(PASSWORD), "the password is not given back");
    assert_eq!(server.drafts(), 0);
});

/// The `<input>` of the password question, as the page renders it.
fn password_input(page: &str) -> &str {
    let start = page
        .find("name=\"library_password\"")
        .expect("the password question is on the step");
    let open = page[..start].rfind('<').unwrap();
    let end = start + page[start..].find('>').unwrap();
    &page[open..=end]
}

e2e_test!(async fn the_cards_step_checks_the_password_and_never_gives_it_back(server) {
    let client = browser();
    let (status, page) = get(&client, &server.url(READER)).await;
    assert_eq!(status, StatusCode::OK);
    let input = password_input(&page);
    assert!(input.contains("type=\"password\""), "{input}");
    assert!(input.contains("autocomplete=\"off\""), "{input}");
    let csrf = input_value(&page, "csrf_token");
    let post = |password: &'static str| {
        let (client, csrf, url) = (&client, csrf.clone(), server.url(READER));
        async move {
            post_form(client, &url, &csrf, &[
                ("library_card_number", CARD), ("library_password", password), ("name", "仙台 太郎"),
            ]).await
        }
    };

    // A wrong password: the error on the field in Japanese, the input empty again.
    let res = post(WRONG).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    // The library does not say which answer it refused: both are named.
    assert!(page.contains("入力した利用者カード番号か図書館のパスワードは図書館で確認できませんでした。確かめて、もう一度入力してください"), "the Japanese error");
    let input = password_input(&page);
    assert!(input.contains("type=\"password\""), "{input}");
    assert!(input.contains("aria-invalid=\"true\""), "the error is on the password: {input}");
    assert!(!input.contains(WRONG) && !page.contains(WRONG), "the password is never given back: {input}");
    assert!(page.contains(&format!("value=\"{CARD}\"")), "the card number is kept on the page");
    assert_eq!(server.drafts(), 0, "nothing saved");

    // The English page says the same in English.
    get(&client, &server.url(&format!("/lang/en?return={READER}"))).await;
    let res = post(WRONG).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    assert!(page.contains("What you entered as Library card number or Library password was not accepted by the library. Check and enter again"), "the English error");
    assert!(!page.contains(WRONG));
    let input = password_input(&page);
    assert!(input.contains("type=\"password\"") && !input.contains(WRONG), "{input}");

    // The right password goes on to the next step; the draft keeps no password.
    let res = post(PASSWORD).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), "/p/toshokan-yoyaku/items");
    assert_eq!(server.drafts(), 1);
    let (_, page) = get(&client, &server.url(READER)).await;
    let input = password_input(&page);
    assert!(!input.contains(PASSWORD) && !page.contains(PASSWORD), "never filled in again: {input}");
});
