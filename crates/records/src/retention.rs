//! Deleting what is kept only for a while.

use madoguchi_core::TenantId;

use crate::{StoreError, Timestamp};

/// What a retention round deletes: everything expired at `now`, links expired before
/// `links_before` (kept a while so a second use is told the link was spent), draft files
/// uploaded before `unfiled_files_before` whose draft is gone (at most `max_files` a round)
/// failed sign-ins before `login_failures_before` and anonymous API request counts of
/// minutes that began before `request_counts_before`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PurgeCutoffs {
    pub now: Timestamp,
    pub links_before: Timestamp,
    pub unfiled_files_before: Timestamp,
    pub login_failures_before: Timestamp,
    pub request_counts_before: Timestamp,
    pub max_files: i64,
}

/// What a retention round deleted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub drafts: usize,
    /// Attachment rows of drafts that are gone.
    pub files: usize,
    /// The bytes those rows named, by municipality (to delete from the file store when
    /// nothing else of that municipality names them).
    pub file_hashes: Vec<(TenantId, String)>,
    /// Links, sessions, sign-in states, codes, failed sign-ins and request counts.
    pub other: usize,
}

/// What a read may do with [`Retention`] (`Database::read` hands out only reads).
pub trait RetentionRead {
    /// How many attachments of the municipality, filed or not, name these bytes.
    fn count_attachments_with_hash(
        &mut self,
        tenant: &TenantId,
        sha256: &str,
    ) -> Result<i64, StoreError>;
    /// The municipalities whose attachments name these bytes (to move files kept before
    /// they were kept by municipality).
    fn tenants_with_hash(&mut self, sha256: &str) -> Result<Vec<TenantId>, StoreError>;
}

/// Retention: filed submissions, their files and the audit log are never deleted here.
pub trait Retention: RetentionRead {
    /// Deletes what has expired (see [`PurgeCutoffs`]).
    fn purge_expired(&mut self, cutoffs: &PurgeCutoffs) -> Result<Purged, StoreError>;
}
