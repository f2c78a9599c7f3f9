//! Webhooks from the running stub, verified with the payment crate, and the scripted
//! delivery behaviours.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use madoguchi_payment::{
    DEFAULT_TOLERANCE_SECS, PaymentProvider, PaymentStatus, WebhookError, advance,
};
use serde_json::json;

#[test]
fn every_delivery_is_signed_and_verifies() {
    let stub = Harness::start();
    let checkout = stub.checkout(300);
    stub.pay(&checkout.checkout_id, "qr", None);
    let (delivery, event) = stub.next_event();
    let signature = delivery.signature.clone().unwrap();
    assert!(signature.starts_with("t=") && signature.contains(",v1="));
    assert_eq!(event.checkout_id, checkout.checkout_id);
    assert_eq!(event.reference, "R0800-0001");
    assert!(event.event_id.starts_with("evt_"));
    assert_eq!(event.status, PaymentStatus::Paid);
}

#[test]
fn tampered_unsigned_and_replayed_webhooks_are_rejected() {
    let stub = Harness::start();
    let checkout = stub.checkout(300);
    stub.pay(&checkout.checkout_id, "qr", None);
    let (delivery, _) = stub.next_event();

    let mut tampered = delivery.clone();
    tampered.body = String::from_utf8(delivery.body.clone())
        .unwrap()
        .replace("\"paid\"", "\"refunded\"")
        .into_bytes();
    assert_ne!(tampered.body, delivery.body);
    assert_eq!(
        stub.verify(&tampered, now()),
        Err(WebhookError::BadSignature)
    );

    let mut unsigned = delivery.clone();
    unsigned.signature = None;
    assert_eq!(
        stub.verify(&unsigned, now()),
        Err(WebhookError::MissingSignature)
    );

    // The same request replayed after the window has passed.
    let later = now() + DEFAULT_TOLERANCE_SECS as i64 + 60;
    assert!(matches!(
        stub.verify(&delivery, later),
        Err(WebhookError::OutsideReplayWindow { .. })
    ));

    let other_secret = madoguchi_payment::WebhookSecret::new(b"whsec_not_the_shared_one").unwrap();
    let stranger =
        madoguchi_stubpay::StubPayClient::new(&stub.base, API_KEY, other_secret).unwrap();
    let headers = [(
        "Madoguchi-Signature",
        delivery.signature.as_deref().unwrap(),
    )];
    assert_eq!(
        stranger.verify_webhook(&headers, &delivery.body, now()),
        Err(WebhookError::BadSignature)
    );
}

#[test]
fn duplicate_delivers_the_same_event_twice() {
    let stub = Harness::start();
    let checkout = stub.checkout(300);
    stub.script(
        &checkout.checkout_id,
        json!({"webhook": {"duplicate": true}}),
    );
    stub.pay(&checkout.checkout_id, "qr", None);
    let (first, a) = stub.next_event();
    let (second, b) = stub.next_event();
    assert_eq!(a, b, "same event, same id: the receiver drops the second");
    assert_eq!(first.body, second.body);
    assert_eq!(a.status, PaymentStatus::Paid);
}

#[test]
fn out_of_order_sends_a_stale_event_after_the_new_one() {
    let stub = Harness::start();
    let checkout = stub.checkout(300);
    stub.script(
        &checkout.checkout_id,
        json!({"webhook": {"out_of_order": true}}),
    );
    stub.pay(&checkout.checkout_id, "card", Some("4242424242424242"));
    let (_, paid) = stub.next_event();
    let (_, stale) = stub.next_event();
    assert_eq!(paid.status, PaymentStatus::Paid);
    assert_eq!(stale.status, PaymentStatus::Created);
    assert_ne!(stale.event_id, paid.event_id);
    assert!(stale.occurred_at <= paid.occurred_at);
    assert!(
        advance(paid.status, stale.status).is_err(),
        "the status rules refuse the stale event"
    );
}

#[test]
fn a_delayed_webhook_still_arrives() {
    let stub = Harness::start();
    let checkout = stub.checkout(300);
    stub.script(&checkout.checkout_id, json!({"webhook": {"delay_ms": 200}}));
    stub.pay(&checkout.checkout_id, "qr", None);
    assert_eq!(stub.next_event().1.status, PaymentStatus::Paid);
}

#[test]
fn a_refused_delivery_is_retried() {
    let stub = Harness::with(Options {
        refuse_first: 2,
        ..Options::default()
    });
    let checkout = stub.checkout(300);
    stub.pay(&checkout.checkout_id, "qr", None);
    let refused = [stub.next_delivery(), stub.next_delivery()];
    assert!(refused.iter().all(|d| !d.accepted));
    let accepted = stub.next_delivery();
    assert!(accepted.accepted);
    let event = stub.verify(&accepted, now()).unwrap();
    assert_eq!(
        event,
        stub.verify(&refused[0], now()).unwrap(),
        "the same event, re-signed"
    );
}

#[test]
fn partial_and_full_refunds_are_announced() {
    let stub = Harness::start();
    let checkout = stub.checkout(300);
    stub.pay(&checkout.checkout_id, "qr", None);
    assert_eq!(stub.next_event().1.status, PaymentStatus::Paid);
    stub.client
        .refund(&checkout.checkout_id, madoguchi_core::Yen::new(100), &key())
        .unwrap();
    let (_, partial) = stub.next_event();
    assert_eq!(partial.status, PaymentStatus::Paid);
    assert_eq!(partial.amount_refunded, madoguchi_core::Yen::new(100));
    stub.client
        .refund(&checkout.checkout_id, madoguchi_core::Yen::new(200), &key())
        .unwrap();
    assert_eq!(stub.next_event().1.status, PaymentStatus::Refunded);
}
