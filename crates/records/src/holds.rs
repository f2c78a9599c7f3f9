//! Legal holds (法的保留, issue 44 item 5): a filing concerned by a lawsuit, an appeal or a
//! disclosure request is never disposed of while a hold is in force. A lifted hold stays on
//! record.

use madoguchi_core::{ClerkId, SubmissionId, TenantId};

use crate::{StoreError, Timestamp};

/// A hold on a filing, in force until lifted.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::legal_holds, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct LegalHoldRecord {
    pub id: String,
    pub tenant_id: TenantId,
    pub submission_id: SubmissionId,
    pub reason: String,
    pub placed_by: ClerkId,
    pub placed_at: Timestamp,
    pub lifted_by: Option<ClerkId>,
    pub lifted_at: Option<Timestamp>,
    pub lift_reason: Option<String>,
}

/// What a read may do with [`LegalHolds`].
pub trait LegalHoldsRead {
    /// A filing's holds, first placed first (lifted ones too).
    fn legal_holds_of(
        &mut self,
        tenant_id: &TenantId,
        submission_id: &SubmissionId,
    ) -> Result<Vec<LegalHoldRecord>, StoreError>;
    /// Of these filings of a city, those with a hold in force.
    fn held_among(
        &mut self,
        tenant_id: &TenantId,
        ids: &[SubmissionId],
    ) -> Result<Vec<SubmissionId>, StoreError>;
}

/// Placing and lifting holds.
pub trait LegalHolds: LegalHoldsRead {
    /// Stores a hold; `false` (nothing stored) when the filing has one in force.
    fn insert_legal_hold(&mut self, hold: &LegalHoldRecord) -> Result<bool, StoreError>;
    /// Lifts the hold in force on a filing: `false` when there is none.
    fn lift_legal_hold(
        &mut self,
        tenant_id: &TenantId,
        submission_id: &SubmissionId,
        by: &ClerkId,
        at: Timestamp,
        reason: &str,
    ) -> Result<bool, StoreError>;
}
