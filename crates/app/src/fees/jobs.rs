//! The payment job: refunds owed, checkouts still open (a webhook may have been lost), and
//! the payment and refund entries of a filing's history.

use crate::kernel::audit::{Actor, HistoryEntry};
use crate::kernel::{App, AppError};
use madoguchi_core::{RefundState, Yen};
use madoguchi_payment::{ProviderError, advance};
use madoguchi_records::{Records, RefundRecord, SubmissionRecord};
use madoguchi_workflow::State;
use serde_json::json;

/// One round of the payment job.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PaymentJobReport {
    pub refunded: usize,
    pub refund_retries: usize,
    pub refunds_failed: usize,
    pub checked: usize,
}

impl App {
    /// One round of the payment job (run by the worker): makes the refunds owed, and asks
    /// the provider about checkouts still open (a webhook may have been lost).
    pub fn run_payment_jobs(&self) -> Result<PaymentJobReport, AppError> {
        self.run_job("payments", || self.run_payment_jobs_round())
    }

    fn run_payment_jobs_round(&self) -> Result<PaymentJobReport, AppError> {
        let mut report = PaymentJobReport::default();
        if self.config.payments.is_none() && self.config.payment_providers.is_empty() {
            return Ok(report);
        }
        let now = self.now().naive_utc();
        for refund in self.read(|c| Ok(c.refunds_due(now, 20)?))? {
            let Some(p) = self.read(|c| Ok(c.find_payment(&refund.payment_id)?))? else {
                continue;
            };
            let Some(checkout) = p.checkout_id.clone() else {
                continue;
            };
            let Some(provider) = self.payments_of(&p.tenant_id) else {
                continue;
            };
            let result =
                provider.refund(&checkout, Yen::new(refund.amount_yen), refund.id.as_str());
            let now = self.now();
            let mut r = refund.clone();
            r.attempts += 1;
            match result {
                Ok(made) => {
                    r.state = RefundState::Done;
                    r.done_at = Some(now.naive_utc());
                    r.provider_refund_id = Some(made.refund_id.clone());
                    r.last_error = None;
                    self.write(|c| {
                        c.update_refund(&r)?;
                        self.refund_made(c, &checkout, &made, &r)
                    })?;
                    report.refunded += 1;
                }
                Err(ProviderError::Unavailable(e)) => {
                    let wait =
                        crate::kernel::retry::backoff(r.attempts, chrono::Duration::seconds(30));
                    r.next_attempt_at = now.naive_utc() + wait;
                    r.last_error = Some(e);
                    self.write(|c| Ok(c.update_refund(&r)?))?;
                    report.refund_retries += 1;
                }
                Err(e) => {
                    tracing::error!(refund = %r.id, error = %e, "refund refused by the provider");
                    r.state = RefundState::Failed;
                    r.last_error = Some(e.to_string());
                    self.write(|c| Ok(c.update_refund(&r)?))?;
                    report.refunds_failed += 1;
                }
            }
        }
        for p in self.read(|c| Ok(c.payments_to_check(now, 50)?))? {
            let Some(checkout) = p.checkout_id.as_deref() else {
                continue;
            };
            let Some(provider) = self.payments_of(&p.tenant_id) else {
                continue;
            };
            match provider.status(checkout) {
                Ok(state) => {
                    self.fees(&p.tenant_id).apply_report(&state, None)?;
                    // Still open: ask again later even when nothing changed.
                    self.write(|c| {
                        if let Some(mut fresh) = c.find_payment(&p.id)?
                            && fresh.next_check_at.is_some_and(|t| t <= now)
                        {
                            let status = fresh.status;
                            fresh.next_check_at =
                                Some(self.now().naive_utc() + self.config.payment_check_every);
                            c.update_payment_if(&fresh, status)?;
                        }
                        Ok(())
                    })?;
                }
                Err(e) => {
                    tracing::warn!(checkout, error = %e, "payment status check failed");
                    let mut later = p.clone();
                    later.next_check_at =
                        Some(self.now().naive_utc() + self.config.payment_check_every);
                    later.last_error = Some(e.to_string());
                    self.write(|c| Ok(c.update_payment_if(&later, p.status)?))?;
                }
            }
            report.checked += 1;
        }
        Ok(report)
    }

    fn refund_made(
        &self,
        c: &mut dyn Records,
        checkout: &str,
        made: &madoguchi_payment::Refund,
        r: &RefundRecord,
    ) -> Result<(), AppError> {
        let Some(p) = c.find_payment_by_checkout(checkout)? else {
            return Ok(());
        };
        let mut updated = p.clone();
        updated.amount_refunded_yen = p.amount_refunded_yen.max(made.amount_refunded.amount());
        if let Ok(to) = advance(p.status, made.status) {
            updated.status = to;
        }
        updated.updated_at = self.now().naive_utc();
        if updated != p && !c.update_payment_if(&updated, p.status)? {
            // A webhook recorded the refund meanwhile; the refund row is what counts here.
            tracing::debug!(payment = %p.id, "refund recorded by a webhook first");
        }
        let row = c
            .find_submission(&p.tenant_id, &p.submission_id)?
            .ok_or_else(|| AppError::broken("payment without submission"))?;
        self.money_event(
            c,
            &row,
            madoguchi_core::HistoryAction::Refund,
            Some(r.reason.code().into()),
            json!({ "amount": r.amount_yen, "refund": made.refund_id }),
        )?;
        if let Some(email) = &row.contact_email {
            let receipt = self.receipt_of(c, &row)?;
            let mail = self.refund_mail(c, &receipt, r, email)?;
            c.enqueue_mail(&mail)?;
        }
        tracing::info!(arrival_number = %row.arrival_number, amount = r.amount_yen, "refund made");
        Ok(())
    }

    /// Records a payment or refund in the filing's history (the state does not change).
    pub(super) fn money_event(
        &self,
        c: &mut dyn Records,
        row: &SubmissionRecord,
        action: madoguchi_core::HistoryAction,
        reason: Option<String>,
        detail: serde_json::Value,
    ) -> Result<State, AppError> {
        let state = row.state;
        let event = self.append_history(
            c,
            row,
            self.now(),
            HistoryEntry {
                actor: Actor::System,
                action,
                from: Some(state),
                to: state,
                reason,
                detail: Some(detail.to_string()),
            },
        )?;
        self.queue_webhooks(c, row, &event)?;
        Ok(state)
    }
}
