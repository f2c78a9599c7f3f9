//! Drafted decisions on their approval route (決裁ルート, issue 44 item 1): the draft (起案),
//! the step it waits at, and each approver's word on it.
//!
//! Every move of a draft is conditional on where it stands (its status and step), and one
//! word is stored per step, so two approvers acting at the same moment cannot both move it.

use madoguchi_core::{
    ClerkId, DecisionDraftId, DepartmentId, DraftStatus, DraftedDecision, Post, ProcedureId,
    SignoffId, SubmissionId, TenantId, Verdict,
};

use crate::{StoreError, Timestamp};

/// A decision drafted by a clerk, waiting for (or past) its route.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::decision_drafts, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct DecisionDraftRecord {
    pub id: DecisionDraftId,
    pub tenant_id: TenantId,
    pub submission_id: SubmissionId,
    pub action: DraftedDecision,
    /// A refusal's reasons, or an approval's note.
    pub reason: String,
    /// The approval's note is for the applicant too.
    pub tell_applicant: bool,
    /// The posts of the route's steps as drafted (JSON array of `Post` codes).
    pub route: String,
    /// The step waiting (an index into `route`).
    pub step: i32,
    pub status: DraftStatus,
    pub drafted_by: ClerkId,
    pub drafted_at: Timestamp,
    pub closed_at: Option<Timestamp>,
}

/// One approver's word on a draft.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::decision_signoffs, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct SignoffRecord {
    pub id: SignoffId,
    pub tenant_id: TenantId,
    pub draft_id: DecisionDraftId,
    pub step: i32,
    pub clerk_id: ClerkId,
    /// The approver's post when they acted.
    pub post: Post,
    pub verdict: Verdict,
    /// Acted for the step's holder (代決); the reason is in `comment`.
    pub stand_in: bool,
    pub comment: String,
    pub signed_at: Timestamp,
}

/// What a read may do with [`Decisions`].
pub trait DecisionsRead {
    /// A filing's drafts, first drafted first.
    fn decision_drafts_of(
        &mut self,
        tenant_id: &TenantId,
        submission_id: &SubmissionId,
    ) -> Result<Vec<DecisionDraftRecord>, StoreError>;
    /// The words given on `drafts`, in the order given.
    fn signoffs_of(
        &mut self,
        tenant_id: &TenantId,
        drafts: &[DecisionDraftId],
    ) -> Result<Vec<SignoffRecord>, StoreError>;
    /// The drafts on their way for filings of `department`, oldest first: at most `limit`.
    fn pending_drafts_of_department(
        &mut self,
        tenant_id: &TenantId,
        department: &DepartmentId,
        limit: i64,
    ) -> Result<Vec<DecisionDraftRecord>, StoreError>;
    /// The drafts `clerk` drafted that are on their way or were sent back, newest first:
    /// at most `limit`.
    fn open_drafts_by(
        &mut self,
        tenant_id: &TenantId,
        clerk: &ClerkId,
        limit: i64,
    ) -> Result<Vec<DecisionDraftRecord>, StoreError>;
    /// The drafts decided or sent back for filings that arrived in `[from, to)` (the
    /// published figures' year), with each filing's procedure.
    fn closed_drafts_of_arrivals(
        &mut self,
        tenant_id: &TenantId,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<(ProcedureId, DecisionDraftRecord)>, StoreError>;
}

/// Drafting, signing off and closing drafts.
pub trait Decisions: DecisionsRead {
    /// Stores a new draft; `false` (nothing stored) when the filing has one on its way.
    fn insert_decision_draft(&mut self, draft: &DecisionDraftRecord) -> Result<bool, StoreError>;
    /// Stores an approver's word; `false` (nothing stored) when the step has one already.
    fn insert_signoff(&mut self, signoff: &SignoffRecord) -> Result<bool, StoreError>;
    /// Moves a pending draft from step `from` to `to`: `false` when it is not pending at
    /// `from` any more.
    fn advance_decision_draft(
        &mut self,
        id: &DecisionDraftId,
        from: i32,
        to: i32,
    ) -> Result<bool, StoreError>;
    /// Closes a pending draft as `status` at `at`: `false` when it is not pending.
    fn close_decision_draft(
        &mut self,
        id: &DecisionDraftId,
        status: DraftStatus,
        at: Timestamp,
    ) -> Result<bool, StoreError>;
}
