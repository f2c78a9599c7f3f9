//! Files attached to file questions (the bytes live in the file store, by SHA-256).

use madoguchi_core::{AttachmentId, CorrectionId, ProcedureId, SubmissionId, TenantId};

use crate::{StoreError, Timestamp};

/// A file attached to a file question: a draft's (no submission yet) or a submission's.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::attachments, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct AttachmentRecord {
    pub id: AttachmentId,
    pub tenant_id: TenantId,
    pub session_hash: String,
    pub procedure_id: ProcedureId,
    /// JSON pointer of the file question.
    pub field: String,
    pub file_name: String,
    /// Detected from the content.
    pub content_type: String,
    pub size_bytes: i64,
    /// Key of the bytes in the file store.
    pub sha256: String,
    pub created_at: Timestamp,
    pub submission_id: Option<SubmissionId>,
    /// Sent in answer to this correction request.
    pub correction_id: Option<CorrectionId>,
}

/// What a read may do with [`Attachments`] (`Database::read` hands out only reads).
pub trait AttachmentsRead {
    /// The files of a session's draft of a procedure (not yet filed), oldest first.
    fn draft_attachments(
        &mut self,
        tenant_id: &TenantId,
        session_hash: &str,
        procedure_id: &ProcedureId,
    ) -> Result<Vec<AttachmentRecord>, StoreError>;
    /// Those of `ids` that a department's system (`session_hash`, see
    /// `App::upload_for_api`) uploaded and no filing has taken yet.
    fn unfiled_uploads(
        &mut self,
        tenant_id: &TenantId,
        session_hash: &str,
        ids: &[AttachmentId],
    ) -> Result<Vec<AttachmentRecord>, StoreError>;
    /// A submission's files, oldest first.
    fn attachments_of(
        &mut self,
        submission_id: &SubmissionId,
    ) -> Result<Vec<AttachmentRecord>, StoreError>;
}

/// Attachments of drafts and submissions.
pub trait Attachments: AttachmentsRead {
    fn insert_attachment(&mut self, record: &AttachmentRecord) -> Result<(), StoreError>;
    /// Removes a draft's file; false when it is not that draft's (or already filed).
    fn delete_draft_attachment(
        &mut self,
        id: &AttachmentId,
        tenant_id: &TenantId,
        session_hash: &str,
    ) -> Result<bool, StoreError>;
    /// Hands a draft's files to the submission filed from it.
    fn claim_attachments(
        &mut self,
        tenant_id: &TenantId,
        session_hash: &str,
        procedure_id: &ProcedureId,
        submission_id: &SubmissionId,
    ) -> Result<usize, StoreError>;
    /// Hands the uploads `ids` of a department's system to the filing that names them;
    /// how many it took (fewer than `ids` when another filing took one first).
    fn claim_uploads(
        &mut self,
        tenant_id: &TenantId,
        session_hash: &str,
        ids: &[AttachmentId],
        submission_id: &SubmissionId,
    ) -> Result<usize, StoreError>;
    /// Removes a file sent with an unanswered correction; false when it is not that one's.
    fn delete_correction_attachment(
        &mut self,
        id: &AttachmentId,
        correction_id: &CorrectionId,
    ) -> Result<bool, StoreError>;
}
