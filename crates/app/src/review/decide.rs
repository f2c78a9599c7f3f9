//! What clerks and supervisors do to a submission: claim, assign, ask for a correction,
//! extend the period, approve, reject, close. Each is one transaction: the state change
//! (compare-and-set, so two clerks can never both act), the audit event, the new due date
//! and any email to the applicant.

use chrono::{Duration, NaiveDate};
use madoguchi_core::{ClerkId, CorrectionId, ErrorCode, RefundReason, jst};
use madoguchi_forms::Form;
use madoguchi_forms::definition::FeeTiming;
use madoguchi_records::{CorrectionRecord, Records, RecordsRead, SubmissionRecord};
use madoguchi_workflow::{Action, ActionKind, Role, State, TransitionError, transition};
use serde_json::json;

use super::Review;
use crate::kernel::audit::{Actor, HistoryEntry};
use crate::kernel::staff::require_city;
use crate::kernel::{AppError, Clerk, new_token, token_hash};
use crate::notification::progress::Progress;

/// The furthest a correction deadline may be set.
pub const MAX_CORRECTION_DAYS: i64 = 90;

/// The most filings one bulk action takes (a queue page is 50).
pub const MAX_BULK: usize = 200;

/// An action checked before its transaction.
pub(super) struct Prepared {
    pub(super) kind: ActionKind,
    pub(super) action: Action,
    pub(super) deadline: Option<NaiveDate>,
    pub(super) now: chrono::DateTime<chrono::Utc>,
    pub(super) today: NaiveDate,
    /// Reasons given for an approval (optional): kept in the history, never dropped.
    pub(super) note: Option<String>,
    /// The approval's note is for the applicant too: in the decision mail, on the receipt
    /// page and on the notice (a collection day, where to pick the result up).
    pub(super) tell_applicant: bool,
    /// A decision whose approval route agreed: its drafter and approvers, kept on the
    /// decision's record (`route::decide_drafted`).
    pub(super) route_record: Option<serde_json::Value>,
}

/// A clerk's action as posted.
#[derive(Clone, Debug, Default)]
pub struct ReviewInput {
    /// An action code of the workflow crate (`claim`, `approve`, …).
    pub action: String,
    pub reason: String,
    /// Correction: the questions to fix (JSON pointers).
    pub fields: Vec<String>,
    /// Correction: `YYYY-MM-DD`.
    pub deadline: String,
    /// Extension: business days.
    pub days: String,
    /// Assignment: a clerk id.
    pub assignee: String,
    /// Approval: the reason is a note for the applicant (mail, receipt page, notice), not
    /// only the office's record. A refusal's reasons always reach the applicant.
    pub tell_applicant: bool,
}

/// Kept for the decision form and older callers: `approve` or `reject` with a reason.
pub type DecisionInput = ReviewInput;

impl ReviewInput {
    pub fn decision(action: &str, reason: &str) -> Self {
        Self {
            action: action.into(),
            reason: reason.into(),
            ..Self::default()
        }
    }
}

impl Review<'_> {
    /// Approves or rejects (the decision form).
    pub fn decide(&self, clerk: &Clerk, id: &str, input: &ReviewInput) -> Result<State, AppError> {
        require_city(clerk, self.city)?;
        match input.action.as_str() {
            "approve" | "reject" => self.act(clerk, id, input),
            _ => Err(AppError::InvalidTransition),
        }
    }

    /// Carries out one review action; returns the new state.
    pub fn act(&self, clerk: &Clerk, id: &str, input: &ReviewInput) -> Result<State, AppError> {
        require_city(clerk, self.city)?;
        crate::kernel::staff::require_case_worker(clerk)?;
        let kind: ActionKind = input
            .action
            .parse()
            .map_err(|_| AppError::InvalidTransition)?;
        if kind == ActionKind::Resubmit || kind == ActionKind::Withdraw {
            // The applicant's actions, never a clerk's.
            return Err(AppError::Forbidden);
        }
        let reason = input.reason.trim().to_string();
        let note = (kind == ActionKind::Approve && !reason.is_empty()).then(|| reason.clone());
        if note
            .as_ref()
            .is_some_and(|n| n.chars().count() > madoguchi_workflow::state::MAX_REASON_CHARS)
        {
            return Err(AppError::ReasonTooLong);
        }
        let action = match kind {
            ActionKind::Claim => Action::Claim,
            ActionKind::Assign => Action::Assign,
            ActionKind::RequestCorrection => Action::RequestCorrection { reason },
            ActionKind::Approve => Action::Approve,
            ActionKind::Reject => Action::Reject { reason },
            ActionKind::Close => Action::Close,
            ActionKind::Extend => Action::Extend {
                reason,
                days: input
                    .days
                    .trim()
                    .parse()
                    .map_err(|_| AppError::Refused(ErrorCode::ExtensionInvalid))?,
            },
            ActionKind::Resubmit | ActionKind::Withdraw => return Err(AppError::Forbidden),
        };
        let now = self.app.now();
        let today = jst::date(now);
        let deadline = if kind == ActionKind::RequestCorrection {
            Some(correction_deadline(&input.deadline, today)?)
        } else {
            None
        };
        let prepared = Prepared {
            kind,
            action,
            deadline,
            now,
            today,
            tell_applicant: input.tell_applicant && note.is_some(),
            note,
            route_record: None,
        };
        let decision = matches!(kind, ActionKind::Approve | ActionKind::Reject);
        self.app.write(|c| {
            // Where the procedure has an approval route, the decision is drafted for it
            // and takes effect when the route agrees (`route::sign_off`).
            if decision && let Some(state) = self.draft_if_routed(c, clerk, id, &prepared)? {
                return Ok(state);
            }
            self.act_in(c, clerk, id, input, &prepared)
        })
    }

    /// Assigns several filings to one clerk (supervisors), all or none: one that cannot be
    /// assigned (decided meanwhile, not visible) leaves every one as it was.
    pub fn bulk_assign(
        &self,
        clerk: &Clerk,
        ids: &[String],
        assignee: &str,
    ) -> Result<usize, AppError> {
        require_city(clerk, self.city)?;
        crate::kernel::staff::require_case_worker(clerk)?;
        if ids.is_empty() || ids.len() > MAX_BULK {
            return Err(AppError::Refused(ErrorCode::SelectionInvalid));
        }
        let input = ReviewInput {
            action: ActionKind::Assign.code().into(),
            assignee: assignee.into(),
            ..ReviewInput::default()
        };
        let now = self.app.now();
        let prepared = Prepared {
            kind: ActionKind::Assign,
            action: Action::Assign,
            deadline: None,
            now,
            today: jst::date(now),
            note: None,
            tell_applicant: false,
            route_record: None,
        };
        self.app.write(|c| {
            for id in ids {
                self.act_in(c, clerk, id, &input, &prepared)?;
            }
            Ok(ids.len())
        })
    }

    /// One action inside the caller's transaction.
    pub(super) fn act_in(
        &self,
        c: &mut dyn Records,
        clerk: &Clerk,
        id: &str,
        input: &ReviewInput,
        p: &Prepared,
    ) -> Result<State, AppError> {
        let (kind, action, deadline, now, today) = (p.kind, &p.action, p.deadline, p.now, p.today);
        {
            let row = self.app.visible_to(c, clerk, id)?;
            let from = row.state;
            let to = transition(from, action, clerk.role)
                .map_err(|e| transition_error(e, from, kind, clerk.role))?;
            // First the guarded update (also when the state stays, for assigning and
            // extending): a concurrent action on the same filing makes this one a 409
            // before anything else is written.
            if !c.update_submission_state(&row.id, from, to, now.naive_utc())? {
                return Err(AppError::InvalidTransition);
            }
            let form = self.app.form_version(c, &row.form_version)?;
            // Fees: decided only once paid (on submission), closed only once paid (after
            // approval).
            let unpaid = match kind {
                ActionKind::Approve => {
                    !self
                        .app
                        .fee_settled(c, &form, &row, FeeTiming::OnSubmission)?
                }
                ActionKind::Close => {
                    from == State::Approved
                        && !self
                            .app
                            .fee_settled(c, &form, &row, FeeTiming::AfterApproval)?
                }
                _ => false,
            };
            if unpaid {
                return Err(AppError::Refused(ErrorCode::FeeUnpaid));
            }
            let mut detail = None;
            match kind {
                ActionKind::Claim => {
                    c.set_assignee(&row.id, Some(&clerk.id), now.naive_utc())?;
                    detail = Some(json!({ "assignee": clerk.id.as_str() }));
                }
                ActionKind::Assign => {
                    let assignee = self.assignable(c, clerk, &row, input.assignee.trim())?;
                    c.set_assignee(&row.id, Some(&assignee), now.naive_utc())?;
                    detail = Some(json!({ "assignee": assignee }));
                }
                ActionKind::Approve | ActionKind::Reject if row.assignee_id.is_none() => {
                    // Deciding an unclaimed filing makes the decider its clerk.
                    c.set_assignee(&row.id, Some(&clerk.id), now.naive_utc())?;
                }
                ActionKind::Extend => {
                    if let Action::Extend { days, .. } = action {
                        detail = Some(json!({ "days": days }));
                    }
                }
                _ => {}
            }
            if p.tell_applicant {
                // Read back by the receipt page (`submission::receipt::history_item`).
                detail = Some(json!({ "told_applicant": true }));
            }
            match &p.route_record {
                Some(record) => {
                    // The decision's record names its drafter and every approver.
                    let mut d = detail.unwrap_or_else(|| json!({}));
                    d["route"] = record.clone();
                    detail = Some(d);
                }
                None if matches!(
                    kind,
                    ActionKind::RequestCorrection | ActionKind::Approve | ActionKind::Reject
                ) =>
                {
                    // The filing moves on another way: a draft on its route is moot.
                    super::route::withdraw_pending_draft(c, &row, now)?;
                }
                None => {}
            }
            if let (ActionKind::RequestCorrection, Some(deadline)) = (kind, deadline) {
                let fields = self.correction_fields(&form, &row, &input.fields)?;
                let token = self.request_correction(
                    c,
                    clerk,
                    &row,
                    &fields,
                    action.reason().unwrap_or_default(),
                    deadline,
                )?;
                detail = Some(json!({ "fields": fields, "deadline": deadline.to_string() }));
                if let Some(email) = &row.contact_email {
                    let receipt = self.app.receipt_of(c, &row)?;
                    let mail = self.app.correction_mail(
                        c,
                        &clerk.tenant,
                        &receipt,
                        &form,
                        &fields,
                        action.reason().unwrap_or_default(),
                        deadline,
                        &token,
                        email,
                    )?;
                    c.enqueue_mail(&mail)?;
                }
            }
            let event = self.app.append_history(
                c,
                &row,
                now,
                HistoryEntry {
                    actor: Actor::Clerk(clerk.id.clone()),
                    action: kind.into(),
                    from: Some(from),
                    to,
                    reason: action.reason().map(str::to_string).or(p.note.clone()),
                    detail: detail.map(|d| d.to_string()),
                },
            )?;
            self.app.queue_webhooks(c, &row, &event)?;
            self.app.update_due_date(c, &form, &row, today)?;
            self.tell_progress(c, clerk, id, action, from, to)?;
            if kind == ActionKind::RequestCorrection {
                c.count_correction(&row.id)?;
            }
            if matches!(kind, ActionKind::Approve | ActionKind::Reject) {
                // For the published figures: when, and in how many business days.
                let events = c.events(&row.tenant_id, &row.id)?;
                let reading = self.app.read_clock(&form, &row, &events, today);
                let days = i32::try_from(reading.used).unwrap_or(i32::MAX);
                c.record_decision(&row.id, now.naive_utc(), Some(days))?;
            }
            if matches!(kind, ActionKind::Approve | ActionKind::Reject) {
                // What the applicant is told with the decision: a refusal's reasons, or the
                // approval's note when the clerk wrote it for them.
                let told = action
                    .reason()
                    .or(p.note.as_deref().filter(|_| p.tell_applicant));
                // The decision notice (決定通知書), fixed now, downloadable as a PDF.
                let receipt = self.app.receipt_of(c, &row)?;
                let token = self.app.issue_decision_notice(
                    c,
                    &row,
                    &form,
                    &receipt.department,
                    to,
                    told,
                    now,
                )?;
                if let Some(email) = &row.contact_email {
                    let mail = self.app.decision_mail(
                        c,
                        &clerk.tenant,
                        &receipt,
                        &form,
                        to,
                        told,
                        &token,
                        email,
                    )?;
                    c.enqueue_mail(&mail)?;
                }
                // 事後決済, unless a counter took the fee already (窓口収納 before the decision).
                if kind == ActionKind::Approve
                    && self.app.online_fee(&form, &row, FeeTiming::AfterApproval)?
                    && !crate::submission::fees::already_paid(c, &row, FeeTiming::AfterApproval)?
                {
                    // 事後決済: the fee is asked for now.
                    let pay = self
                        .app
                        .add_due_payment(c, &row, FeeTiming::AfterApproval)?;
                    if let Some(email) = &row.contact_email {
                        let receipt = self.app.receipt_of(c, &row)?;
                        let mail = self.app.payment_request_mail(
                            c,
                            &receipt,
                            &clerk.tenant,
                            &pay,
                            email,
                        )?;
                        c.enqueue_mail(&mail)?;
                    }
                }
                if kind == ActionKind::Reject {
                    self.app
                        .refund_if_allowed(c, &form, &row, RefundReason::Rejected)?;
                    // A refused filing's booked places are free again.
                    c.cancel_bookings_of(&row.tenant_id, &row.id, self.app.now().naive_utc())?;
                }
            }
            tracing::info!(arrival_number = %row.arrival_number, clerk = %clerk.id, action = kind.code(), to = to.code(), "review action recorded");
            Ok(to)
        }
    }

    /// Mails the applicant when a clerk takes the filing up, extends its period or
    /// completes it (read after the change, with the new due date).
    fn tell_progress(
        &self,
        c: &mut dyn Records,
        clerk: &Clerk,
        id: &str,
        action: &Action,
        from: State,
        to: State,
    ) -> Result<(), AppError> {
        let progress = match action {
            Action::Claim if from != to && to == State::InReview => Progress::InReview,
            Action::Extend { days, reason } => Progress::Extended {
                days: *days,
                reason: reason.as_str(),
            },
            Action::Close if to == State::Closed => Progress::Closed,
            _ => return Ok(()),
        };
        let row = self.app.visible_to(c, clerk, id)?;
        let Some(email) = row.contact_email.clone() else {
            return Ok(());
        };
        let receipt = self.app.receipt_of(c, &row)?;
        let mail = self
            .app
            .progress_mail(c, &clerk.tenant, &receipt, progress, &email)?;
        c.enqueue_mail(&mail)?;
        Ok(())
    }

    /// The clerk a supervisor assigns: active, of the same department, able to see the
    /// filing's ward.
    fn assignable(
        &self,
        c: &mut dyn RecordsRead,
        clerk: &Clerk,
        row: &SubmissionRecord,
        assignee: &str,
    ) -> Result<ClerkId, AppError> {
        c.clerks_of_department(&clerk.tenant, &clerk.department)?
            .into_iter()
            .find(|k| k.id == assignee)
            .filter(|k| k.ward_code.is_none() || k.ward_code == row.ward_code)
            .filter(|k| matches!(k.role, Role::Clerk | Role::Supervisor))
            .map(|k| k.id)
            .ok_or(AppError::Refused(ErrorCode::AssigneeInvalid))
    }

    /// The questions named for correction: at least one, each a question of the filing a
    /// correction may ask (`Form::correctable_questions`: not one an external check sends).
    fn correction_fields(
        &self,
        form: &Form,
        row: &SubmissionRecord,
        fields: &[String],
    ) -> Result<Vec<String>, AppError> {
        let data = self.app.open_data(form, &row.data)?;
        let questions: Vec<String> = form
            .correctable_questions(&data)
            .map(|f| f.pointer.clone())
            .collect();
        // In page order, each once, only real questions.
        let chosen: Vec<String> = questions
            .into_iter()
            .filter(|q| fields.contains(q))
            .collect();
        if chosen.is_empty() || chosen.len() != dedup_len(fields) {
            return Err(AppError::Refused(ErrorCode::CorrectionFieldsMissing));
        }
        Ok(chosen)
    }

    #[allow(clippy::too_many_arguments)]
    fn request_correction(
        &self,
        c: &mut dyn Records,
        clerk: &Clerk,
        row: &SubmissionRecord,
        fields: &[String],
        message: &str,
        deadline: NaiveDate,
    ) -> Result<String, AppError> {
        let token = new_token()?;
        let seq = i32::try_from(c.corrections_of(&row.id)?.len()).unwrap_or(i32::MAX - 1) + 1;
        c.insert_correction(&CorrectionRecord {
            id: CorrectionId::new(uuid::Uuid::now_v7().to_string()),
            tenant_id: row.tenant_id.clone(),
            submission_id: row.id.clone(),
            seq,
            requested_by: clerk.id.clone(),
            requested_at: self.app.now().naive_utc(),
            fields: serde_json::to_string(fields)
                .map_err(|e| AppError::internal("correction fields", e))?,
            message: message.to_string(),
            deadline,
            token_hash: token_hash(&token),
            resubmitted_at: None,
            previous_data: None,
            reminded_at: None,
        })?;
        Ok(token)
    }
}

/// A deadline from tomorrow up to `MAX_CORRECTION_DAYS` ahead.
fn correction_deadline(text: &str, today: NaiveDate) -> Result<NaiveDate, AppError> {
    let invalid = AppError::Refused(ErrorCode::DeadlineInvalid);
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| invalid)?;
    if date <= today || date > today + Duration::days(MAX_CORRECTION_DAYS) {
        return Err(AppError::Refused(ErrorCode::DeadlineInvalid));
    }
    Ok(date)
}

fn dedup_len(items: &[String]) -> usize {
    let mut v: Vec<&String> = items.iter().collect();
    v.sort();
    v.dedup();
    v.len()
}

/// How a refused transition is told: not this role's to do (403), or not in this state
/// (409), or the reason is missing or too long (422).
pub(super) fn transition_error(
    e: TransitionError,
    from: State,
    kind: ActionKind,
    role: Role,
) -> AppError {
    match e {
        TransitionError::ReasonRequired(_) => AppError::ReasonRequired,
        TransitionError::ReasonTooLong => AppError::ReasonTooLong,
        TransitionError::ExtensionOutOfRange => AppError::Refused(ErrorCode::ExtensionInvalid),
        TransitionError::NotAllowed { .. } => {
            // Would the role be allowed in some state? Then it is the state that is wrong.
            let role_may = State::ALL
                .iter()
                .any(|s| madoguchi_workflow::rule_for(*s, kind, role).is_some());
            if role_may {
                tracing::debug!(
                    from = from.code(),
                    action = kind.code(),
                    "transition refused"
                );
                AppError::InvalidTransition
            } else {
                AppError::Forbidden
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn correction_deadlines_are_tomorrow_to_ninety_days_ahead() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert!(correction_deadline("2026-11-25", today).is_ok());
        assert!(correction_deadline("2027-02-22", today).is_ok());
        for bad in ["2026-11-24", "2027-02-23", "2026-13-01", "", "tomorrow"] {
            assert!(correction_deadline(bad, today).is_err(), "{bad}");
        }
    }
}
