#![doc = include_str!("../README.md")]

use madoguchi_core::Yen;
use serde::{Deserialize, Serialize};

/// Where a payment stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// A checkout exists; the resident has not paid yet.
    Created,
    Paid,
    /// The resident gave up, or the checkout timed out.
    Expired,
    Failed,
    Refunded,
}

impl PaymentStatus {
    pub fn is_final(self) -> bool {
        matches!(
            self,
            PaymentStatus::Expired | PaymentStatus::Failed | PaymentStatus::Refunded
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a payment cannot go from {from:?} to {to:?}")]
pub struct StatusError {
    pub from: PaymentStatus,
    pub to: PaymentStatus,
}

/// Applies a reported status. Reporting the current status again is accepted (webhooks
/// are delivered at least once); going backwards is refused.
pub fn advance(from: PaymentStatus, to: PaymentStatus) -> Result<PaymentStatus, StatusError> {
    use PaymentStatus::*;
    match (from, to) {
        (a, b) if a == b => Ok(a),
        (Created, Paid | Expired | Failed) | (Paid, Refunded) => Ok(to),
        _ => Err(StatusError { from, to }),
    }
}

/// What the platform asks a provider for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutRequest {
    /// Our reference, sent back in webhooks (the submission's arrival number).
    pub reference: String,
    pub amount: Yen,
    /// Shown on the provider's page (the procedure's name).
    pub description: String,
    /// Where the provider sends the resident afterwards.
    pub return_url: String,
    /// Same key, same checkout: a retried request never charges twice.
    pub idempotency_key: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkout {
    pub provider_id: String,
    /// The provider's page the resident is sent to.
    pub redirect_url: String,
    pub status: PaymentStatus,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProviderError {
    #[error("the payment provider is unavailable: {0}")]
    Unavailable(String),
    #[error("the payment provider refused the request: {0}")]
    Refused(String),
}

/// A hosted-checkout payment service.
pub trait PaymentProvider: Send + Sync {
    fn create_checkout(&self, request: &CheckoutRequest) -> Result<Checkout, ProviderError>;
    fn status(&self, provider_id: &str) -> Result<PaymentStatus, ProviderError>;
    fn refund(&self, provider_id: &str, amount: Yen) -> Result<PaymentStatus, ProviderError>;
}

#[cfg(test)]
mod tests {
    use super::PaymentStatus::*;
    use super::*;

    #[test]
    fn payments_only_move_forward_and_repeats_are_harmless() {
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
}
