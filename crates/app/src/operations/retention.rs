//! Retention: what is kept only for a while is deleted by the worker.
//!
//! - drafts, 24 hours (`draft_ttl`) after their last save, and the files uploaded to them
//!   once no draft is left for them (the bytes too, when no filing names the same bytes);
//! - resume and account links 30 days after they expire (until then a second use is told
//!   the link was spent, 410, rather than "not found");
//! - ended staff sessions, resident sign-ins, sign-in states and guest codes when they end;
//! - failed sign-ins after a day (the throttles look back 15 minutes), and the anonymous
//!   API's request counts after an hour (its rate limit counts per minute).
//!
//! Filed submissions, their files, documents and the audit log are not touched.

use chrono::Duration;
use madoguchi_records::PurgeCutoffs;

use crate::kernel::{App, AppError, LocalFiles};

/// How long a spent or expired link still answers 410.
const LINKS_KEPT: Duration = Duration::days(30);
/// How long failed sign-ins are kept.
const LOGIN_FAILURES_KEPT: Duration = Duration::days(1);
/// How long per-minute request counts are kept.
const REQUEST_COUNTS_KEPT: Duration = Duration::hours(1);
/// Draft files deleted per round (the next round takes the rest).
const FILES_PER_ROUND: i64 = 500;
/// Bytes written or reused this recently are never deleted (an upload in flight).
const FRESH_FILE: std::time::Duration = std::time::Duration::from_secs(3600);

/// What a round deleted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RetentionReport {
    pub drafts: usize,
    pub files: usize,
    /// Stored files (bytes) deleted.
    pub blobs: usize,
    pub other: usize,
}

impl RetentionReport {
    pub fn is_empty(&self) -> bool {
        self == &RetentionReport::default()
    }
}

impl App {
    /// Deletes what has expired (see the module's list). Safe to run in several workers at
    /// once: each delete is conditional, and bytes go only when nothing names them.
    pub fn purge_expired(&self) -> Result<RetentionReport, AppError> {
        self.run_job("retention", || self.purge_expired_round())
    }

    /// Moves files of the local folder's old layout (before files were kept by
    /// municipality) to the folder of each municipality whose attachments name them; a
    /// file nothing names goes to the default municipality's. Run at start; safe to run
    /// in several processes at once. Returns how many files were moved.
    pub fn adopt_unscoped_files(&self, store: &LocalFiles) -> Result<usize, AppError> {
        store.adopt_unscoped(
            &|sha| self.read(|c| Ok(c.tenants_with_hash(sha)?)),
            &self.config.default_tenant,
        )
    }

    fn purge_expired_round(&self) -> Result<RetentionReport, AppError> {
        let now = self.now().naive_utc();
        let cutoffs = PurgeCutoffs {
            now,
            links_before: now - LINKS_KEPT,
            // A draft's files outlive it by a day at most: an upload can come before the
            // draft's first save, and a draft lives `draft_ttl` after its last one.
            unfiled_files_before: now - self.config.draft_ttl,
            login_failures_before: now - LOGIN_FAILURES_KEPT,
            request_counts_before: now - REQUEST_COUNTS_KEPT,
            max_files: FILES_PER_ROUND,
        };
        let purged = self.write(|c| Ok(c.purge_expired(&cutoffs)?))?;
        let mut blobs = 0;
        for (tenant, sha) in &purged.file_hashes {
            if self.read(|c| Ok(c.count_attachments_with_hash(tenant, sha)?))? > 0 {
                continue;
            }
            let fresh_after = std::time::SystemTime::now() - FRESH_FILE;
            if self.files.remove_unused(tenant, sha, fresh_after, &|| {
                self.read(|c| Ok(c.count_attachments_with_hash(tenant, sha)?))
                    .map(|n| n > 0)
            })? {
                blobs += 1;
            }
        }
        Ok(RetentionReport {
            drafts: purged.drafts,
            files: purged.files,
            blobs,
            other: purged.other,
        })
    }
}
