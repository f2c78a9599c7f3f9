//! The identity provider's verified claims fill in forms first (issue 20 item 11): after
//! the My Number Card step-up at the real test provider (`tests/oidc-provider`), the
//! resident-record request starts with the card's name, birth date, postal code and
//! address, each saying where it came from; the resident changes one, and the check page
//! marks the rest as verified with the card, not the changed one.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use madoguchi_e2e::{PAYMENT, REQUEST, TestServer, browser, get, input_value, location, post_form};
use madoguchi_server::settings::OidcSettings;
use reqwest::{Client, StatusCode};

use crate::identity::{start_provider_for, through_provider};

const CALLBACK: &str = "https://madoguchi.test/sign-in/callback";

/// The `value` of the text input named `name` on `page`.
fn text_value(page: &str, name: &str) -> Option<String> {
    let at = page.find(&format!("name=\"{name}\""))?;
    let start = page[..at].rfind("<input")?;
    let tag = &page[start..start + page[start..].find('>')?];
    let v = tag.find("value=\"")? + "value=\"".len();
    Some(tag[v..v + tag[v..].find('"')?].to_string())
}

/// The first step as the resident sends it: the card's details kept but the name (a
/// different spelling), and what the card does not say typed in.
const KEPT_BUT_THE_NAME: &[(&str, &str)] = &[
    ("applicant_name", "山田 太朗"),
    ("applicant_name_kana", "ヤマダ　タロウ"),
    ("applicant_birth_date.era", "showa"),
    ("applicant_birth_date.year", "55"),
    ("applicant_birth_date.month", "4"),
    ("applicant_birth_date.day", "1"),
    ("applicant_postal_code", "980-0811"),
    ("applicant_address.prefecture", "宮城県"),
    ("applicant_address.city", "仙台市青葉区"),
    ("applicant_address.town", "一番町四丁目"),
    ("applicant_address.block", "7-1"),
    ("applicant_address.building", ""),
    ("applicant_phone", "022-261-1111"),
    ("applicant_email", "taro@example.test"),
];

#[actix_web::test]
async fn the_cards_verified_details_fill_in_the_form_first() {
    let provider = start_provider_for(&[CALLBACK]);
    let server = TestServer::start_with(madoguchi_testkit::TestDb::sqlite(), |s| {
        s.oidc = Some(OidcSettings {
            issuer: provider.issuer.clone(),
            client_id: "madoguchi".into(),
            client_secret: "test-secret".into(),
            card_acr: "urn:madoguchi:acr:mynumbercard".into(),
            account_acr: "urn:madoguchi:acr:password".into(),
            ..OidcSettings::default()
        });
    });
    // A password sign-in: the provider's name is not verified, nothing is filled from it.
    let other = signed_in(&server, "/sign-in?next=/procedures", false).await;
    let (_, page) = get(&other, &server.url("/p/juminhyo-copy/applicant")).await;
    assert_eq!(
        text_value(&page, "applicant_name").as_deref(),
        Some(""),
        "{page}"
    );
    assert!(!page.contains("マイナンバーカードで確認された情報"));

    // The card step-up: the form starts with what the card says, each question saying so.
    let resident = signed_in(
        &server,
        "/sign-in?level=my_number_card&next=/procedures",
        true,
    )
    .await;
    let (status, page) = get(&resident, &server.url("/p/juminhyo-copy/applicant")).await;
    assert_eq!(status, StatusCode::OK);
    // Each field the card fills, and the phone (not on the card) left empty.
    for (field, value) in [
        ("applicant_name", "山田 太郎"),
        ("applicant_birth_date.year", "55"),
        ("applicant_postal_code", "980-0811"),
        ("applicant_address.prefecture", "宮城県"),
        ("applicant_address.city", "仙台市青葉区"),
        ("applicant_address.town", "一番町四丁目"),
        ("applicant_address.block", "7-1"),
        ("applicant_phone", ""),
    ] {
        assert_eq!(
            text_value(&page, field).as_deref(),
            Some(value),
            "{field}: {page}"
        );
    }
    assert!(
        page.contains("value=\"showa\" selected"),
        "1980 is 昭和55年"
    );
    assert_eq!(
        page.matches("マイナンバーカードで確認された情報から入力しました")
            .count(),
        1,
        "said once for the step: {page}"
    );
    assert_eq!(
        page.matches("マイナンバーカードで確認した情報").count(),
        4,
        "name, birth date, postal code, address: {page}"
    );
    let english = resident
        .get(server.url("/p/juminhyo-copy/applicant"))
        .header(reqwest::header::ACCEPT_LANGUAGE, "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        english.contains("from the details confirmed with your My Number Card"),
        "{english}"
    );

    // The resident changes the name and goes on: the check page marks the other three.
    let csrf = input_value(&page, "csrf_token");
    for (step, answers) in [
        ("applicant", KEPT_BUT_THE_NAME),
        ("request", REQUEST),
        ("payment", PAYMENT),
    ] {
        let res = post_form(
            &resident,
            &server.url(&format!("/p/juminhyo-copy/{step}")),
            &csrf,
            answers,
        )
        .await;
        let status = res.status();
        let body = res.text().await.unwrap();
        let errors = body.find("error-summary").map_or("", |at| &body[at..]);
        assert_eq!(
            status,
            StatusCode::SEE_OTHER,
            "step {step}: {}",
            &errors[..errors.len().min(1500)]
        );
    }
    let (_, check) = get(&resident, &server.url("/p/juminhyo-copy/check")).await;
    assert_eq!(
        check.matches("マイナンバーカードで確認した情報").count(),
        3,
        "birth date, postal code, address: {check}"
    );
    let name_row = &check[check.find("山田 太朗").expect("the changed name")..];
    let name_row = &name_row[..name_row.find("</dd>").unwrap()];
    assert!(
        !name_row.contains("prefilled-mark"),
        "a changed answer is the resident's: {name_row}"
    );
    let english = resident
        .get(server.url("/p/juminhyo-copy/check"))
        .header(reqwest::header::ACCEPT_LANGUAGE, "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        english.matches("Verified with your My Number Card").count(),
        3,
        "{english}"
    );
}

/// A new browser signed in through the test provider from `sign_in` (with the card when
/// `card`), back on the procedures page.
async fn signed_in(server: &TestServer, sign_in: &str, card: bool) -> Client {
    let client = browser();
    get(&client, &server.url("/procedures")).await;
    let res = client.get(server.url(sign_in)).send().await.unwrap();
    let callback = through_provider(&client, &location(&res), card, CALLBACK).await;
    let res = client.get(server.local(&callback)).send().await.unwrap();
    assert_eq!(location(&res), "/procedures");
    client
}
