//! Fees paid online: starting a checkout, learning its outcome (return page, signed
//! webhook, polling), refunds, and the accounting section's daily reconciliation.
//!
//! The provider is only ever seen through `madoguchi_payment::PaymentProvider`. Its calls
//! are made outside database transactions; what they report is applied inside one, with a
//! compare-and-set on the payment's status, so the return page, a webhook (delivered twice,
//! late or out of order) and the polling job can race without counting a payment twice.

use crate::submission::fees::method_code;
use crate::submission::fees::parse_status;
use std::sync::Arc;

use chrono::DateTime;
use madoguchi_core::{ArrivalNumber, ErrorCode, Localized, TenantId, Yen};
use madoguchi_forms::definition::FeeTiming;
use madoguchi_payment::{
    CheckoutRequest, PaymentProvider, PaymentState, PaymentStatus, ProviderError, advance,
};
use madoguchi_records::{PaymentRecord, Records, RefundRecord, SubmissionRecord};
use madoguchi_workflow::State;
use serde_json::json;

use crate::kernel::audit::{Actor, HistoryEntry};
use crate::kernel::tokens::looks_like_token;
use crate::kernel::{App, AppError, token_hash};
use crate::submission::PaymentView;
use crate::submission::fees::DUE;
use crate::submission::fees::status_code;

/// Who asks to pay: the browser that filed (its receipt) or the holder of the emailed link.
#[derive(Clone, Copy, Debug)]
pub enum PayAccess<'a> {
    Session {
        token: Option<&'a str>,
        arrival_number: &'a str,
    },
    Link {
        token: &'a str,
    },
}

/// The page behind an emailed "pay now" link.
#[derive(Clone, Debug)]
pub struct PayPage {
    pub arrival_number: ArrivalNumber,
    pub procedure_title: Localized,
    pub payment: PaymentView,
    /// The filing can still be paid for (open, or approved for 事後決済).
    pub payable: bool,
}

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

/// One round of the payment job.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PaymentJobReport {
    pub refunded: usize,
    pub refund_retries: usize,
    pub refunds_failed: usize,
    pub checked: usize,
}

impl App {
    fn provider(&self) -> Result<&Arc<dyn PaymentProvider>, AppError> {
        self.config
            .payments
            .as_ref()
            .ok_or(AppError::Outside(ErrorCode::PaymentUnavailable))
    }

    /// The page of an emailed "pay now" link.
    pub fn pay_page(&self, tenant: &TenantId, token: &str) -> Result<PayPage, AppError> {
        self.read(|c| {
            let (row, p) = self.payment_access(c, tenant, PayAccess::Link { token })?;
            let form = self.form_version(c, &row.form_version)?;
            let refund = c.refund_of_payment(&p.id)?;
            Ok(PayPage {
                arrival_number: row
                    .arrival_number
                    .parse()
                    .map_err(|e| AppError::Internal(format!("stored arrival number: {e}")))?,
                procedure_title: form.title().clone(),
                payable: payable_state(&row, &p)?,
                payment: PaymentView::of(&p, refund.as_ref()),
            })
        })
    }

    /// Starts (or resumes) paying a filing's fee: returns the provider's page to send the
    /// resident to. A checkout that lapsed or failed is replaced by a new one. When the
    /// provider cannot be reached the filing is untouched and the resident can press "pay"
    /// again later (`PaymentUnavailable`).
    pub fn start_payment(
        &self,
        tenant: &TenantId,
        access: PayAccess<'_>,
    ) -> Result<String, AppError> {
        let provider = Arc::clone(self.provider()?);
        // 1. Find (or make) the payment to use, in one transaction.
        let (payment, row, title) = self.write(|c| {
            let (row, current) = self.payment_access(c, tenant, access)?;
            if !payable_state(&row, &current)? {
                return Err(AppError::InvalidTransition);
            }
            let payment = match current.status.as_str() {
                DUE | "created" => current,
                "expired" | "failed" => {
                    // A fresh attempt: a new checkout under a new idempotency key. The old
                    // link keeps working (it finds the latest payment of the filing).
                    let timing = if current.timing == FeeTiming::AfterApproval.code() {
                        FeeTiming::AfterApproval
                    } else {
                        FeeTiming::OnSubmission
                    };
                    self.add_due_payment(c, &row, timing)?;
                    c.payments_of(&row.id)?.pop().ok_or(AppError::NotFound)?
                }
                // Paid, pending at a convenience store, or refunded: nothing to pay.
                _ => return Err(AppError::InvalidTransition),
            };
            let form = self.form_version(c, &row.form_version)?;
            Ok((payment, row, form.title().clone()))
        })?;
        if let (Some(url), "created") = (&payment.page_url, payment.status.as_str()) {
            return Ok(url.clone());
        }
        // 2. Ask the provider, outside any transaction. The payment's id is the idempotency
        // key: a retry after a timeout gets the same checkout, never a second charge.
        let request = CheckoutRequest {
            reference: row.arrival_number.clone(),
            amount: Yen::new(payment.amount_yen),
            description: format!("{} / {}", title.ja, title.en),
            return_url: format!(
                "{}/payments/return",
                self.config.public_url.trim_end_matches('/')
            ),
            idempotency_key: payment.id.clone(),
        };
        let created = provider.create_checkout(&request);
        // 3. Record what happened.
        let now = self.now().naive_utc();
        match created {
            Ok(checkout) => {
                let mut updated = payment.clone();
                updated.status = status_code(checkout.status).into();
                updated.checkout_id = Some(checkout.checkout_id.clone());
                updated.page_url = Some(checkout.page_url.clone());
                updated.updated_at = now;
                updated.next_check_at = Some(now + self.config.payment_check_every);
                updated.last_error = None;
                self.write(|c| {
                    if !c.update_payment_if(&updated, &payment.status)? {
                        // A concurrent press recorded the same checkout (same key).
                        tracing::debug!(payment = %payment.id, "checkout recorded by another request");
                    }
                    Ok(())
                })?;
                tracing::info!(arrival_number = %row.arrival_number, checkout = %checkout.checkout_id, "checkout created");
                Ok(checkout.page_url)
            }
            Err(e) => {
                tracing::warn!(arrival_number = %row.arrival_number, error = %e, "checkout could not be created");
                let mut updated = payment.clone();
                updated.last_error = Some(e.to_string());
                updated.updated_at = now;
                self.write(|c| Ok(c.update_payment_if(&updated, &payment.status)?))?;
                Err(AppError::Outside(match e {
                    ProviderError::Unavailable(_) => ErrorCode::PaymentUnavailable,
                    ProviderError::Rejected(_) | ProviderError::NotFound(_) => {
                        ErrorCode::PaymentUnavailable
                    }
                }))
            }
        }
    }

    /// The resident came back from the provider's page: ask the provider what happened
    /// (never trust the query string) and apply it. Returns the filing's arrival number and
    /// the payment as it now stands.
    pub fn payment_returned(
        &self,
        tenant: &TenantId,
        checkout_id: &str,
    ) -> Result<(ArrivalNumber, PaymentView), AppError> {
        if checkout_id.is_empty()
            || checkout_id.len() > 100
            || !checkout_id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(AppError::NotFound);
        }
        let known = self
            .read(|c| Ok(c.find_payment_by_checkout(checkout_id)?))?
            .filter(|p| p.tenant_id == tenant.as_str())
            .ok_or(AppError::NotFound)?;
        match self.provider()?.status(checkout_id) {
            Ok(state) => {
                self.apply_report(&state, None)?;
            }
            // The webhook or the polling job will tell us; show what we know.
            Err(e) => {
                tracing::warn!(checkout = checkout_id, error = %e, "payment status unavailable on return")
            }
        }
        self.read(|c| {
            let row = c
                .find_submission(tenant.as_str(), &known.submission_id)?
                .ok_or(AppError::NotFound)?;
            let p = c.find_payment(&known.id)?.ok_or(AppError::NotFound)?;
            let refund = c.refund_of_payment(&p.id)?;
            Ok((
                row.arrival_number
                    .parse()
                    .map_err(|e| AppError::Internal(format!("stored arrival number: {e}")))?,
                PaymentView::of(&p, refund.as_ref()),
            ))
        })
    }

    /// A webhook from the provider: checked (signature, replay window) by the provider's
    /// adapter, dropped when seen before, applied otherwise. A refused webhook is logged
    /// and answered 400 by the caller.
    pub fn payment_webhook(
        &self,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Result<WebhookOutcome, AppError> {
        let event = self
            .provider()?
            .verify_webhook(headers, body, self.now().timestamp())
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
    fn apply_report(
        &self,
        state: &PaymentState,
        event_id: Option<&str>,
    ) -> Result<WebhookOutcome, AppError> {
        for _ in 0..4 {
            match self.write(|c| self.apply_in(c, state, event_id)) {
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
        Err(AppError::Internal(format!(
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
        let Some(p) = c.find_payment_by_checkout(&state.checkout_id)? else {
            tracing::warn!(checkout = %state.checkout_id, "payment report for an unknown checkout");
            return Ok(Some(WebhookOutcome::Unknown));
        };
        let now = self.now();
        if let Some(id) = event_id {
            c.insert_payment_event(id, &p.id, status_code(state.status), now.naive_utc())?;
        }
        let from = parse_status(&p.status).unwrap_or(PaymentStatus::Created);
        let Ok(to) = advance(from, state.status) else {
            tracing::info!(checkout = %state.checkout_id, from = ?from, reported = ?state.status, "stale payment report ignored");
            return Ok(Some(WebhookOutcome::Stale));
        };
        let mut updated = p.clone();
        updated.status = status_code(to).into();
        updated.method = state
            .method
            .map(method_code)
            .map(Into::into)
            .or(p.method.clone());
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
                Some(now.naive_utc() + self.config.payment_check_every)
            }
            _ => None,
        };
        if updated == p {
            // Nothing new (a repeated status): nothing written.
            return Ok(Some(WebhookOutcome::Applied));
        }
        updated.updated_at = now.naive_utc();
        if !c.update_payment_if(&updated, &p.status)? {
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
            .ok_or_else(|| AppError::Internal("payment without submission".into()))?;
        if p.amount_paid_yen != p.amount_yen {
            tracing::error!(arrival_number = %row.arrival_number, expected = p.amount_yen, paid = p.amount_paid_yen, "payment amount differs from the fee");
        }
        let state = self.money_event(
            c,
            &row,
            "payment",
            None,
            json!({ "amount": p.amount_paid_yen, "method": p.method, "checkout": p.checkout_id }),
        )?;
        // Paid for a filing that is already over: always returned.
        if matches!(state, State::Rejected | State::Withdrawn) {
            self.request_refund(c, p, "paid_after_close")?;
        }
        if let Some(email) = &row.contact_email {
            let receipt = self.receipt_of(c, &row)?;
            let mail = self.payment_mail(c, &receipt, p, email)?;
            c.enqueue_mail(&mail)?;
        }
        tracing::info!(arrival_number = %row.arrival_number, amount = p.amount_paid_yen, "payment received");
        Ok(())
    }

    /// One round of the payment job (run by the worker): makes the refunds owed, and asks
    /// the provider about checkouts still open (a webhook may have been lost).
    pub fn run_payment_jobs(&self) -> Result<PaymentJobReport, AppError> {
        let mut report = PaymentJobReport::default();
        let Some(provider) = self.config.payments.clone() else {
            return Ok(report);
        };
        let now = self.now().naive_utc();
        for refund in self.read(|c| Ok(c.refunds_due(now, 20)?))? {
            let Some(p) = self.read(|c| Ok(c.find_payment(&refund.payment_id)?))? else {
                continue;
            };
            let Some(checkout) = p.checkout_id.clone() else {
                continue;
            };
            let result = provider.refund(&checkout, Yen::new(refund.amount_yen), &refund.id);
            let now = self.now();
            let mut r = refund.clone();
            r.attempts += 1;
            match result {
                Ok(made) => {
                    r.state = "done".into();
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
                    r.state = "failed".into();
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
            match provider.status(checkout) {
                Ok(state) => {
                    self.apply_report(&state, None)?;
                    // Still open: ask again later even when nothing changed.
                    self.write(|c| {
                        if let Some(mut fresh) = c.find_payment(&p.id)?
                            && fresh.next_check_at.is_some_and(|t| t <= now)
                        {
                            let status = fresh.status.clone();
                            fresh.next_check_at =
                                Some(self.now().naive_utc() + self.config.payment_check_every);
                            c.update_payment_if(&fresh, &status)?;
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
                    self.write(|c| Ok(c.update_payment_if(&later, &p.status)?))?;
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
        if let Ok(to) = advance(
            parse_status(&p.status).unwrap_or(PaymentStatus::Paid),
            made.status,
        ) {
            updated.status = status_code(to).into();
        }
        updated.updated_at = self.now().naive_utc();
        if updated != p && !c.update_payment_if(&updated, &p.status)? {
            // A webhook recorded the refund meanwhile; the refund row is what counts here.
            tracing::debug!(payment = %p.id, "refund recorded by a webhook first");
        }
        let row = c
            .find_submission(&p.tenant_id, &p.submission_id)?
            .ok_or_else(|| AppError::Internal("payment without submission".into()))?;
        self.money_event(
            c,
            &row,
            "refund",
            Some(r.reason.clone()),
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
    fn money_event(
        &self,
        c: &mut dyn Records,
        row: &SubmissionRecord,
        action: &str,
        reason: Option<String>,
        detail: serde_json::Value,
    ) -> Result<State, AppError> {
        let state: State = row
            .state
            .parse()
            .map_err(|e| AppError::Internal(format!("{e}")))?;
        let event = self.append_history(
            c,
            row,
            self.now(),
            HistoryEntry {
                actor: Actor::System,
                action: action.into(),
                from: Some(state),
                to: state,
                reason,
                detail: Some(detail.to_string()),
            },
        )?;
        self.queue_webhooks(c, row, &event)?;
        Ok(state)
    }

    /// The payment (link) a session's receipt or an emailed link stands for: the filing and
    /// its latest payment.
    fn payment_access(
        &self,
        c: &mut dyn Records,
        tenant: &TenantId,
        access: PayAccess<'_>,
    ) -> Result<(SubmissionRecord, PaymentRecord), AppError> {
        let row = match access {
            PayAccess::Session {
                token,
                arrival_number,
            } => self.residents_filing(c, tenant, token, arrival_number)?,
            PayAccess::Link { token } => {
                if !looks_like_token(token) {
                    return Err(AppError::NotFound);
                }
                let p = c
                    .find_payment_by_token(&token_hash(token))?
                    .filter(|p| p.tenant_id == tenant.as_str())
                    .ok_or(AppError::NotFound)?;
                c.find_submission(tenant.as_str(), &p.submission_id)?
                    .ok_or(AppError::NotFound)?
            }
        };
        let current = c.payments_of(&row.id)?.pop().ok_or(AppError::NotFound)?;
        Ok((row, current))
    }
}

/// Can this filing's fee be paid now? While it is open (on submission) or once approved
/// (after approval), and only through its latest payment.
fn payable_state(row: &SubmissionRecord, p: &PaymentRecord) -> Result<bool, AppError> {
    let state: State = row
        .state
        .parse()
        .map_err(|e| AppError::Internal(format!("{e}")))?;
    Ok(if p.timing == FeeTiming::AfterApproval.code() {
        state == State::Approved
    } else {
        State::OPEN.contains(&state)
    })
}
