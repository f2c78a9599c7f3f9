//! Counts behind the published figures (aggregates over submissions).

use chrono::NaiveDate;
use madoguchi_core::{ClerkId, FilingMode, ProcedureId, SubmissionState, TenantId};

use crate::{StoreError, Timestamp};

/// Counts behind the published figures, for one municipality and period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FigureCounts {
    /// (procedure, filing mode, state, count).
    pub by_state: Vec<(ProcedureId, FilingMode, SubmissionState, i64)>,
    /// (procedure, business days used, count) of decided filings.
    pub by_days: Vec<(ProcedureId, i32, i64)>,
    /// (procedure, count) of filings with at least one correction request.
    pub corrected: Vec<(ProcedureId, i64)>,
    /// (procedure, count) of decided filings that took longer than their period.
    pub late: Vec<(ProcedureId, i64)>,
    /// (procedure, count) of filings a clerk entered for the resident at the desk.
    pub entered_by_staff: Vec<(ProcedureId, i64)>,
    /// (procedure, count) of filings filed online and approved whose fee, asked after the
    /// approval, is not paid: not completed yet.
    pub approved_unpaid: Vec<(ProcedureId, i64)>,
    /// (procedure, count) of filings filed online whose fee was taken at a counter: the
    /// resident had to come in, so not completed online.
    pub fee_at_counter: Vec<(ProcedureId, i64)>,
}

/// Filings of one procedure and month that never came through this service, as the city
/// counted them (paper forms, filings taken at a counter outside it), so that the online
/// share published is the city's real rate.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::filings_elsewhere, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct FilingsElsewhereRecord {
    pub tenant_id: TenantId,
    pub procedure_id: ProcedureId,
    /// The month's first day.
    pub month: NaiveDate,
    /// Filed on paper (by post or handed in).
    pub paper: i64,
    /// Taken at a counter outside this service.
    pub counter: i64,
    /// Who entered the counts last, and when.
    pub entered_by: ClerkId,
    pub entered_at: Timestamp,
}

/// Aggregates for the published figures.
pub trait Figures {
    /// The counts of filings made elsewhere for the months in [from, to), by procedure and
    /// month.
    fn filings_elsewhere(
        &mut self,
        tenant_id: &TenantId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<FilingsElsewhereRecord>, StoreError>;
    /// The counts behind the published figures, for filings that arrived in [from, to).
    fn figure_counts(
        &mut self,
        tenant_id: &TenantId,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<FigureCounts, StoreError>;
    /// Filings per procedure that arrived in [from, to).
    fn count_arrivals(
        &mut self,
        tenant_id: &TenantId,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<(ProcedureId, i64)>, StoreError>;
}

/// Entering the counts of filings made elsewhere.
pub trait FilingsElsewhere {
    /// Stores one procedure's counts for one month, replacing what was entered before.
    fn set_filings_elsewhere(&mut self, record: &FilingsElsewhereRecord) -> Result<(), StoreError>;
}
