//! The append-only audit log of who looked at or changed what.

use madoguchi_core::{AuditAction, AuditId, ClerkId, SubmissionId, TenantId};

use crate::{EventRecord, StoreError, Timestamp};

/// One entry of the append-only audit log: a view of personal data, a revealed My Number,
/// an export, or a change to a staff account.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::audit_log, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct AuditRecord {
    pub id: AuditId,
    pub tenant_id: TenantId,
    pub at: Timestamp,
    pub clerk_id: Option<ClerkId>,
    pub action: AuditAction,
    pub submission_id: Option<SubmissionId>,
    pub target_clerk_id: Option<ClerkId>,
    pub reason: Option<String>,
    pub detail: Option<String>,
}

/// What a read may do with [`Audit`] (`Database::read` hands out only reads).
pub trait AuditRead {
    /// Audit entries about a submission, oldest first.
    fn audit_of_submission(
        &mut self,
        submission_id: &SubmissionId,
    ) -> Result<Vec<AuditRecord>, StoreError>;
    /// Entries of `tenant_id` made by the staff member `clerk_id` or about their account,
    /// newest first, within `span` and before `before` (the last entry of the previous
    /// page), at most `limit`.
    fn audit_of_clerk(
        &mut self,
        tenant_id: &TenantId,
        clerk_id: &ClerkId,
        span: &AuditSpan,
        limit: i64,
    ) -> Result<Vec<AuditRecord>, StoreError>;
    /// The case actions (history entries: claims, decisions, correction requests…) of
    /// `tenant_id`'s filings that the staff member `clerk_id` made, newest first, within
    /// `span` and before `before` (compared by time, then id), at most `limit`.
    fn case_actions_of_clerk(
        &mut self,
        tenant_id: &TenantId,
        clerk_id: &ClerkId,
        span: &AuditSpan,
        limit: i64,
    ) -> Result<Vec<EventRecord>, StoreError>;
}

/// The audit log (the database refuses updates and deletes).
pub trait Audit: AuditRead {
    fn append_audit(&mut self, record: &AuditRecord) -> Result<(), StoreError>;
}

/// Which part of the audit log a search reads: from and until a time (either open), and
/// before the entry `(at, id)` that ended the previous page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditSpan {
    pub from: Option<Timestamp>,
    pub until: Option<Timestamp>,
    pub before: Option<(Timestamp, AuditId)>,
}
