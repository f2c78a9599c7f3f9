//! Counts behind the published figures (aggregates over submissions).

use madoguchi_core::{FilingMode, ProcedureId, SubmissionState, TenantId};

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
}

/// Aggregates for the published figures.
pub trait Figures {
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
