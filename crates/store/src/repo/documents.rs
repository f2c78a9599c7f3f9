//! Documents issued to applicants (decision notices).

use diesel::prelude::*;
use madoguchi_core::{DocumentKind, SubmissionId};
use madoguchi_records::DocumentsRead;
use madoguchi_records::schema::documents;
use madoguchi_records::{DocumentRecord, Documents, StoreError};

use crate::DbConn;

impl DocumentsRead for DbConn {
    fn find_document_by_token(
        &mut self,
        token_hash: &str,
    ) -> Result<Option<DocumentRecord>, StoreError> {
        Ok(documents::table
            .filter(documents::token_hash.eq(token_hash))
            .select(DocumentRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn find_document(
        &mut self,
        submission_id: &SubmissionId,
        kind: DocumentKind,
    ) -> Result<Option<DocumentRecord>, StoreError> {
        Ok(documents::table
            .filter(documents::submission_id.eq(submission_id))
            .filter(documents::kind.eq(kind))
            .select(DocumentRecord::as_select())
            .first(self)
            .optional()?)
    }
}

impl Documents for DbConn {
    fn insert_document(&mut self, record: &DocumentRecord) -> Result<(), StoreError> {
        diesel::insert_into(documents::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }
}
