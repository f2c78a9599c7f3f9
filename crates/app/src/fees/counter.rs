//! Fees paid at a counter (窓口収納, issue 44 item 3): the clerk who took the money records
//! it against the filing — amount, cash or the counter's terminal, the number the till
//! printed — as a payment that is already paid. It counts for the approval and close rules
//! as an online payment does, appears in the day's reconciliation under its channel, and
//! is handed back at the counter (never through the provider) when the rules refund it.
//!
//! A fee is never taken twice knowingly: a fee already paid (online or at a counter) cannot
//! be recorded again, and two clerks recording the same fee at once meet the database's
//! one-counter-payment index. A payment the provider reports after the counter took the fee
//! (a convenience-store number paid later) is given back (`PaidTwice`).

use madoguchi_core::{
    AuditAction, FeeTiming, HistoryAction, PaymentChannel, PaymentId, PaymentMethod, PaymentStatus,
    RefundState, Yen,
};
use madoguchi_records::{PaymentRecord, Records, SubmissionRecord};
use serde_json::json;

use super::Fees;
use crate::kernel::audit::{Actor, AuditEntry, HistoryEntry};
use crate::kernel::staff::{require_case_worker, require_city};
use crate::kernel::{AppError, Clerk, new_token, token_hash};
use crate::submission::fees::{already_paid, counter_fee};

/// The longest receipt number kept (a till prints far fewer characters).
pub const MAX_RECEIPT_NUMBER: usize = 40;

/// What the clerk's form sends, as typed.
#[derive(Clone, Debug, Default)]
pub struct CounterPaymentInput {
    /// Yen, as typed (full-width digits, `1,200`, `¥300` read).
    pub amount: String,
    /// `cash`, `card` or `qr`.
    pub method: String,
    pub receipt_number: String,
}

/// The inputs of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CounterPaymentField {
    Amount,
    Method,
    ReceiptNumber,
}

impl CounterPaymentField {
    pub fn input(self) -> &'static str {
        match self {
            CounterPaymentField::Amount => "amount",
            CounterPaymentField::Method => "method",
            CounterPaymentField::ReceiptNumber => "receipt_number",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CounterPaymentProblem {
    Missing,
    /// Not a whole number of yen.
    NotAmount,
    /// Not the filing's fee (which is said): the counter takes the fee, no more, no less.
    NotTheFee(Yen),
    /// Not one of the counter's ways to pay.
    NotMethod,
    /// Longer than [`MAX_RECEIPT_NUMBER`] or with characters a till does not print.
    NotReceiptNumber,
    /// The fee is paid already (online or at a counter): nothing is recorded.
    AlreadyPaid,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CounterPaymentFault {
    pub field: CounterPaymentField,
    pub problem: CounterPaymentProblem,
}

/// The ways a counter takes a fee.
pub const COUNTER_METHODS: [PaymentMethod; 3] =
    [PaymentMethod::Cash, PaymentMethod::Card, PaymentMethod::Qr];

/// Full-width digits as ASCII; `¥`, `円`, commas and spaces dropped.
fn parse_yen(typed: &str) -> Option<i64> {
    let digits: String = typed
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | '¥' | '￥' | '円' | ' ' | '　'))
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            _ => c,
        })
        .collect();
    if digits.is_empty() || digits.len() > 12 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A receipt number as printed: letters, digits, `-` and `/`, at most
/// [`MAX_RECEIPT_NUMBER`] (full-width forms read as ASCII).
fn parse_receipt_number(typed: &str) -> Option<String> {
    let text: String = typed
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            '－' | 'ー' | '−' | '‐' => '-',
            '／' => '/',
            _ => c,
        })
        .collect();
    let fine = !text.is_empty()
        && text.chars().count() <= MAX_RECEIPT_NUMBER
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '/');
    fine.then_some(text)
}

impl Fees<'_> {
    /// Records a fee taken at the counter against filing `id` (a case worker who may open
    /// it), or says what is wrong at each input (nothing stored). Audited, in the filing's
    /// history as the clerk's.
    pub fn record_at_counter(
        &self,
        clerk: &Clerk,
        id: &str,
        input: &CounterPaymentInput,
    ) -> Result<Result<PaymentId, Vec<CounterPaymentFault>>, AppError> {
        require_case_worker(clerk)?;
        require_city(clerk, self.city)?;
        let mut faults = Vec::new();
        let mut fault = |field, problem| faults.push(CounterPaymentFault { field, problem });
        let amount = match parse_yen(&input.amount) {
            _ if input.amount.trim().is_empty() => {
                fault(CounterPaymentField::Amount, CounterPaymentProblem::Missing);
                None
            }
            None => {
                fault(
                    CounterPaymentField::Amount,
                    CounterPaymentProblem::NotAmount,
                );
                None
            }
            some => some,
        };
        let method = match input.method.trim() {
            "" => {
                fault(CounterPaymentField::Method, CounterPaymentProblem::Missing);
                None
            }
            m => {
                let found = COUNTER_METHODS.into_iter().find(|c| c.code() == m);
                if found.is_none() {
                    fault(
                        CounterPaymentField::Method,
                        CounterPaymentProblem::NotMethod,
                    );
                }
                found
            }
        };
        let receipt_number = match parse_receipt_number(&input.receipt_number) {
            _ if input.receipt_number.trim().is_empty() => {
                fault(
                    CounterPaymentField::ReceiptNumber,
                    CounterPaymentProblem::Missing,
                );
                None
            }
            None => {
                fault(
                    CounterPaymentField::ReceiptNumber,
                    CounterPaymentProblem::NotReceiptNumber,
                );
                None
            }
            some => some,
        };
        let recorded = self.app.write(|c| {
            let row = self.app.visible_to(c, clerk, id)?;
            let form = self.app.form_version(c, &row.form_version)?;
            let timing = counter_fee(&form, &row).ok_or(AppError::InvalidTransition)?;
            let mut faults = faults.clone();
            if amount.is_some_and(|a| a != row.fee_yen) {
                faults.push(CounterPaymentFault {
                    field: CounterPaymentField::Amount,
                    problem: CounterPaymentProblem::NotTheFee(Yen::new(row.fee_yen)),
                });
            }
            if already_paid(c, &row, timing)? {
                faults.insert(
                    0,
                    CounterPaymentFault {
                        field: CounterPaymentField::Amount,
                        problem: CounterPaymentProblem::AlreadyPaid,
                    },
                );
            }
            let (Some(method), Some(receipt_number), true) =
                (method, receipt_number.clone(), faults.is_empty())
            else {
                return Ok(Err(faults));
            };
            let payment =
                self.insert_counter_payment(c, clerk, &row, timing, method, receipt_number)?;
            Ok(Ok(payment))
        });
        match recorded {
            // A second clerk recorded the same fee a moment earlier (the index).
            Err(AppError::Store(e)) if e.is_unique_violation() => {
                Ok(Err(vec![CounterPaymentFault {
                    field: CounterPaymentField::Amount,
                    problem: CounterPaymentProblem::AlreadyPaid,
                }]))
            }
            other => other,
        }
    }

    fn insert_counter_payment(
        &self,
        c: &mut dyn Records,
        clerk: &Clerk,
        row: &SubmissionRecord,
        timing: FeeTiming,
        method: PaymentMethod,
        receipt_number: String,
    ) -> Result<PaymentId, AppError> {
        let now = self.app.now();
        let id = PaymentId::new(uuid::Uuid::now_v7().to_string());
        let record = PaymentRecord {
            id: id.clone(),
            tenant_id: row.tenant_id.clone(),
            submission_id: row.id.clone(),
            timing,
            amount_yen: row.fee_yen,
            status: PaymentStatus::Paid,
            checkout_id: None,
            page_url: None,
            method: Some(method),
            konbini_number: None,
            amount_paid_yen: row.fee_yen,
            amount_refunded_yen: 0,
            // No link pays a counter payment: a secret nobody holds fills the column.
            token_hash: token_hash(&new_token()?),
            created_at: now.naive_utc(),
            updated_at: now.naive_utc(),
            paid_at: Some(now.naive_utc()),
            next_check_at: None,
            last_error: None,
            channel: PaymentChannel::Counter,
            receipt_number: Some(receipt_number.clone()),
            recorded_by: Some(clerk.id.clone()),
        };
        c.insert_payment(&record)?;
        let detail = json!({
            "amount": row.fee_yen,
            "method": method,
            "channel": PaymentChannel::Counter,
            "receipt_number": receipt_number,
        });
        let event = self.app.append_history(
            c,
            row,
            now,
            HistoryEntry {
                actor: Actor::Clerk(clerk.id.clone()),
                action: HistoryAction::Payment,
                from: Some(row.state),
                to: row.state,
                reason: None,
                detail: Some(detail.to_string()),
            },
        )?;
        self.app.queue_webhooks(c, row, &event)?;
        self.app.audit(
            c,
            clerk,
            AuditEntry::new(AuditAction::CounterPayment)
                .submission(&row.id)
                .detail(
                    json!({ "payment": id, "amount": row.fee_yen, "method": method }).to_string(),
                ),
        )?;
        tracing::info!(arrival_number = %row.arrival_number, amount = row.fee_yen, method = %method, "fee recorded at a counter");
        Ok(id)
    }

    /// The clerk handed a counter payment's refund back at the counter: the refund owed on
    /// `payment` of filing `id` is done. "Not found" for a payment of another filing, an
    /// online payment (the provider refunds those) or one nothing is owed on.
    pub fn counter_refund_returned(
        &self,
        clerk: &Clerk,
        id: &str,
        payment: &str,
    ) -> Result<(), AppError> {
        require_case_worker(clerk)?;
        require_city(clerk, self.city)?;
        self.app.write(|c| {
            let row = self.app.visible_to(c, clerk, id)?;
            let p = c
                .find_payment(&PaymentId::new(payment))?
                .filter(|p| p.submission_id == row.id && p.channel == PaymentChannel::Counter)
                .ok_or(AppError::NotFound)?;
            let mut refund = c
                .refund_of_payment(&p.id)?
                .filter(|r| r.state != RefundState::Done)
                .ok_or(AppError::NotFound)?;
            let now = self.app.now().naive_utc();
            refund.state = RefundState::Done;
            refund.done_at = Some(now);
            refund.returned_by = Some(clerk.id.clone());
            refund.attempts += 1;
            c.update_refund(&refund)?;
            let mut updated = p.clone();
            updated.amount_refunded_yen = p.amount_refunded_yen + refund.amount_yen;
            if updated.amount_refunded_yen >= p.amount_paid_yen {
                updated.status = PaymentStatus::Refunded;
            }
            updated.updated_at = now;
            if !c.update_payment_if(&updated, p.status)? {
                return Err(AppError::InvalidTransition);
            }
            let event = self.app.append_history(
                c,
                &row,
                self.app.now(),
                HistoryEntry {
                    actor: Actor::Clerk(clerk.id.clone()),
                    action: HistoryAction::Refund,
                    from: Some(row.state),
                    to: row.state,
                    reason: Some(refund.reason.to_string()),
                    detail: Some(
                        json!({ "amount": refund.amount_yen, "channel": PaymentChannel::Counter })
                            .to_string(),
                    ),
                },
            )?;
            self.app.queue_webhooks(c, &row, &event)?;
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::CounterRefund)
                    .submission(&row.id)
                    .detail(json!({ "payment": p.id, "amount": refund.amount_yen }).to_string()),
            )?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_typed_at_a_counter() {
        assert_eq!(parse_yen("300"), Some(300));
        assert_eq!(parse_yen("１，２００円"), Some(1200));
        assert_eq!(parse_yen("¥ 450"), Some(450));
        assert_eq!(parse_yen("-300"), None);
        assert_eq!(parse_yen("3.5"), None);
        assert_eq!(parse_yen("9999999999999"), None);
    }

    #[test]
    fn receipt_numbers_read_as_printed() {
        assert_eq!(parse_receipt_number(" Ａ１２－３ "), Some("A12-3".into()));
        assert_eq!(
            parse_receipt_number("2026/000123"),
            Some("2026/000123".into())
        );
        assert_eq!(parse_receipt_number("<script>"), None);
        assert_eq!(parse_receipt_number(&"1".repeat(41)), None);
    }
}
