//! Each city's own identity provider and payment provider configuration (its settings'
//! `identity_provider`, `payment_provider`): Sendai on the deployment's `[oidc]` and
//! `[payment]`, Akita on `[oidc.providers.akita]` and `[payment.providers.akita]`. Its
//! residents sign in at its own client and pay at its own provider, and nothing issued
//! for one city's configuration is taken on the other's host.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use madoguchi_core::Yen;
use madoguchi_e2e::madoguchi_testkit::SmtpSink;
use madoguchi_e2e::{TestServer, input_value, location, post_form, test_settings};
use madoguchi_payment::{
    PaymentMethod, PaymentStatus, SIGNATURE_HEADER, WebhookEvent, WebhookSecret, sign_webhook,
};
use madoguchi_server::Application;
use madoguchi_server::settings::{OidcSettings, PaymentSettings};
use madoguchi_store::prelude::{PaymentsRead, SubmissionsRead, Tenancy, TenancyRead};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use super::support::{City, cities_adopting_juminhyo};
use crate::identity::{start_provider_for, through_provider};

const AKITA: &str = "052019";
const SENDAI_CALLBACK: &str = "https://madoguchi.test/sign-in/callback";
const AKITA_CALLBACK: &str = "https://akita.localhost/sign-in/callback";

/// Names configurations in a city's stored settings (as `tenant add` would have), keeping
/// the rest of them.
fn name_providers(server: &TestServer, code: &str, identity: Option<&str>, payment: Option<&str>) {
    let mut conn = server.db.db.conn().unwrap();
    let entry = conn
        .all_tenants()
        .unwrap()
        .into_iter()
        .find(|t| t.id.as_str() == code)
        .unwrap();
    let mut settings: Value = serde_json::from_str(&entry.settings).unwrap();
    if let Some(name) = identity {
        settings["identity_provider"] = name.into();
    }
    if let Some(name) = payment {
        settings["payment_provider"] = name.into();
    }
    let now = chrono::Utc::now().naive_utc();
    assert!(
        conn.set_tenant_settings(&code.into(), &settings.to_string(), now)
            .unwrap()
    );
}

/// Retries `attempt` until it says yes (the nodes re-read the registry within 5 s).
async fn within_seconds<F: Future<Output = bool>>(what: &str, attempt: impl Fn() -> F) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !attempt().await {
        assert!(Instant::now() < deadline, "timed out: {what}");
        actix_web::rt::time::sleep(Duration::from_millis(250)).await;
    }
}

fn oidc(issuer: &str, client_id: &str) -> OidcSettings {
    OidcSettings {
        issuer: issuer.into(),
        client_id: client_id.into(),
        client_secret: "test-secret".into(),
        card_acr: "urn:madoguchi:acr:mynumbercard".into(),
        account_acr: "urn:madoguchi:acr:password".into(),
        ..OidcSettings::default()
    }
}

/// The provider's page a city's `/sign-in` sends the browser to.
async fn sign_in_start(city: &City, browser: &Client) -> String {
    let res = browser
        .get(city.url("/sign-in?next=/my"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}", city.host);
    location(&res)
}

fn query_value(url: &str, name: &str) -> String {
    reqwest::Url::parse(url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| panic!("no {name} in {url}"))
}

#[actix_web::test]
async fn each_city_signs_in_at_its_own_client_and_not_with_the_others() {
    let provider = start_provider_for(&[SENDAI_CALLBACK, AKITA_CALLBACK]);
    let server = TestServer::builder()
        .settings(|s| {
            let mut default = oidc(&provider.issuer, "madoguchi");
            default
                .providers
                .insert("akita".into(), oidc(&provider.issuer, "madoguchi-es"));
            s.oidc = Some(default);
        })
        .start();
    name_providers(&server, AKITA, Some("akita"), None);
    let sendai = City::of(&server, "sendai.localhost", "sendai.example");
    let akita = City::of(&server, "akita.localhost", "akita.example");
    let (s_browser, _) = sendai.browser();
    let (a_browser, _) = akita.browser();

    // Each city's sign-in goes to its own client, coming back to its own host.
    within_seconds("Akita signs in at its own client", || async {
        query_value(&sign_in_start(&akita, &a_browser).await, "client_id") == "madoguchi-es"
    })
    .await;
    let a_start = sign_in_start(&akita, &a_browser).await;
    assert_eq!(query_value(&a_start, "redirect_uri"), AKITA_CALLBACK);
    let s_start = sign_in_start(&sendai, &s_browser).await;
    assert_eq!(query_value(&s_start, "client_id"), "madoguchi");
    assert_eq!(query_value(&s_start, "redirect_uri"), SENDAI_CALLBACK);

    // A code issued to Akita's client, brought to Sendai's host with Sendai's own pending
    // sign-in: Sendai's client cannot redeem it.
    let a_callback = through_provider(&a_browser, &a_start, false, AKITA_CALLBACK).await;
    let code = query_value(&a_callback, "code");
    let s_state = query_value(&s_start, "state");
    let planted = format!("/sign-in/callback?code={code}&state={s_state}");
    let res = s_browser.get(sendai.url(&planted)).send().await.unwrap();
    assert_eq!(
        res.status(),
        StatusCode::BAD_REQUEST,
        "another client's code"
    );
    // Akita's whole callback on Sendai's host: another city's sign-in.
    let path = a_callback.strip_prefix("https://akita.localhost").unwrap();
    let res = s_browser.get(sendai.url(path)).send().await.unwrap();
    assert_eq!(
        res.status(),
        StatusCode::BAD_REQUEST,
        "another city's callback"
    );
    let (_, mine) = madoguchi_e2e::get(&s_browser, &sendai.url("/my")).await;
    assert!(
        !mine.contains("本人確認をしています"),
        "nobody signed in at Sendai"
    );

    // Each city's own sign-in, on its own host, goes through (the spent ones started anew).
    for (city, browser, callback) in [
        (&akita, &a_browser, AKITA_CALLBACK),
        (&sendai, &s_browser, SENDAI_CALLBACK),
    ] {
        let start = sign_in_start(city, browser).await;
        let back = through_provider(browser, &start, false, callback).await;
        let path = back
            .strip_prefix(callback.trim_end_matches("/sign-in/callback"))
            .unwrap();
        let res = browser.get(city.url(path)).send().await.unwrap();
        assert_eq!(location(&res), "/my", "{}: signed in", city.host);
    }
}

/// A stand-in provider as a separate service with its own keys; returns its address.
fn start_stub(api_key: &str, secret: &str) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let config = madoguchi_stubpay::StubConfig::new(
        &url,
        api_key,
        WebhookSecret::new(secret.as_bytes()).unwrap(),
    );
    let stub = madoguchi_stubpay::StubPay::new(config).unwrap();
    actix_web::rt::spawn(madoguchi_stubpay::serve(listener, stub).unwrap());
    url
}

/// A signed "paid" webhook for `checkout` (`amount` yen, filing `number`) posted to
/// `city`'s host.
async fn webhook(
    city: &City,
    secret: &str,
    checkout: &str,
    number: &str,
    amount: i64,
) -> (StatusCode, String) {
    let now = chrono::Utc::now().timestamp();
    let event = WebhookEvent {
        event_id: format!("evt_{checkout}_{}_{}", city.host, &secret[..6]),
        checkout_id: checkout.into(),
        reference: number.into(),
        status: PaymentStatus::Paid,
        amount: Yen::new(amount),
        amount_paid: Yen::new(amount),
        amount_refunded: Yen::new(0),
        method: Some(PaymentMethod::Card),
        occurred_at: now,
    };
    let body = serde_json::to_vec(&event).unwrap();
    let secret = WebhookSecret::new(secret.as_bytes()).unwrap();
    let res = city
        .bare()
        .post(city.url("/payments/webhook"))
        .header(SIGNATURE_HEADER, sign_webhook(&secret, now, &body))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    (res.status(), res.text().await.unwrap())
}

/// The clerk approves the filing (its fee is due after approval); the resident presses
/// "pay": returns the provider's page.
async fn approve_and_pay(city: &City, resident: &Client, number: &str) -> String {
    let (clerk, _) = city.staff("koseki-jumin").await;
    let queue = madoguchi_e2e::get(&clerk, &city.url("/office/queue"))
        .await
        .1;
    let end = queue
        .find(&format!("\">{number}</a>"))
        .expect("the filing in its city's queue");
    let marker = "href=\"/office/submissions/";
    let id = &queue[queue[..end].rfind(marker).unwrap() + marker.len()..end];
    let detail = city.url(&format!("/office/submissions/{id}"));
    let page = madoguchi_e2e::get(&clerk, &detail).await.1;
    let res = post_form(
        &clerk,
        &format!("{detail}/decision"),
        &input_value(&page, "csrf_token"),
        &[("decision", "approve"), ("reason", "")],
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "{}: approved",
        city.host
    );
    let receipt = madoguchi_e2e::get(resident, &city.url(&format!("/receipts/{number}")))
        .await
        .1;
    let res = post_form(
        resident,
        &city.url(&format!("/receipts/{number}/pay")),
        &input_value(&receipt, "csrf_token"),
        &[],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}: pay", city.host);
    location(&res)
}

#[actix_web::test]
async fn each_city_pays_at_its_own_provider_and_takes_only_its_webhooks() {
    let (s_secret, a_secret) = ("sendai-webhook-secret-0001", "akita-webhook-secret-00001");
    let s_stub = start_stub("sk_sendai", s_secret);
    let a_stub = start_stub("sk_akita", a_secret);
    let server = TestServer::builder()
        .settings(|s| {
            s.municipality_file = cities_adopting_juminhyo();
            s.payment.provider = "stub".into();
            s.payment.stub_url = s_stub.clone();
            s.payment.api_key = "sk_sendai".into();
            s.payment.webhook_secret = s_secret.into();
            let akita = PaymentSettings {
                provider: "stub".into(),
                stub_url: a_stub.clone(),
                api_key: "sk_akita".into(),
                webhook_secret: a_secret.into(),
                ..PaymentSettings::default()
            };
            s.payment.providers.insert("akita".into(), akita);
        })
        .start();
    name_providers(&server, AKITA, None, Some("akita"));
    let sendai = City::of(&server, "sendai.localhost", "sendai.example");
    let akita = City::of(&server, "akita.localhost", "akita.example");
    within_seconds("Akita checks webhooks with its own keys", || async {
        webhook(&akita, a_secret, "cs_nobody", "x", 600).await.0 == StatusCode::OK
    })
    .await;

    // Each city's checkout is made at its own provider (each takes only its own API key).
    let ((s_resident, _), s_number) = sendai.file("仙台 一郎", "せんだい　いちろう").await;
    let ((a_resident, _), a_number) = akita.file("秋田 花子", "あきた　はなこ").await;
    let s_page = approve_and_pay(&sendai, &s_resident, &s_number).await;
    let a_page = approve_and_pay(&akita, &a_resident, &a_number).await;
    assert!(s_page.starts_with(&s_stub), "{s_page}");
    assert!(a_page.starts_with(&a_stub), "{a_page}");

    let payment = |code: &str, number: &str| {
        let mut conn = server.db.db.conn().unwrap();
        let row = conn
            .find_submission_by_arrival_number(&code.into(), number)
            .unwrap()
            .unwrap();
        conn.payments_of(&row.id).unwrap().pop().unwrap()
    };
    let a_payment = payment(AKITA, &a_number);
    let checkout = a_payment.checkout_id.clone().unwrap();
    let amount = a_payment.amount_yen;

    // Akita's checkout reported with Sendai's keys, or with Akita's on Sendai's host: refused.
    let (status, body) = webhook(&akita, s_secret, &checkout, &a_number, amount).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "Sendai's keys on Akita's host: {body}"
    );
    let (status, body) = webhook(&sendai, a_secret, &checkout, &a_number, amount).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "Akita's keys on Sendai's host: {body}"
    );
    // Signed by Sendai's provider on Sendai's host, but Akita's checkout: not applied.
    let (status, body) = webhook(&sendai, s_secret, &checkout, &a_number, amount).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("unknown"), "{body}");
    assert_eq!(payment(AKITA, &a_number).status, PaymentStatus::Created);
    // Akita's provider on Akita's host: paid.
    let (status, body) = webhook(&akita, a_secret, &checkout, &a_number, amount).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("applied"), "{body}");
    assert_eq!(payment(AKITA, &a_number).status, PaymentStatus::Paid);
    assert_eq!(payment("041009", &s_number).status, PaymentStatus::Created);
}

/// A city naming a configuration the deployment lacks: the next start stops and names it,
/// and the operator cannot add a city naming one.
#[actix_web::test]
async fn a_city_naming_an_unknown_configuration_stops_the_start() {
    let server = TestServer::builder()
        .settings(|s| s.operator.token = "operator-token-for-the-tests-only".into())
        .start();
    let any = City::of(&server, "operator.internal", "");
    let new = json!({
        "code": "042072", "name_ja": "名取市", "name_en": "Natori City",
        "hosts": ["natori.localhost"], "municipality_file": "shiroishi.json",
        "admin_email": "admin@natori.example", "payment_provider": "natori-pay"
    });
    let res = any
        .bare()
        .post(any.url("/operator/v1/tenants"))
        .bearer_auth("operator-token-for-the-tests-only")
        .json(&new)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let said = res.text().await.unwrap();
    assert!(
        said.contains("natori-pay") && said.contains("payment_provider"),
        "{said}"
    );

    name_providers(&server, AKITA, Some("akita-id"), None);
    let sink = SmtpSink::start();
    let settings = test_settings(&server.db, &sink, &server.data_dir);
    let Err(e) = Application::build(settings) else {
        panic!("started with a city naming an unknown identity provider");
    };
    let said = e.to_string();
    assert!(
        said.contains(AKITA)
            && said.contains("akita-id")
            && said.contains("[oidc.providers.akita-id]"),
        "{said}"
    );
}
