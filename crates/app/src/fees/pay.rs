//! The pay page of an emailed link or a receipt: starting a checkout at the provider and
//! the return from it.

use super::Fees;
use crate::kernel::tokens::looks_like_token;
use crate::kernel::{AppError, token_hash};
use crate::submission::PaymentView;
use madoguchi_core::{ArrivalNumber, ErrorCode, FeeTiming, Localized, PaymentStatus, Yen};
use madoguchi_payment::{CheckoutRequest, ProviderError};
use madoguchi_records::{PaymentRecord, RecordsRead, SubmissionRecord};
use madoguchi_workflow::State;

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

/// Can this filing's fee be paid now? While it is open (on submission) or once approved
/// (after approval), and only through its latest payment.
fn payable_state(row: &SubmissionRecord, p: &PaymentRecord) -> Result<bool, AppError> {
    let state = row.state;
    Ok(if p.timing == FeeTiming::AfterApproval {
        state == State::Approved
    } else {
        State::OPEN.contains(&state)
    })
}

impl Fees<'_> {
    /// The page of an emailed "pay now" link.
    pub fn pay_page(&self, token: &str) -> Result<PayPage, AppError> {
        self.app.read(|c| {
            let (row, p) = self.payment_access(c, PayAccess::Link { token })?;
            let form = self.app.form_version(c, &row.form_version)?;
            let refund = c.refund_of_payment(&p.id)?;
            Ok(PayPage {
                arrival_number: row
                    .arrival_number
                    .parse()
                    .map_err(|e| AppError::internal("stored arrival number", e))?,
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
    pub fn start_payment(&self, access: PayAccess<'_>) -> Result<String, AppError> {
        let provider = self.app.provider(self.city)?;
        // 1. Find (or make) the payment to use, in one transaction.
        let (payment, row, title) = self.app.write(|c| {
            let (row, current) = self.payment_access(c, access)?;
            if !payable_state(&row, &current)? {
                return Err(AppError::InvalidTransition);
            }
            let payment = match current.status {
                PaymentStatus::Due | PaymentStatus::Created => current,
                PaymentStatus::Expired | PaymentStatus::Failed => {
                    // A fresh attempt: a new checkout under a new idempotency key. The old
                    // link keeps working (it finds the latest payment of the filing).
                    self.app.add_due_payment(c, &row, current.timing)?;
                    c.payments_of(&row.id)?.pop().ok_or(AppError::NotFound)?
                }
                // Paid, pending at a convenience store, or refunded: nothing to pay.
                PaymentStatus::Paid | PaymentStatus::Pending | PaymentStatus::Refunded => {
                    return Err(AppError::InvalidTransition);
                }
            };
            let form = self.app.form_version(c, &row.form_version)?;
            Ok((payment, row, form.title().clone()))
        })?;
        if let (Some(url), PaymentStatus::Created) = (&payment.page_url, payment.status) {
            return Ok(url.clone());
        }
        // 2. Ask the provider, outside any transaction. The payment's id is the idempotency
        // key: a retry after a timeout gets the same checkout, never a second charge.
        let request = CheckoutRequest {
            reference: row.arrival_number.clone(),
            amount: Yen::new(payment.amount_yen),
            description: format!("{} / {}", title.ja, title.en),
            return_url: format!("{}/payments/return", self.app.public_url_of(self.city)),
            idempotency_key: payment.id.to_string(),
        };
        let created = provider.create_checkout(&request);
        // 3. Record what happened.
        let now = self.app.now().naive_utc();
        match created {
            Ok(checkout) => {
                let mut updated = payment.clone();
                updated.status = checkout.status;
                updated.checkout_id = Some(checkout.checkout_id.clone());
                updated.page_url = Some(checkout.page_url.clone());
                updated.updated_at = now;
                updated.next_check_at = Some(now + self.app.config.payment_check_every);
                updated.last_error = None;
                self.app.write(|c| {
                    if !c.update_payment_if(&updated, payment.status)? {
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
                self.app
                    .write(|c| Ok(c.update_payment_if(&updated, payment.status)?))?;
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
            .app
            .read(|c| Ok(c.find_payment_by_checkout(checkout_id)?))?
            .filter(|p| &p.tenant_id == self.city)
            .ok_or(AppError::NotFound)?;
        match self.app.provider(self.city)?.status(checkout_id) {
            Ok(state) => {
                self.apply_report(&state, None)?;
            }
            // The webhook or the polling job will tell us; show what we know.
            Err(e) => {
                tracing::warn!(checkout = checkout_id, error = %e, "payment status unavailable on return")
            }
        }
        self.app.read(|c| {
            let row = c
                .find_submission(self.city, &known.submission_id)?
                .ok_or(AppError::NotFound)?;
            let p = c.find_payment(&known.id)?.ok_or(AppError::NotFound)?;
            let refund = c.refund_of_payment(&p.id)?;
            Ok((
                row.arrival_number
                    .parse()
                    .map_err(|e| AppError::internal("stored arrival number", e))?,
                PaymentView::of(&p, refund.as_ref()),
            ))
        })
    }

    /// The payment (link) a session's receipt or an emailed link stands for: the filing and
    /// its latest payment.
    fn payment_access(
        &self,
        c: &mut dyn RecordsRead,
        access: PayAccess<'_>,
    ) -> Result<(SubmissionRecord, PaymentRecord), AppError> {
        let row = match access {
            PayAccess::Session {
                token,
                arrival_number,
            } => self
                .app
                .residents_filing(c, self.city, token, arrival_number)?,
            PayAccess::Link { token } => {
                if !looks_like_token(token) {
                    return Err(AppError::NotFound);
                }
                let p = c
                    .find_payment_by_token(&token_hash(token))?
                    .filter(|p| &p.tenant_id == self.city)
                    .ok_or(AppError::NotFound)?;
                c.find_submission(self.city, &p.submission_id)?
                    .ok_or(AppError::NotFound)?
            }
        };
        let current = c.payments_of(&row.id)?.pop().ok_or(AppError::NotFound)?;
        Ok((row, current))
    }
}
