//! Approval routes for decisions (決裁ルート, issue 44 item 1). Where the city's data names a
//! route for a filing's procedure, a clerk's approval or refusal is drafted (起案) and goes
//! to each step's post in turn; every approver agrees (承認) or sends it back to the drafter
//! with a comment (差戻し); the one below a step's post may act for its holder (代決) with a
//! reason. The decision takes effect — its state, notice, mail and payment request — only
//! when the last step agrees (専決 or 決裁), in that approver's transaction. Each word is
//! in the filing's history and on the decision's record.

use chrono::{DateTime, Utc};
use madoguchi_core::{
    DecisionDraftId, DraftStatus, DraftedDecision, ErrorCode, HistoryAction, Post, SignoffId,
    Verdict, jst,
};
use madoguchi_forms::definition::FeeTiming;
use madoguchi_records::{
    DecisionDraftRecord, Records, RecordsRead, SignoffRecord, SubmissionRecord,
};
use madoguchi_workflow::{Action, ActionKind, State, transition};
use serde_json::json;

use super::Review;
use super::decide::{Prepared, ReviewInput, transition_error};
use crate::kernel::audit::{Actor, HistoryEntry};
use crate::kernel::staff::{require_case_worker, require_city};
use crate::kernel::{AppError, Clerk};

/// The most characters of an approver's comment.
pub const MAX_COMMENT_CHARS: usize = 500;

/// An approver's word as posted.
#[derive(Clone, Debug, Default)]
pub struct SignOffInput {
    /// The draft the approver read, and the step it stood at: a draft sent back and drafted
    /// again meanwhile, or moved on by another approver, is not signed unseen.
    pub draft: String,
    pub step: String,
    /// `endorse` or `return`.
    pub verdict: String,
    /// Required to send back (what to change) and to act for the holder (why).
    pub comment: String,
    /// Acting for the step's holder (代決).
    pub stand_in: bool,
}

/// How an approver may sign a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignAs {
    /// Holds the step's post.
    Holder,
    /// The post below it: only for its holder (代決), with a reason.
    StandIn,
}

/// What an approver's word did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignedOff {
    /// Agreed; the draft waits for the next step's post.
    Endorsed { next: Post },
    /// Agreed at the last step: the decision took effect.
    Decided(State),
    /// Sent back to its drafter.
    Returned,
    /// The filing moved on meanwhile (withdrawn, decided another way): the draft is closed.
    Withdrawn,
}

impl Review<'_> {
    /// The route a decision on `row` takes (empty: its clerk decides alone).
    pub(super) fn route_for(
        &self,
        c: &mut dyn RecordsRead,
        row: &SubmissionRecord,
    ) -> Result<Vec<Post>, AppError> {
        if !self.app.has_decision_routes(&row.tenant_id) {
            return Ok(Vec::new());
        }
        let department = c
            .find_department(&row.department_id)?
            .ok_or_else(|| AppError::broken(format!("filing {} has no department", row.id)))?;
        Ok(self.app.decision_route_of(
            &row.tenant_id,
            department.code.as_str(),
            row.procedure_id.as_str(),
        ))
    }

    /// The steps a decision `clerk` drafts on `row` goes through: those above the drafter's
    /// own post (a 係長 drafting goes straight to 課長; the steps at or below are theirs
    /// already). Empty: `clerk` decides alone — no route, or they hold its deciding post
    /// (専決).
    pub(super) fn route_from(
        &self,
        c: &mut dyn RecordsRead,
        clerk: &Clerk,
        row: &SubmissionRecord,
    ) -> Result<Vec<Post>, AppError> {
        let mut route = self.route_for(c, row)?;
        route.retain(|post| *post > clerk.post);
        Ok(route)
    }

    /// Drafts the decision `p` when the filing's procedure has a route: checked as the
    /// decision itself would be (state, reasons, fee), then stored to wait for the route's
    /// first post. `None` when there is no route: the clerk decides alone.
    pub(super) fn draft_if_routed(
        &self,
        c: &mut dyn Records,
        clerk: &Clerk,
        id: &str,
        p: &Prepared,
    ) -> Result<Option<State>, AppError> {
        let row = self.app.visible_to(c, clerk, id)?;
        let route = self.route_from(c, clerk, &row)?;
        if route.is_empty() {
            return Ok(None);
        }
        let from = row.state;
        transition(from, &p.action, clerk.role)
            .map_err(|e| transition_error(e, from, p.kind, clerk.role))?;
        if p.kind == ActionKind::Approve {
            let form = self.app.form_version(c, &row.form_version)?;
            if !self
                .app
                .fee_settled(c, &form, &row, FeeTiming::OnSubmission)?
            {
                return Err(AppError::Refused(ErrorCode::FeeUnpaid));
            }
        }
        let action = match p.kind {
            ActionKind::Approve => DraftedDecision::Approve,
            _ => DraftedDecision::Reject,
        };
        let reason = p
            .action
            .reason()
            .map(str::to_string)
            .or(p.note.clone())
            .unwrap_or_default();
        let draft = DecisionDraftRecord {
            id: DecisionDraftId::new(uuid::Uuid::now_v7().to_string()),
            tenant_id: row.tenant_id.clone(),
            submission_id: row.id.clone(),
            action,
            reason: reason.clone(),
            tell_applicant: p.tell_applicant,
            route: serde_json::to_string(&route).map_err(|e| AppError::internal("route", e))?,
            step: 0,
            status: DraftStatus::Pending,
            drafted_by: clerk.id.clone(),
            drafted_at: p.now.naive_utc(),
            closed_at: None,
        };
        if !c.insert_decision_draft(&draft)? {
            // Another draft of this filing is on its way.
            return Err(AppError::InvalidTransition);
        }
        if row.assignee_id.is_none() {
            // Drafting a decision on an unclaimed filing makes the drafter its clerk.
            c.set_assignee(&row.id, Some(&clerk.id), p.now.naive_utc())?;
        }
        self.app.append_history(
            c,
            &row,
            p.now,
            HistoryEntry {
                actor: Actor::Clerk(clerk.id.clone()),
                action: HistoryAction::DecisionDrafted,
                from: Some(from),
                to: from,
                reason: Some(reason).filter(|r| !r.is_empty()),
                detail: Some(
                    json!({ "draft": draft.id, "decision": action, "route": route }).to_string(),
                ),
            },
        )?;
        tracing::info!(arrival_number = %row.arrival_number, clerk = %clerk.id, "decision drafted for its route");
        Ok(Some(from))
    }

    /// An approver's word on the filing's draft on its way.
    pub fn sign_off(
        &self,
        clerk: &Clerk,
        id: &str,
        input: &SignOffInput,
    ) -> Result<SignedOff, AppError> {
        require_city(clerk, self.city)?;
        require_case_worker(clerk)?;
        let verdict: Verdict = input
            .verdict
            .parse()
            .map_err(|_| AppError::InvalidTransition)?;
        let comment = input.comment.trim().to_string();
        if comment.chars().count() > MAX_COMMENT_CHARS {
            return Err(AppError::ReasonTooLong);
        }
        if comment.is_empty() && (verdict == Verdict::Return || input.stand_in) {
            return Err(AppError::ReasonRequired);
        }
        let now = self.app.now();
        self.app
            .write(|c| self.sign_in(c, clerk, id, input, verdict, &comment, now))
    }

    /// 一括決裁: agrees to several drafts at once, each at the step it was read at, in one
    /// transaction — all of them or none (a draft moved on meanwhile refuses the whole
    /// list, 409). Each is still its own word in its filing's history; a draft whose filing
    /// was withdrawn is closed and reported as such. Only as the steps' holder: a stand-in
    /// gives each draft its reason on the filing's page.
    pub fn endorse_many(
        &self,
        clerk: &Clerk,
        picks: &[(String, SignOffInput)],
    ) -> Result<Vec<SignedOff>, AppError> {
        require_city(clerk, self.city)?;
        require_case_worker(clerk)?;
        if picks.is_empty() || picks.len() > super::decide::MAX_BULK {
            return Err(AppError::Refused(ErrorCode::SelectionInvalid));
        }
        let now = self.app.now();
        self.app.write(|c| {
            picks
                .iter()
                .map(|(id, pick)| {
                    let input = SignOffInput {
                        verdict: Verdict::Endorse.code().into(),
                        comment: String::new(),
                        stand_in: false,
                        ..pick.clone()
                    };
                    self.sign_in(c, clerk, id, &input, Verdict::Endorse, "", now)
                })
                .collect()
        })
    }

    /// One word inside the caller's transaction.
    #[allow(clippy::too_many_arguments)]
    fn sign_in(
        &self,
        c: &mut dyn Records,
        clerk: &Clerk,
        id: &str,
        input: &SignOffInput,
        verdict: Verdict,
        comment: &str,
        now: DateTime<Utc>,
    ) -> Result<SignedOff, AppError> {
        let row = self.app.visible_to(c, clerk, id)?;
        let draft = c
            .decision_drafts_of(&row.tenant_id, &row.id)?
            .into_iter()
            .find(|d| d.status == DraftStatus::Pending)
            .filter(|d| d.id == input.draft.trim() && d.step.to_string() == input.step.trim())
            .ok_or(AppError::InvalidTransition)?;
        let route = route_of_draft(&draft)?;
        let step = usize::try_from(draft.step).unwrap_or(usize::MAX);
        let post = *route
            .get(step)
            .ok_or_else(|| AppError::broken("draft past its route"))?;
        let signed = c.signoffs_of(&row.tenant_id, std::slice::from_ref(&draft.id))?;
        let sign_as = may_sign(clerk, &draft, &signed, post).ok_or(AppError::Forbidden)?;
        if input.stand_in != (sign_as == SignAs::StandIn) {
            // A holder does not stand in; the one below signs only as a stand-in.
            return Err(AppError::Forbidden);
        }
        let decision = decision_of(&draft);
        if transition(row.state, &decision, clerk.role).is_err() {
            // The filing moved on (withdrawn by its applicant): nothing left to sign.
            c.close_decision_draft(&draft.id, DraftStatus::Withdrawn, now.naive_utc())?;
            return Ok(SignedOff::Withdrawn);
        }
        let signoff = SignoffRecord {
            id: SignoffId::new(uuid::Uuid::now_v7().to_string()),
            tenant_id: row.tenant_id.clone(),
            draft_id: draft.id.clone(),
            step: draft.step,
            clerk_id: clerk.id.clone(),
            post: clerk.post,
            verdict,
            stand_in: input.stand_in,
            comment: comment.to_string(),
            signed_at: now.naive_utc(),
        };
        if !c.insert_signoff(&signoff)? {
            return Err(AppError::InvalidTransition);
        }
        let (action, outcome) = match verdict {
            Verdict::Return => (HistoryAction::DecisionReturned, SignedOff::Returned),
            Verdict::Endorse => match route.get(step + 1) {
                Some(next) => (
                    HistoryAction::DecisionEndorsed,
                    SignedOff::Endorsed { next: *next },
                ),
                None => (
                    HistoryAction::DecisionEndorsed,
                    SignedOff::Decided(row.state),
                ),
            },
        };
        self.app.append_history(
            c,
            &row,
            now,
            HistoryEntry {
                actor: Actor::Clerk(clerk.id.clone()),
                action,
                from: Some(row.state),
                to: row.state,
                reason: Some(comment.to_string()).filter(|c| !c.is_empty()),
                detail: Some(
                    json!({
                        "draft": draft.id,
                        "step": draft.step,
                        "post": post,
                        "stand_in": input.stand_in,
                    })
                    .to_string(),
                ),
            },
        )?;
        match outcome {
            SignedOff::Returned => {
                c.close_decision_draft(&draft.id, DraftStatus::Returned, now.naive_utc())?;
                Ok(outcome)
            }
            SignedOff::Endorsed { .. } => {
                if !c.advance_decision_draft(&draft.id, draft.step, draft.step + 1)? {
                    return Err(AppError::InvalidTransition);
                }
                Ok(outcome)
            }
            _ => {
                // The last step: the decision takes effect, as this approver's.
                let mut trail = signed;
                trail.push(signoff);
                let state = self.decide_drafted(c, clerk, id, &draft, &trail, now)?;
                if !c.close_decision_draft(&draft.id, DraftStatus::Decided, now.naive_utc())? {
                    return Err(AppError::InvalidTransition);
                }
                Ok(SignedOff::Decided(state))
            }
        }
    }

    /// Carries out a draft whose route agreed: the decision with its notice, mail and
    /// payment request, its record naming the drafter and every approver.
    fn decide_drafted(
        &self,
        c: &mut dyn Records,
        clerk: &Clerk,
        id: &str,
        draft: &DecisionDraftRecord,
        trail: &[SignoffRecord],
        now: DateTime<Utc>,
    ) -> Result<State, AppError> {
        let kind = match draft.action {
            DraftedDecision::Approve => ActionKind::Approve,
            DraftedDecision::Reject => ActionKind::Reject,
        };
        let note =
            (kind == ActionKind::Approve && !draft.reason.is_empty()).then(|| draft.reason.clone());
        let record = json!({
            "draft": draft.id,
            "drafted_by": draft.drafted_by,
            "drafted_at": draft.drafted_at.and_utc().to_rfc3339(),
            "approvers": trail.iter().map(|s| json!({
                "clerk": s.clerk_id,
                "post": s.post,
                "stand_in": s.stand_in,
                "at": s.signed_at.and_utc().to_rfc3339(),
            })).collect::<Vec<_>>(),
        });
        let prepared = Prepared {
            kind,
            action: decision_of(draft),
            deadline: None,
            now,
            today: jst::date(now),
            tell_applicant: draft.tell_applicant && note.is_some(),
            note,
            route_record: Some(record),
        };
        let input = ReviewInput::decision(kind.code(), &draft.reason);
        self.act_in(c, clerk, id, &input, &prepared)
    }
}

/// Closes the filing's draft on its way, if any, as withdrawn: the filing moved on another
/// way (a correction asked for, a decision taken without it).
pub(super) fn withdraw_pending_draft(
    c: &mut dyn Records,
    row: &SubmissionRecord,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    for d in c.decision_drafts_of(&row.tenant_id, &row.id)? {
        if d.status == DraftStatus::Pending {
            c.close_decision_draft(&d.id, DraftStatus::Withdrawn, now.naive_utc())?;
        }
    }
    Ok(())
}

/// Whether (and how) `clerk` may sign `draft` at a step asking for `post`: never its
/// drafter, never twice; the post's holders as such, the post below (not 担当) as a
/// stand-in. A higher post waits for its own step: a 課長 does not sign for the 係長.
pub(super) fn may_sign(
    clerk: &Clerk,
    draft: &DecisionDraftRecord,
    signed: &[SignoffRecord],
    post: Post,
) -> Option<SignAs> {
    if !clerk.is_case_worker()
        || clerk.id == draft.drafted_by
        || signed.iter().any(|s| s.clerk_id == clerk.id)
    {
        return None;
    }
    if clerk.post == post {
        Some(SignAs::Holder)
    } else if post.below() == Some(clerk.post) && clerk.post > Post::Staff {
        Some(SignAs::StandIn)
    } else {
        None
    }
}

pub(super) fn decision_of(draft: &DecisionDraftRecord) -> Action {
    match draft.action {
        DraftedDecision::Approve => Action::Approve,
        DraftedDecision::Reject => Action::Reject {
            reason: draft.reason.clone(),
        },
    }
}

pub(super) fn route_of_draft(draft: &DecisionDraftRecord) -> Result<Vec<Post>, AppError> {
    serde_json::from_str(&draft.route).map_err(|e| AppError::internal("draft route", e))
}
