#![doc = include_str!("../README.md")]

use std::fmt::Debug;

use madoguchi_core::Yen;
use serde::{Deserialize, Serialize};

mod webhook;

pub use webhook::{
    DEFAULT_TOLERANCE_SECS, SIGNATURE_HEADER, WebhookError, WebhookEvent, WebhookSecret,
    sign_webhook, verify_signature, verify_webhook,
};

pub use madoguchi_core::{PaymentMethod, PaymentStatus};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a payment cannot go from {from:?} to {to:?}")]
pub struct StatusError {
    pub from: PaymentStatus,
    pub to: PaymentStatus,
}

/// Applies a reported status. Reporting the current status again is accepted (webhooks
/// are delivered at least once); going backwards is refused, so an event that arrives out
/// of order (a late "pending" after "paid") cannot undo anything.
pub fn advance(from: PaymentStatus, to: PaymentStatus) -> Result<PaymentStatus, StatusError> {
    use PaymentStatus::*;
    match (from, to) {
        (a, b) if a == b => Ok(a),
        (Due, Created | Pending | Paid | Expired | Failed)
        | (Created, Pending | Paid | Expired | Failed)
        | (Pending, Paid | Expired | Failed)
        | (Paid, Refunded) => Ok(to),
        _ => Err(StatusError { from, to }),
    }
}

/// What the platform asks a provider for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutRequest {
    /// Our reference, sent back in webhooks (the submission's arrival number).
    pub reference: String,
    /// Whole yen, more than zero.
    pub amount: Yen,
    /// Shown on the provider's page (the procedure's name).
    pub description: String,
    /// Where the provider sends the resident afterwards (`?checkout=<id>` is appended).
    pub return_url: String,
    /// Same key, same checkout: a retried request never charges twice. The same key with
    /// a different request is refused.
    pub idempotency_key: String,
}

/// A checkout the provider created.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkout {
    pub checkout_id: String,
    /// The provider's hosted page the resident is sent to.
    pub page_url: String,
    pub status: PaymentStatus,
}

/// A checkout as the provider sees it now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentState {
    pub checkout_id: String,
    pub reference: String,
    pub status: PaymentStatus,
    /// What was asked for.
    pub amount: Yen,
    /// What arrived (zero until paid).
    pub amount_paid: Yen,
    /// Refunded so far; equals `amount_paid` once `Refunded`.
    pub amount_refunded: Yen,
    pub method: Option<PaymentMethod>,
    /// The convenience-store payment number, once issued.
    pub konbini_number: Option<String>,
    /// When the money arrived, Unix seconds (UTC).
    pub paid_at: Option<i64>,
}

/// A refund the provider made (or had already made for the same idempotency key).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refund {
    pub refund_id: String,
    pub checkout_id: String,
    /// This refund.
    pub amount: Yen,
    /// All refunds of the checkout so far, this one included.
    pub amount_refunded: Yen,
    /// `Refunded` when everything paid has been returned, `Paid` after a partial refund.
    pub status: PaymentStatus,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProviderError {
    /// Could not reach the provider, or it failed on its side: try again later with the
    /// same idempotency key.
    #[error("the payment provider is unavailable: {0}")]
    Unavailable(String),
    /// The provider understood and refused (over-refund, key reused for another request,
    /// bad credentials…): retrying will not help.
    #[error("the payment provider refused the request: {0}")]
    Rejected(String),
    #[error("the payment provider knows no checkout {0}")]
    NotFound(String),
}

/// A hosted-checkout payment service. The rest of the platform sees only this trait, so a
/// real provider's adapter replaces the stub without touching it.
///
/// Synchronous: the app calls it from blocking threads (`web::block`), like the database.
pub trait PaymentProvider: Send + Sync + Debug {
    /// Creates a checkout (or returns the one already made for the request's idempotency
    /// key).
    fn create_checkout(&self, request: &CheckoutRequest) -> Result<Checkout, ProviderError>;

    fn status(&self, checkout_id: &str) -> Result<PaymentState, ProviderError>;

    /// Refunds `amount` (part or all of what is left); refunding more than was paid is
    /// `Rejected`. Same idempotency key, same refund.
    fn refund(
        &self,
        checkout_id: &str,
        amount: Yen,
        idempotency_key: &str,
    ) -> Result<Refund, ProviderError>;

    /// Checks a webhook request and returns its event. `headers` are the request's
    /// headers as (name, value) pairs — names in any case — so the caller need not know
    /// which header a provider signs with. `now_unix` is the current time (Unix seconds).
    ///
    /// Webhooks are delivered at least once and in no particular order: the caller must
    /// drop events whose `event_id` it has already processed, and apply statuses through
    /// [`advance`].
    fn verify_webhook(
        &self,
        headers: &[(&str, &str)],
        body: &[u8],
        now_unix: i64,
    ) -> Result<WebhookEvent, WebhookError>;
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::PaymentStatus::*;
    use super::*;

    #[test]
    fn payments_only_move_forward_and_repeats_are_harmless() {
        assert_eq!(
            advance(Due, Created),
            Ok(Created),
            "a checkout made for a fee owed"
        );
        assert!(advance(Created, Due).is_err(), "a checkout is never unmade");
        assert_eq!(advance(Created, Paid), Ok(Paid));
        assert_eq!(advance(Paid, Paid), Ok(Paid), "a webhook delivered twice");
        assert_eq!(advance(Paid, Refunded), Ok(Refunded));
        assert!(
            advance(Refunded, Paid).is_err(),
            "a late webhook cannot undo a refund"
        );
        assert!(advance(Expired, Paid).is_err());
        assert!(advance(Created, Refunded).is_err(), "nothing to refund");
        assert!(Refunded.is_final() && !Paid.is_final());
    }

    #[test]
    fn a_konbini_payment_is_pending_until_paid_or_expired() {
        assert_eq!(advance(Created, Pending), Ok(Pending));
        assert_eq!(advance(Pending, Paid), Ok(Paid));
        assert_eq!(advance(Pending, Expired), Ok(Expired));
        assert!(
            advance(Paid, Pending).is_err(),
            "a stale pending event after paid"
        );
        assert!(advance(Paid, Created).is_err());
        assert!(advance(Pending, Created).is_err());
        assert!(!Pending.is_final());
    }

    #[test]
    fn statuses_and_methods_have_stable_wire_names() {
        assert_eq!(serde_json::to_string(&Pending).unwrap(), "\"pending\"");
        assert_eq!(
            serde_json::to_string(&PaymentMethod::Konbini).unwrap(),
            "\"konbini\""
        );
    }
}
