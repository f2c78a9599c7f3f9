//! The stub's memory: checkouts, idempotency keys, refunds and test scripts. Every status
//! change goes through [`madoguchi_payment::advance`] and yields a webhook event.

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use madoguchi_core::Yen;
use madoguchi_payment::{
    PaymentMethod, PaymentState, PaymentStatus, Refund, WebhookEvent, advance,
};
use serde::{Deserialize, Serialize};

/// The body of `POST /v1/checkouts` (the idempotency key travels in a header).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCheckout {
    pub reference: String,
    pub amount: Yen,
    pub description: String,
    pub return_url: String,
}

/// What the next action on the hosted page does, whatever the resident enters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Succeed,
    Decline,
    /// Pending (a convenience-store number is issued for konbini), then paid in the
    /// background after `settle_after_ms`.
    PendingThenPaid,
    Expire,
}

/// `POST /test/checkouts/{id}/script`. The outcome is used once (by the next action);
/// the webhook behaviour stays for the checkout until scripted again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Script {
    #[serde(default)]
    pub outcome: Option<Outcome>,
    /// For `pending_then_paid`: how long the payment stays pending.
    #[serde(default)]
    pub settle_after_ms: u64,
    #[serde(default)]
    pub webhook: WebhookScript,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookScript {
    /// Wait this long before delivering.
    #[serde(default)]
    pub delay_ms: u64,
    /// Deliver every event twice (same event id, same body).
    #[serde(default)]
    pub duplicate: bool,
    /// After each event, deliver a stale event carrying the status before it.
    #[serde(default)]
    pub out_of_order: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Record {
    pub id: String,
    pub request: NewCheckout,
    pub status: PaymentStatus,
    pub method: Option<PaymentMethod>,
    pub konbini_number: Option<String>,
    pub konbini_due: Option<i64>,
    pub amount_paid: Yen,
    pub amount_refunded: Yen,
    pub paid_at: Option<i64>,
    pub changed_at: i64,
    pub script: Script,
    /// Refunds by idempotency key.
    pub refunds: HashMap<String, Refund>,
}

impl Record {
    pub fn state(&self) -> PaymentState {
        PaymentState {
            checkout_id: self.id.clone(),
            reference: self.request.reference.clone(),
            status: self.status,
            amount: self.request.amount,
            amount_paid: self.amount_paid,
            amount_refunded: self.amount_refunded,
            method: self.method,
            konbini_number: self.konbini_number.clone(),
            paid_at: self.paid_at,
        }
    }

    fn event(&self) -> WebhookEvent {
        WebhookEvent {
            event_id: new_id("evt"),
            checkout_id: self.id.clone(),
            reference: self.request.reference.clone(),
            status: self.status,
            amount: self.request.amount,
            amount_paid: self.amount_paid,
            amount_refunded: self.amount_refunded,
            method: self.method,
            occurred_at: self.changed_at,
        }
    }

    /// Moves to `to` (by the payment rules) and returns the events to deliver, in order.
    pub fn change(&mut self, to: PaymentStatus, now: i64) -> Result<Vec<WebhookEvent>, Refusal> {
        let before = self.event();
        let status = advance(self.status, to).map_err(|e| Refusal::Conflict(e.to_string()))?;
        if status == self.status {
            return Ok(Vec::new());
        }
        self.status = status;
        self.changed_at = now;
        if status == PaymentStatus::Paid {
            self.amount_paid = self.request.amount;
            self.paid_at = Some(now);
        }
        Ok(self.events_after(before))
    }

    /// The event for the current state (and the scripted extras).
    pub fn events_after(&self, before: WebhookEvent) -> Vec<WebhookEvent> {
        let mut events = vec![self.event()];
        if self.script.webhook.out_of_order {
            events.push(before);
        }
        events
    }
}

/// Why the stub refused a request (mapped to HTTP statuses by the API).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("no checkout {0}")]
    NotFound(String),
    /// 409: the idempotency key was used for another request, or the status does not allow
    /// the action.
    #[error("{0}")]
    Conflict(String),
    /// 422: the request itself is wrong (amount, over-refund…).
    #[error("{0}")]
    Invalid(String),
    /// 503: the shared ledger could not be read or stored.
    #[error("{0}")]
    Unavailable(String),
}

/// All checkouts; one lock, held only while memory changes (never across I/O), or one
/// database row locked for as long (see [`crate::LedgerStore`]).
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Ledger {
    pub checkouts: HashMap<String, Record>,
    /// Idempotency key → (the request it was used for, the checkout made).
    pub keys: HashMap<String, (NewCheckout, String)>,
}

impl Ledger {
    /// The checkout for `key`: new (`true`) or the one made before for the same request.
    pub fn create(
        &mut self,
        key: &str,
        request: NewCheckout,
        now: i64,
    ) -> Result<(&Record, bool), Refusal> {
        if let Some((earlier, id)) = self.keys.get(key) {
            if *earlier != request {
                return Err(Refusal::Conflict(
                    "this Idempotency-Key was used for a different checkout".into(),
                ));
            }
            let id = id.clone();
            let record = self.get(&id)?;
            return Ok((record, false));
        }
        if request.amount <= Yen::ZERO {
            return Err(Refusal::Invalid("amount must be at least 1 yen".into()));
        }
        if request.description.trim().is_empty() || request.reference.trim().is_empty() {
            return Err(Refusal::Invalid(
                "reference and description are required".into(),
            ));
        }
        if !(request.return_url.starts_with("http://")
            || request.return_url.starts_with("https://"))
        {
            return Err(Refusal::Invalid("return_url must be an http(s) URL".into()));
        }
        let id = new_id("cs");
        self.keys
            .insert(key.to_owned(), (request.clone(), id.clone()));
        let record = Record {
            id: id.clone(),
            request,
            status: PaymentStatus::Created,
            method: None,
            konbini_number: None,
            konbini_due: None,
            amount_paid: Yen::ZERO,
            amount_refunded: Yen::ZERO,
            paid_at: None,
            changed_at: now,
            script: Script::default(),
            refunds: HashMap::new(),
        };
        let record = self.checkouts.entry(id).or_insert(record);
        Ok((record, true))
    }

    pub fn get(&self, id: &str) -> Result<&Record, Refusal> {
        self.checkouts
            .get(id)
            .ok_or_else(|| Refusal::NotFound(id.to_owned()))
    }

    pub fn get_mut(&mut self, id: &str) -> Result<&mut Record, Refusal> {
        self.checkouts
            .get_mut(id)
            .ok_or_else(|| Refusal::NotFound(id.to_owned()))
    }

    /// Refunds part or all of what is left; the same key returns the same refund.
    pub fn refund(
        &mut self,
        id: &str,
        amount: Yen,
        key: &str,
        now: i64,
    ) -> Result<(Refund, Vec<WebhookEvent>), Refusal> {
        let record = self.get_mut(id)?;
        if let Some(earlier) = record.refunds.get(key) {
            if earlier.amount != amount {
                return Err(Refusal::Conflict(
                    "this Idempotency-Key was used for a different refund".into(),
                ));
            }
            return Ok((earlier.clone(), Vec::new()));
        }
        if record.status != PaymentStatus::Paid {
            return Err(Refusal::Invalid(format!(
                "only a paid checkout can be refunded (it is {:?})",
                record.status
            )));
        }
        if amount <= Yen::ZERO {
            return Err(Refusal::Invalid("a refund is at least 1 yen".into()));
        }
        let left = record.amount_paid.amount() - record.amount_refunded.amount();
        if amount.amount() > left {
            return Err(Refusal::Invalid(format!(
                "cannot refund {amount}: only {} is left to refund",
                Yen::new(left)
            )));
        }
        let before = record.event();
        record.amount_refunded = record.amount_refunded + amount;
        record.changed_at = now;
        if record.amount_refunded == record.amount_paid {
            record.status = advance(record.status, PaymentStatus::Refunded)
                .map_err(|e| Refusal::Conflict(e.to_string()))?;
        }
        let refund = Refund {
            refund_id: new_id("re"),
            checkout_id: record.id.clone(),
            amount,
            amount_refunded: record.amount_refunded,
            status: record.status,
        };
        record.refunds.insert(key.to_owned(), refund.clone());
        // A partial refund changes no status but the amounts: the platform hears of it too.
        Ok((refund, record.events_after(before)))
    }
}

pub(crate) fn new_id(prefix: &str) -> String {
    format!("{prefix}_{}", uuid::Uuid::new_v4().simple())
}

/// A 12-digit convenience-store payment number.
pub(crate) fn konbini_number() -> String {
    let n = uuid::Uuid::new_v4().as_u128() % 1_000_000_000_000;
    format!("{n:012}")
}

pub(crate) fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
