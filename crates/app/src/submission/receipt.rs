//! The receipt of a filing and its history in plain words.

use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_core::ProcedureId;
use madoguchi_core::{ArrivalNumber, Localized, SubmissionId, Yen};
use madoguchi_forms::definition::Filing as FilingMode;
use madoguchi_records::{EventRecord, RecordsRead, SubmissionRecord};
use madoguchi_workflow::State;

use crate::kernel::municipality::department_name;
use crate::kernel::{App, AppError};

/// The proof of arrival a resident keeps.
#[derive(Clone, Debug)]
pub struct Receipt {
    pub submission_id: SubmissionId,
    pub arrival_number: ArrivalNumber,
    pub arrived_at: DateTime<Utc>,
    pub procedure_id: ProcedureId,
    pub procedure_title: Localized,
    pub department: Localized,
    pub fee: Yen,
    pub due_on: Option<NaiveDate>,
    /// The due date rests on a processing period the city has not confirmed: it is said
    /// as such wherever it is shown (`kernel::confirmed_facts`).
    pub due_to_confirm: bool,
    pub email_notice: bool,
    /// SHA-256 of the canonical JSON of the answers, so the resident and the office can
    /// prove what was filed.
    pub data_sha256: String,
    pub state: State,
    /// For a pre-entry procedure: what to do at the counter.
    pub counter_visit: Option<Localized>,
    /// The files that came with it: (name, size in bytes).
    pub attachments: Vec<(String, i64)>,
    /// The fee's latest payment, when it is paid online.
    pub payment: Option<crate::submission::fees::PaymentView>,
    /// How the fee is paid.
    pub fee_path: crate::submission::fees::FeePath,
    /// The secret for looking up the status without an account: only right after the
    /// filing is stored (the database keeps its hash).
    pub status_key: Option<String>,
}

impl Receipt {
    /// The fee is still to be paid after an approval: online (the payment is not settled)
    /// or at the counter. `None` when nothing is owed after the decision.
    pub fn fee_owed_after_approval(&self) -> Option<&crate::submission::fees::FeePath> {
        use crate::submission::fees::FeePath;
        if self.state != State::Approved {
            return None;
        }
        match &self.fee_path {
            FeePath::OnlineAfterApproval => self
                .payment
                .as_ref()
                .is_none_or(|p| !p.is_paid())
                .then_some(&self.fee_path),
            // Taken at a counter already (窓口収納): nothing more is owed.
            FeePath::AfterApprovalOffline { .. } => (!self
                .payment
                .as_ref()
                .is_some_and(|p| p.after_approval && p.is_paid()))
            .then_some(&self.fee_path),
            _ => None,
        }
    }

    /// Where the filing stands, in the resident's words: an approval with the fee still to
    /// pay is not "finished".
    pub fn status_label(&self) -> Localized {
        use crate::submission::fees::FeePath;
        use madoguchi_i18n::msg;
        match self.fee_owed_after_approval() {
            Some(FeePath::AfterApprovalOffline { how }) => Localized::from_fn(|lang| {
                madoguchi_i18n::t!(lang, app_status_approved_fee_offline, how = how.get(lang))
            }),
            Some(_) => crate::kernel::words::localized(msg::app_status_approved_fee_online::text),
            None => self.state.resident_label(),
        }
    }
}

/// One step in the life of a filing, in plain words for the applicant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryItem {
    pub at: DateTime<Utc>,
    pub what: Localized,
    /// What the office wrote to the applicant (a correction request, reasons of a
    /// refusal or an extension).
    pub message: Option<String>,
    /// The applicant's correction was received here.
    pub resubmitted: bool,
    /// The decision (approval or refusal): its message is what the applicant was told
    /// with it.
    pub decision: bool,
    /// What that correction changed (My Numbers masked).
    pub changes: Vec<crate::submission::changes::Change>,
}

/// An event as the applicant reads it; `None` for the office's internal steps.
pub(crate) fn history_item(e: &EventRecord) -> Option<HistoryItem> {
    use madoguchi_core::HistoryAction as H;
    use madoguchi_i18n::msg;
    let what: madoguchi_i18n::Phrase = match e.action {
        H::Submit => msg::app_history_submit::text,
        H::Claim => msg::app_history_claim::text,
        H::RequestCorrection => msg::app_history_request_correction::text,
        H::Resubmit => msg::app_history_resubmit::text,
        H::Extend => msg::app_history_extend::text,
        H::Approve => msg::app_history_approve::text,
        H::Reject => msg::app_history_reject::text,
        H::Withdraw => msg::app_history_withdraw::text,
        H::Close => msg::app_history_close::text,
        H::Payment => msg::app_history_payment::text,
        H::Refund => msg::app_history_refund::text,
        H::BookingChanged | H::BookingCancelled => return Some(booking_item(e)),
        // Who works on it, and who signs off a decision before it is made, is the
        // office's own business.
        H::Assign
        | H::DecisionDrafted
        | H::DecisionEndorsed
        | H::DecisionReturned
        | H::LegalHoldPlaced
        | H::LegalHoldLifted => {
            return None;
        }
    };
    let message = match e.action {
        H::RequestCorrection | H::Reject | H::Extend => e.reason.clone(),
        // An approval's note only when the clerk wrote it for the applicant.
        H::Approve if told_applicant(e) => e.reason.clone(),
        _ => None,
    };
    Some(HistoryItem {
        at: e.at.and_utc(),
        what: crate::kernel::words::localized(what),
        message,
        resubmitted: e.action == H::Resubmit,
        decision: matches!(e.action, H::Approve | H::Reject),
        changes: Vec::new(),
    })
}

/// A booking moved or cancelled by the applicant, with its times in words.
fn booking_item(e: &EventRecord) -> HistoryItem {
    use madoguchi_i18n::t;
    let (from, to) = crate::submission::bookings::moved_times(e.detail.as_deref());
    let time = |a: &Option<madoguchi_forms::booking::SlotAnswer>, lang| {
        a.as_ref()
            .map(|a| madoguchi_core::jst::format_local(a.starts, lang))
            .unwrap_or_default()
    };
    let what = Localized::from_fn(|lang| match e.action {
        madoguchi_core::HistoryAction::BookingChanged => t!(
            lang,
            app_history_booking_changed,
            from = time(&from, lang),
            to = time(&to, lang)
        ),
        _ => t!(lang, app_history_booking_cancelled, at = time(&from, lang)),
    });
    HistoryItem {
        at: e.at.and_utc(),
        what,
        message: None,
        resubmitted: false,
        decision: false,
        changes: Vec::new(),
    }
}

#[derive(Clone, Debug)]
pub enum SubmitOutcome {
    /// Stored now.
    Stored(Receipt),
    /// The same submission was sent again (same idempotency key): nothing new was stored.
    Replayed(Receipt),
}

impl SubmitOutcome {
    pub fn receipt(&self) -> &Receipt {
        match self {
            SubmitOutcome::Stored(r) | SubmitOutcome::Replayed(r) => r,
        }
    }
}

impl App {
    pub(crate) fn receipt_of(
        &self,
        conn: &mut dyn RecordsRead,
        row: &SubmissionRecord,
    ) -> Result<Receipt, AppError> {
        let form = self.form_version(conn, &row.form_version)?;
        let department = department_name(
            conn,
            &row.tenant_id,
            &row.department_id,
            row.ward_code.as_deref(),
        )?;
        let attachments = files_of(conn, &row.id)?;
        let payment = self.latest_payment(conn, &row.id)?;
        let mut receipt = self.receipt_from(&form, row, department, attachments, payment)?;
        receipt.due_to_confirm = row.due_on.is_some()
            && self
                .unconfirmed_facts_in(conn, &row.tenant_id, &form)?
                .has("processing_days");
        Ok(receipt)
    }

    /// The receipt of `row` from what the caller already holds: `form` is the version it
    /// was filed under, `department` its label, `attachments` its files (name, size) and
    /// `payment` its latest payment. Filing builds its receipt so, without reading back
    /// what it has just written.
    pub(crate) fn receipt_from(
        &self,
        form: &madoguchi_forms::Form,
        row: &SubmissionRecord,
        department: Localized,
        attachments: Vec<(String, i64)>,
        payment: Option<crate::submission::fees::PaymentView>,
    ) -> Result<Receipt, AppError> {
        Ok(Receipt {
            submission_id: row.id.clone(),
            arrival_number: row
                .arrival_number
                .parse()
                .map_err(|e| AppError::internal("stored arrival number", e))?,
            arrived_at: row.arrived_at.and_utc(),
            procedure_id: row.procedure_id.clone(),
            procedure_title: form.title().clone(),
            department,
            fee: Yen::new(row.fee_yen),
            due_on: row.due_on,
            due_to_confirm: false,
            email_notice: row.contact_email.is_some(),
            data_sha256: row.data_sha256.clone(),
            attachments,
            payment,
            fee_path: self.fee_path(form, row)?,
            status_key: None,
            counter_visit: (form.settings().filing == FilingMode::PreEntry)
                .then(|| form.settings().filing_note.clone().unwrap_or_default()),
            state: row.state,
        })
    }
}

/// A filing's files as its receipt lists them: name and size.
pub(crate) fn files_of(
    conn: &mut dyn RecordsRead,
    id: &SubmissionId,
) -> Result<Vec<(String, i64)>, AppError> {
    Ok(conn
        .attachments_of(id)?
        .into_iter()
        .map(|a| (a.file_name, a.size_bytes))
        .collect())
}

/// Whether an approval's note was marked for the applicant (`review::decide` records
/// `{"told_applicant": true}` in the event's detail).
fn told_applicant(e: &EventRecord) -> bool {
    e.detail
        .as_deref()
        .and_then(|d| serde_json::from_str::<serde_json::Value>(d).ok())
        .is_some_and(|d| d["told_applicant"] == serde_json::Value::Bool(true))
}
