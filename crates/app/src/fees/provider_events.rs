//! What the provider reports (its signed webhook, the return page, the polling job),
//! applied once with a compare-and-set on the payment's status.

use super::Fees;
use crate::kernel::AppError;
use chrono::DateTime;
use madoguchi_core::RefundReason;
use madoguchi_payment::{PaymentState, PaymentStatus, advance};
use madoguchi_records::{PaymentRecord, Records};
use madoguchi_workflow::State;
use serde_json::json;

/// What a webhook did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WebhookOutcome {
    Applied,
    /// Seen before (same event id): nothing done.
    Duplicate,
    /// Older than what is known (out of order): nothing done.
    Stale,
    /// No payment of ours has this checkout.
    Unknown,
}

impl Fees<'_> {
    /// A webhook from the provider: checked (signature, replay window) by the provider's
    /// adapter, dropped when seen before, applied otherwise. A refused webhook is logged
    /// and answered 400 by the caller. It is checked with the keys of `self.city`'s provider
    /// configuration (the host it came to), and applies only to checkouts of cities using
    /// that configuration.
    pub fn payment_webhook(
        &self,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Result<WebhookOutcome, AppError> {
        let event = self
            .app
            .provider(self.city)?
            .verify_webhook(headers, body, self.app.now().timestamp())
            .map_err(|e| {
                tracing::warn!(error = %e, "payment webhook refused");
                AppError::WebhookRefused(e)
            })?;
        let state = PaymentState {
            checkout_id: event.checkout_id.clone(),
            reference: event.reference.clone(),
            status: event.status,
            amount: event.amount,
            amount_paid: event.amount_paid,
            amount_refunded: event.amount_refunded,
            method: event.method,
            konbini_number: None,
            paid_at: (event.status == PaymentStatus::Paid).then_some(event.occurred_at),
        };
        let outcome = self.apply_report(&state, Some(&event.event_id))?;
        tracing::info!(event = %event.event_id, checkout = %event.checkout_id, outcome = ?outcome, "payment webhook");
        Ok(outcome)
    }

    /// Applies what the provider reports about a checkout, once: in a transaction, with
    /// the webhook's event id recorded (so a duplicate is dropped) and a compare-and-set
    /// on the status (so two reports racing apply once). Retried when the race is lost.
    pub(super) fn apply_report(
        &self,
        state: &PaymentState,
        event_id: Option<&str>,
    ) -> Result<WebhookOutcome, AppError> {
        for _ in 0..4 {
            match self.app.write(|c| self.apply_in(c, state, event_id)) {
                Ok(Some(outcome)) => return Ok(outcome),
                // Lost a compare-and-set: read again and retry.
                Ok(None) => {}
                Err(AppError::Store(e)) if e.is_unique_violation() => {
                    // The same event applied concurrently.
                    return Ok(WebhookOutcome::Duplicate);
                }
                Err(e) => return Err(e),
            }
        }
        Err(AppError::broken(format!(
            "payment {} kept changing while being updated",
            state.checkout_id
        )))
    }

    fn apply_in(
        &self,
        c: &mut dyn Records,
        state: &PaymentState,
        event_id: Option<&str>,
    ) -> Result<Option<WebhookOutcome>, AppError> {
        if let Some(id) = event_id
            && c.payment_event_seen(id)?
        {
            return Ok(Some(WebhookOutcome::Duplicate));
        }
        // A checkout of a municipality with another provider configuration is none of this
        // one's business (cities sharing one configuration share its webhook address).
        let found = c
            .find_payment_by_checkout(&state.checkout_id)?
            .filter(|p| self.app.same_payment_provider(&p.tenant_id, self.city));
        let Some(p) = found else {
            tracing::warn!(checkout = %state.checkout_id, "payment report for an unknown checkout");
            return Ok(Some(WebhookOutcome::Unknown));
        };
        let now = self.app.now();
        if let Some(id) = event_id {
            c.insert_payment_event(id, &p.id, state.status, now.naive_utc())?;
        }
        let from = p.status;
        let Ok(to) = advance(from, state.status) else {
            tracing::info!(checkout = %state.checkout_id, from = ?from, reported = ?state.status, "stale payment report ignored");
            return Ok(Some(WebhookOutcome::Stale));
        };
        let mut updated = p.clone();
        updated.status = to;
        updated.method = state.method.or(p.method);
        updated.konbini_number = state.konbini_number.clone().or(p.konbini_number.clone());
        // Amounts only grow (a stale event cannot shrink them).
        updated.amount_paid_yen = p.amount_paid_yen.max(state.amount_paid.amount());
        updated.amount_refunded_yen = p.amount_refunded_yen.max(state.amount_refunded.amount());
        if to == PaymentStatus::Paid && p.paid_at.is_none() {
            updated.paid_at = Some(
                state
                    .paid_at
                    .and_then(|s| DateTime::from_timestamp(s, 0))
                    .unwrap_or(now)
                    .naive_utc(),
            );
        }
        updated.next_check_at = match to {
            PaymentStatus::Created | PaymentStatus::Pending => {
                Some(now.naive_utc() + self.app.config.payment_check_every)
            }
            _ => None,
        };
        if updated == p {
            // Nothing new (a repeated status): nothing written.
            return Ok(Some(WebhookOutcome::Applied));
        }
        updated.updated_at = now.naive_utc();
        if !c.update_payment_if(&updated, p.status)? {
            return Ok(None);
        }
        if to == PaymentStatus::Paid && from != PaymentStatus::Paid {
            self.payment_arrived(c, &updated)?;
        }
        Ok(Some(WebhookOutcome::Applied))
    }

    /// A payment arrived (once per payment: called only on the transition into paid).
    fn payment_arrived(&self, c: &mut dyn Records, p: &PaymentRecord) -> Result<(), AppError> {
        let row = c
            .find_submission(&p.tenant_id, &p.submission_id)?
            .ok_or_else(|| AppError::broken("payment without submission"))?;
        if p.amount_paid_yen != p.amount_yen {
            tracing::error!(arrival_number = %row.arrival_number, expected = p.amount_yen, paid = p.amount_paid_yen, "payment amount differs from the fee");
        }
        let state = self.app.money_event(
            c,
            &row,
            madoguchi_core::HistoryAction::Payment,
            None,
            json!({ "amount": p.amount_paid_yen, "method": p.method, "checkout": p.checkout_id }),
        )?;
        // Paid for a filing that is already over: always returned.
        if matches!(state, State::Rejected | State::Withdrawn) {
            self.app
                .request_refund(c, p, RefundReason::PaidAfterClose)?;
        } else if crate::submission::fees::paid_by_another(
            c,
            &p.submission_id,
            p.timing,
            Some(&p.id),
        )? {
            // The counter took the same fee first (a convenience-store number paid later):
            // the online payment is given back.
            tracing::warn!(arrival_number = %row.arrival_number, "fee paid twice; the online payment is refunded");
            self.app.request_refund(c, p, RefundReason::PaidTwice)?;
        }
        if let Some(email) = &row.contact_email {
            let receipt = self.app.receipt_of(c, &row)?;
            let mail = self.app.payment_mail(c, &receipt, p, email)?;
            c.enqueue_mail(&mail)?;
        }
        tracing::info!(arrival_number = %row.arrival_number, amount = p.amount_paid_yen, "payment received");
        Ok(())
    }
}
