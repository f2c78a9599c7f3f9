//! Correction requests (補正) and their answers.

use chrono::NaiveDate;
use madoguchi_core::{ClerkId, CorrectionId, SubmissionId, TenantId};

use crate::{StoreError, Timestamp};

/// A correction request (補正): fields to fix, what to do, by when; and its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::corrections, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct CorrectionRecord {
    pub id: CorrectionId,
    pub tenant_id: TenantId,
    pub submission_id: SubmissionId,
    /// 1 for the first request on a submission.
    pub seq: i32,
    pub requested_by: ClerkId,
    pub requested_at: Timestamp,
    /// JSON array of the JSON pointers of the fields to fix.
    pub fields: String,
    pub message: String,
    pub deadline: NaiveDate,
    /// SHA-256 (hex) of the secret in the link sent to the applicant.
    pub token_hash: String,
    pub resubmitted_at: Option<Timestamp>,
    /// The answers before the correction, once it was answered.
    pub previous_data: Option<String>,
    /// When the reminder before the deadline went out.
    pub reminded_at: Option<Timestamp>,
}

/// What a read may do with [`Corrections`] (`Database::read` hands out only reads).
pub trait CorrectionsRead {
    /// A submission's correction requests, in order.
    fn corrections_of(
        &mut self,
        submission_id: &SubmissionId,
    ) -> Result<Vec<CorrectionRecord>, StoreError>;
    fn find_correction_by_token(
        &mut self,
        token_hash: &str,
    ) -> Result<Option<CorrectionRecord>, StoreError>;
    /// Open, not yet reminded corrections with a deadline from `from` to `until`.
    fn corrections_to_remind(
        &mut self,
        from: NaiveDate,
        until: NaiveDate,
        limit: i64,
    ) -> Result<Vec<CorrectionRecord>, StoreError>;
}

/// Correction requests.
pub trait Corrections: CorrectionsRead {
    fn insert_correction(&mut self, record: &CorrectionRecord) -> Result<(), StoreError>;
    /// Records the answer to a correction; false if it was answered already.
    fn mark_correction_answered(
        &mut self,
        id: &CorrectionId,
        at: Timestamp,
        previous_data: &str,
    ) -> Result<bool, StoreError>;
    /// Records the reminder with the hash of its new link; false if it was already sent
    /// or the correction answered.
    fn mark_correction_reminded(
        &mut self,
        id: &CorrectionId,
        at: Timestamp,
        token_hash: &str,
    ) -> Result<bool, StoreError>;
}
