//! The `madoguchi_records` interface, implemented with this crate's diesel repositories.

use madoguchi_records::{
    AccountLinkRecord, AccountRecord, ApiTokenRecord, ApprovalRequest, AttachmentRecord,
    AuditRecord, ClerkRecord, ClerkSessionRecord, CorrectionRecord, CounterVisitRecord, DataUpdate,
    Database, DepartmentRecord, DocumentRecord, DraftRecord, EventRecord, FigureCounts,
    FormVersionRecord, GuestEmailRecord, IdempotencyRecord, IdentityRecord, OutboxRecord,
    PaymentRecord, PostalCodeRecord, ProcedureDraftRecord, ProcedureVersionRecord, PurgeCutoffs,
    Purged, QueueFilter, Records, RefundRecord, RetirementRecord, SignInRecord, StoreError,
    SubmissionRecord, TenantRecord, Timestamp, WardRecord, WebhookDeliveryRecord, WebhookRecord,
    Work,
};

use crate::repo::{
    accounts, attachments, authoring, counter, documents, drafts, forms, identity, integrations,
    org, outbox, payments, postal, retention, sessions, submissions,
};
use crate::{Backend, Db, DbConn, Error, write_tx};

fn e<T>(result: Result<T, Error>) -> Result<T, StoreError> {
    result.map_err(Into::into)
}

impl Records for DbConn {
    fn find_tenant(&mut self, id: &str) -> Result<Option<TenantRecord>, StoreError> {
        e(org::find_tenant(self, id))
    }
    fn insert_tenant(&mut self, record: &TenantRecord) -> Result<(), StoreError> {
        e(org::insert_tenant(self, record))
    }
    fn departments_of(&mut self, tenant_id: &str) -> Result<Vec<DepartmentRecord>, StoreError> {
        e(org::departments_of(self, tenant_id))
    }
    fn find_department(&mut self, id: &str) -> Result<Option<DepartmentRecord>, StoreError> {
        e(org::find_department(self, id))
    }
    fn find_department_by_code(
        &mut self,
        tenant_id: &str,
        code: &str,
    ) -> Result<Option<DepartmentRecord>, StoreError> {
        e(org::find_department_by_code(self, tenant_id, code))
    }
    fn insert_department(&mut self, record: &DepartmentRecord) -> Result<(), StoreError> {
        e(org::insert_department(self, record))
    }
    fn find_clerk(&mut self, id: &str) -> Result<Option<ClerkRecord>, StoreError> {
        e(org::find_clerk(self, id))
    }
    fn find_clerk_by_login(&mut self, login: &str) -> Result<Option<ClerkRecord>, StoreError> {
        e(org::find_clerk_by_login(self, login))
    }
    fn insert_clerk(&mut self, record: &ClerkRecord) -> Result<(), StoreError> {
        e(org::insert_clerk(self, record))
    }

    fn insert_session(&mut self, record: &ClerkSessionRecord) -> Result<(), StoreError> {
        e(sessions::insert(self, record))
    }
    fn find_live_session(
        &mut self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<ClerkSessionRecord>, StoreError> {
        e(sessions::find_live(self, token_hash, now))
    }
    fn touch_session(
        &mut self,
        token_hash: &str,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<(), StoreError> {
        e(sessions::touch(self, token_hash, now, expires_at))
    }
    fn delete_session(&mut self, token_hash: &str) -> Result<(), StoreError> {
        e(sessions::delete(self, token_hash))
    }
    fn verify_session(
        &mut self,
        token_hash: &str,
        expires_at: Timestamp,
    ) -> Result<(), StoreError> {
        e(sessions::verify(self, token_hash, expires_at))
    }
    fn delete_sessions_of(&mut self, clerk_id: &str) -> Result<(), StoreError> {
        e(sessions::delete_of_clerk(self, clerk_id))
    }
    fn clerks_of(&mut self, tenant_id: &str) -> Result<Vec<ClerkRecord>, StoreError> {
        e(org::clerks_of(self, tenant_id))
    }
    fn update_clerk(&mut self, record: &ClerkRecord) -> Result<(), StoreError> {
        e(org::update_clerk(self, record))
    }
    fn use_totp_step(&mut self, clerk_id: &str, step: i64) -> Result<bool, StoreError> {
        e(org::use_totp_step(self, clerk_id, step))
    }
    fn record_login_failure(
        &mut self,
        key_kind: &str,
        key_hash: &str,
        at: Timestamp,
    ) -> Result<String, StoreError> {
        e(sessions::record_login_failure(self, key_kind, key_hash, at))
    }
    fn forget_login_failures(&mut self, ids: &[String]) -> Result<(), StoreError> {
        e(sessions::forget_login_failures(self, ids))
    }
    fn count_login_failures(
        &mut self,
        key_kind: &str,
        key_hash: &str,
        since: Timestamp,
    ) -> Result<i64, StoreError> {
        e(sessions::count_login_failures(
            self, key_kind, key_hash, since,
        ))
    }
    fn append_audit(&mut self, record: &AuditRecord) -> Result<(), StoreError> {
        e(sessions::append_audit(self, record))
    }
    fn audit_of_submission(&mut self, submission_id: &str) -> Result<Vec<AuditRecord>, StoreError> {
        e(sessions::audit_of_submission(self, submission_id))
    }

    fn ensure_form_version(&mut self, record: &FormVersionRecord) -> Result<bool, StoreError> {
        e(forms::ensure(self, record))
    }
    fn find_form_version(
        &mut self,
        version: &str,
    ) -> Result<Option<FormVersionRecord>, StoreError> {
        e(forms::find(self, version))
    }

    fn find_live_draft(
        &mut self,
        tenant_id: &str,
        session_hash: &str,
        procedure_id: &str,
        now: Timestamp,
    ) -> Result<Option<DraftRecord>, StoreError> {
        e(drafts::find_live(
            self,
            tenant_id,
            session_hash,
            procedure_id,
            now,
        ))
    }
    fn save_draft(&mut self, record: &DraftRecord) -> Result<(), StoreError> {
        e(drafts::save(self, record))
    }
    fn drafts_of_session(
        &mut self,
        tenant_id: &str,
        session_hash: &str,
        now: Timestamp,
    ) -> Result<Vec<DraftRecord>, StoreError> {
        e(drafts::of_session(self, tenant_id, session_hash, now))
    }
    fn find_draft(&mut self, id: &str) -> Result<Option<DraftRecord>, StoreError> {
        e(drafts::find(self, id))
    }
    fn insert_draft_link(
        &mut self,
        token_hash: &str,
        tenant_id: &str,
        draft_id: &str,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<(), StoreError> {
        e(drafts::insert_link(
            self, token_hash, tenant_id, draft_id, now, expires_at,
        ))
    }
    fn find_draft_link(
        &mut self,
        token_hash: &str,
    ) -> Result<Option<madoguchi_records::DraftLink>, StoreError> {
        e(drafts::find_link(self, token_hash))
    }
    fn use_draft_link(&mut self, token_hash: &str, now: Timestamp) -> Result<bool, StoreError> {
        e(drafts::use_link(self, token_hash, now))
    }
    fn move_draft(&mut self, draft: &DraftRecord, session_hash: &str) -> Result<(), StoreError> {
        e(drafts::move_to_session(self, draft, session_hash))
    }
    fn purge_expired(&mut self, cutoffs: &PurgeCutoffs) -> Result<Purged, StoreError> {
        e(retention::purge(self, cutoffs))
    }
    fn count_attachments_with_hash(&mut self, sha256: &str) -> Result<i64, StoreError> {
        e(retention::count_with_hash(self, sha256))
    }
    fn delete_draft(&mut self, id: &str) -> Result<(), StoreError> {
        e(drafts::delete(self, id))
    }

    fn insert_submission(&mut self, record: &SubmissionRecord) -> Result<(), StoreError> {
        e(submissions::insert(self, record))
    }
    fn find_submission(
        &mut self,
        tenant_id: &str,
        id: &str,
    ) -> Result<Option<SubmissionRecord>, StoreError> {
        e(submissions::find(self, tenant_id, id))
    }
    fn submissions_of_resident(
        &mut self,
        tenant_id: &str,
        session_hash: &str,
        account: Option<&str>,
    ) -> Result<Vec<SubmissionRecord>, StoreError> {
        e(submissions::of_resident(
            self,
            tenant_id,
            session_hash,
            account,
        ))
    }
    fn find_submission_by_arrival_number(
        &mut self,
        tenant_id: &str,
        arrival_number: &str,
    ) -> Result<Option<SubmissionRecord>, StoreError> {
        e(submissions::find_by_arrival_number(
            self,
            tenant_id,
            arrival_number,
        ))
    }
    fn queue(
        &mut self,
        filter: &QueueFilter,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<SubmissionRecord>, StoreError> {
        e(submissions::queue(self, filter, limit, offset))
    }
    fn count_queue(&mut self, filter: &QueueFilter) -> Result<i64, StoreError> {
        e(submissions::count_queue(self, filter))
    }
    fn count_queue_by_state(
        &mut self,
        filter: &QueueFilter,
    ) -> Result<Vec<(String, i64)>, StoreError> {
        e(submissions::count_queue_by_state(self, filter))
    }
    fn submissions_without_search_key(
        &mut self,
        limit: i64,
    ) -> Result<Vec<SubmissionRecord>, StoreError> {
        e(submissions::without_search_key(self, limit))
    }
    fn set_search_key(&mut self, id: &str, search_key: &str) -> Result<(), StoreError> {
        e(submissions::set_search_key(self, id, search_key))
    }
    fn record_decision(
        &mut self,
        id: &str,
        decided_at: Timestamp,
        days_used: Option<i32>,
    ) -> Result<(), StoreError> {
        e(submissions::record_decision(
            self, id, decided_at, days_used,
        ))
    }
    fn count_correction(&mut self, id: &str) -> Result<(), StoreError> {
        e(submissions::count_correction(self, id))
    }
    fn figure_counts(
        &mut self,
        tenant_id: &str,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<FigureCounts, StoreError> {
        e(submissions::figure_counts(self, tenant_id, from, to))
    }
    fn count_arrivals(
        &mut self,
        tenant_id: &str,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<(String, i64)>, StoreError> {
        e(submissions::count_arrivals(self, tenant_id, from, to))
    }
    fn set_assignee(
        &mut self,
        id: &str,
        assignee_id: Option<&str>,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        e(submissions::set_assignee(self, id, assignee_id, now))
    }
    fn set_due_on(
        &mut self,
        id: &str,
        due_on: Option<chrono::NaiveDate>,
    ) -> Result<(), StoreError> {
        e(submissions::set_due_on(self, id, due_on))
    }
    fn replace_submission_data(
        &mut self,
        id: &str,
        update: &DataUpdate,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        e(submissions::replace_data(self, id, update, now))
    }
    fn insert_correction(&mut self, record: &CorrectionRecord) -> Result<(), StoreError> {
        e(submissions::insert_correction(self, record))
    }
    fn corrections_of(&mut self, submission_id: &str) -> Result<Vec<CorrectionRecord>, StoreError> {
        e(submissions::corrections_of(self, submission_id))
    }
    fn find_correction_by_token(
        &mut self,
        token_hash: &str,
    ) -> Result<Option<CorrectionRecord>, StoreError> {
        e(submissions::find_correction_by_token(self, token_hash))
    }
    fn mark_correction_answered(
        &mut self,
        id: &str,
        at: Timestamp,
        previous_data: &str,
    ) -> Result<bool, StoreError> {
        e(submissions::mark_correction_answered(
            self,
            id,
            at,
            previous_data,
        ))
    }
    fn corrections_to_remind(
        &mut self,
        from: chrono::NaiveDate,
        until: chrono::NaiveDate,
        limit: i64,
    ) -> Result<Vec<CorrectionRecord>, StoreError> {
        e(submissions::corrections_to_remind(self, from, until, limit))
    }
    fn mark_correction_reminded(
        &mut self,
        id: &str,
        at: Timestamp,
        token_hash: &str,
    ) -> Result<bool, StoreError> {
        e(submissions::mark_correction_reminded(
            self, id, at, token_hash,
        ))
    }
    fn clerks_of_department(
        &mut self,
        tenant_id: &str,
        department_id: &str,
    ) -> Result<Vec<ClerkRecord>, StoreError> {
        e(org::clerks_of_department(self, tenant_id, department_id))
    }
    fn update_submission_state(
        &mut self,
        id: &str,
        from: &str,
        to: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        e(submissions::update_state(self, id, from, to, now))
    }
    fn next_event_seq(&mut self, submission_id: &str) -> Result<i32, StoreError> {
        e(submissions::next_event_seq(self, submission_id))
    }
    fn append_event(&mut self, record: &EventRecord) -> Result<(), StoreError> {
        e(submissions::append_event(self, record))
    }
    fn events(
        &mut self,
        tenant_id: &str,
        submission_id: &str,
    ) -> Result<Vec<EventRecord>, StoreError> {
        e(submissions::events(self, tenant_id, submission_id))
    }
    fn find_idempotency(
        &mut self,
        tenant_id: &str,
        key: &str,
    ) -> Result<Option<IdempotencyRecord>, StoreError> {
        e(submissions::find_idempotency(self, tenant_id, key))
    }
    fn insert_idempotency(&mut self, record: &IdempotencyRecord) -> Result<(), StoreError> {
        e(submissions::insert_idempotency(self, record))
    }
    fn count_submissions(&mut self) -> Result<i64, StoreError> {
        e(submissions::count_all(self))
    }

    fn enqueue_mail(&mut self, record: &OutboxRecord) -> Result<(), StoreError> {
        e(outbox::enqueue(self, record))
    }
    fn claim_due_mail(
        &mut self,
        now: Timestamp,
        lease_until: Timestamp,
        limit: i64,
    ) -> Result<Vec<OutboxRecord>, StoreError> {
        e(outbox::claim_due(self, now, lease_until, limit))
    }
    fn mark_mail_sent(&mut self, id: &str, now: Timestamp) -> Result<(), StoreError> {
        e(outbox::mark_sent(self, id, now))
    }
    fn redact_mail_body(&mut self, id: &str, body: &str) -> Result<(), StoreError> {
        e(outbox::redact_body(self, id, body))
    }
    fn mark_mail_retry(
        &mut self,
        id: &str,
        next_attempt_at: Timestamp,
        error: &str,
    ) -> Result<(), StoreError> {
        e(outbox::mark_retry(self, id, next_attempt_at, error))
    }
    fn mark_mail_failed(
        &mut self,
        id: &str,
        now: Timestamp,
        error: &str,
    ) -> Result<(), StoreError> {
        e(outbox::mark_failed(self, id, now, error))
    }
    fn mails_for_submission(
        &mut self,
        submission_id: &str,
    ) -> Result<Vec<OutboxRecord>, StoreError> {
        e(outbox::for_submission(self, submission_id))
    }
    fn count_pending_mail(&mut self) -> Result<i64, StoreError> {
        e(outbox::count_pending(self))
    }
    fn failed_mail_of_department(
        &mut self,
        tenant_id: &str,
        department_id: &str,
        limit: i64,
    ) -> Result<Vec<OutboxRecord>, StoreError> {
        e(outbox::failed_of_department(
            self,
            tenant_id,
            department_id,
            limit,
        ))
    }
    fn find_mail(&mut self, id: &str) -> Result<Option<OutboxRecord>, StoreError> {
        e(outbox::find(self, id))
    }
    fn retry_failed_mail(&mut self, id: &str, now: Timestamp) -> Result<bool, StoreError> {
        e(outbox::retry_failed(self, id, now))
    }

    fn wards_of(&mut self, tenant_id: &str) -> Result<Vec<WardRecord>, StoreError> {
        e(org::wards_of(self, tenant_id))
    }
    fn insert_attachment(&mut self, record: &AttachmentRecord) -> Result<(), StoreError> {
        e(attachments::insert(self, record))
    }
    fn draft_attachments(
        &mut self,
        tenant_id: &str,
        session_hash: &str,
        procedure_id: &str,
    ) -> Result<Vec<AttachmentRecord>, StoreError> {
        e(attachments::of_draft(
            self,
            tenant_id,
            session_hash,
            procedure_id,
        ))
    }
    fn delete_draft_attachment(
        &mut self,
        id: &str,
        tenant_id: &str,
        session_hash: &str,
    ) -> Result<bool, StoreError> {
        e(attachments::delete_of_draft(
            self,
            id,
            tenant_id,
            session_hash,
        ))
    }
    fn claim_attachments(
        &mut self,
        tenant_id: &str,
        session_hash: &str,
        procedure_id: &str,
        submission_id: &str,
    ) -> Result<usize, StoreError> {
        e(attachments::claim(
            self,
            tenant_id,
            session_hash,
            procedure_id,
            submission_id,
        ))
    }
    fn attachments_of(&mut self, submission_id: &str) -> Result<Vec<AttachmentRecord>, StoreError> {
        e(attachments::of_submission(self, submission_id))
    }
    fn delete_correction_attachment(
        &mut self,
        id: &str,
        correction_id: &str,
    ) -> Result<bool, StoreError> {
        e(attachments::delete_of_correction(self, id, correction_id))
    }
    fn insert_document(&mut self, record: &DocumentRecord) -> Result<(), StoreError> {
        e(documents::insert(self, record))
    }
    fn find_document_by_token(
        &mut self,
        token_hash: &str,
    ) -> Result<Option<DocumentRecord>, StoreError> {
        e(documents::find_by_token(self, token_hash))
    }
    fn find_document(
        &mut self,
        submission_id: &str,
        kind: &str,
    ) -> Result<Option<DocumentRecord>, StoreError> {
        e(documents::find(self, submission_id, kind))
    }
    fn insert_payment(&mut self, record: &PaymentRecord) -> Result<(), StoreError> {
        e(payments::insert(self, record))
    }
    fn find_payment(&mut self, id: &str) -> Result<Option<PaymentRecord>, StoreError> {
        e(payments::find(self, id))
    }
    fn find_payment_by_checkout(
        &mut self,
        checkout_id: &str,
    ) -> Result<Option<PaymentRecord>, StoreError> {
        e(payments::find_by_checkout(self, checkout_id))
    }
    fn find_payment_by_token(
        &mut self,
        token_hash: &str,
    ) -> Result<Option<PaymentRecord>, StoreError> {
        e(payments::find_by_token(self, token_hash))
    }
    fn payments_of(&mut self, submission_id: &str) -> Result<Vec<PaymentRecord>, StoreError> {
        e(payments::of_submission(self, submission_id))
    }
    fn update_payment_if(
        &mut self,
        record: &PaymentRecord,
        expected_status: &str,
    ) -> Result<bool, StoreError> {
        e(payments::update_if(self, record, expected_status))
    }
    fn payments_to_check(
        &mut self,
        now: Timestamp,
        limit: i64,
    ) -> Result<Vec<PaymentRecord>, StoreError> {
        e(payments::to_check(self, now, limit))
    }
    fn payments_paid_between(
        &mut self,
        tenant_id: &str,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<PaymentRecord>, StoreError> {
        e(payments::paid_between(self, tenant_id, from, to))
    }
    fn payment_event_seen(&mut self, event_id: &str) -> Result<bool, StoreError> {
        e(payments::event_seen(self, event_id))
    }
    fn insert_payment_event(
        &mut self,
        event_id: &str,
        payment_id: &str,
        status: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        e(payments::insert_event(
            self, event_id, payment_id, status, at,
        ))
    }
    fn insert_refund(&mut self, record: &RefundRecord) -> Result<(), StoreError> {
        e(payments::insert_refund(self, record))
    }
    fn refund_of_payment(&mut self, payment_id: &str) -> Result<Option<RefundRecord>, StoreError> {
        e(payments::refund_of(self, payment_id))
    }
    fn refunds_due(&mut self, now: Timestamp, limit: i64) -> Result<Vec<RefundRecord>, StoreError> {
        e(payments::refunds_due(self, now, limit))
    }
    fn update_refund(&mut self, record: &RefundRecord) -> Result<(), StoreError> {
        e(payments::update_refund(self, record))
    }
    fn refunds_done_between(
        &mut self,
        tenant_id: &str,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<RefundRecord>, StoreError> {
        e(payments::refunds_done_between(self, tenant_id, from, to))
    }
    fn insert_sign_in(&mut self, record: &SignInRecord) -> Result<(), StoreError> {
        e(identity::insert_sign_in(self, record))
    }
    fn take_sign_in(&mut self, state_hash: &str) -> Result<Option<SignInRecord>, StoreError> {
        e(identity::take_sign_in(self, state_hash))
    }
    fn save_identity(&mut self, record: &IdentityRecord) -> Result<(), StoreError> {
        e(identity::save_identity(self, record))
    }
    fn find_identity(
        &mut self,
        session_hash: &str,
        now: Timestamp,
    ) -> Result<Option<IdentityRecord>, StoreError> {
        e(identity::find_identity(self, session_hash, now))
    }
    fn delete_identity(&mut self, session_hash: &str) -> Result<(), StoreError> {
        e(identity::delete_identity(self, session_hash))
    }
    fn extend_identity(
        &mut self,
        session_hash: &str,
        expires_at: Timestamp,
    ) -> Result<(), StoreError> {
        e(identity::extend_identity(self, session_hash, expires_at))
    }
    fn delete_identities_of(&mut self, issuer: &str, subject: &str) -> Result<u64, StoreError> {
        e(accounts::delete_identities_of(self, issuer, subject))
    }
    fn save_procedure_draft(&mut self, record: &ProcedureDraftRecord) -> Result<(), StoreError> {
        e(authoring::save_draft(self, record))
    }
    fn find_procedure_draft(
        &mut self,
        tenant_id: &str,
        procedure_id: &str,
    ) -> Result<Option<ProcedureDraftRecord>, StoreError> {
        e(authoring::find_draft(self, tenant_id, procedure_id))
    }
    fn procedure_drafts(
        &mut self,
        tenant_id: &str,
    ) -> Result<Vec<ProcedureDraftRecord>, StoreError> {
        e(authoring::drafts(self, tenant_id))
    }
    fn delete_procedure_draft(
        &mut self,
        tenant_id: &str,
        procedure_id: &str,
    ) -> Result<(), StoreError> {
        e(authoring::delete_draft(self, tenant_id, procedure_id))
    }
    fn insert_procedure_version(
        &mut self,
        record: &ProcedureVersionRecord,
    ) -> Result<(), StoreError> {
        e(authoring::insert_version(self, record))
    }
    fn procedure_versions(
        &mut self,
        tenant_id: &str,
    ) -> Result<Vec<ProcedureVersionRecord>, StoreError> {
        e(authoring::versions(self, tenant_id))
    }
    fn retire_procedure(&mut self, record: &RetirementRecord) -> Result<(), StoreError> {
        e(authoring::retire(self, record))
    }
    fn reopen_procedure(&mut self, tenant_id: &str, procedure_id: &str) -> Result<(), StoreError> {
        e(authoring::reopen(self, tenant_id, procedure_id))
    }
    fn retirements(&mut self, tenant_id: &str) -> Result<Vec<RetirementRecord>, StoreError> {
        e(authoring::retirements(self, tenant_id))
    }
    fn request_procedure_approval(
        &mut self,
        tenant_id: &str,
        procedure_id: &str,
        request: &ApprovalRequest,
    ) -> Result<bool, StoreError> {
        e(authoring::request_approval(
            self,
            tenant_id,
            procedure_id,
            request,
        ))
    }
    fn procedure_approval_request(
        &mut self,
        tenant_id: &str,
        procedure_id: &str,
    ) -> Result<Option<ApprovalRequest>, StoreError> {
        e(authoring::approval_request(self, tenant_id, procedure_id))
    }
    fn publish_needs_approval(
        &mut self,
        tenant_id: &str,
        department_code: &str,
    ) -> Result<bool, StoreError> {
        e(authoring::needs_approval(self, tenant_id, department_code))
    }
    fn set_publish_needs_approval(
        &mut self,
        tenant_id: &str,
        department_code: &str,
        needed: bool,
    ) -> Result<(), StoreError> {
        e(authoring::set_needs_approval(
            self,
            tenant_id,
            department_code,
            needed,
        ))
    }
    fn insert_api_token(&mut self, record: &ApiTokenRecord) -> Result<(), StoreError> {
        e(integrations::insert_token(self, record))
    }
    fn find_api_token(&mut self, secret_hash: &str) -> Result<Option<ApiTokenRecord>, StoreError> {
        e(integrations::find_token(self, secret_hash))
    }
    fn api_tokens(
        &mut self,
        tenant_id: &str,
        department_code: &str,
    ) -> Result<Vec<ApiTokenRecord>, StoreError> {
        e(integrations::tokens(self, tenant_id, department_code))
    }
    fn revoke_api_token(
        &mut self,
        id: &str,
        department_code: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        e(integrations::revoke_token(self, id, department_code, now))
    }
    fn touch_api_token(&mut self, id: &str, now: Timestamp) -> Result<(), StoreError> {
        e(integrations::touch_token(self, id, now))
    }
    fn insert_webhook(&mut self, record: &WebhookRecord) -> Result<(), StoreError> {
        e(integrations::insert_webhook(self, record))
    }
    fn find_webhook(&mut self, id: &str) -> Result<Option<WebhookRecord>, StoreError> {
        e(integrations::find_webhook(self, id))
    }
    fn webhooks(
        &mut self,
        tenant_id: &str,
        department_code: &str,
    ) -> Result<Vec<WebhookRecord>, StoreError> {
        e(integrations::webhooks_of(self, tenant_id, department_code))
    }
    fn disable_webhook(&mut self, id: &str, now: Timestamp) -> Result<bool, StoreError> {
        e(integrations::disable_webhook(self, id, now))
    }
    fn enqueue_webhook(&mut self, record: &WebhookDeliveryRecord) -> Result<(), StoreError> {
        e(integrations::enqueue(self, record))
    }
    fn claim_due_webhooks(
        &mut self,
        now: Timestamp,
        lease_until: Timestamp,
        limit: i64,
    ) -> Result<Vec<WebhookDeliveryRecord>, StoreError> {
        e(integrations::claim_due(self, now, lease_until, limit))
    }
    fn record_webhook_attempt(&mut self, record: &WebhookDeliveryRecord) -> Result<(), StoreError> {
        e(integrations::record_attempt(self, record))
    }
    fn find_webhook_delivery(
        &mut self,
        id: &str,
    ) -> Result<Option<WebhookDeliveryRecord>, StoreError> {
        e(integrations::find_delivery(self, id))
    }
    fn webhook_deliveries(
        &mut self,
        webhook_id: &str,
        limit: i64,
    ) -> Result<Vec<WebhookDeliveryRecord>, StoreError> {
        e(integrations::deliveries(self, webhook_id, limit))
    }
    fn rekey_session(&mut self, old_hash: &str, new_hash: &str) -> Result<(), StoreError> {
        e(accounts::rekey_session(self, old_hash, new_hash))
    }
    fn insert_account(&mut self, record: &AccountRecord) -> Result<(), StoreError> {
        e(accounts::insert(self, record))
    }
    fn find_account(&mut self, id: &str) -> Result<Option<AccountRecord>, StoreError> {
        e(accounts::find(self, id))
    }
    fn find_account_by_email(
        &mut self,
        tenant_id: &str,
        email: &str,
    ) -> Result<Option<AccountRecord>, StoreError> {
        e(accounts::find_by_email(self, tenant_id, email))
    }
    fn set_account_verified(&mut self, id: &str, now: Timestamp) -> Result<(), StoreError> {
        e(accounts::set_verified(self, id, now))
    }
    fn set_account_password(
        &mut self,
        id: &str,
        password_hash: &str,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        e(accounts::set_password(self, id, password_hash, now))
    }
    fn insert_account_link(&mut self, record: &AccountLinkRecord) -> Result<(), StoreError> {
        e(accounts::insert_link(self, record))
    }
    fn find_account_link(
        &mut self,
        token_hash: &str,
    ) -> Result<Option<AccountLinkRecord>, StoreError> {
        e(accounts::find_link(self, token_hash))
    }
    fn use_account_link(&mut self, token_hash: &str, now: Timestamp) -> Result<bool, StoreError> {
        e(accounts::use_link(self, token_hash, now))
    }
    fn retire_account_links(
        &mut self,
        account_id: &str,
        purpose: &str,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        e(accounts::retire_links(self, account_id, purpose, now))
    }
    fn save_guest_email(&mut self, record: &GuestEmailRecord) -> Result<(), StoreError> {
        e(accounts::save_guest_email(self, record))
    }
    fn find_guest_email(
        &mut self,
        session_hash: &str,
        email: &str,
    ) -> Result<Option<GuestEmailRecord>, StoreError> {
        e(accounts::find_guest_email(self, session_hash, email))
    }
    fn insert_counter_visit(&mut self, record: &CounterVisitRecord) -> Result<(), StoreError> {
        e(counter::insert(self, record))
    }
    fn update_counter_visit(&mut self, record: &CounterVisitRecord) -> Result<(), StoreError> {
        e(counter::update(self, record))
    }
    fn find_counter_visit(&mut self, id: &str) -> Result<Option<CounterVisitRecord>, StoreError> {
        e(counter::find(self, id))
    }
    fn find_counter_visit_by_code(
        &mut self,
        code_hash: &str,
    ) -> Result<Option<CounterVisitRecord>, StoreError> {
        e(counter::find_by_code(self, code_hash))
    }
    fn find_open_counter_visit(
        &mut self,
        tenant_id: &str,
        session_hash: &str,
    ) -> Result<Option<CounterVisitRecord>, StoreError> {
        e(counter::find_open(self, tenant_id, session_hash))
    }
    fn mark_counter_visit_filed(
        &mut self,
        id: &str,
        clerk_id: &str,
        at: Timestamp,
        outcome: &str,
    ) -> Result<bool, StoreError> {
        e(counter::mark_filed(self, id, clerk_id, at, outcome))
    }
    fn extend_drafts(
        &mut self,
        tenant_id: &str,
        session_hash: &str,
        now: Timestamp,
        until: Timestamp,
    ) -> Result<(), StoreError> {
        e(counter::extend_drafts(
            self,
            tenant_id,
            session_hash,
            now,
            until,
        ))
    }
    fn save_ward(&mut self, record: &WardRecord) -> Result<(), StoreError> {
        e(org::save_ward(self, record))
    }
    fn update_department(&mut self, record: &DepartmentRecord) -> Result<(), StoreError> {
        e(org::update_department(self, record))
    }

    fn replace_postal_codes(&mut self, records: &[PostalCodeRecord]) -> Result<usize, StoreError> {
        e(postal::replace_all(self, records))
    }
    fn find_postal_code(&mut self, postal_code: &str) -> Result<Vec<PostalCodeRecord>, StoreError> {
        e(postal::find(self, postal_code))
    }
    fn count_postal_codes(&mut self) -> Result<i64, StoreError> {
        e(postal::count(self))
    }
}

/// Carries the caller's error through diesel's transaction, which needs its own error type.
enum TxFail {
    Caller(StoreError),
    Db(diesel::result::Error),
}

impl From<diesel::result::Error> for TxFail {
    fn from(e: diesel::result::Error) -> Self {
        TxFail::Db(e)
    }
}

impl Database for Db {
    fn engine(&self) -> &'static str {
        match self.backend() {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }

    fn read(&self, work: Work<'_>) -> Result<(), StoreError> {
        let mut conn = e(self.conn())?;
        work(&mut *conn)
    }

    fn write(&self, work: Work<'_>) -> Result<(), StoreError> {
        let mut conn = e(self.conn())?;
        match write_tx(&mut conn, |c: &mut DbConn| work(c).map_err(TxFail::Caller)) {
            Ok(()) => Ok(()),
            Err(TxFail::Caller(err)) => Err(err),
            Err(TxFail::Db(err)) => Err(Error::from(err).into()),
        }
    }
}
