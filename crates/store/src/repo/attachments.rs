//! Files attached to file questions (the bytes live in the file store, by SHA-256).

use diesel::prelude::*;
use madoguchi_core::{AttachmentId, CorrectionId, ProcedureId, SubmissionId, TenantId};
use madoguchi_records::AttachmentsRead;
use madoguchi_records::schema::attachments;
use madoguchi_records::{AttachmentRecord, Attachments, StoreError};

use crate::DbConn;

impl AttachmentsRead for DbConn {
    fn draft_attachments(
        &mut self,
        tenant_id: &TenantId,
        session_hash: &str,
        procedure_id: &ProcedureId,
    ) -> Result<Vec<AttachmentRecord>, StoreError> {
        Ok(attachments::table
            .filter(attachments::tenant_id.eq(tenant_id))
            .filter(attachments::session_hash.eq(session_hash))
            .filter(attachments::procedure_id.eq(procedure_id))
            .filter(attachments::submission_id.is_null())
            .order((attachments::created_at.asc(), attachments::id.asc()))
            .select(AttachmentRecord::as_select())
            .load(self)?)
    }

    fn unfiled_uploads(
        &mut self,
        tenant_id: &TenantId,
        session_hash: &str,
        ids: &[AttachmentId],
    ) -> Result<Vec<AttachmentRecord>, StoreError> {
        Ok(attachments::table
            .filter(attachments::id.eq_any(ids))
            .filter(attachments::tenant_id.eq(tenant_id))
            .filter(attachments::session_hash.eq(session_hash))
            .filter(attachments::submission_id.is_null())
            .order((attachments::created_at.asc(), attachments::id.asc()))
            .select(AttachmentRecord::as_select())
            .load(self)?)
    }

    fn attachments_of(
        &mut self,
        submission_id: &SubmissionId,
    ) -> Result<Vec<AttachmentRecord>, StoreError> {
        Ok(attachments::table
            .filter(attachments::submission_id.eq(submission_id))
            .order((attachments::created_at.asc(), attachments::id.asc()))
            .select(AttachmentRecord::as_select())
            .load(self)?)
    }
}

impl Attachments for DbConn {
    fn insert_attachment(&mut self, record: &AttachmentRecord) -> Result<(), StoreError> {
        diesel::insert_into(attachments::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn delete_draft_attachment(
        &mut self,
        id: &AttachmentId,
        tenant_id: &TenantId,
        session_hash: &str,
    ) -> Result<bool, StoreError> {
        let n = diesel::delete(
            attachments::table
                .filter(attachments::id.eq(id))
                .filter(attachments::tenant_id.eq(tenant_id))
                .filter(attachments::session_hash.eq(session_hash))
                .filter(attachments::submission_id.is_null()),
        )
        .execute(self)?;
        Ok(n == 1)
    }

    fn claim_attachments(
        &mut self,
        tenant_id: &TenantId,
        session_hash: &str,
        procedure_id: &ProcedureId,
        submission_id: &SubmissionId,
    ) -> Result<usize, StoreError> {
        Ok(diesel::update(
            attachments::table
                .filter(attachments::tenant_id.eq(tenant_id))
                .filter(attachments::session_hash.eq(session_hash))
                .filter(attachments::procedure_id.eq(procedure_id))
                .filter(attachments::submission_id.is_null()),
        )
        .set(attachments::submission_id.eq(Some(submission_id)))
        .execute(self)?)
    }

    fn claim_uploads(
        &mut self,
        tenant_id: &TenantId,
        session_hash: &str,
        ids: &[AttachmentId],
        submission_id: &SubmissionId,
    ) -> Result<usize, StoreError> {
        Ok(diesel::update(
            attachments::table
                .filter(attachments::id.eq_any(ids))
                .filter(attachments::tenant_id.eq(tenant_id))
                .filter(attachments::session_hash.eq(session_hash))
                .filter(attachments::submission_id.is_null()),
        )
        .set(attachments::submission_id.eq(Some(submission_id)))
        .execute(self)?)
    }

    fn delete_correction_attachment(
        &mut self,
        id: &AttachmentId,
        correction_id: &CorrectionId,
    ) -> Result<bool, StoreError> {
        let n = diesel::delete(
            attachments::table
                .filter(attachments::id.eq(id))
                .filter(attachments::correction_id.eq(correction_id)),
        )
        .execute(self)?;
        Ok(n == 1)
    }
}
