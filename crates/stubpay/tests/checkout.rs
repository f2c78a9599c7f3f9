//! The stub over real HTTP through `StubPayClient`: checkouts, the hosted page, outcomes,
//! refunds, authentication and an unreachable provider.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use madoguchi_core::Yen;
use madoguchi_payment::{PaymentMethod, PaymentProvider, PaymentStatus, ProviderError};
use madoguchi_stubpay::StubPayClient;
use serde_json::json;

#[test]
fn a_retried_create_returns_the_same_checkout_and_a_reused_key_is_refused() {
    let stub = Harness::start();
    let key = key();
    let first = stub.client.create_checkout(&request(300, &key)).unwrap();
    let again = stub.client.create_checkout(&request(300, &key)).unwrap();
    assert_eq!(first, again);
    assert_eq!(first.status, PaymentStatus::Created);
    assert_eq!(
        first.page_url,
        format!("{}/pay/{}", stub.base, first.checkout_id)
    );

    let reused = stub.client.create_checkout(&request(450, &key));
    assert!(
        matches!(&reused, Err(ProviderError::Rejected(m)) if m.contains("409")),
        "{reused:?}"
    );
    let other = stub
        .client
        .create_checkout(&request(300, &common::key()))
        .unwrap();
    assert_ne!(other.checkout_id, first.checkout_id);

    let state = stub.client.status(&first.checkout_id).unwrap();
    assert_eq!(state.amount, Yen::new(300));
    assert_eq!(state.amount_paid, Yen::ZERO);
    assert_eq!(state.reference, "R0800-0001");
}

#[test]
fn a_checkout_needs_a_positive_amount_and_an_http_return_url() {
    let stub = Harness::start();
    let zero = stub.client.create_checkout(&request(0, &key()));
    assert!(
        matches!(&zero, Err(ProviderError::Rejected(m)) if m.contains("422")),
        "{zero:?}"
    );
    let mut bad = request(300, &key());
    bad.return_url = "javascript:alert(1)".into();
    assert!(matches!(
        stub.client.create_checkout(&bad),
        Err(ProviderError::Rejected(_))
    ));
}

#[test]
fn the_hosted_page_offers_card_konbini_and_qr_in_accessible_html() {
    let stub = Harness::start();
    let checkout = stub.checkout(300);
    let page = stub.http.get(&checkout.page_url).send().unwrap();
    assert_eq!(page.status(), 200);
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = page.text().unwrap();
    assert!(html.contains("<html lang=\"ja\">"));
    assert!(html.contains("name=\"viewport\""));
    assert!(html.contains("<label for=\"card_number\">"));
    assert!(html.contains("id=\"card_number\" name=\"card_number\""));
    assert!(html.contains("クレジットカード") && html.contains("Card"));
    assert!(html.contains("コンビニ払い") && html.contains("Convenience store"));
    assert!(html.contains("QRコード決済") && html.contains("<svg"));
    for action in ["card", "konbini", "qr"] {
        assert!(
            html.contains(&format!("action=\"{}/{action}\"", checkout.page_url)),
            "{action}"
        );
    }
    assert!(html.contains("300円"));
    assert!(!html.contains("<script"), "works without JavaScript");

    let missing = stub
        .http
        .get(format!("{}/pay/cs_nothing", stub.base))
        .send()
        .unwrap();
    assert_eq!(missing.status(), 404);
}

#[test]
fn the_test_card_pays_and_sends_the_resident_back() {
    let stub = Harness::start();
    let checkout = stub.checkout(1200);
    let response = stub.pay(&checkout.checkout_id, "card", Some("4242 4242 4242 4242"));
    assert_eq!(response.status(), 303);
    assert_eq!(
        location(&response),
        format!(
            "http://city.example/p/juminhyo/paid?checkout={}",
            checkout.checkout_id
        )
    );
    let state = stub.client.status(&checkout.checkout_id).unwrap();
    assert_eq!(state.status, PaymentStatus::Paid);
    assert_eq!(state.amount_paid, Yen::new(1200));
    assert_eq!(state.method, Some(PaymentMethod::Card));
    assert!(state.paid_at.is_some());

    let (_, event) = stub.next_event();
    assert_eq!(event.checkout_id, checkout.checkout_id);
    assert_eq!(event.status, PaymentStatus::Paid);
    assert_eq!(event.amount_paid, Yen::new(1200));

    // Paying again is not possible: the page shows the outcome.
    let twice = stub.pay(&checkout.checkout_id, "qr", None);
    assert_eq!(twice.status(), 303);
    assert!(location(&twice).contains("checkout="));
    assert_eq!(
        stub.client.status(&checkout.checkout_id).unwrap().method,
        Some(PaymentMethod::Card)
    );
}

#[test]
fn the_decline_card_fails_and_an_unknown_card_asks_again() {
    let stub = Harness::start();
    let checkout = stub.checkout(300);
    let unknown = stub.pay(&checkout.checkout_id, "card", Some("1234"));
    assert_eq!(unknown.status(), 422);
    assert!(unknown.text().unwrap().contains("role=\"alert\""));
    assert_eq!(
        stub.client.status(&checkout.checkout_id).unwrap().status,
        PaymentStatus::Created
    );

    let declined = stub.pay(&checkout.checkout_id, "card", Some("4000000000000002"));
    assert_eq!(declined.status(), 303);
    assert!(location(&declined).ends_with(&format!("?checkout={}", checkout.checkout_id)));
    assert_eq!(
        stub.client.status(&checkout.checkout_id).unwrap().status,
        PaymentStatus::Failed
    );
    assert_eq!(stub.next_event().1.status, PaymentStatus::Failed);
}

#[test]
fn a_script_overrides_the_card_number() {
    let stub = Harness::start();
    let checkout = stub.checkout(300);
    stub.script(&checkout.checkout_id, json!({"outcome": "decline"}));
    stub.pay(&checkout.checkout_id, "card", Some("4242424242424242"));
    assert_eq!(
        stub.client.status(&checkout.checkout_id).unwrap().status,
        PaymentStatus::Failed
    );
}

#[test]
fn a_konbini_number_is_pending_until_paid_at_the_till() {
    let stub = Harness::start();
    let checkout = stub.checkout(300);
    let response = stub.pay(&checkout.checkout_id, "konbini", None);
    assert_eq!(response.status(), 303);
    assert_eq!(
        location(&response),
        checkout.page_url,
        "back to the page with the number"
    );

    let state = stub.client.status(&checkout.checkout_id).unwrap();
    assert_eq!(state.status, PaymentStatus::Pending);
    assert_eq!(state.method, Some(PaymentMethod::Konbini));
    let number = state.konbini_number.clone().expect("a payment number");
    assert_eq!(number.len(), 12);
    assert!(number.bytes().all(|b| b.is_ascii_digit()));
    let page = stub
        .http
        .get(&checkout.page_url)
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(page.contains(&number));
    assert!(page.contains(&format!("?checkout={}", checkout.checkout_id)));
    assert_eq!(stub.next_event().1.status, PaymentStatus::Pending);

    let settled = stub.test_route(&checkout.checkout_id, "settle", no_script());
    assert_eq!(settled.status(), 200);
    let state = stub.client.status(&checkout.checkout_id).unwrap();
    assert_eq!(state.status, PaymentStatus::Paid);
    assert_eq!(state.amount_paid, Yen::new(300));
    assert_eq!(state.konbini_number, Some(number));
    assert_eq!(stub.next_event().1.status, PaymentStatus::Paid);
}

#[test]
fn pending_then_paid_settles_by_itself() {
    let stub = Harness::start();
    let checkout = stub.checkout(300);
    stub.script(
        &checkout.checkout_id,
        json!({"outcome": "pending_then_paid", "settle_after_ms": 100}),
    );
    stub.pay(&checkout.checkout_id, "konbini", None);
    stub.wait_for(&checkout.checkout_id, PaymentStatus::Paid);
    let mut statuses = vec![stub.next_event().1.status, stub.next_event().1.status];
    statuses.sort_by_key(|s| *s as u8);
    assert_eq!(statuses, [PaymentStatus::Pending, PaymentStatus::Paid]);
}

#[test]
fn a_konbini_number_expires_and_an_expire_script_ends_the_checkout() {
    let stub = Harness::start();
    let checkout = stub.checkout(300);
    stub.pay(&checkout.checkout_id, "konbini", None);
    assert_eq!(stub.next_event().1.status, PaymentStatus::Pending);
    let expired = stub.test_route(&checkout.checkout_id, "expire", no_script());
    assert_eq!(expired.status(), 200);
    assert_eq!(
        stub.client.status(&checkout.checkout_id).unwrap().status,
        PaymentStatus::Expired
    );
    assert_eq!(stub.next_event().1.status, PaymentStatus::Expired);
    let late = stub.test_route(&checkout.checkout_id, "settle", no_script());
    assert_eq!(late.status(), 409, "an expired number cannot be paid");

    let other = stub.checkout(300);
    stub.script(&other.checkout_id, json!({"outcome": "expire"}));
    let response = stub.pay(&other.checkout_id, "qr", None);
    assert!(location(&response).ends_with(&format!("?checkout={}", other.checkout_id)));
    assert_eq!(
        stub.client.status(&other.checkout_id).unwrap().status,
        PaymentStatus::Expired
    );
}

#[test]
fn a_konbini_number_lapses_after_its_due_date() {
    let stub = Harness::with(Options {
        konbini_valid_secs: -1,
        ..Options::default()
    });
    let checkout = stub.checkout(300);
    stub.pay(&checkout.checkout_id, "konbini", None);
    assert_eq!(
        stub.client.status(&checkout.checkout_id).unwrap().status,
        PaymentStatus::Expired
    );
}

#[test]
fn refunds_are_partial_or_full_idempotent_and_never_more_than_paid() {
    let stub = Harness::start();
    let checkout = stub.checkout(300);
    let id = &checkout.checkout_id;
    let early = stub.client.refund(id, Yen::new(100), &key());
    assert!(
        matches!(&early, Err(ProviderError::Rejected(m)) if m.contains("422")),
        "{early:?}"
    );

    stub.pay(id, "qr", None);
    let partial_key = key();
    let partial = stub.client.refund(id, Yen::new(100), &partial_key).unwrap();
    assert_eq!(partial.amount, Yen::new(100));
    assert_eq!(partial.amount_refunded, Yen::new(100));
    assert_eq!(partial.status, PaymentStatus::Paid);
    assert_eq!(
        stub.client.refund(id, Yen::new(100), &partial_key).unwrap(),
        partial,
        "a retried refund is the same refund"
    );
    assert!(matches!(
        stub.client.refund(id, Yen::new(50), &partial_key),
        Err(ProviderError::Rejected(_))
    ));

    let over = stub.client.refund(id, Yen::new(201), &key());
    assert!(
        matches!(&over, Err(ProviderError::Rejected(m)) if m.contains("422")),
        "{over:?}"
    );
    assert!(matches!(
        stub.client.refund(id, Yen::ZERO, &key()),
        Err(ProviderError::Rejected(_))
    ));

    let rest = stub.client.refund(id, Yen::new(200), &key()).unwrap();
    assert_eq!(rest.amount_refunded, Yen::new(300));
    assert_eq!(rest.status, PaymentStatus::Refunded);
    let state = stub.client.status(id).unwrap();
    assert_eq!(state.status, PaymentStatus::Refunded);
    assert_eq!(state.amount_refunded, Yen::new(300));
    assert!(matches!(
        stub.client.refund(id, Yen::new(1), &key()),
        Err(ProviderError::Rejected(_))
    ));

    assert_eq!(
        stub.client.refund("cs_nothing", Yen::new(1), &key()),
        Err(ProviderError::NotFound("cs_nothing".into()))
    );
    assert_eq!(
        stub.client.status("cs_nothing"),
        Err(ProviderError::NotFound("cs_nothing".into()))
    );
}

#[test]
fn a_wrong_or_missing_api_key_is_unauthorised() {
    let stub = Harness::start();
    let wrong = StubPayClient::new(&stub.base, "sk_wrong", secret()).unwrap();
    let refused = wrong.create_checkout(&request(300, &key()));
    assert!(
        matches!(&refused, Err(ProviderError::Rejected(m)) if m.contains("401")),
        "{refused:?}"
    );
    let bare = stub
        .http
        .post(format!("{}/v1/checkouts", stub.base))
        .header("idempotency-key", "k")
        .json(&json!({}))
        .send()
        .unwrap();
    assert_eq!(bare.status(), 401);
    let checkout = stub.checkout(300);
    let peek = stub
        .http
        .get(format!(
            "{}/v1/checkouts/{}",
            stub.base, checkout.checkout_id
        ))
        .send()
        .unwrap();
    assert_eq!(peek.status(), 401);
    let script = stub
        .http
        .post(format!(
            "{}/test/checkouts/{}/settle",
            stub.base, checkout.checkout_id
        ))
        .send()
        .unwrap();
    assert_eq!(script.status(), 401);
}

#[test]
fn a_create_without_idempotency_key_is_refused() {
    let stub = Harness::start();
    let response = stub
        .http
        .post(format!("{}/v1/checkouts", stub.base))
        .bearer_auth(API_KEY)
        .json(
            &json!({"reference": "R", "amount": 300, "description": "d", "return_url": "http://x"}),
        )
        .send()
        .unwrap();
    assert_eq!(response.status(), 400);
}

#[test]
fn the_test_routes_exist_only_in_test_mode() {
    let stub = Harness::with(Options {
        test_mode: false,
        ..Options::default()
    });
    let checkout = stub.checkout(300);
    let response = stub.test_route(
        &checkout.checkout_id,
        "script",
        json!({"outcome": "decline"}),
    );
    assert_eq!(response.status(), 404);
}

#[test]
fn a_provider_that_is_down_is_unavailable() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = StubPayClient::new(format!("http://127.0.0.1:{port}"), API_KEY, secret()).unwrap();
    assert!(matches!(
        client.create_checkout(&request(300, &key())),
        Err(ProviderError::Unavailable(_))
    ));
    assert!(matches!(
        client.status("cs_x"),
        Err(ProviderError::Unavailable(_))
    ));
    assert!(matches!(
        client.refund("cs_x", Yen::new(1), &key()),
        Err(ProviderError::Unavailable(_))
    ));
}

#[test]
fn two_stubs_sharing_a_store_see_the_same_checkouts() {
    let store: std::sync::Arc<MemoryStore> = std::sync::Arc::default();
    let shared = || Options {
        store: Some(store.clone()),
        ..Options::default()
    };
    let a = Harness::with(shared());
    let b = Harness::with(shared());
    let key = key();
    let made = a.client.create_checkout(&request(300, &key)).unwrap();
    // The other process knows it, answers a retried create with it, and takes the payment.
    assert_eq!(
        b.client.status(&made.checkout_id).unwrap().amount,
        Yen::new(300)
    );
    let again = b.client.create_checkout(&request(300, &key)).unwrap();
    assert_eq!(again.checkout_id, made.checkout_id);
    let paid = b.pay(&made.checkout_id, "card", Some("4242424242424242"));
    assert!(paid.status().is_redirection(), "{}", paid.status());
    a.wait_for(&made.checkout_id, PaymentStatus::Paid);
    // A process with a store of its own does not know it.
    let alone = Harness::start();
    assert!(alone.client.status(&made.checkout_id).is_err());
}
