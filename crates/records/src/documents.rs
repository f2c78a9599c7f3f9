//! Documents issued to applicants (decision notices).

use madoguchi_core::{DocumentId, DocumentKind, SubmissionId, TenantId};

use crate::{StoreError, Timestamp};

/// A document issued to an applicant: what it says, fixed at issue (JSON).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::documents, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct DocumentRecord {
    pub id: DocumentId,
    pub tenant_id: TenantId,
    pub submission_id: SubmissionId,
    pub kind: DocumentKind,
    pub created_at: Timestamp,
    pub content: String,
    /// SHA-256 of the secret in the emailed link.
    pub token_hash: String,
}

/// What a read may do with [`Documents`] (`Database::read` hands out only reads).
pub trait DocumentsRead {
    fn find_document_by_token(
        &mut self,
        token_hash: &str,
    ) -> Result<Option<DocumentRecord>, StoreError>;
    fn find_document(
        &mut self,
        submission_id: &SubmissionId,
        kind: DocumentKind,
    ) -> Result<Option<DocumentRecord>, StoreError>;
}

/// Documents issued to applicants.
pub trait Documents: DocumentsRead {
    fn insert_document(&mut self, record: &DocumentRecord) -> Result<(), StoreError>;
}
