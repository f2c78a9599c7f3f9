//! Signed webhooks: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
//!
//! The signature covers the timestamp, so an old request cannot be replayed with a fresh
//! time, and the timestamp must lie within a window around the receiver's clock. Within
//! the window the same request can still arrive twice (providers deliver at least once):
//! the receiver drops events whose [`WebhookEvent::event_id`] it has already processed.

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use madoguchi_core::Yen;
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::{PaymentMethod, PaymentStatus};

/// The request header that carries the signature.
pub const SIGNATURE_HEADER: &str = "Madoguchi-Signature";

/// How far (seconds) a webhook's timestamp may lie from the receiver's clock, either way.
pub const DEFAULT_TOLERANCE_SECS: u64 = 300;

const MIN_SECRET_LEN: usize = 16;

/// The secret shared with the provider. Never printed.
#[derive(Clone)]
pub struct WebhookSecret {
    mac: Hmac<Sha256>,
}

impl WebhookSecret {
    /// At least 16 bytes.
    pub fn new(secret: &[u8]) -> Result<Self, WebhookError> {
        if secret.len() < MIN_SECRET_LEN {
            return Err(WebhookError::WeakSecret);
        }
        let mac = Hmac::<Sha256>::new_from_slice(secret).map_err(|_| WebhookError::WeakSecret)?;
        Ok(Self { mac })
    }

    fn mac(&self, timestamp: i64, body: &[u8]) -> Hmac<Sha256> {
        let mut mac = self.mac.clone();
        mac.update(timestamp.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        mac
    }
}

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret(..)")
    }
}

/// What a webhook tells: a checkout changed. Statuses may arrive repeated or out of
/// order; apply them with [`crate::advance`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookEvent {
    /// Unique per event; a repeated delivery carries the same id.
    pub event_id: String,
    pub checkout_id: String,
    /// The reference given at checkout creation.
    pub reference: String,
    pub status: PaymentStatus,
    /// The checkout's amount.
    pub amount: Yen,
    pub amount_paid: Yen,
    pub amount_refunded: Yen,
    pub method: Option<PaymentMethod>,
    /// When the change happened at the provider, Unix seconds.
    pub occurred_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WebhookError {
    #[error("the webhook carries no signature")]
    MissingSignature,
    #[error("the webhook signature header is garbled")]
    MalformedSignature,
    #[error("the webhook signature does not match")]
    BadSignature,
    #[error("the webhook was signed at {timestamp}, outside the replay window around {now}")]
    OutsideReplayWindow { timestamp: i64, now: i64 },
    #[error("the webhook body is not an event: {0}")]
    MalformedEvent(String),
    #[error("a webhook secret needs at least {MIN_SECRET_LEN} bytes")]
    WeakSecret,
}

/// The signature header value for `body` sent at `timestamp` (Unix seconds).
pub fn sign_webhook(secret: &WebhookSecret, timestamp: i64, body: &[u8]) -> String {
    let tag = secret.mac(timestamp, body).finalize().into_bytes();
    format!("t={timestamp},v1={}", hex(&tag))
}

/// Checks a signature header: well-formed, a `v1` matching `body` (compared in constant
/// time), and a timestamp within `tolerance_secs` of `now_unix` in either direction.
pub fn verify_signature(
    secret: &WebhookSecret,
    header: &str,
    body: &[u8],
    now_unix: i64,
    tolerance_secs: u64,
) -> Result<(), WebhookError> {
    if header.trim().is_empty() {
        return Err(WebhookError::MissingSignature);
    }
    let (timestamp, candidates) = parse_header(header)?;
    // `verify_slice` compares in constant time. Several `v1` are allowed (the provider
    // may sign with an old and a new secret while they are rotated).
    let matched = candidates
        .iter()
        .any(|tag| secret.mac(timestamp, body).verify_slice(tag).is_ok());
    if !matched {
        return Err(WebhookError::BadSignature);
    }
    if now_unix.abs_diff(timestamp) > tolerance_secs {
        return Err(WebhookError::OutsideReplayWindow {
            timestamp,
            now: now_unix,
        });
    }
    Ok(())
}

/// [`verify_signature`] with the default window, then the event parsed from the body.
pub fn verify_webhook(
    secret: &WebhookSecret,
    header: &str,
    body: &[u8],
    now_unix: i64,
) -> Result<WebhookEvent, WebhookError> {
    verify_signature(secret, header, body, now_unix, DEFAULT_TOLERANCE_SECS)?;
    serde_json::from_slice(body).map_err(|e| WebhookError::MalformedEvent(e.to_string()))
}

fn parse_header(header: &str) -> Result<(i64, Vec<[u8; 32]>), WebhookError> {
    let mut timestamp = None;
    let mut tags = Vec::new();
    for part in header.split(',') {
        let (key, value) = part
            .trim()
            .split_once('=')
            .ok_or(WebhookError::MalformedSignature)?;
        match key {
            "t" => {
                if timestamp.is_some()
                    || value.is_empty()
                    || value.len() > 12
                    || !value.bytes().all(|b| b.is_ascii_digit())
                {
                    return Err(WebhookError::MalformedSignature);
                }
                timestamp = value.parse::<i64>().ok();
            }
            "v1" => tags.push(unhex32(value).ok_or(WebhookError::MalformedSignature)?),
            // Other schemes (a future v2) are ignored, as long as they are key=value.
            _ => {}
        }
    }
    match timestamp {
        Some(t) if !tags.is_empty() => Ok((t, tags)),
        _ => Err(WebhookError::MalformedSignature),
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

fn unhex32(text: &str) -> Option<[u8; 32]> {
    let text = text.as_bytes();
    if text.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, pair) in text.chunks_exact(2).enumerate() {
        let hi = char::from(pair[0]).to_digit(16)?;
        let lo = char::from(pair[1]).to_digit(16)?;
        out[i] = u8::try_from(hi * 16 + lo).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    const NOW: i64 = 1_795_000_000;

    fn secret() -> WebhookSecret {
        WebhookSecret::new(b"whsec_test_0123456789abcdef").unwrap()
    }

    fn body() -> Vec<u8> {
        serde_json::to_vec(&WebhookEvent {
            event_id: "evt_1".into(),
            checkout_id: "cs_1".into(),
            reference: "R-0001".into(),
            status: PaymentStatus::Paid,
            amount: Yen::new(300),
            amount_paid: Yen::new(300),
            amount_refunded: Yen::ZERO,
            method: Some(PaymentMethod::Card),
            occurred_at: NOW,
        })
        .unwrap()
    }

    #[test]
    fn a_signed_webhook_verifies_and_yields_its_event() {
        let header = sign_webhook(&secret(), NOW, &body());
        assert!(header.starts_with(&format!("t={NOW},v1=")));
        let event = verify_webhook(&secret(), &header, &body(), NOW + 10).unwrap();
        assert_eq!(event.event_id, "evt_1");
        assert_eq!(event.checkout_id, "cs_1");
        assert_eq!(event.status, PaymentStatus::Paid);
        assert_eq!(event.amount, Yen::new(300));
    }

    #[test]
    fn the_signature_is_hmac_sha256_over_timestamp_dot_body() {
        // RFC 4231-style cross-check: computed independently of `sign_webhook`.
        let mut mac = Hmac::<Sha256>::new_from_slice(b"whsec_test_0123456789abcdef").unwrap();
        mac.update(format!("{NOW}.").as_bytes());
        mac.update(&body());
        let expected = hex(&mac.finalize().into_bytes());
        assert_eq!(
            sign_webhook(&secret(), NOW, &body()),
            format!("t={NOW},v1={expected}")
        );
    }

    #[test]
    fn a_tampered_body_is_rejected() {
        let header = sign_webhook(&secret(), NOW, &body());
        let tampered = String::from_utf8(body())
            .unwrap()
            .replace("300", "30000")
            .into_bytes();
        assert_eq!(
            verify_webhook(&secret(), &header, &tampered, NOW),
            Err(WebhookError::BadSignature)
        );
    }

    #[test]
    fn a_changed_timestamp_breaks_the_signature() {
        let header = sign_webhook(&secret(), NOW - 3600, &body());
        let refreshed = header.replace(&format!("t={}", NOW - 3600), &format!("t={NOW}"));
        assert_eq!(
            verify_webhook(&secret(), &refreshed, &body(), NOW),
            Err(WebhookError::BadSignature)
        );
    }

    #[test]
    fn another_secret_is_rejected() {
        let other = WebhookSecret::new(b"whsec_someone_else_entirely").unwrap();
        let header = sign_webhook(&other, NOW, &body());
        assert_eq!(
            verify_webhook(&secret(), &header, &body(), NOW),
            Err(WebhookError::BadSignature)
        );
    }

    #[test]
    fn stale_and_future_timestamps_are_outside_the_replay_window() {
        let old = sign_webhook(&secret(), NOW - 301, &body());
        assert_eq!(
            verify_webhook(&secret(), &old, &body(), NOW),
            Err(WebhookError::OutsideReplayWindow {
                timestamp: NOW - 301,
                now: NOW
            })
        );
        let future = sign_webhook(&secret(), NOW + 301, &body());
        assert!(matches!(
            verify_webhook(&secret(), &future, &body(), NOW),
            Err(WebhookError::OutsideReplayWindow { .. })
        ));
        // The edges of the window are inside.
        for t in [NOW - 300, NOW + 300] {
            let header = sign_webhook(&secret(), t, &body());
            assert!(verify_webhook(&secret(), &header, &body(), NOW).is_ok());
        }
        // A narrower window is honoured.
        let header = sign_webhook(&secret(), NOW - 10, &body());
        assert!(verify_signature(&secret(), &header, &body(), NOW, 5).is_err());
    }

    #[test]
    fn missing_and_garbled_headers_are_rejected() {
        let good = sign_webhook(&secret(), NOW, &body());
        let tag = good.split("v1=").nth(1).unwrap().to_string();
        assert_eq!(
            verify_webhook(&secret(), "", &body(), NOW),
            Err(WebhookError::MissingSignature)
        );
        let garbled = [
            "garbage".to_string(),
            format!("v1={tag}"),
            format!("t={NOW}"),
            format!("t=,v1={tag}"),
            format!("t=-{NOW},v1={tag}"),
            format!("t={NOW}x,v1={tag}"),
            format!("t={NOW},t={NOW},v1={tag}"),
            format!("t={NOW},v1={}", &tag[..63]),
            format!("t={NOW},v1={}zz", &tag[..62]),
            format!("t={NOW},v1={tag}0"),
            format!("t={NOW};v1={tag}"),
            format!("t=99999999999999999999,v1={tag}"),
        ];
        for header in &garbled {
            assert_eq!(
                verify_webhook(&secret(), header, &body(), NOW),
                Err(WebhookError::MalformedSignature),
                "{header}"
            );
        }
    }

    #[test]
    fn spaces_unknown_schemes_and_a_second_v1_are_accepted() {
        let good = sign_webhook(&secret(), NOW, &body());
        let tag = good.split("v1=").nth(1).unwrap();
        let header = format!("t={NOW}, v0=old, v1={}, v1={tag}", "0".repeat(64));
        assert!(verify_webhook(&secret(), &header, &body(), NOW).is_ok());
        let upper = format!("t={NOW},v1={}", tag.to_uppercase());
        assert!(verify_webhook(&secret(), &upper, &body(), NOW).is_ok());
    }

    #[test]
    fn a_signed_body_that_is_not_an_event_is_refused() {
        let header = sign_webhook(&secret(), NOW, b"{}");
        assert!(matches!(
            verify_webhook(&secret(), &header, b"{}", NOW),
            Err(WebhookError::MalformedEvent(_))
        ));
    }

    #[test]
    fn secrets_are_long_enough_and_never_printed() {
        assert_eq!(
            WebhookSecret::new(b"short").unwrap_err(),
            WebhookError::WeakSecret
        );
        assert_eq!(format!("{:?}", secret()), "WebhookSecret(..)");
    }
}
