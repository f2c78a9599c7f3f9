//! Webhook delivery: each event POSTed as JSON, signed at the moment of sending, retried
//! with backoff until the receiver answers 2xx or the attempts run out.

use std::time::Duration;

use madoguchi_payment::{SIGNATURE_HEADER, WebhookEvent, WebhookSecret, sign_webhook};

use crate::state::now_unix;

pub(crate) async fn deliver(
    http: reqwest::Client,
    url: String,
    secret: WebhookSecret,
    attempts: u32,
    delay: Duration,
    events: Vec<WebhookEvent>,
) {
    if !delay.is_zero() {
        actix_web::rt::time::sleep(delay).await;
    }
    // In order: a scripted stale event follows the one it is stale to.
    for event in events {
        let body = match serde_json::to_vec(&event) {
            Ok(body) => body,
            Err(e) => {
                tracing::error!(error = %e, "webhook event could not be serialised");
                continue;
            }
        };
        send(&http, &url, &secret, attempts, &event.event_id, body).await;
    }
}

async fn send(
    http: &reqwest::Client,
    url: &str,
    secret: &WebhookSecret,
    attempts: u32,
    event_id: &str,
    body: Vec<u8>,
) {
    let mut backoff = Duration::from_millis(100);
    for attempt in 1..=attempts.max(1) {
        let signature = sign_webhook(secret, now_unix(), &body);
        let result = http
            .post(url)
            .header("content-type", "application/json")
            .header(SIGNATURE_HEADER, signature)
            .body(body.clone())
            .send()
            .await;
        match result {
            Ok(response) if response.status().is_success() => return,
            Ok(response) => {
                tracing::warn!(event_id, attempt, status = %response.status(), "webhook refused");
            }
            Err(e) => tracing::warn!(event_id, attempt, error = %e, "webhook not delivered"),
        }
        if attempt < attempts {
            actix_web::rt::time::sleep(backoff).await;
            backoff = (backoff * 2).min(Duration::from_secs(5));
        }
    }
    tracing::error!(event_id, "webhook given up after {attempts} attempt(s)");
}
