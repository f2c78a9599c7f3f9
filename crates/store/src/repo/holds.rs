//! Legal holds (`madoguchi_records::LegalHolds`).

use diesel::prelude::*;
use madoguchi_core::{ClerkId, SubmissionId, TenantId};
use madoguchi_records::schema::legal_holds as h;
use madoguchi_records::{LegalHoldRecord, LegalHolds, LegalHoldsRead, StoreError};

use crate::{DbConn, Timestamp};

impl LegalHoldsRead for DbConn {
    fn legal_holds_of(
        &mut self,
        tenant_id: &TenantId,
        submission_id: &SubmissionId,
    ) -> Result<Vec<LegalHoldRecord>, StoreError> {
        Ok(h::table
            .filter(h::tenant_id.eq(tenant_id))
            .filter(h::submission_id.eq(submission_id))
            .order((h::placed_at, h::id))
            .select(LegalHoldRecord::as_select())
            .load(self)?)
    }

    fn held_among(
        &mut self,
        tenant_id: &TenantId,
        ids: &[SubmissionId],
    ) -> Result<Vec<SubmissionId>, StoreError> {
        let mut held = Vec::new();
        // Bounded batches: under any engine's limit on bound parameters.
        for chunk in ids.chunks(500) {
            held.extend(
                h::table
                    .filter(h::tenant_id.eq(tenant_id))
                    .filter(h::submission_id.eq_any(chunk))
                    .filter(h::lifted_at.is_null())
                    .select(h::submission_id)
                    .load::<SubmissionId>(self)?,
            );
        }
        Ok(held)
    }
}

impl LegalHolds for DbConn {
    fn insert_legal_hold(&mut self, hold: &LegalHoldRecord) -> Result<bool, StoreError> {
        // The partial unique index (one hold in force per filing) decides, on either
        // engine, even when two heads place one at the same moment.
        let added = match self {
            DbConn::Postgres(pg) => diesel::insert_into(h::table)
                .values(hold)
                .on_conflict_do_nothing()
                .execute(pg)?,
            DbConn::Sqlite(lite) => diesel::insert_or_ignore_into(h::table)
                .values(hold)
                .execute(lite)?,
        };
        Ok(added == 1)
    }

    fn lift_legal_hold(
        &mut self,
        tenant_id: &TenantId,
        submission_id: &SubmissionId,
        by: &ClerkId,
        at: Timestamp,
        reason: &str,
    ) -> Result<bool, StoreError> {
        let lifted = diesel::update(
            h::table
                .filter(h::tenant_id.eq(tenant_id))
                .filter(h::submission_id.eq(submission_id))
                .filter(h::lifted_at.is_null()),
        )
        .set((
            h::lifted_by.eq(Some(by)),
            h::lifted_at.eq(Some(at)),
            h::lift_reason.eq(Some(reason)),
        ))
        .execute(self)?;
        Ok(lifted == 1)
    }
}
