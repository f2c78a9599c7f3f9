//! Submissions, their append-only events, and idempotency keys.

use chrono::NaiveDate;
use madoguchi_core::{
    ActorKind, ClerkId, DepartmentId, EventId, FilingMode, HistoryAction, ProcedureId,
    SubmissionId, SubmissionState, TenantId,
};

use crate::{StoreError, Timestamp};

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::submissions, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct SubmissionRecord {
    pub id: SubmissionId,
    pub tenant_id: TenantId,
    pub department_id: DepartmentId,
    pub procedure_id: ProcedureId,
    pub form_version: String,
    pub arrival_number: String,
    pub arrived_at: Timestamp,
    pub due_on: Option<NaiveDate>,
    pub state: SubmissionState,
    pub data: String,
    pub data_sha256: String,
    pub fee_yen: i64,
    pub applicant_name: Option<String>,
    pub contact_email: Option<String>,
    pub resident_session_hash: Option<String>,
    pub updated_at: Timestamp,
    /// The ward office the filing is routed to, if any.
    pub ward_code: Option<String>,
    /// The clerk working on it, if anyone has claimed it or been assigned it.
    pub assignee_id: Option<ClerkId>,
    /// The applicant's name and reading, normalised for search (see `madoguchi-app`).
    pub search_key: String,
    /// Online, prepared online and finished at a counter, or at the counter.
    pub filing_mode: FilingMode,
    /// When it was approved or rejected.
    pub decided_at: Option<Timestamp>,
    /// Business days the office used until the decision (pauses excluded).
    pub days_used: Option<i32>,
    /// How many times the applicant was asked to correct it.
    pub correction_count: i32,
    /// `issuer|subject` of the resident signed in when it was filed, if anyone was.
    pub resident_account: Option<String>,
    /// SHA-256 of the status look-up secret printed on the receipt (`None` for filings
    /// made before it existed, or not online).
    pub status_key_hash: Option<String>,
    /// When the purpose of use of the personal data (利用目的) was shown to the resident.
    pub privacy_notice_shown_at: Option<Timestamp>,
    /// The clerk who entered the answers for the resident at the desk (a staff-entered
    /// filing); `None`: the resident did.
    pub entered_by: Option<ClerkId>,
    /// A keyed digest of the answers that make two filings of the procedure the same
    /// (`procedure.duplicates`); `None` without a rule or an applicant to compare.
    pub duplicate_key: Option<String>,
}

/// One entry of the append-only audit trail.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::submission_events, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct EventRecord {
    pub id: EventId,
    pub tenant_id: TenantId,
    pub submission_id: SubmissionId,
    pub seq: i32,
    pub at: Timestamp,
    pub actor_kind: ActorKind,
    /// The clerk, when `actor_kind` is `clerk`.
    pub actor_id: Option<ClerkId>,
    pub action: HistoryAction,
    pub from_state: Option<SubmissionState>,
    pub to_state: SubmissionState,
    pub reason: Option<String>,
    /// JSON with what the action carried besides its reason (an extension's days, the
    /// fields of a correction request, the assignee).
    pub detail: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::idempotency_keys, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct IdempotencyRecord {
    pub tenant_id: TenantId,
    pub idem_key: String,
    pub request_hash: String,
    pub submission_id: SubmissionId,
    pub created_at: Timestamp,
}

/// New answers of a submission and the columns derived from them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataUpdate {
    pub data: String,
    pub data_sha256: String,
    pub search_key: String,
    pub applicant_name: Option<String>,
    pub contact_email: Option<String>,
    pub ward_code: Option<String>,
    pub fee_yen: i64,
    /// The duplicate key of the new answers (`SubmissionRecord::duplicate_key`).
    pub duplicate_key: Option<String>,
}

/// What a read may do with [`Submissions`] (`Database::read` hands out only reads).
pub trait SubmissionsRead {
    fn find_submission(
        &mut self,
        tenant_id: &TenantId,
        id: &SubmissionId,
    ) -> Result<Option<SubmissionRecord>, StoreError>;
    /// What one browser session filed, and what the signed-in `account` filed anywhere,
    /// newest first.
    fn submissions_of_resident(
        &mut self,
        tenant_id: &TenantId,
        session_hash: &str,
        account: Option<&str>,
    ) -> Result<Vec<SubmissionRecord>, StoreError>;
    /// The open filings of a procedure carrying this duplicate key, oldest first (at most
    /// 20).
    fn open_submissions_alike(
        &mut self,
        tenant_id: &TenantId,
        procedure_id: &ProcedureId,
        duplicate_key: &str,
    ) -> Result<Vec<SubmissionRecord>, StoreError>;
    /// Of these duplicate keys of a city, those that two or more open filings carry (the
    /// queue's 「重複の疑い」).
    fn shared_duplicate_keys(
        &mut self,
        tenant_id: &TenantId,
        keys: &[String],
    ) -> Result<Vec<String>, StoreError>;
    fn find_submission_by_arrival_number(
        &mut self,
        tenant_id: &TenantId,
        arrival_number: &str,
    ) -> Result<Option<SubmissionRecord>, StoreError>;
    /// The filings of a procedure decided before `before`, no longer open and with no legal
    /// hold in force, oldest decision first, at most `limit`: those past a keeping period
    /// counted from the decision (the retention plan).
    fn decided_before(
        &mut self,
        tenant_id: &TenantId,
        procedure_id: &ProcedureId,
        before: Timestamp,
        limit: i64,
    ) -> Result<Vec<SubmissionRecord>, StoreError>;
    /// How many filings [`Self::decided_before`] would list without its limit, and how many
    /// more it leaves out for a legal hold in force.
    fn count_decided_before(
        &mut self,
        tenant_id: &TenantId,
        procedure_id: &ProcedureId,
        before: Timestamp,
    ) -> Result<(i64, i64), StoreError>;
    /// Submissions filed before search keys existed (their key lacks the name/reading
    /// separator), a batch at a time.
    fn submissions_without_search_key(
        &mut self,
        limit: i64,
    ) -> Result<Vec<SubmissionRecord>, StoreError>;
    /// How many submissions there are (for tests and health checks).
    fn count_submissions(&mut self) -> Result<i64, StoreError>;
    /// The next sequence number of a submission's events (1 for the first).
    fn next_event_seq(&mut self, submission_id: &SubmissionId) -> Result<i32, StoreError>;
    /// A submission's events, in order.
    fn events(
        &mut self,
        tenant_id: &TenantId,
        submission_id: &SubmissionId,
    ) -> Result<Vec<EventRecord>, StoreError>;
    fn find_idempotency(
        &mut self,
        tenant_id: &TenantId,
        key: &str,
    ) -> Result<Option<IdempotencyRecord>, StoreError>;
}

/// Submissions, their events and idempotency keys. Every read is scoped by tenant.
pub trait Submissions: SubmissionsRead {
    fn insert_submission(&mut self, record: &SubmissionRecord) -> Result<(), StoreError>;
    fn set_search_key(&mut self, id: &SubmissionId, search_key: &str) -> Result<(), StoreError>;
    /// Records a decision's time and the business days it took.
    fn record_decision(
        &mut self,
        id: &SubmissionId,
        decided_at: Timestamp,
        days_used: Option<i32>,
    ) -> Result<(), StoreError>;
    /// Counts one more correction request.
    fn count_correction(&mut self, id: &SubmissionId) -> Result<(), StoreError>;
    /// Sets the clerk working on a submission (or nobody).
    fn set_assignee(
        &mut self,
        id: &SubmissionId,
        assignee_id: Option<&ClerkId>,
        now: Timestamp,
    ) -> Result<(), StoreError>;
    /// Sets the statutory due date (none while a correction is pending).
    fn set_due_on(
        &mut self,
        id: &SubmissionId,
        due_on: Option<NaiveDate>,
    ) -> Result<(), StoreError>;
    /// Replaces the answers after a correction, with everything derived from them (the old
    /// answers are kept on the correction).
    fn replace_submission_data(
        &mut self,
        id: &SubmissionId,
        update: &DataUpdate,
        now: Timestamp,
    ) -> Result<(), StoreError>;
    /// Moves the state only if it is still `from`; false when someone acted first.
    fn update_submission_state(
        &mut self,
        id: &SubmissionId,
        from: SubmissionState,
        to: SubmissionState,
        now: Timestamp,
    ) -> Result<bool, StoreError>;
    fn append_event(&mut self, record: &EventRecord) -> Result<(), StoreError>;
    fn insert_idempotency(&mut self, record: &IdempotencyRecord) -> Result<(), StoreError>;
    /// Stores new filings together, each only if its idempotency key is new to its
    /// municipality: a filing's submission, first event, key, mails and webhook deliveries
    /// go in all together or not at all, and a filing whose key was used before (by a filing
    /// stored earlier or in a transaction still open) leaves nothing behind. Returns the
    /// ids of the submissions stored, in no particular order.
    ///
    /// One statement on PostgreSQL (so atomic without a transaction of its own, see
    /// `Database::write_atomic`); on SQLite a few, in the caller's transaction. The keys
    /// in `filings` must be distinct.
    fn insert_new_filings(&mut self, filings: &NewFilings)
    -> Result<Vec<SubmissionId>, StoreError>;
}

/// Filings to store together ([`Submissions::insert_new_filings`]); every row names its
/// submission (`submission_id`).
#[derive(Clone, Debug, Default)]
pub struct NewFilings {
    pub submissions: Vec<SubmissionRecord>,
    pub events: Vec<EventRecord>,
    pub keys: Vec<IdempotencyRecord>,
    /// Receipt mails; one without a submission is refused (`StoreError::Other`).
    pub mails: Vec<crate::OutboxRecord>,
    /// Their webhook events: each is delivered to the webhooks of its filing's department
    /// that listen for it, found by the store as it writes.
    pub webhook_events: Vec<crate::FilingWebhookEvent>,
}

/// The most rows one multi-row `INSERT` carries (well under both engines' limits on bound
/// values: SQLite's 32,766, PostgreSQL's 65,535, at a submission's 28 columns).
pub const ROWS_PER_INSERT: usize = 64;
