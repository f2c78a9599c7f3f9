//! A submission as a clerk sees it: answers, history, corrections with what changed, the
//! statutory clock, payments and what the clerk may do next; and a My Number revealed.

use crate::kernel::staff::require_city;
use crate::review::Choice;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_core::{ActorKind, ArrivalNumber, ClerkId, Localized, SubmissionId, Yen, jst};
use madoguchi_forms::Form;
use madoguchi_forms::definition::FeeTiming;
use madoguchi_i18n::{msg, t};
use madoguchi_records::{
    ClerkRecord, CorrectionRecord, EventRecord, RecordsRead, SubmissionRecord,
};
use madoguchi_workflow::clock::Reading;
use madoguchi_workflow::{ActionKind, Role, State, allowed_actions};
use serde_json::Value;

use super::Review;
use crate::kernel::audit::AuditEntry;
use crate::kernel::staff::require_case_worker;
use crate::kernel::words::localized;
use crate::kernel::{AppError, Clerk};
use crate::submission::Change;
use crate::submission::access::{parse_fields, parse_number};
use madoguchi_core::AuditAction;

#[derive(Clone, Debug)]
pub struct EventView {
    pub seq: i32,
    pub at: DateTime<Utc>,
    pub actor_kind: ActorKind,
    pub actor_name: Option<String>,
    pub action: madoguchi_core::HistoryAction,
    pub from: Option<State>,
    pub to: State,
    pub reason: Option<String>,
    /// What the action carried, in words (the fields of a correction, an extension's days).
    pub detail: Option<Localized>,
}

#[derive(Clone, Debug)]
pub struct MailView {
    pub kind: madoguchi_core::MailKind,
    pub recipient: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub failed_at: Option<DateTime<Utc>>,
    pub attempts: i32,
    pub last_error: Option<String>,
}

#[derive(Clone, Debug)]
pub struct CorrectionView {
    pub seq: i32,
    pub requested_at: DateTime<Utc>,
    pub requested_by: Option<String>,
    pub fields: Vec<Localized>,
    pub message: String,
    pub deadline: NaiveDate,
    pub answered_at: Option<DateTime<Utc>>,
    /// Unanswered after its deadline.
    pub lapsed: bool,
    /// What the applicant changed (only once answered).
    pub changes: Vec<Change>,
}

#[derive(Clone, Debug)]
pub struct SubmissionDetail {
    pub id: SubmissionId,
    pub arrival_number: ArrivalNumber,
    pub arrived_at: DateTime<Utc>,
    pub state: State,
    pub form: Arc<Form>,
    pub data: Value,
    pub fee: Yen,
    pub due_on: Option<NaiveDate>,
    pub clock: Reading,
    pub overdue: bool,
    pub due_soon: bool,
    pub data_sha256: String,
    pub applicant_name: Option<String>,
    pub contact_email: Option<String>,
    pub ward: Option<Localized>,
    pub assignee: Option<Choice>,
    pub events: Vec<EventView>,
    pub mails: Vec<MailView>,
    /// The files that came with it.
    pub attachments: Vec<crate::kernel::files::AttachmentView>,
    /// Payments of the fee, oldest first.
    pub payments: Vec<crate::submission::fees::PaymentView>,
    /// How the fee is paid (the clerk's line when nothing was paid online).
    pub fee_path: crate::submission::FeePath,
    /// The fee a counter may take now (窓口収納), for a clerk who works filings: none when
    /// it is paid already, the filing is over or there is no fee to take.
    pub counter_fee: Option<crate::submission::fees::CounterFee>,
    pub corrections: Vec<CorrectionView>,
    /// What this clerk may do now.
    pub allowed: Vec<ActionKind>,
    /// What the role could do now but the fee still owed holds back (approval before the
    /// fee paid on submission, 完結 before the fee asked after approval).
    pub withheld_for_fee: Vec<ActionKind>,
    /// Who work can be assigned to (supervisors only).
    pub assignable: Vec<Choice>,
    /// The questions a correction can name: (pointer, label).
    pub questions: Vec<Choice>,
    /// The appeal-rights notice decisions carry.
    pub appeal_notice: Option<Localized>,
    /// The My Number answers (shown masked; each can be revealed with a reason).
    pub my_numbers: Vec<Choice>,
    /// Other open filings of the procedure for the same person and key answers
    /// (`procedure.duplicates`) that this clerk may open, oldest first.
    pub alike: Vec<crate::submission::FilingAlike>,
    /// How many more there are that this clerk may not open (another ward's).
    pub alike_elsewhere: usize,
    /// Whether the procedure calls a second filing void.
    pub second_is_void: bool,
    /// Its decisions' approval route, the draft on its way and how the viewer may sign.
    pub route: super::route_lists::RouteView,
    /// The legal hold in force (法的保留), if any.
    pub hold: Option<super::legal_hold::HoldView>,
    /// The viewer may place or lift a legal hold (supervisors).
    pub may_hold: bool,
}

impl Review<'_> {
    /// One submission of the clerk's department. Another department's (or ward's)
    /// submission is "not found": its existence is not revealed.
    pub fn submission_detail(&self, clerk: &Clerk, id: &str) -> Result<SubmissionDetail, AppError> {
        require_city(clerk, self.city)?;
        require_case_worker(clerk)?;
        let detail = self.app.read(|conn| self.detail_in(conn, clerk, id))?;
        // Every view of a filing's personal data is logged.
        self.app.write(|c| {
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::View).submission(&detail.id),
            )
        })?;
        Ok(detail)
    }

    fn detail_in(
        &self,
        conn: &mut dyn RecordsRead,
        clerk: &Clerk,
        id: &str,
    ) -> Result<SubmissionDetail, AppError> {
        let row = self.app.visible_to(conn, clerk, id)?;
        let form = self.app.form_version(conn, &row.form_version)?;
        let data = self.app.open_data(&form, &row.data)?;
        let records = conn.events(&clerk.tenant, &row.id)?;
        let today = jst::date(self.app.now());
        let clock = self.app.read_clock(&form, &row, &records, today);
        let state = row.state;
        let (overdue, due_soon) = self.app.due_flags(&row.tenant_id, state, row.due_on, today);
        let events = records
            .into_iter()
            .map(|e| event_view(conn, &form, e))
            .collect::<Result<Vec<_>, _>>()?;
        let mails = conn
            .mails_for_submission(&row.id)?
            .into_iter()
            .map(|m| MailView {
                kind: m.kind,
                recipient: m.recipient,
                created_at: m.created_at.and_utc(),
                sent_at: m.sent_at.map(|t| t.and_utc()),
                failed_at: m.failed_at.map(|t| t.and_utc()),
                attempts: m.attempts,
                last_error: m.last_error,
            })
            .collect();
        let corrections = conn.corrections_of(&row.id)?;
        let corrections = self.correction_views(conn, &form, &corrections, &row, today)?;
        let wards = conn.wards_of(&clerk.tenant)?;
        let clerks = conn.clerks_of_department(&clerk.tenant, &clerk.department)?;
        let assignee = row.assignee_id.as_ref().map(ClerkId::as_str).and_then(|a| {
            clerks
                .iter()
                .find(|c| c.id == a)
                .map(clerk_choice)
                .or_else(|| {
                    Some(Choice {
                        value: a.to_string(),
                        label: localized(msg::app_detail_former_staff::text),
                    })
                })
        });
        let mut allowed = allowed_actions(state, clerk.role);
        if row.assignee_id.as_ref() == Some(&clerk.id) {
            // The holder is not offered the filing again.
            allowed.retain(|a| *a != ActionKind::Claim);
        }
        // What the fee still owed forbids is not offered (`decide` refuses it too).
        let (held, timing) = match state {
            State::Approved => (ActionKind::Close, FeeTiming::AfterApproval),
            _ => (ActionKind::Approve, FeeTiming::OnSubmission),
        };
        let mut withheld_for_fee = Vec::new();
        if allowed.contains(&held) && !self.app.fee_settled(conn, &form, &row, timing)? {
            allowed.retain(|a| *a != held);
            withheld_for_fee.push(held);
        }
        let assignable = if allowed.contains(&ActionKind::Assign) {
            clerks
                .iter()
                .filter(|c| {
                    // A ward filing goes to clerks of that ward or of every ward.
                    c.ward_code.is_none() || c.ward_code == row.ward_code
                })
                .filter(|c| matches!(c.role, Role::Clerk | Role::Supervisor))
                .map(clerk_choice)
                .collect()
        } else {
            Vec::new()
        };
        let questions = form
            .correctable_questions(&data)
            .map(|f| Choice {
                value: f.pointer.clone(),
                label: f.label.clone(),
            })
            .collect();
        let attachments = conn
            .attachments_of(&row.id)?
            .into_iter()
            .map(Into::into)
            .collect();
        let payments = self.app.payments_view(conn, &row.id)?;
        let counter_fee = if clerk.is_case_worker() {
            crate::submission::fees::counter_fee_offer(conn, &form, &row)?
        } else {
            None
        };
        let (alike, alike_elsewhere) = self.app.filings_alike_for_clerk(conn, clerk, &row)?;
        let second_is_void = form.second_filing_is_void();
        let route = self.route_view(conn, clerk, &row)?;
        if route.pending.is_some() {
            // Decided only through the draft on its way.
            allowed.retain(|a| !matches!(a, ActionKind::Approve | ActionKind::Reject));
        }
        Ok(SubmissionDetail {
            route,
            hold: self.hold_in_force(conn, &row)?,
            may_hold: clerk.role == Role::Supervisor,
            alike,
            alike_elsewhere,
            second_is_void,
            fee_path: self.app.fee_path(&form, &row)?,
            counter_fee,
            payments,
            attachments,
            id: row.id.clone(),
            arrival_number: parse_number(&row)?,
            arrived_at: row.arrived_at.and_utc(),
            state,
            appeal_notice: self
                .app
                .appeal_notice(clerk.tenant.as_str(), form.settings().appeal_key()),
            my_numbers: form
                .my_number_answers(&data)
                .into_iter()
                .map(|(value, label)| Choice { value, label })
                .collect(),
            form,
            data,
            fee: Yen::new(row.fee_yen),
            due_on: row.due_on,
            clock,
            overdue,
            due_soon,
            data_sha256: row.data_sha256.clone(),
            applicant_name: row.applicant_name.clone(),
            contact_email: row.contact_email.clone(),
            ward: ward_name(&wards, row.ward_code.as_deref()),
            assignee,
            events,
            mails,
            corrections,
            allowed,
            withheld_for_fee,
            assignable,
            questions,
        })
    }

    fn correction_views(
        &self,
        conn: &mut dyn RecordsRead,
        form: &Form,
        records: &[CorrectionRecord],
        row: &SubmissionRecord,
        today: NaiveDate,
    ) -> Result<Vec<CorrectionView>, AppError> {
        let changes = self.app.correction_changes(form, records, row)?;
        let mut views = Vec::with_capacity(records.len());
        for (c, changes) in records.iter().zip(changes) {
            let pointers = parse_fields(&c.fields)?;
            let fields = pointers
                .iter()
                .filter_map(|p| form.field(p).map(|f| f.label.clone()))
                .collect();
            views.push(CorrectionView {
                seq: c.seq,
                requested_at: c.requested_at.and_utc(),
                requested_by: conn.find_clerk(&c.requested_by)?.map(|k| k.display_name),
                fields,
                message: c.message.clone(),
                deadline: c.deadline,
                answered_at: c.resubmitted_at.map(|t| t.and_utc()),
                lapsed: c.resubmitted_at.is_none() && today > c.deadline,
                changes,
            });
        }
        Ok(views)
    }
}

pub(super) fn ward_name(
    wards: &[madoguchi_records::WardRecord],
    code: Option<&str>,
) -> Option<Localized> {
    let code = code?;
    wards
        .iter()
        .find(|w| w.code == code)
        .map(|w| Localized::new(&w.name_ja, &w.name_en))
}

pub(super) fn name_of(clerks: &[ClerkRecord], id: Option<&str>) -> Option<String> {
    let id = id?;
    Some(
        clerks
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| "—".to_string(), |c| c.display_name.clone()),
    )
}

pub(super) fn clerk_choice(c: &ClerkRecord) -> Choice {
    Choice {
        value: c.id.to_string(),
        label: Localized::new(&c.display_name, &c.display_name),
    }
}

fn event_view(
    conn: &mut dyn RecordsRead,
    form: &Form,
    e: EventRecord,
) -> Result<EventView, AppError> {
    let actor_name = match (e.actor_kind, &e.actor_id) {
        (ActorKind::Clerk, Some(id)) => conn.find_clerk(id)?.map(|c| c.display_name),
        _ => None,
    };
    let detail = e
        .detail
        .as_deref()
        .and_then(|d| serde_json::from_str::<Value>(d).ok())
        .and_then(|d| describe_detail(conn, form, e.action, &d));
    Ok(EventView {
        seq: e.seq,
        at: e.at.and_utc(),
        actor_kind: e.actor_kind,
        actor_name,
        action: e.action,
        from: e.from_state,
        to: e.to_state,
        reason: e.reason,
        detail,
    })
}

/// An event's detail in words.
fn describe_detail(
    conn: &mut dyn RecordsRead,
    form: &Form,
    action: madoguchi_core::HistoryAction,
    d: &Value,
) -> Option<Localized> {
    use madoguchi_core::HistoryAction as H;
    match action {
        // Filed at the counter from a pre-entry (書かない窓口).
        H::Submit => {
            d["counter_visit"].as_str()?;
            let doc = d["identity_document"].as_str().unwrap_or_default();
            let document = doc
                .parse::<madoguchi_core::IdentityDocument>()
                .map(|d| d.label())
                .unwrap_or_else(|_| Localized::new(doc, doc));
            // Entered by a clerk with the resident at the desk: who typed it.
            if let Some(by) = d["entered_by_staff"].as_str() {
                let name = conn
                    .find_clerk(&ClerkId::new(by))
                    .ok()
                    .flatten()
                    .map_or_else(|| by.to_string(), |c| c.display_name);
                return Some(Localized::from_fn(|lang| {
                    t!(
                        lang,
                        app_detail_counter_entered,
                        clerk = &name,
                        document = document.get(lang),
                    )
                }));
            }
            // Kept as RFC 3339; shown in the page's date style.
            let prepared = d["prepared_online_at"].as_str().unwrap_or_default();
            let at = DateTime::parse_from_rfc3339(prepared)
                .ok()
                .map(|t| t.with_timezone(&Utc));
            Some(Localized::from_fn(|lang| {
                let prepared =
                    at.map_or_else(|| prepared.to_string(), |t| jst::format_datetime(t, lang));
                t!(
                    lang,
                    app_detail_counter_filed,
                    prepared = &prepared,
                    document = document.get(lang),
                )
            }))
        }
        H::Payment | H::Refund => {
            let amount = Yen::new(d["amount"].as_i64()?);
            let method = d["method"]
                .as_str()
                .and_then(|m| serde_json::from_value(Value::String(m.into())).ok())
                .map(crate::submission::fees::method_label);
            Some(Localized::from_fn(|lang| match &method {
                Some(m) => t!(
                    lang,
                    app_detail_amount_method,
                    amount = amount.format(lang),
                    method = m.get(lang),
                ),
                None => amount.format(lang),
            }))
        }
        H::Extend => {
            let days = d["days"].as_u64()?;
            Some(Localized::from_fn(|lang| {
                t!(lang, app_detail_extended, days = days)
            }))
        }
        H::RequestCorrection => {
            let labels: Vec<Localized> = d["fields"]
                .as_array()?
                .iter()
                .filter_map(Value::as_str)
                .filter_map(|p| form.field(p).map(|f| f.label.clone()))
                .collect();
            // Kept as `YYYY-MM-DD`; shown in the page's date style.
            let deadline = d["deadline"].as_str().unwrap_or_default();
            let day = NaiveDate::parse_from_str(deadline, "%Y-%m-%d").ok();
            Some(Localized::from_fn(|lang| {
                let deadline =
                    day.map_or_else(|| deadline.to_string(), |d| jst::format_date(d, lang));
                let items = labels
                    .iter()
                    .map(|l| l.get(lang))
                    .collect::<Vec<_>>()
                    .join(t!(lang, app_list_separator));
                t!(
                    lang,
                    app_detail_correction_items,
                    items = items,
                    deadline = &deadline,
                )
            }))
        }
        H::Resubmit => {
            let n = d["changed"].as_array().map_or(0, Vec::len);
            Some(Localized::from_fn(|lang| {
                t!(lang, app_detail_changed, count = n)
            }))
        }
        H::Approve if d["told_applicant"] == Value::Bool(true) => {
            Some(localized(msg::app_detail_told_applicant::text))
        }
        H::Claim | H::Assign => {
            let id = d["assignee"].as_str()?;
            let name = conn
                .find_clerk(&ClerkId::from(id))
                .ok()
                .flatten()?
                .display_name;
            Some(Localized::from_fn(|lang| {
                t!(lang, app_detail_assigned, name = &name)
            }))
        }
        _ => None,
    }
}

impl Review<'_> {
    /// Shows one My Number in full, for a stated reason; the reveal is logged with it.
    pub fn reveal_my_number(
        &self,
        clerk: &Clerk,
        id: &str,
        pointer: &str,
        reason: &str,
    ) -> Result<String, AppError> {
        require_city(clerk, self.city)?;
        require_case_worker(clerk)?;
        let reason = reason.trim();
        if reason.chars().count() < 2 {
            return Err(AppError::ReasonRequired);
        }
        if reason.chars().count() > 500 {
            return Err(AppError::ReasonTooLong);
        }
        self.app.write(|c| {
            let row = self.app.visible_to(c, clerk, id)?;
            let form = self.app.form_version(c, &row.form_version)?;
            let is_my_number = form
                .field(pointer)
                .is_some_and(|f| f.kind == madoguchi_forms::model::FieldKind::MyNumber);
            let data = self.app.open_data(&form, &row.data)?;
            let value = data
                .pointer(pointer)
                .and_then(Value::as_str)
                .filter(|_| is_my_number)
                .ok_or(AppError::NotFound)?
                .to_string();
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::RevealMyNumber)
                    .submission(&row.id)
                    .reason(reason)
                    .detail(serde_json::json!({ "field": pointer }).to_string()),
            )?;
            Ok(value)
        })
    }
}
