#![doc = include_str!("../README.md")]

mod records;

pub use records::*;

/// UTC timestamps as stored (TIMESTAMP without time zone, always UTC).
pub type Timestamp = chrono::NaiveDateTime;

/// A draft's resume link: (tenant, draft id, expires at, used at).
pub type DraftLink = (String, String, Timestamp, Option<Timestamp>);

/// What a retention round deletes: everything expired at `now`, links expired before
/// `links_before` (kept a while so a second use is told the link was spent), draft files
/// uploaded before `unfiled_files_before` whose draft is gone (at most `max_files` a round)
/// and failed sign-ins before `login_failures_before`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PurgeCutoffs {
    pub now: Timestamp,
    pub links_before: Timestamp,
    pub unfiled_files_before: Timestamp,
    pub login_failures_before: Timestamp,
    pub max_files: i64,
}

/// What a retention round deleted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub drafts: usize,
    /// Attachment rows of drafts that are gone.
    pub files: usize,
    /// The bytes those rows named (to delete from the file store when nothing else does).
    pub file_hashes: Vec<String>,
    /// Links, sessions, sign-in states, codes and failed sign-ins.
    pub other: usize,
}

/// What can go wrong in storage, as callers need to tell it apart.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// A unique or primary-key constraint refused the row: someone else got there first.
    #[error("unique constraint: {0}")]
    UniqueViolation(String),
    /// The database cannot be reached, or is too busy now; the request may be retried.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// The caller ended a write transaction early; everything in it was rolled back.
    #[error("transaction rolled back by the caller")]
    RolledBack,
    #[error("database error: {0}")]
    Other(String),
}

impl StoreError {
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, StoreError::UniqueViolation(_))
    }

    pub fn is_unavailable(&self) -> bool {
        matches!(self, StoreError::Unavailable(_))
    }
}

/// A unit of work on a database: one connection for reads, or one transaction.
pub type Work<'a> = &'a mut dyn FnMut(&mut dyn Records) -> Result<(), StoreError>;

/// The database, as the use cases see it.
pub trait Database: Send + Sync + std::fmt::Debug {
    /// `SQLite` or `PostgreSQL`, for logs.
    fn engine(&self) -> &'static str;
    /// Runs `work` on a connection; each statement commits on its own.
    fn read(&self, work: Work<'_>) -> Result<(), StoreError>;
    /// Runs `work` in one write transaction: everything or nothing. Returning an error from
    /// `work` rolls back.
    fn write(&self, work: Work<'_>) -> Result<(), StoreError>;
}

/// Every storage operation the use cases need.
pub trait Records {
    // Municipalities, departments, clerks.
    fn find_tenant(&mut self, id: &str) -> Result<Option<TenantRecord>, StoreError>;
    fn insert_tenant(&mut self, record: &TenantRecord) -> Result<(), StoreError>;
    fn departments_of(&mut self, tenant_id: &str) -> Result<Vec<DepartmentRecord>, StoreError>;
    fn find_department(&mut self, id: &str) -> Result<Option<DepartmentRecord>, StoreError>;
    fn find_department_by_code(
        &mut self,
        tenant_id: &str,
        code: &str,
    ) -> Result<Option<DepartmentRecord>, StoreError>;
    fn insert_department(&mut self, record: &DepartmentRecord) -> Result<(), StoreError>;
    fn find_clerk(&mut self, id: &str) -> Result<Option<ClerkRecord>, StoreError>;
    fn find_clerk_by_login(&mut self, login: &str) -> Result<Option<ClerkRecord>, StoreError>;
    fn insert_clerk(&mut self, record: &ClerkRecord) -> Result<(), StoreError>;

    // Clerk sessions (only token hashes are stored).
    fn insert_session(&mut self, record: &ClerkSessionRecord) -> Result<(), StoreError>;
    fn find_live_session(
        &mut self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<ClerkSessionRecord>, StoreError>;
    fn touch_session(
        &mut self,
        token_hash: &str,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<(), StoreError>;
    fn delete_session(&mut self, token_hash: &str) -> Result<(), StoreError>;
    /// Marks a session's second factor as checked and sets its idle expiry.
    fn verify_session(&mut self, token_hash: &str, expires_at: Timestamp)
    -> Result<(), StoreError>;
    /// Ends every session of a clerk.
    fn delete_sessions_of(&mut self, clerk_id: &str) -> Result<(), StoreError>;
    /// Every staff account of a municipality, by login.
    fn clerks_of(&mut self, tenant_id: &str) -> Result<Vec<ClerkRecord>, StoreError>;
    /// Saves a staff account's editable fields (all but id, tenant, login, created_at).
    fn update_clerk(&mut self, record: &ClerkRecord) -> Result<(), StoreError>;
    /// Records that a TOTP step was used, only if it is later than the last one; false when
    /// it was not (the code was used already, perhaps by a concurrent request).
    fn use_totp_step(&mut self, clerk_id: &str, step: i64) -> Result<bool, StoreError>;
    /// Returns the new row's id.
    fn record_login_failure(
        &mut self,
        key_kind: &str,
        key_hash: &str,
        at: Timestamp,
    ) -> Result<String, StoreError>;
    /// Takes back attempts written down before they were checked.
    fn forget_login_failures(&mut self, ids: &[String]) -> Result<(), StoreError>;
    fn count_login_failures(
        &mut self,
        key_kind: &str,
        key_hash: &str,
        since: Timestamp,
    ) -> Result<i64, StoreError>;
    fn append_audit(&mut self, record: &AuditRecord) -> Result<(), StoreError>;
    /// Audit entries about a submission, oldest first.
    fn audit_of_submission(&mut self, submission_id: &str) -> Result<Vec<AuditRecord>, StoreError>;

    // Form versions (immutable; keyed by content hash).
    /// Records the version unless known; true when it was new.
    fn ensure_form_version(&mut self, record: &FormVersionRecord) -> Result<bool, StoreError>;
    fn find_form_version(&mut self, version: &str)
    -> Result<Option<FormVersionRecord>, StoreError>;

    // Drafts.
    fn find_live_draft(
        &mut self,
        tenant_id: &str,
        session_hash: &str,
        procedure_id: &str,
        now: Timestamp,
    ) -> Result<Option<DraftRecord>, StoreError>;
    /// Inserts, or replaces the session's draft for the procedure.
    fn save_draft(&mut self, record: &DraftRecord) -> Result<(), StoreError>;
    /// The session's live drafts, most recently saved first.
    fn drafts_of_session(
        &mut self,
        tenant_id: &str,
        session_hash: &str,
        now: Timestamp,
    ) -> Result<Vec<DraftRecord>, StoreError>;
    fn find_draft(&mut self, id: &str) -> Result<Option<DraftRecord>, StoreError>;
    fn insert_draft_link(
        &mut self,
        token_hash: &str,
        tenant_id: &str,
        draft_id: &str,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<(), StoreError>;
    /// (tenant, draft id, expires at, used at) of a resume link.
    fn find_draft_link(&mut self, token_hash: &str) -> Result<Option<DraftLink>, StoreError>;
    /// Deletes what has expired (see [`PurgeCutoffs`]).
    fn purge_expired(&mut self, cutoffs: &PurgeCutoffs) -> Result<Purged, StoreError>;
    /// How many attachments, filed or not, name these bytes.
    fn count_attachments_with_hash(&mut self, sha256: &str) -> Result<i64, StoreError>;
    /// Marks a resume link used (compare-and-set): false when it already was.
    fn use_draft_link(&mut self, token_hash: &str, now: Timestamp) -> Result<bool, StoreError>;
    /// Moves a draft and its files to another browser session.
    fn move_draft(&mut self, draft: &DraftRecord, session_hash: &str) -> Result<(), StoreError>;
    fn delete_draft(&mut self, id: &str) -> Result<(), StoreError>;

    // Submissions, audit events, idempotency keys.
    fn insert_submission(&mut self, record: &SubmissionRecord) -> Result<(), StoreError>;
    fn find_submission(
        &mut self,
        tenant_id: &str,
        id: &str,
    ) -> Result<Option<SubmissionRecord>, StoreError>;
    /// What one browser session filed, and what the signed-in `account` filed anywhere,
    /// newest first.
    fn submissions_of_resident(
        &mut self,
        tenant_id: &str,
        session_hash: &str,
        account: Option<&str>,
    ) -> Result<Vec<SubmissionRecord>, StoreError>;
    fn find_submission_by_arrival_number(
        &mut self,
        tenant_id: &str,
        arrival_number: &str,
    ) -> Result<Option<SubmissionRecord>, StoreError>;
    /// The submissions `filter` selects, in its order.
    fn queue(
        &mut self,
        filter: &QueueFilter,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<SubmissionRecord>, StoreError>;
    fn count_queue(&mut self, filter: &QueueFilter) -> Result<i64, StoreError>;
    /// How many submissions `filter` selects in each state (its own `states` ignored).
    fn count_queue_by_state(
        &mut self,
        filter: &QueueFilter,
    ) -> Result<Vec<(String, i64)>, StoreError>;
    /// Submissions filed before search keys existed (their key lacks the name/reading
    /// separator), a batch at a time.
    fn submissions_without_search_key(
        &mut self,
        limit: i64,
    ) -> Result<Vec<SubmissionRecord>, StoreError>;
    fn set_search_key(&mut self, id: &str, search_key: &str) -> Result<(), StoreError>;
    /// Records a decision's time and the business days it took.
    fn record_decision(
        &mut self,
        id: &str,
        decided_at: Timestamp,
        days_used: Option<i32>,
    ) -> Result<(), StoreError>;
    /// Counts one more correction request.
    fn count_correction(&mut self, id: &str) -> Result<(), StoreError>;
    /// The counts behind the published figures, for filings that arrived in [from, to).
    fn figure_counts(
        &mut self,
        tenant_id: &str,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<FigureCounts, StoreError>;
    /// Filings per procedure that arrived in [from, to).
    fn count_arrivals(
        &mut self,
        tenant_id: &str,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<(String, i64)>, StoreError>;
    /// Sets the clerk working on a submission (or nobody).
    fn set_assignee(
        &mut self,
        id: &str,
        assignee_id: Option<&str>,
        now: Timestamp,
    ) -> Result<(), StoreError>;
    /// Sets the statutory due date (none while a correction is pending).
    fn set_due_on(&mut self, id: &str, due_on: Option<chrono::NaiveDate>)
    -> Result<(), StoreError>;
    /// Replaces the answers after a correction, with everything derived from them (the old
    /// answers are kept on the correction).
    fn replace_submission_data(
        &mut self,
        id: &str,
        update: &DataUpdate,
        now: Timestamp,
    ) -> Result<(), StoreError>;
    /// Moves the state only if it is still `from`; false when someone acted first.
    fn update_submission_state(
        &mut self,
        id: &str,
        from: &str,
        to: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError>;
    fn next_event_seq(&mut self, submission_id: &str) -> Result<i32, StoreError>;
    // Correction requests.
    fn insert_correction(&mut self, record: &CorrectionRecord) -> Result<(), StoreError>;
    fn corrections_of(&mut self, submission_id: &str) -> Result<Vec<CorrectionRecord>, StoreError>;
    fn find_correction_by_token(
        &mut self,
        token_hash: &str,
    ) -> Result<Option<CorrectionRecord>, StoreError>;
    /// Records the answer to a correction; false if it was answered already.
    fn mark_correction_answered(
        &mut self,
        id: &str,
        at: Timestamp,
        previous_data: &str,
    ) -> Result<bool, StoreError>;
    /// Active clerks of a department (for assigning work).
    /// Open, not yet reminded corrections with a deadline from `from` to `until`.
    fn corrections_to_remind(
        &mut self,
        from: chrono::NaiveDate,
        until: chrono::NaiveDate,
        limit: i64,
    ) -> Result<Vec<CorrectionRecord>, StoreError>;
    /// Records the reminder with the hash of its new link; false if it was already sent
    /// or the correction answered.
    fn mark_correction_reminded(
        &mut self,
        id: &str,
        at: Timestamp,
        token_hash: &str,
    ) -> Result<bool, StoreError>;
    fn clerks_of_department(
        &mut self,
        tenant_id: &str,
        department_id: &str,
    ) -> Result<Vec<ClerkRecord>, StoreError>;
    fn append_event(&mut self, record: &EventRecord) -> Result<(), StoreError>;
    fn events(
        &mut self,
        tenant_id: &str,
        submission_id: &str,
    ) -> Result<Vec<EventRecord>, StoreError>;
    fn find_idempotency(
        &mut self,
        tenant_id: &str,
        key: &str,
    ) -> Result<Option<IdempotencyRecord>, StoreError>;
    fn insert_idempotency(&mut self, record: &IdempotencyRecord) -> Result<(), StoreError>;
    fn count_submissions(&mut self) -> Result<i64, StoreError>;

    // The mail outbox.
    fn enqueue_mail(&mut self, record: &OutboxRecord) -> Result<(), StoreError>;
    /// Leases up to `limit` due messages until `lease_until`.
    fn claim_due_mail(
        &mut self,
        now: Timestamp,
        lease_until: Timestamp,
        limit: i64,
    ) -> Result<Vec<OutboxRecord>, StoreError>;
    fn mark_mail_sent(&mut self, id: &str, now: Timestamp) -> Result<(), StoreError>;
    /// Replaces a sent message's stored body (to drop a secret link it carried).
    fn redact_mail_body(&mut self, id: &str, body: &str) -> Result<(), StoreError>;
    fn mark_mail_retry(
        &mut self,
        id: &str,
        next_attempt_at: Timestamp,
        error: &str,
    ) -> Result<(), StoreError>;
    fn mark_mail_failed(&mut self, id: &str, now: Timestamp, error: &str)
    -> Result<(), StoreError>;
    fn mails_for_submission(
        &mut self,
        submission_id: &str,
    ) -> Result<Vec<OutboxRecord>, StoreError>;
    fn count_pending_mail(&mut self) -> Result<i64, StoreError>;
    /// Messages given up on, of one department's filings, newest first.
    fn failed_mail_of_department(
        &mut self,
        tenant_id: &str,
        department_id: &str,
        limit: i64,
    ) -> Result<Vec<OutboxRecord>, StoreError>;
    fn find_mail(&mut self, id: &str) -> Result<Option<OutboxRecord>, StoreError>;
    /// Queues a failed message again; false when it was not failed.
    fn retry_failed_mail(&mut self, id: &str, now: Timestamp) -> Result<bool, StoreError>;

    // Wards; department settings.
    fn wards_of(&mut self, tenant_id: &str) -> Result<Vec<WardRecord>, StoreError>;

    // Attachments
    fn insert_attachment(&mut self, record: &AttachmentRecord) -> Result<(), StoreError>;
    /// The files of a session's draft of a procedure (not yet filed), oldest first.
    fn draft_attachments(
        &mut self,
        tenant_id: &str,
        session_hash: &str,
        procedure_id: &str,
    ) -> Result<Vec<AttachmentRecord>, StoreError>;
    /// Removes a draft's file; false when it is not that draft's (or already filed).
    fn delete_draft_attachment(
        &mut self,
        id: &str,
        tenant_id: &str,
        session_hash: &str,
    ) -> Result<bool, StoreError>;
    /// Hands a draft's files to the submission filed from it.
    fn claim_attachments(
        &mut self,
        tenant_id: &str,
        session_hash: &str,
        procedure_id: &str,
        submission_id: &str,
    ) -> Result<usize, StoreError>;
    fn attachments_of(&mut self, submission_id: &str) -> Result<Vec<AttachmentRecord>, StoreError>;
    /// Removes a file sent with an unanswered correction; false when it is not that one's.
    fn delete_correction_attachment(
        &mut self,
        id: &str,
        correction_id: &str,
    ) -> Result<bool, StoreError>;

    // Documents issued to applicants
    fn insert_document(&mut self, record: &DocumentRecord) -> Result<(), StoreError>;
    fn find_document_by_token(
        &mut self,
        token_hash: &str,
    ) -> Result<Option<DocumentRecord>, StoreError>;
    fn find_document(
        &mut self,
        submission_id: &str,
        kind: &str,
    ) -> Result<Option<DocumentRecord>, StoreError>;

    // Counter visits (書かない窓口)
    fn insert_counter_visit(&mut self, record: &CounterVisitRecord) -> Result<(), StoreError>;
    /// Saves the code, procedures, expiry and opener (never the filing, see below).
    fn update_counter_visit(&mut self, record: &CounterVisitRecord) -> Result<(), StoreError>;
    fn find_counter_visit(&mut self, id: &str) -> Result<Option<CounterVisitRecord>, StoreError>;
    fn find_counter_visit_by_code(
        &mut self,
        code_hash: &str,
    ) -> Result<Option<CounterVisitRecord>, StoreError>;
    /// The session's newest visit not yet filed.
    fn find_open_counter_visit(
        &mut self,
        tenant_id: &str,
        session_hash: &str,
    ) -> Result<Option<CounterVisitRecord>, StoreError>;
    /// Marks the visit filed if it was not (compare-and-set): false when someone else did.
    fn mark_counter_visit_filed(
        &mut self,
        id: &str,
        clerk_id: &str,
        at: Timestamp,
        outcome: &str,
    ) -> Result<bool, StoreError>;
    /// Keeps the session's live drafts at least until `until` (a visit's code expiry).
    fn extend_drafts(
        &mut self,
        tenant_id: &str,
        session_hash: &str,
        now: Timestamp,
        until: Timestamp,
    ) -> Result<(), StoreError>;
    /// Adds the ward or renames it.
    fn save_ward(&mut self, record: &WardRecord) -> Result<(), StoreError>;
    fn update_department(&mut self, record: &DepartmentRecord) -> Result<(), StoreError>;

    // Payments
    fn insert_payment(&mut self, record: &PaymentRecord) -> Result<(), StoreError>;
    fn find_payment(&mut self, id: &str) -> Result<Option<PaymentRecord>, StoreError>;
    fn find_payment_by_checkout(
        &mut self,
        checkout_id: &str,
    ) -> Result<Option<PaymentRecord>, StoreError>;
    fn find_payment_by_token(
        &mut self,
        token_hash: &str,
    ) -> Result<Option<PaymentRecord>, StoreError>;
    /// A filing's payments, oldest first.
    fn payments_of(&mut self, submission_id: &str) -> Result<Vec<PaymentRecord>, StoreError>;
    /// Saves every column of the payment if its status is still `expected_status`
    /// (compare-and-set): false when another writer changed it first.
    fn update_payment_if(
        &mut self,
        record: &PaymentRecord,
        expected_status: &str,
    ) -> Result<bool, StoreError>;
    /// Payments whose provider status is to be asked again (`next_check_at` passed).
    fn payments_to_check(
        &mut self,
        now: Timestamp,
        limit: i64,
    ) -> Result<Vec<PaymentRecord>, StoreError>;
    /// Payments of a municipality paid in `[from, to)`.
    fn payments_paid_between(
        &mut self,
        tenant_id: &str,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<PaymentRecord>, StoreError>;
    /// Has this webhook event been applied? (dedupe by the provider's event id)
    fn payment_event_seen(&mut self, event_id: &str) -> Result<bool, StoreError>;
    /// Records an applied webhook event; a second insert of the same id is a unique
    /// violation (a concurrent duplicate), which rolls the whole apply back.
    fn insert_payment_event(
        &mut self,
        event_id: &str,
        payment_id: &str,
        status: &str,
        at: Timestamp,
    ) -> Result<(), StoreError>;
    /// Inserts the refund; a second refund of the same payment is a unique violation.
    fn insert_refund(&mut self, record: &RefundRecord) -> Result<(), StoreError>;
    fn refund_of_payment(&mut self, payment_id: &str) -> Result<Option<RefundRecord>, StoreError>;
    /// Refunds still `requested` whose next attempt is due.
    fn refunds_due(&mut self, now: Timestamp, limit: i64) -> Result<Vec<RefundRecord>, StoreError>;
    fn update_refund(&mut self, record: &RefundRecord) -> Result<(), StoreError>;
    /// Refunds of a municipality made in `[from, to)`.
    fn refunds_done_between(
        &mut self,
        tenant_id: &str,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<RefundRecord>, StoreError>;

    // Residents' sign-ins (OpenID Connect)
    fn insert_sign_in(&mut self, record: &SignInRecord) -> Result<(), StoreError>;
    /// Finds and deletes the sign-in in progress (a state is used once).
    fn take_sign_in(&mut self, state_hash: &str) -> Result<Option<SignInRecord>, StoreError>;
    /// Records (or replaces) the session's identity.
    fn save_identity(&mut self, record: &IdentityRecord) -> Result<(), StoreError>;
    /// The session's identity if it has not expired.
    fn find_identity(
        &mut self,
        session_hash: &str,
        now: Timestamp,
    ) -> Result<Option<IdentityRecord>, StoreError>;
    fn delete_identity(&mut self, session_hash: &str) -> Result<(), StoreError>;
    /// Moves the session's identity's expiry (activity keeps a sign-in alive).
    fn extend_identity(
        &mut self,
        session_hash: &str,
        expires_at: Timestamp,
    ) -> Result<(), StoreError>;
    /// Ends every session signed in as this subject (after a password change).
    fn delete_identities_of(&mut self, issuer: &str, subject: &str) -> Result<u64, StoreError>;

    // Procedures written by departments.
    /// Records (or replaces) the working copy.
    fn save_procedure_draft(&mut self, record: &ProcedureDraftRecord) -> Result<(), StoreError>;
    fn find_procedure_draft(
        &mut self,
        tenant_id: &str,
        procedure_id: &str,
    ) -> Result<Option<ProcedureDraftRecord>, StoreError>;
    fn procedure_drafts(
        &mut self,
        tenant_id: &str,
    ) -> Result<Vec<ProcedureDraftRecord>, StoreError>;
    fn delete_procedure_draft(
        &mut self,
        tenant_id: &str,
        procedure_id: &str,
    ) -> Result<(), StoreError>;
    /// Adds a published version (a number taken twice fails: a concurrent publish).
    fn insert_procedure_version(
        &mut self,
        record: &ProcedureVersionRecord,
    ) -> Result<(), StoreError>;
    /// Every published version of the municipality's procedures, oldest first.
    fn procedure_versions(
        &mut self,
        tenant_id: &str,
    ) -> Result<Vec<ProcedureVersionRecord>, StoreError>;
    fn retire_procedure(&mut self, record: &RetirementRecord) -> Result<(), StoreError>;
    fn reopen_procedure(&mut self, tenant_id: &str, procedure_id: &str) -> Result<(), StoreError>;
    fn retirements(&mut self, tenant_id: &str) -> Result<Vec<RetirementRecord>, StoreError>;
    /// Sends the working copy for approval (cleared by the next save).
    fn request_procedure_approval(
        &mut self,
        tenant_id: &str,
        procedure_id: &str,
        request: &ApprovalRequest,
    ) -> Result<bool, StoreError>;
    fn procedure_approval_request(
        &mut self,
        tenant_id: &str,
        procedure_id: &str,
    ) -> Result<Option<ApprovalRequest>, StoreError>;
    /// Whether the department's publications need a supervisor's approval.
    fn publish_needs_approval(
        &mut self,
        tenant_id: &str,
        department_code: &str,
    ) -> Result<bool, StoreError>;
    fn set_publish_needs_approval(
        &mut self,
        tenant_id: &str,
        department_code: &str,
        needed: bool,
    ) -> Result<(), StoreError>;

    // Integrations: API tokens and webhooks.
    fn insert_api_token(&mut self, record: &ApiTokenRecord) -> Result<(), StoreError>;
    /// The token with this secret hash, revoked or not.
    fn find_api_token(&mut self, secret_hash: &str) -> Result<Option<ApiTokenRecord>, StoreError>;
    fn api_tokens(
        &mut self,
        tenant_id: &str,
        department_code: &str,
    ) -> Result<Vec<ApiTokenRecord>, StoreError>;
    /// Revokes a live token of the department; false when there is none.
    fn revoke_api_token(
        &mut self,
        id: &str,
        department_code: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError>;
    fn touch_api_token(&mut self, id: &str, now: Timestamp) -> Result<(), StoreError>;
    fn insert_webhook(&mut self, record: &WebhookRecord) -> Result<(), StoreError>;
    fn find_webhook(&mut self, id: &str) -> Result<Option<WebhookRecord>, StoreError>;
    /// The department's webhooks, disabled ones too, oldest first.
    fn webhooks(
        &mut self,
        tenant_id: &str,
        department_code: &str,
    ) -> Result<Vec<WebhookRecord>, StoreError>;
    fn disable_webhook(&mut self, id: &str, now: Timestamp) -> Result<bool, StoreError>;
    fn enqueue_webhook(&mut self, record: &WebhookDeliveryRecord) -> Result<(), StoreError>;
    /// Leases up to `limit` deliveries due at `now` (see the mail outbox).
    fn claim_due_webhooks(
        &mut self,
        now: Timestamp,
        lease_until: Timestamp,
        limit: i64,
    ) -> Result<Vec<WebhookDeliveryRecord>, StoreError>;
    /// Records an attempt: delivered, to retry at `next`, or given up (`failed`).
    fn record_webhook_attempt(&mut self, record: &WebhookDeliveryRecord) -> Result<(), StoreError>;
    fn find_webhook_delivery(
        &mut self,
        id: &str,
    ) -> Result<Option<WebhookDeliveryRecord>, StoreError>;
    /// The latest deliveries of a webhook, newest first.
    fn webhook_deliveries(
        &mut self,
        webhook_id: &str,
        limit: i64,
    ) -> Result<Vec<WebhookDeliveryRecord>, StoreError>;

    /// Moves what one browser session holds to another token's hash (a new token at
    /// sign-in).
    fn rekey_session(&mut self, old_hash: &str, new_hash: &str) -> Result<(), StoreError>;

    // Residents' own accounts.
    fn insert_account(&mut self, record: &AccountRecord) -> Result<(), StoreError>;
    fn find_account(&mut self, id: &str) -> Result<Option<AccountRecord>, StoreError>;
    fn find_account_by_email(
        &mut self,
        tenant_id: &str,
        email: &str,
    ) -> Result<Option<AccountRecord>, StoreError>;
    fn set_account_verified(&mut self, id: &str, now: Timestamp) -> Result<(), StoreError>;
    fn set_account_password(
        &mut self,
        id: &str,
        password_hash: &str,
        now: Timestamp,
    ) -> Result<(), StoreError>;
    fn insert_account_link(&mut self, record: &AccountLinkRecord) -> Result<(), StoreError>;
    fn find_account_link(
        &mut self,
        token_hash: &str,
    ) -> Result<Option<AccountLinkRecord>, StoreError>;
    /// Marks the link used; `false` when it already was (one caller wins).
    fn use_account_link(&mut self, token_hash: &str, now: Timestamp) -> Result<bool, StoreError>;
    /// Marks every unused link of the account for `purpose` used (a newer one replaces them).
    fn retire_account_links(
        &mut self,
        account_id: &str,
        purpose: &str,
        now: Timestamp,
    ) -> Result<(), StoreError>;

    // Guests' emails confirmed by a code.
    /// Records (or replaces) a code sent to `record.email` for the session.
    fn save_guest_email(&mut self, record: &GuestEmailRecord) -> Result<(), StoreError>;
    fn find_guest_email(
        &mut self,
        session_hash: &str,
        email: &str,
    ) -> Result<Option<GuestEmailRecord>, StoreError>;

    // Postal codes.
    /// Replaces every postal code with `records` (call inside `write`).
    fn replace_postal_codes(&mut self, records: &[PostalCodeRecord]) -> Result<usize, StoreError>;
    fn find_postal_code(&mut self, postal_code: &str) -> Result<Vec<PostalCodeRecord>, StoreError>;
    fn count_postal_codes(&mut self) -> Result<i64, StoreError>;
}
