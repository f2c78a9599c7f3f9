//! What clerks do: the department's queue, a submission's detail, the decision.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use madoguchi_core::{ArrivalNumber, Localized, SubmissionId, Yen};
use madoguchi_forms::Form;
use madoguchi_records::{EventRecord, Records, SubmissionRecord};
use madoguchi_workflow::{Action, State, TransitionError, transition};
use serde_json::Value;

use crate::auth::Clerk;
use crate::{App, AppError};

/// The longest reason a clerk can give (a notice, not an essay).
pub const MAX_REASON_CHARS: usize = 2000;
const PER_PAGE: i64 = 50;

#[derive(Clone, Debug)]
pub struct QueueItem {
    pub id: SubmissionId,
    pub arrival_number: ArrivalNumber,
    pub procedure_title: Localized,
    pub applicant_name: Option<String>,
    pub arrived_at: DateTime<Utc>,
    pub state: State,
    pub due_on: Option<NaiveDate>,
    pub fee: Yen,
}

#[derive(Clone, Debug)]
pub struct QueuePage {
    pub items: Vec<QueueItem>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
}

#[derive(Clone, Debug)]
pub struct EventView {
    pub seq: i32,
    pub at: DateTime<Utc>,
    /// `resident`, `clerk` or `system`.
    pub actor_kind: String,
    pub actor_name: Option<String>,
    pub action: String,
    pub from: Option<State>,
    pub to: State,
    pub reason: Option<String>,
}

#[derive(Clone, Debug)]
pub struct MailView {
    pub kind: String,
    pub recipient: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub failed_at: Option<DateTime<Utc>>,
    pub attempts: i32,
    pub last_error: Option<String>,
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
    pub data_sha256: String,
    pub applicant_name: Option<String>,
    pub contact_email: Option<String>,
    pub events: Vec<EventView>,
    pub mails: Vec<MailView>,
}

/// A decision as posted by a clerk.
#[derive(Clone, Debug)]
pub struct DecisionInput {
    /// `approve` or `reject`.
    pub action: String,
    pub reason: String,
}

impl App {
    /// The clerk's department queue, newest first.
    pub fn queue(&self, clerk: &Clerk, page: i64) -> Result<QueuePage, AppError> {
        self.read(|conn| self.queue_in(conn, clerk, page))
    }

    fn queue_in(
        &self,
        conn: &mut dyn Records,
        clerk: &Clerk,
        page: i64,
    ) -> Result<QueuePage, AppError> {
        let (tenant, dep) = (clerk.tenant.as_str(), clerk.department.as_str());
        let ward = clerk.ward.as_ref().map(|w| w.code.as_str());
        let total = conn.count_queue(tenant, dep, ward)?;
        let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
        let page = page.clamp(1, pages);
        let rows = conn.queue(tenant, dep, ward, PER_PAGE, (page - 1) * PER_PAGE)?;
        let items = rows
            .iter()
            .map(|row| {
                let form = self.form_version(conn, &row.form_version)?;
                Ok(QueueItem {
                    id: SubmissionId::new(row.id.clone()),
                    arrival_number: parse_number(row)?,
                    procedure_title: form.title().clone(),
                    applicant_name: row.applicant_name.clone(),
                    arrived_at: row.arrived_at.and_utc(),
                    state: parse_state(&row.state)?,
                    due_on: row.due_on,
                    fee: Yen::new(row.fee_yen),
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        Ok(QueuePage {
            items,
            total,
            page,
            pages,
        })
    }

    /// One submission of the clerk's department. Another department's submission is
    /// "not found": its existence is not revealed.
    pub fn submission_detail(&self, clerk: &Clerk, id: &str) -> Result<SubmissionDetail, AppError> {
        self.read(|conn| self.detail_in(conn, clerk, id))
    }

    fn detail_in(
        &self,
        conn: &mut dyn Records,
        clerk: &Clerk,
        id: &str,
    ) -> Result<SubmissionDetail, AppError> {
        let row = self.visible_to(conn, clerk, id)?;
        let form = self.form_version(conn, &row.form_version)?;
        let data: Value = serde_json::from_str(&row.data)
            .map_err(|e| AppError::Internal(format!("submission {}: {e}", row.id)))?;
        let events = conn
            .events(clerk.tenant.as_str(), &row.id)?
            .into_iter()
            .map(|e| event_view(conn, e))
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
        Ok(SubmissionDetail {
            id: SubmissionId::new(row.id.clone()),
            arrival_number: parse_number(&row)?,
            arrived_at: row.arrived_at.and_utc(),
            state: parse_state(&row.state)?,
            form,
            data,
            fee: Yen::new(row.fee_yen),
            due_on: row.due_on,
            data_sha256: row.data_sha256.clone(),
            applicant_name: row.applicant_name.clone(),
            contact_email: row.contact_email.clone(),
            events,
            mails,
        })
    }

    fn visible_to(
        &self,
        conn: &mut dyn Records,
        clerk: &Clerk,
        id: &str,
    ) -> Result<SubmissionRecord, AppError> {
        if id.len() > 64 {
            return Err(AppError::NotFound);
        }
        conn.find_submission(clerk.tenant.as_str(), id)?
            .filter(|row| row.department_id == clerk.department.as_str())
            // A ward clerk sees only filings routed to their ward.
            .filter(|row| {
                clerk
                    .ward
                    .as_ref()
                    .is_none_or(|w| row.ward_code.as_deref() == Some(w.code.as_str()))
            })
            .ok_or(AppError::NotFound)
    }

    /// Approves or rejects. The state change, its audit event and the email to the
    /// applicant are one transaction; a second decision on the same submission is refused.
    pub fn decide(
        &self,
        clerk: &Clerk,
        id: &str,
        input: &DecisionInput,
    ) -> Result<State, AppError> {
        let reason = input.reason.trim().to_string();
        if reason.chars().count() > MAX_REASON_CHARS {
            return Err(AppError::ReasonTooLong);
        }
        let action = match input.action.as_str() {
            "approve" => Action::Approve,
            "reject" => Action::Reject {
                reason: reason.clone(),
            },
            _ => return Err(AppError::InvalidTransition),
        };
        let now = self.now();
        self.write(|c| {
            let row = self.visible_to(c, clerk, id)?;
            let from = parse_state(&row.state)?;
            let to = transition(from, &action).map_err(|e| match e {
                TransitionError::ReasonRequired => AppError::ReasonRequired,
                TransitionError::NotAllowed { .. } => AppError::InvalidTransition,
            })?;
            if !c.update_submission_state(&row.id, from.code(), to.code(), now.naive_utc())? {
                return Err(AppError::InvalidTransition);
            }
            let seq = c.next_event_seq(&row.id)?;
            c.append_event(&EventRecord {
                    id: uuid::Uuid::now_v7().to_string(),
                    tenant_id: row.tenant_id.clone(),
                    submission_id: row.id.clone(),
                    seq,
                    at: now.naive_utc(),
                    actor_kind: "clerk".into(),
                    actor_id: Some(clerk.id.to_string()),
                    action: action.code().into(),
                    from_state: Some(from.code().into()),
                    to_state: to.code().into(),
                    reason: action.reason().map(str::to_string),
                },
            )?;
            if let Some(email) = &row.contact_email {
                let receipt = self.receipt_of(c, &row)?;
                let mail =
                    self.decision_mail(c, &clerk.tenant, &receipt, to, action.reason(), email)?;
                c.enqueue_mail(&mail)?;
            }
            tracing::info!(arrival_number = %row.arrival_number, clerk = %clerk.id, to = to.code(), "decision recorded");
            Ok(to)
        })
    }
}

fn event_view(conn: &mut dyn Records, e: EventRecord) -> Result<EventView, AppError> {
    let actor_name = match (&e.actor_kind[..], &e.actor_id) {
        ("clerk", Some(id)) => conn.find_clerk(id)?.map(|c| c.display_name),
        _ => None,
    };
    Ok(EventView {
        seq: e.seq,
        at: e.at.and_utc(),
        actor_kind: e.actor_kind,
        actor_name,
        action: e.action,
        from: e.from_state.as_deref().map(parse_state).transpose()?,
        to: parse_state(&e.to_state)?,
        reason: e.reason,
    })
}

fn parse_state(s: &str) -> Result<State, AppError> {
    s.parse().map_err(|e| AppError::Internal(format!("{e}")))
}

fn parse_number(row: &SubmissionRecord) -> Result<ArrivalNumber, AppError> {
    row.arrival_number.parse().map_err(|e| {
        AppError::Internal(format!("stored arrival number {}: {e}", row.arrival_number))
    })
}
