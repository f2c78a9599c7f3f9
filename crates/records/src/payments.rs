//! Payments of fees, the provider's webhook events applied to them, and refunds.

use madoguchi_core::{
    ClerkId, FeeTiming, PaymentChannel, PaymentId, PaymentMethod, PaymentStatus, RefundId,
    RefundReason, RefundState, SubmissionId, TenantId,
};

use crate::{StoreError, Timestamp};

/// One attempt to collect a filing's fee (see the `payments` table).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::payments, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct PaymentRecord {
    pub id: PaymentId,
    pub tenant_id: TenantId,
    pub submission_id: SubmissionId,
    /// When it is collected: on submission or after approval (never at the counter).
    pub timing: FeeTiming,
    pub amount_yen: i64,
    /// `Due` until a checkout exists, then what the provider reported.
    pub status: PaymentStatus,
    pub checkout_id: Option<String>,
    pub page_url: Option<String>,
    pub method: Option<PaymentMethod>,
    pub konbini_number: Option<String>,
    pub amount_paid_yen: i64,
    pub amount_refunded_yen: i64,
    /// SHA-256 of the secret in the emailed "pay now" link.
    pub token_hash: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub paid_at: Option<Timestamp>,
    pub next_check_at: Option<Timestamp>,
    pub last_error: Option<String>,
    /// Online (the provider's checkout) or at a counter (recorded by a clerk, paid).
    pub channel: PaymentChannel,
    /// The number the counter's till printed on the receipt (counter payments).
    pub receipt_number: Option<String>,
    /// The clerk who took the money at the counter.
    pub recorded_by: Option<ClerkId>,
}

/// A refund owed on a payment (the whole amount paid).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::refunds, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct RefundRecord {
    pub id: RefundId,
    pub tenant_id: TenantId,
    pub payment_id: PaymentId,
    pub amount_yen: i64,
    pub reason: RefundReason,
    pub state: RefundState,
    pub requested_at: Timestamp,
    pub done_at: Option<Timestamp>,
    pub attempts: i32,
    pub next_attempt_at: Timestamp,
    pub last_error: Option<String>,
    pub provider_refund_id: Option<String>,
    /// The clerk who handed a counter payment back (the provider is never asked).
    pub returned_by: Option<ClerkId>,
}

/// What a read may do with [`Payments`] (`Database::read` hands out only reads).
pub trait PaymentsRead {
    fn find_payment(&mut self, id: &PaymentId) -> Result<Option<PaymentRecord>, StoreError>;
    fn find_payment_by_checkout(
        &mut self,
        checkout_id: &str,
    ) -> Result<Option<PaymentRecord>, StoreError>;
    fn find_payment_by_token(
        &mut self,
        token_hash: &str,
    ) -> Result<Option<PaymentRecord>, StoreError>;
    /// A filing's payments, oldest first.
    fn payments_of(
        &mut self,
        submission_id: &SubmissionId,
    ) -> Result<Vec<PaymentRecord>, StoreError>;
    /// Payments whose provider status is to be asked again (`next_check_at` passed).
    fn payments_to_check(
        &mut self,
        now: Timestamp,
        limit: i64,
    ) -> Result<Vec<PaymentRecord>, StoreError>;
    /// Payments of a municipality paid in `[from, to)`.
    fn payments_paid_between(
        &mut self,
        tenant_id: &TenantId,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<PaymentRecord>, StoreError>;
    /// Has this webhook event been applied? (dedupe by the provider's event id)
    fn payment_event_seen(&mut self, event_id: &str) -> Result<bool, StoreError>;
    fn refund_of_payment(
        &mut self,
        payment_id: &PaymentId,
    ) -> Result<Option<RefundRecord>, StoreError>;
    /// Refunds still `requested` whose next attempt is due.
    fn refunds_due(&mut self, now: Timestamp, limit: i64) -> Result<Vec<RefundRecord>, StoreError>;
    /// Refunds of a municipality made in `[from, to)`.
    fn refunds_done_between(
        &mut self,
        tenant_id: &TenantId,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<RefundRecord>, StoreError>;
}

/// Payments, applied webhook events, refunds.
pub trait Payments: PaymentsRead {
    fn insert_payment(&mut self, record: &PaymentRecord) -> Result<(), StoreError>;
    /// Saves every column of the payment if its status is still `expected_status`
    /// (compare-and-set): false when another writer changed it first.
    fn update_payment_if(
        &mut self,
        record: &PaymentRecord,
        expected_status: PaymentStatus,
    ) -> Result<bool, StoreError>;
    /// Records an applied webhook event; a second insert of the same id is a unique
    /// violation (a concurrent duplicate), which rolls the whole apply back.
    fn insert_payment_event(
        &mut self,
        event_id: &str,
        payment_id: &PaymentId,
        status: PaymentStatus,
        at: Timestamp,
    ) -> Result<(), StoreError>;
    /// Inserts the refund; a second refund of the same payment is a unique violation.
    fn insert_refund(&mut self, record: &RefundRecord) -> Result<(), StoreError>;
    fn update_refund(&mut self, record: &RefundRecord) -> Result<(), StoreError>;
    /// The stand-in payment provider's ledger (JSON), locked for the rest of the write
    /// transaction; none before its first checkout.
    fn stub_ledger_for_update(&mut self, now: Timestamp) -> Result<Option<String>, StoreError>;
    /// Stores the stand-in payment provider's ledger.
    fn save_stub_ledger(&mut self, ledger: &str, now: Timestamp) -> Result<(), StoreError>;
}
