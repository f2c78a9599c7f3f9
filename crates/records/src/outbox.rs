//! The mail outbox: messages written with the change they report, sent by the workers.

use madoguchi_core::{DepartmentId, MailKind, OutboxId, SubmissionId, TenantId};

use crate::{StoreError, Timestamp};

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::outbox, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct OutboxRecord {
    pub id: OutboxId,
    pub tenant_id: TenantId,
    pub submission_id: Option<SubmissionId>,
    pub kind: MailKind,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub message_id: String,
    pub created_at: Timestamp,
    pub attempts: i32,
    pub next_attempt_at: Timestamp,
    pub locked_until: Option<Timestamp>,
    pub sent_at: Option<Timestamp>,
    pub failed_at: Option<Timestamp>,
    pub last_error: Option<String>,
    /// The iCalendar it carries as an attachment (a booking's REQUEST or CANCEL).
    pub calendar: Option<String>,
}

/// What a read may do with [`Outbox`] (`Database::read` hands out only reads).
pub trait OutboxRead {
    /// A filing's messages, oldest first.
    fn mails_for_submission(
        &mut self,
        submission_id: &SubmissionId,
    ) -> Result<Vec<OutboxRecord>, StoreError>;
    /// Messages neither sent nor given up on.
    fn count_pending_mail(&mut self) -> Result<i64, StoreError>;
    /// Messages given up on, of one department's filings, newest first.
    fn failed_mail_of_department(
        &mut self,
        tenant_id: &TenantId,
        department_id: &DepartmentId,
        limit: i64,
    ) -> Result<Vec<OutboxRecord>, StoreError>;
    fn find_mail(&mut self, id: &OutboxId) -> Result<Option<OutboxRecord>, StoreError>;
}

/// The mail outbox, claimed by workers with leases.
pub trait Outbox: OutboxRead {
    fn enqueue_mail(&mut self, record: &OutboxRecord) -> Result<(), StoreError>;
    /// Several messages in one statement per [`crate::ROWS_PER_INSERT`].
    fn enqueue_mails(&mut self, records: &[OutboxRecord]) -> Result<(), StoreError>;
    /// Leases up to `limit` due messages until `lease_until`. Atomic on its own: one
    /// statement on PostgreSQL, a compare-and-set per message elsewhere (where writes take
    /// turns, one unit of writes).
    fn claim_due_mail(
        &mut self,
        now: Timestamp,
        lease_until: Timestamp,
        limit: i64,
    ) -> Result<Vec<OutboxRecord>, StoreError>;
    fn mark_mail_sent(&mut self, id: &OutboxId, now: Timestamp) -> Result<(), StoreError>;
    /// Replaces a sent message's stored body (to drop a secret link it carried).
    fn redact_mail_body(&mut self, id: &OutboxId, body: &str) -> Result<(), StoreError>;
    /// Records a failed attempt and when to try again.
    fn mark_mail_retry(
        &mut self,
        id: &OutboxId,
        next_attempt_at: Timestamp,
        error: &str,
    ) -> Result<(), StoreError>;
    /// Gives up on a message (it stays visible to clerks with its last error).
    fn mark_mail_failed(
        &mut self,
        id: &OutboxId,
        now: Timestamp,
        error: &str,
    ) -> Result<(), StoreError>;
    /// Queues a failed message again; false when it was not failed.
    fn retry_failed_mail(&mut self, id: &OutboxId, now: Timestamp) -> Result<bool, StoreError>;
}
