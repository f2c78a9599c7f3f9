//! What a filing's page and the 決裁待ち list show of approval routes: the route, the draft
//! on its way (or last sent back) with each approver's word, what waits for an approver,
//! and a drafter's own drafts.

use chrono::{DateTime, Utc};
use madoguchi_core::{ClerkId, DecisionDraftId, DraftStatus, DraftedDecision, Post, Verdict, jst};
use madoguchi_records::{DecisionDraftRecord, RecordsRead, SignoffRecord, SubmissionRecord};
use madoguchi_workflow::transition;

use super::Review;
use super::route::{SignAs, decision_of, may_sign, route_of_draft};
use crate::kernel::staff::{require_case_worker, require_city};
use crate::kernel::{AppError, Clerk};

/// A filing's route as its page shows it.
#[derive(Clone, Debug, Default)]
pub struct RouteView {
    /// The posts a decision the viewing clerk drafts on it goes to: those above their own
    /// (empty: they decide alone — no route, or they hold its deciding post).
    pub route: Vec<Post>,
    /// The draft on its way, if any.
    pub pending: Option<DraftView>,
    /// The last draft sent back, while no other is on its way.
    pub returned: Option<DraftView>,
    /// How the clerk viewing may sign the pending draft's step, if they may.
    pub may_sign: Option<SignAs>,
}

/// A draft and its words.
#[derive(Clone, Debug)]
pub struct DraftView {
    pub id: DecisionDraftId,
    pub action: DraftedDecision,
    pub reason: String,
    pub tell_applicant: bool,
    pub drafted_by: String,
    pub drafted_at: DateTime<Utc>,
    /// The step waiting (an index into `steps`).
    pub step: usize,
    pub status: DraftStatus,
    pub steps: Vec<StepView>,
}

/// A step of a draft's route, with the word given on it.
#[derive(Clone, Debug)]
pub struct StepView {
    pub post: Post,
    pub signoff: Option<SignoffView>,
}

#[derive(Clone, Debug)]
pub struct SignoffView {
    pub by: String,
    pub post: Post,
    pub verdict: Verdict,
    pub stand_in: bool,
    pub comment: String,
    pub at: DateTime<Utc>,
}

/// A draft in a 決裁待ち list.
#[derive(Clone, Debug)]
pub struct WaitingDecision {
    pub submission_id: madoguchi_core::SubmissionId,
    /// The draft, and the step it waits at (what a word on it names).
    pub draft_id: DecisionDraftId,
    pub step: i32,
    pub arrival_number: String,
    pub procedure_title: madoguchi_core::Localized,
    pub action: DraftedDecision,
    pub post: Post,
    pub sign_as: SignAs,
    pub drafted_by: String,
    pub drafted_at: DateTime<Utc>,
    /// Whole days since it was drafted.
    pub age_days: i64,
}

/// A drafter's own draft, on its way or sent back.
#[derive(Clone, Debug)]
pub struct MyDraft {
    pub submission_id: madoguchi_core::SubmissionId,
    pub arrival_number: String,
    pub procedure_title: madoguchi_core::Localized,
    pub action: DraftedDecision,
    pub status: DraftStatus,
    /// The post it waits for (on its way).
    pub waiting_for: Option<Post>,
    /// Who sent it back and why (sent back).
    pub sent_back: Option<SignoffView>,
    pub drafted_at: DateTime<Utc>,
}

/// The most drafts a 決裁待ち list reads.
const WAITING_LIMIT: i64 = 200;

impl Review<'_> {
    /// The filing's route, its draft on the way (or last sent back) and how `clerk` may sign.
    pub(super) fn route_view(
        &self,
        c: &mut dyn RecordsRead,
        clerk: &Clerk,
        row: &SubmissionRecord,
    ) -> Result<RouteView, AppError> {
        let route = self.route_from(c, clerk, row)?;
        let drafts = c.decision_drafts_of(&row.tenant_id, &row.id)?;
        let pending = drafts.iter().find(|d| d.status == DraftStatus::Pending);
        let returned = drafts
            .iter()
            .rev()
            .find(|d| d.status == DraftStatus::Returned)
            .filter(|_| pending.is_none());
        let mut view = RouteView {
            route,
            ..RouteView::default()
        };
        if let Some(draft) = pending {
            let signed = c.signoffs_of(&row.tenant_id, std::slice::from_ref(&draft.id))?;
            let steps = route_of_draft(draft)?;
            let step = usize::try_from(draft.step).unwrap_or(usize::MAX);
            view.may_sign = steps
                .get(step)
                .and_then(|post| may_sign(clerk, draft, &signed, *post));
            view.pending = Some(draft_view(c, draft, &steps, &signed)?);
        }
        if let Some(draft) = returned {
            let signed = c.signoffs_of(&row.tenant_id, std::slice::from_ref(&draft.id))?;
            view.returned = Some(draft_view(c, draft, &route_of_draft(draft)?, &signed)?);
        }
        Ok(view)
    }

    /// What waits for `clerk` to sign (決裁待ち): the drafts of their section (and ward)
    /// whose waiting step they may sign, oldest first, with their age.
    pub fn decisions_waiting(&self, clerk: &Clerk) -> Result<Vec<WaitingDecision>, AppError> {
        require_city(clerk, self.city)?;
        require_case_worker(clerk)?;
        let today = jst::date(self.app.now());
        self.app.read(|c| {
            let drafts =
                c.pending_drafts_of_department(&clerk.tenant, &clerk.department, WAITING_LIMIT)?;
            // Every draft's words and the section's names in one read each, not one per draft.
            let ids: Vec<_> = drafts.iter().map(|d| d.id.clone()).collect();
            let words = c.signoffs_of(&clerk.tenant, &ids)?;
            let names = c.clerks_of_department(&clerk.tenant, &clerk.department)?;
            let mut waiting = Vec::new();
            for draft in drafts {
                let Ok(row) = self.app.visible_to(c, clerk, draft.submission_id.as_str()) else {
                    continue;
                };
                if transition(
                    row.state,
                    &decision_of(&draft),
                    madoguchi_workflow::Role::Supervisor,
                )
                .is_err()
                {
                    // Withdrawn meanwhile: closed when next signed, not waiting for anyone.
                    continue;
                }
                let route = route_of_draft(&draft)?;
                let Some(post) = usize::try_from(draft.step).ok().and_then(|s| route.get(s)) else {
                    continue;
                };
                let signed: Vec<SignoffRecord> = words
                    .iter()
                    .filter(|w| w.draft_id == draft.id)
                    .cloned()
                    .collect();
                let Some(sign_as) = may_sign(clerk, &draft, &signed, *post) else {
                    continue;
                };
                let drafted_by = match names.iter().find(|k| k.id == draft.drafted_by) {
                    Some(k) => k.display_name.clone(),
                    None => clerk_name(c, &draft.drafted_by)?,
                };
                let form = self.app.form_version(c, &row.form_version)?;
                waiting.push(WaitingDecision {
                    submission_id: row.id.clone(),
                    draft_id: draft.id.clone(),
                    step: draft.step,
                    arrival_number: row.arrival_number.clone(),
                    procedure_title: form.title().clone(),
                    action: draft.action,
                    post: *post,
                    sign_as,
                    drafted_by,
                    drafted_at: draft.drafted_at.and_utc(),
                    age_days: (today - jst::date(draft.drafted_at.and_utc())).num_days(),
                });
            }
            Ok(waiting)
        })
    }

    /// The drafts `clerk` drafted that are on their way, or were sent back and not drafted
    /// again: newest first.
    pub fn my_drafts(&self, clerk: &Clerk) -> Result<Vec<MyDraft>, AppError> {
        require_city(clerk, self.city)?;
        require_case_worker(clerk)?;
        self.app.read(|c| {
            let mut mine = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for draft in c.open_drafts_by(&clerk.tenant, &clerk.id, WAITING_LIMIT)? {
                // The newest of each filing only: a draft sent back and drafted again shows
                // once, as it stands now.
                if !seen.insert(draft.submission_id.clone()) {
                    continue;
                }
                let Ok(row) = self.app.visible_to(c, clerk, draft.submission_id.as_str()) else {
                    continue;
                };
                let latest = c.decision_drafts_of(&row.tenant_id, &row.id)?;
                if latest.last().map(|d| &d.id) != Some(&draft.id) {
                    continue;
                }
                let route = route_of_draft(&draft)?;
                let signed = c.signoffs_of(&row.tenant_id, std::slice::from_ref(&draft.id))?;
                let sent_back = match signed.iter().find(|s| s.verdict == Verdict::Return) {
                    Some(s) => Some(signoff_view(c, s)?),
                    None => None,
                };
                let form = self.app.form_version(c, &row.form_version)?;
                mine.push(MyDraft {
                    submission_id: row.id.clone(),
                    arrival_number: row.arrival_number.clone(),
                    procedure_title: form.title().clone(),
                    action: draft.action,
                    status: draft.status,
                    waiting_for: (draft.status == DraftStatus::Pending)
                        .then(|| {
                            usize::try_from(draft.step)
                                .ok()
                                .and_then(|s| route.get(s).copied())
                        })
                        .flatten(),
                    sent_back,
                    drafted_at: draft.drafted_at.and_utc(),
                });
            }
            Ok(mine)
        })
    }
}

fn clerk_name(c: &mut dyn RecordsRead, id: &ClerkId) -> Result<String, AppError> {
    Ok(c.find_clerk(id)?
        .map(|k| k.display_name)
        .unwrap_or_else(|| id.to_string()))
}

fn draft_view(
    c: &mut dyn RecordsRead,
    draft: &DecisionDraftRecord,
    route: &[Post],
    signed: &[SignoffRecord],
) -> Result<DraftView, AppError> {
    let mut steps = Vec::new();
    for (i, post) in route.iter().enumerate() {
        let signoff = match signed.iter().find(|s| usize::try_from(s.step) == Ok(i)) {
            Some(s) => Some(signoff_view(c, s)?),
            None => None,
        };
        steps.push(StepView {
            post: *post,
            signoff,
        });
    }
    Ok(DraftView {
        id: draft.id.clone(),
        action: draft.action,
        reason: draft.reason.clone(),
        tell_applicant: draft.tell_applicant,
        drafted_by: clerk_name(c, &draft.drafted_by)?,
        drafted_at: draft.drafted_at.and_utc(),
        step: usize::try_from(draft.step).unwrap_or(0),
        status: draft.status,
        steps,
    })
}

fn signoff_view(c: &mut dyn RecordsRead, s: &SignoffRecord) -> Result<SignoffView, AppError> {
    Ok(SignoffView {
        by: clerk_name(c, &s.clerk_id)?,
        post: s.post,
        verdict: s.verdict,
        stand_in: s.stand_in,
        comment: s.comment.clone(),
        at: s.signed_at.and_utc(),
    })
}
