//! Counter visits prepared online (書かない窓口).

use madoguchi_core::{ClerkId, CounterOutcome, TenantId, VisitId};

use crate::{StoreError, Timestamp};

/// A counter visit prepared online (書かない窓口): which procedures, the code's expiry, and
/// who opened and filed it at the counter.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::counter_visits, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct CounterVisitRecord {
    pub id: VisitId,
    pub tenant_id: TenantId,
    /// SHA-256 of the resident's session token (its drafts hold the answers).
    pub session_hash: String,
    /// SHA-256 of the current code.
    pub code_hash: String,
    /// JSON array of procedure ids.
    pub procedures: String,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub opened_by: Option<ClerkId>,
    pub opened_at: Option<Timestamp>,
    pub filed_by: Option<ClerkId>,
    pub filed_at: Option<Timestamp>,
    /// Identity document checked, arrival numbers filed (JSON text in the column).
    pub outcome: Option<CounterOutcome>,
}

/// A resident session a clerk started at the desk to enter procedures for a resident
/// (a staff entry): its answers are the clerk's typing, filed from the counter.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::staff_entries, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct StaffEntryRecord {
    /// SHA-256 of the session token.
    pub session_hash: String,
    pub tenant_id: TenantId,
    pub clerk_id: ClerkId,
    pub started_at: Timestamp,
}

/// What a read may do with [`Counter`] (`Database::read` hands out only reads).
pub trait CounterRead {
    /// The staff entry of a resident session, if a clerk started it.
    fn find_staff_entry(
        &mut self,
        session_hash: &str,
    ) -> Result<Option<StaffEntryRecord>, StoreError>;
    fn find_counter_visit(
        &mut self,
        id: &VisitId,
    ) -> Result<Option<CounterVisitRecord>, StoreError>;
    fn find_counter_visit_by_code(
        &mut self,
        code_hash: &str,
    ) -> Result<Option<CounterVisitRecord>, StoreError>;
    /// The session's newest visit not yet filed.
    fn find_open_counter_visit(
        &mut self,
        tenant_id: &TenantId,
        session_hash: &str,
    ) -> Result<Option<CounterVisitRecord>, StoreError>;
}

/// Counter visits, and keeping their drafts alive while a code is valid.
pub trait Counter: CounterRead {
    fn insert_staff_entry(&mut self, record: &StaffEntryRecord) -> Result<(), StoreError>;
    fn insert_counter_visit(&mut self, record: &CounterVisitRecord) -> Result<(), StoreError>;
    /// Saves the code, procedures, expiry and opener (never the filing, see below).
    fn update_counter_visit(&mut self, record: &CounterVisitRecord) -> Result<(), StoreError>;
    /// Marks the visit filed if it was not (compare-and-set): false when someone else did.
    fn mark_counter_visit_filed(
        &mut self,
        id: &VisitId,
        clerk_id: &ClerkId,
        at: Timestamp,
        outcome: &CounterOutcome,
    ) -> Result<bool, StoreError>;
    /// Keeps the session's live drafts at least until `until` (a visit's code expiry).
    fn extend_drafts(
        &mut self,
        tenant_id: &TenantId,
        session_hash: &str,
        now: Timestamp,
        until: Timestamp,
    ) -> Result<(), StoreError>;
}
