//! The fee ledger of a filing: what is due, what was paid or refunded. The provider and the pages are the fees context's.

use chrono::{DateTime, Utc};
use madoguchi_core::{
    FeeTiming, FilingMode, Localized, PaymentChannel, PaymentId, PaymentMethod, PaymentStatus,
    RefundId, RefundReason, RefundState, SubmissionId, Yen,
};
use madoguchi_forms::Form;
use madoguchi_i18n::Phrase;
use madoguchi_records::{PaymentRecord, Records, RecordsRead, RefundRecord, SubmissionRecord};

use crate::kernel::words::localized;
use crate::kernel::{App, AppError, new_token, token_hash};
use madoguchi_workflow::State;

/// A payment as residents and clerks see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentView {
    pub id: PaymentId,
    pub after_approval: bool,
    pub amount: Yen,
    pub status: PaymentStatus,
    pub method: Option<PaymentMethod>,
    pub konbini_number: Option<String>,
    pub paid_at: Option<DateTime<Utc>>,
    pub refunded: Yen,
    /// A refund owed or made, and why.
    pub refund: Option<(RefundState, RefundReason)>,
    pub checkout_id: Option<String>,
    /// The provider's last refusal or outage, for clerks.
    pub last_error: Option<String>,
    /// Online, or taken at a counter.
    pub channel: PaymentChannel,
    /// The number the counter's till printed (counter payments).
    pub receipt_number: Option<String>,
}

impl PaymentView {
    pub(crate) fn of(p: &PaymentRecord, refund: Option<&RefundRecord>) -> PaymentView {
        PaymentView {
            id: p.id.clone(),
            after_approval: p.timing == FeeTiming::AfterApproval,
            amount: Yen::new(p.amount_yen),
            status: p.status,
            method: p.method,
            konbini_number: p.konbini_number.clone(),
            paid_at: p.paid_at.map(|t| t.and_utc()),
            refunded: Yen::new(p.amount_refunded_yen),
            refund: refund.map(|r| (r.state, r.reason)),
            checkout_id: p.checkout_id.clone(),
            last_error: p.last_error.clone(),
            channel: p.channel,
            receipt_number: p.receipt_number.clone(),
        }
    }

    /// Taken at a counter.
    pub fn at_counter(&self) -> bool {
        self.channel == PaymentChannel::Counter
    }

    /// A refund of a counter payment is owed: a clerk hands it back at the counter.
    pub fn owed_at_counter(&self) -> bool {
        self.at_counter() && matches!(self.refund, Some((RefundState::Requested, _)))
    }

    pub fn is_paid(&self) -> bool {
        self.status.is_settled()
    }

    /// Can the resident (still) press "pay"?
    pub fn can_pay(&self) -> bool {
        matches!(
            self.status,
            PaymentStatus::Due
                | PaymentStatus::Created
                | PaymentStatus::Expired
                | PaymentStatus::Failed
        )
    }

    /// Where it stands, in plain words.
    pub fn label(&self) -> Localized {
        use madoguchi_i18n::msg;
        let phrase: Phrase = if let Some((state, _)) = &self.refund {
            match state {
                RefundState::Done => msg::app_payment_refunded::text,
                RefundState::Failed => msg::app_payment_refund_failed::text,
                RefundState::Requested => msg::app_payment_refund_pending::text,
            }
        } else {
            match self.status {
                PaymentStatus::Due | PaymentStatus::Created => msg::app_payment_unpaid::text,
                PaymentStatus::Pending => msg::app_payment_pending::text,
                PaymentStatus::Paid => msg::app_payment_paid::text,
                PaymentStatus::Expired => msg::app_payment_expired::text,
                PaymentStatus::Failed => msg::app_payment_failed::text,
                PaymentStatus::Refunded => msg::app_payment_refunded::text,
            }
        };
        localized(phrase)
    }
}

pub fn method_label(m: PaymentMethod) -> Localized {
    use madoguchi_i18n::msg;
    localized(match m {
        PaymentMethod::Card => msg::app_payment_method_card::text,
        PaymentMethod::Konbini => msg::app_payment_method_konbini::text,
        PaymentMethod::Qr => msg::app_payment_method_qr::text,
        PaymentMethod::Cash => msg::app_payment_method_cash::text,
    })
}

/// How a filing's fee is paid: what the procedure says and the resident chose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeePath {
    /// Nothing to pay (or the fee is only information).
    Nothing,
    /// Online, in the same flow as filing.
    OnlineNow,
    /// Online, once the office has approved it (事後決済).
    OnlineAfterApproval,
    /// At the counter, with the filing (the resident's choice, or a filing made there).
    CounterWithFiling,
    /// Not online, after the decision: `how` is the way the resident chose (the words of
    /// the form's option: at the counter, a postal money order…) or the counter when the
    /// procedure says so.
    AfterApprovalOffline { how: Localized },
    /// Bought elsewhere (stamps, a revenue stamp…), as the procedure explains.
    Elsewhere,
}

impl FeePath {
    /// The clerk's line when no payment has been made online.
    pub fn clerk_line(&self) -> Localized {
        use madoguchi_i18n::msg;
        match self {
            FeePath::Nothing => localized(msg::app_fee_path_nothing::text),
            FeePath::OnlineNow => localized(msg::app_fee_path_online_now::text),
            FeePath::OnlineAfterApproval => {
                localized(msg::app_fee_path_online_after_approval::text)
            }
            FeePath::CounterWithFiling => localized(msg::app_fee_path_counter_with_filing::text),
            FeePath::AfterApprovalOffline { how } => Localized::from_fn(|lang| {
                madoguchi_i18n::t!(
                    lang,
                    app_fee_path_after_approval_offline,
                    how = how.get(lang)
                )
            }),
            FeePath::Elsewhere => localized(msg::app_fee_path_elsewhere::text),
        }
    }
}

impl App {
    /// How the fee of `row` is paid (see [`FeePath`]).
    pub(crate) fn fee_path(
        &self,
        form: &Form,
        row: &SubmissionRecord,
    ) -> Result<FeePath, AppError> {
        if row.fee_yen <= 0 {
            return Ok(FeePath::Nothing);
        }
        let at_counter = || localized(madoguchi_i18n::msg::app_fee_how_counter::text);
        Ok(match form.fee_timing() {
            None | Some(FeeTiming::InformationOnly) => FeePath::Nothing,
            Some(FeeTiming::BoughtElsewhere) => FeePath::Elsewhere,
            Some(FeeTiming::AtCounter) => FeePath::AfterApprovalOffline { how: at_counter() },
            Some(t @ FeeTiming::OnSubmission) if self.online_fee(form, row, t)? => {
                FeePath::OnlineNow
            }
            Some(t @ FeeTiming::AfterApproval) if self.online_fee(form, row, t)? => {
                FeePath::OnlineAfterApproval
            }
            Some(FeeTiming::OnSubmission) => FeePath::CounterWithFiling,
            Some(FeeTiming::AfterApproval) if row.filing_mode == FilingMode::Counter => {
                FeePath::AfterApprovalOffline { how: at_counter() }
            }
            Some(FeeTiming::AfterApproval) => FeePath::AfterApprovalOffline {
                how: self.chosen_payment(form, row)?.unwrap_or_else(at_counter),
            },
        })
    }

    /// The words of the payment option the resident chose, when the form asks.
    fn chosen_payment(
        &self,
        form: &Form,
        row: &SubmissionRecord,
    ) -> Result<Option<Localized>, AppError> {
        let Some(rule) = form
            .settings()
            .fee
            .as_ref()
            .and_then(|f| f.online_if.as_ref())
        else {
            return Ok(None);
        };
        let data = self.open_data(form, &row.data)?;
        let Some(value) = data.pointer(&rule.field).and_then(|v| v.as_str()) else {
            return Ok(None);
        };
        Ok(form
            .field(&rule.field)
            .and_then(|f| f.option_label(value).cloned()))
    }

    /// The fee is paid online for this filing at `timing`: not a counter filing, and the
    /// answers chose online payment where the form asks.
    pub(crate) fn online_fee(
        &self,
        form: &Form,
        row: &SubmissionRecord,
        timing: FeeTiming,
    ) -> Result<bool, AppError> {
        if row.fee_yen <= 0
            || row.filing_mode == FilingMode::Counter
            || form.fee_timing() != Some(timing)
        {
            return Ok(false);
        }
        Ok(form.fee_paid_online(&self.open_data(form, &row.data)?))
    }

    /// Adds a payment that is due (no checkout yet); returns the secret of its link.
    pub(crate) fn add_due_payment(
        &self,
        c: &mut dyn Records,
        row: &SubmissionRecord,
        timing: FeeTiming,
    ) -> Result<String, AppError> {
        let token = new_token()?;
        let now = self.now().naive_utc();
        c.insert_payment(&PaymentRecord {
            id: PaymentId::new(uuid::Uuid::now_v7().to_string()),
            tenant_id: row.tenant_id.clone(),
            submission_id: row.id.clone(),
            timing,
            amount_yen: row.fee_yen,
            status: PaymentStatus::Due,
            checkout_id: None,
            page_url: None,
            method: None,
            konbini_number: None,
            amount_paid_yen: 0,
            amount_refunded_yen: 0,
            token_hash: token_hash(&token),
            created_at: now,
            updated_at: now,
            paid_at: None,
            next_check_at: None,
            last_error: None,
            channel: PaymentChannel::Online,
            receipt_number: None,
            recorded_by: None,
        })?;
        Ok(token)
    }

    /// The filing's latest payment, for pages.
    pub(crate) fn latest_payment(
        &self,
        c: &mut dyn RecordsRead,
        submission_id: &SubmissionId,
    ) -> Result<Option<PaymentView>, AppError> {
        let Some(p) = c.payments_of(submission_id)?.pop() else {
            return Ok(None);
        };
        let refund = c.refund_of_payment(&p.id)?;
        Ok(Some(PaymentView::of(&p, refund.as_ref())))
    }

    /// Every payment of a filing, oldest first (the clerk's page).
    pub(crate) fn payments_view(
        &self,
        c: &mut dyn RecordsRead,
        submission_id: &SubmissionId,
    ) -> Result<Vec<PaymentView>, AppError> {
        c.payments_of(submission_id)?
            .iter()
            .map(|p| {
                let refund = c.refund_of_payment(&p.id)?;
                Ok(PaymentView::of(p, refund.as_ref()))
            })
            .collect()
    }

    /// Is the fee due at `timing` settled? (true when none is due then)
    pub(crate) fn fee_settled(
        &self,
        c: &mut dyn RecordsRead,
        form: &Form,
        row: &SubmissionRecord,
        timing: FeeTiming,
    ) -> Result<bool, AppError> {
        if !self.online_fee(form, row, timing)? {
            return Ok(true);
        }
        Ok(c.payments_of(&row.id)?
            .iter()
            .any(|p| p.timing == timing && p.status.is_settled()))
    }

    /// After a rejection or withdrawal: refunds what was paid when the procedure's rules
    /// allow it.
    pub(crate) fn refund_if_allowed(
        &self,
        c: &mut dyn Records,
        form: &Form,
        row: &SubmissionRecord,
        reason: RefundReason,
    ) -> Result<(), AppError> {
        if !form.fee_refundable() {
            return Ok(());
        }
        for p in c.payments_of(&row.id)? {
            if p.status == PaymentStatus::Paid {
                self.request_refund(c, &p, reason)?;
            }
        }
        Ok(())
    }

    pub(crate) fn request_refund(
        &self,
        c: &mut dyn Records,
        p: &PaymentRecord,
        reason: RefundReason,
    ) -> Result<(), AppError> {
        let left = p.amount_paid_yen - p.amount_refunded_yen;
        if left <= 0 || c.refund_of_payment(&p.id)?.is_some() {
            return Ok(());
        }
        let now = self.now().naive_utc();
        c.insert_refund(&RefundRecord {
            id: RefundId::new(uuid::Uuid::now_v7().to_string()),
            tenant_id: p.tenant_id.clone(),
            payment_id: p.id.clone(),
            amount_yen: left,
            reason,
            state: RefundState::Requested,
            requested_at: now,
            done_at: None,
            attempts: 0,
            next_attempt_at: now,
            last_error: None,
            provider_refund_id: None,
            returned_by: None,
        })?;
        Ok(())
    }
}

/// When the counter's payment counts: on submission when the fee is due then, otherwise
/// after approval (certificates, fees the procedure takes at the counter).
fn counter_timing(timing: Option<FeeTiming>) -> Option<FeeTiming> {
    match timing? {
        FeeTiming::OnSubmission => Some(FeeTiming::OnSubmission),
        FeeTiming::AfterApproval | FeeTiming::AtCounter => Some(FeeTiming::AfterApproval),
        FeeTiming::BoughtElsewhere | FeeTiming::InformationOnly => None,
    }
}

/// Can a counter take this filing's fee now, and for which timing? Not for a filing that
/// is over, nor for a fee paid elsewhere or only described.
pub(crate) fn counter_fee(form: &Form, row: &SubmissionRecord) -> Option<FeeTiming> {
    let open = State::OPEN.contains(&row.state) || row.state == State::Approved;
    (open && row.fee_yen > 0)
        .then(|| counter_timing(form.fee_timing()))
        .flatten()
}

/// The fee a counter may take for a filing now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CounterFee {
    pub amount: Yen,
    /// Due after approval (a certificate's fee), rather than with the filing.
    pub after_approval: bool,
}

/// What a counter may take for `row` now: none when the filing is over, there is no fee to
/// take or it is paid already.
pub(crate) fn counter_fee_offer(
    c: &mut dyn RecordsRead,
    form: &Form,
    row: &SubmissionRecord,
) -> Result<Option<CounterFee>, AppError> {
    let Some(timing) = counter_fee(form, row) else {
        return Ok(None);
    };
    Ok((!already_paid(c, row, timing)?).then(|| CounterFee {
        amount: Yen::new(row.fee_yen),
        after_approval: timing == FeeTiming::AfterApproval,
    }))
}

/// Is the fee due at `timing` paid by a payment not given back?
pub(crate) fn already_paid(
    c: &mut dyn RecordsRead,
    row: &SubmissionRecord,
    timing: FeeTiming,
) -> Result<bool, AppError> {
    paid_by_another(c, &row.id, timing, None)
}

/// Is the fee of `submission` due at `timing` paid by a payment other than `except`, and
/// not given back?
pub(crate) fn paid_by_another(
    c: &mut dyn RecordsRead,
    submission: &SubmissionId,
    timing: FeeTiming,
    except: Option<&PaymentId>,
) -> Result<bool, AppError> {
    for p in c.payments_of(submission)? {
        if Some(&p.id) == except || p.timing != timing || p.status != PaymentStatus::Paid {
            continue;
        }
        let returned = c
            .refund_of_payment(&p.id)?
            .is_some_and(|r| r.state == RefundState::Done);
        if !returned {
            return Ok(true);
        }
    }
    Ok(false)
}
