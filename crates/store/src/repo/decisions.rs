//! Drafted decisions on their approval route (`madoguchi_records::Decisions`).

use diesel::prelude::*;
use madoguchi_core::{
    ClerkId, DecisionDraftId, DepartmentId, DraftStatus, ProcedureId, SubmissionId, TenantId,
};
use madoguchi_records::schema::decision_drafts as d;
use madoguchi_records::schema::decision_signoffs as s;
use madoguchi_records::schema::submissions;
use madoguchi_records::{DecisionDraftRecord, Decisions, DecisionsRead, SignoffRecord, StoreError};

use crate::{DbConn, Timestamp};

impl DecisionsRead for DbConn {
    fn decision_drafts_of(
        &mut self,
        tenant_id: &TenantId,
        submission_id: &SubmissionId,
    ) -> Result<Vec<DecisionDraftRecord>, StoreError> {
        Ok(d::table
            .filter(d::tenant_id.eq(tenant_id))
            .filter(d::submission_id.eq(submission_id))
            .order((d::drafted_at, d::id))
            .select(DecisionDraftRecord::as_select())
            .load(self)?)
    }

    fn signoffs_of(
        &mut self,
        tenant_id: &TenantId,
        drafts: &[DecisionDraftId],
    ) -> Result<Vec<SignoffRecord>, StoreError> {
        let mut words = Vec::new();
        // Bounded batches: a year's drafts stay under any engine's limit on bound
        // parameters.
        for chunk in drafts.chunks(500) {
            words.extend(
                s::table
                    .filter(s::tenant_id.eq(tenant_id))
                    .filter(s::draft_id.eq_any(chunk))
                    .order((s::signed_at, s::id))
                    .select(SignoffRecord::as_select())
                    .load(self)?,
            );
        }
        Ok(words)
    }

    fn pending_drafts_of_department(
        &mut self,
        tenant_id: &TenantId,
        department: &DepartmentId,
        limit: i64,
    ) -> Result<Vec<DecisionDraftRecord>, StoreError> {
        Ok(d::table
            .inner_join(submissions::table)
            .filter(d::tenant_id.eq(tenant_id))
            .filter(d::status.eq(DraftStatus::Pending))
            .filter(submissions::tenant_id.eq(tenant_id))
            .filter(submissions::department_id.eq(department))
            .order((d::drafted_at, d::id))
            .limit(limit)
            .select(DecisionDraftRecord::as_select())
            .load(self)?)
    }

    fn open_drafts_by(
        &mut self,
        tenant_id: &TenantId,
        clerk: &ClerkId,
        limit: i64,
    ) -> Result<Vec<DecisionDraftRecord>, StoreError> {
        Ok(d::table
            .filter(d::tenant_id.eq(tenant_id))
            .filter(d::drafted_by.eq(clerk))
            .filter(d::status.eq_any([DraftStatus::Pending, DraftStatus::Returned]))
            .order((d::drafted_at.desc(), d::id.desc()))
            .limit(limit)
            .select(DecisionDraftRecord::as_select())
            .load(self)?)
    }

    fn closed_drafts_of_arrivals(
        &mut self,
        tenant_id: &TenantId,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<(ProcedureId, DecisionDraftRecord)>, StoreError> {
        Ok(d::table
            .inner_join(submissions::table)
            .filter(d::tenant_id.eq(tenant_id))
            .filter(d::status.eq_any([DraftStatus::Decided, DraftStatus::Returned]))
            .filter(submissions::tenant_id.eq(tenant_id))
            .filter(submissions::arrived_at.ge(from))
            .filter(submissions::arrived_at.lt(to))
            .order((d::drafted_at, d::id))
            .select((submissions::procedure_id, DecisionDraftRecord::as_select()))
            .load(self)?)
    }
}

impl Decisions for DbConn {
    fn insert_decision_draft(&mut self, draft: &DecisionDraftRecord) -> Result<bool, StoreError> {
        // The partial unique index (one pending draft per filing) decides, on either
        // engine, even when two clerks draft at the same moment.
        let added = match self {
            DbConn::Postgres(pg) => diesel::insert_into(d::table)
                .values(draft)
                .on_conflict_do_nothing()
                .execute(pg)?,
            DbConn::Sqlite(lite) => diesel::insert_or_ignore_into(d::table)
                .values(draft)
                .execute(lite)?,
        };
        Ok(added == 1)
    }

    fn insert_signoff(&mut self, signoff: &SignoffRecord) -> Result<bool, StoreError> {
        let added = match self {
            DbConn::Postgres(pg) => diesel::insert_into(s::table)
                .values(signoff)
                .on_conflict_do_nothing()
                .execute(pg)?,
            DbConn::Sqlite(lite) => diesel::insert_or_ignore_into(s::table)
                .values(signoff)
                .execute(lite)?,
        };
        Ok(added == 1)
    }

    fn advance_decision_draft(
        &mut self,
        id: &DecisionDraftId,
        from: i32,
        to: i32,
    ) -> Result<bool, StoreError> {
        let n = diesel::update(
            d::table
                .find(id)
                .filter(d::status.eq(DraftStatus::Pending))
                .filter(d::step.eq(from)),
        )
        .set(d::step.eq(to))
        .execute(self)?;
        Ok(n == 1)
    }

    fn close_decision_draft(
        &mut self,
        id: &DecisionDraftId,
        status: DraftStatus,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let n = diesel::update(d::table.find(id).filter(d::status.eq(DraftStatus::Pending)))
            .set((d::status.eq(status), d::closed_at.eq(Some(at))))
            .execute(self)?;
        Ok(n == 1)
    }
}
