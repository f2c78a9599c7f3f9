//! Grouped counts for the published figures (small aggregate queries over submissions).

use chrono::NaiveDate;
use diesel::dsl::count_star;
use diesel::prelude::*;
use madoguchi_core::{
    FeeTiming, FilingMode, PaymentChannel, PaymentStatus, ProcedureId, SubmissionState, TenantId,
};
use madoguchi_records::schema::{filings_elsewhere, payments, submissions};
use madoguchi_records::{
    FigureCounts, Figures, FilingsElsewhere, FilingsElsewhereRecord, StoreError,
};

use crate::{DbConn, Timestamp};

impl Figures for DbConn {
    fn filings_elsewhere(
        &mut self,
        tenant_id: &TenantId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<FilingsElsewhereRecord>, StoreError> {
        Ok(filings_elsewhere::table
            .filter(filings_elsewhere::tenant_id.eq(tenant_id))
            .filter(filings_elsewhere::month.ge(from))
            .filter(filings_elsewhere::month.lt(to))
            .order((filings_elsewhere::procedure_id, filings_elsewhere::month))
            .select(FilingsElsewhereRecord::as_select())
            .load(self)?)
    }

    fn figure_counts(
        &mut self,
        tenant_id: &TenantId,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<FigureCounts, StoreError> {
        let scope = submissions::tenant_id
            .eq(tenant_id)
            .and(submissions::arrived_at.ge(from))
            .and(submissions::arrived_at.lt(to));
        let by_state = submissions::table
            .filter(scope)
            .group_by((
                submissions::procedure_id,
                submissions::filing_mode,
                submissions::state,
            ))
            .select((
                submissions::procedure_id,
                submissions::filing_mode,
                submissions::state,
                count_star(),
            ))
            .load::<(ProcedureId, FilingMode, SubmissionState, i64)>(self)?;
        let by_days = submissions::table
            .filter(scope)
            .filter(submissions::days_used.is_not_null())
            .group_by((submissions::procedure_id, submissions::days_used))
            .select((
                submissions::procedure_id,
                submissions::days_used,
                count_star(),
            ))
            .load::<(ProcedureId, Option<i32>, i64)>(self)?
            .into_iter()
            .filter_map(|(p, d, n)| Some((p, d?, n)))
            .collect();
        let corrected = submissions::table
            .filter(scope)
            .filter(submissions::correction_count.gt(0))
            .group_by(submissions::procedure_id)
            .select((submissions::procedure_id, count_star()))
            .load::<(ProcedureId, i64)>(self)?;
        let late = submissions::table
            .filter(scope)
            .filter(submissions::decided_at.is_not_null())
            .filter(submissions::due_on.is_not_null())
            .filter(
                diesel::dsl::date(submissions::decided_at.assume_not_null())
                    .gt(submissions::due_on.assume_not_null()),
            )
            .group_by(submissions::procedure_id)
            .select((submissions::procedure_id, count_star()))
            .load::<(ProcedureId, i64)>(self)?;
        let entered_by_staff = submissions::table
            .filter(scope)
            .filter(submissions::entered_by.is_not_null())
            .group_by(submissions::procedure_id)
            .select((submissions::procedure_id, count_star()))
            .load::<(ProcedureId, i64)>(self)?;
        // Approved, the fee asked after approval still owed: a payment of that timing and
        // none of it settled.
        let owed = payments::table
            .filter(payments::tenant_id.eq(tenant_id))
            .filter(payments::timing.eq(FeeTiming::AfterApproval))
            .select(payments::submission_id);
        let settled = payments::table
            .filter(payments::tenant_id.eq(tenant_id))
            .filter(payments::timing.eq(FeeTiming::AfterApproval))
            .filter(payments::status.eq_any([PaymentStatus::Paid, PaymentStatus::Refunded]))
            .select(payments::submission_id);
        let approved_unpaid = submissions::table
            .filter(scope)
            .filter(submissions::filing_mode.eq(FilingMode::Online))
            .filter(submissions::state.eq(SubmissionState::Approved))
            .filter(submissions::id.eq_any(owed))
            .filter(diesel::dsl::not(submissions::id.eq_any(settled)))
            .group_by(submissions::procedure_id)
            .select((submissions::procedure_id, count_star()))
            .load::<(ProcedureId, i64)>(self)?;
        let taken_at_counter = payments::table
            .filter(payments::tenant_id.eq(tenant_id))
            .filter(payments::channel.eq(PaymentChannel::Counter))
            .filter(payments::status.eq_any([PaymentStatus::Paid, PaymentStatus::Refunded]))
            .select(payments::submission_id);
        let fee_at_counter = submissions::table
            .filter(scope)
            .filter(submissions::filing_mode.eq(FilingMode::Online))
            .filter(submissions::id.eq_any(taken_at_counter))
            .group_by(submissions::procedure_id)
            .select((submissions::procedure_id, count_star()))
            .load::<(ProcedureId, i64)>(self)?;
        Ok(FigureCounts {
            by_state,
            by_days,
            corrected,
            late,
            entered_by_staff,
            approved_unpaid,
            fee_at_counter,
        })
    }

    fn count_arrivals(
        &mut self,
        tenant_id: &TenantId,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<(ProcedureId, i64)>, StoreError> {
        Ok(submissions::table
            .filter(submissions::tenant_id.eq(tenant_id))
            .filter(submissions::arrived_at.ge(from))
            .filter(submissions::arrived_at.lt(to))
            .group_by(submissions::procedure_id)
            .select((submissions::procedure_id, count_star()))
            .load::<(ProcedureId, i64)>(self)?)
    }
}

impl FilingsElsewhere for DbConn {
    /// One statement on each engine: insert, or replace the counts (and who entered them)
    /// of that month (`ON CONFLICT … DO UPDATE`, which both engines have but diesel's
    /// connection over either does not write).
    fn set_filings_elsewhere(&mut self, r: &FilingsElsewhereRecord) -> Result<(), StoreError> {
        macro_rules! upsert {
            ($conn:expr) => {
                diesel::insert_into(filings_elsewhere::table)
                    .values(r)
                    .on_conflict((
                        filings_elsewhere::tenant_id,
                        filings_elsewhere::procedure_id,
                        filings_elsewhere::month,
                    ))
                    .do_update()
                    .set((
                        filings_elsewhere::paper.eq(r.paper),
                        filings_elsewhere::counter.eq(r.counter),
                        filings_elsewhere::entered_by.eq(&r.entered_by),
                        filings_elsewhere::entered_at.eq(r.entered_at),
                    ))
                    .execute($conn)?
            };
        }
        match self {
            DbConn::Postgres(pg) => upsert!(pg),
            DbConn::Sqlite(lite) => upsert!(lite),
        };
        Ok(())
    }
}
