//! A filing's file handed to someone allowed to see the filing (a clerk's browser, a
//! department's system): found among the filing's files, the view audited in the same unit
//! of writes, then its bytes from the file store.

use madoguchi_core::{AttachmentId, AuditAction};
use madoguchi_records::{AttachmentRecord, Records, SubmissionRecord};
use serde_json::json;

use super::FileDownload;
use crate::kernel::audit::AuditEntry;
use crate::kernel::{App, AppError, Clerk};

impl App {
    /// The file `id` of `row` (which `clerk` may see), its view audited; "not found" when
    /// it is no file of that filing.
    pub(crate) fn audited_attachment(
        &self,
        c: &mut dyn Records,
        clerk: &Clerk,
        row: &SubmissionRecord,
        id: &AttachmentId,
    ) -> Result<AttachmentRecord, AppError> {
        let record = c
            .attachments_of(&row.id)?
            .into_iter()
            .find(|a| a.id == *id)
            .ok_or(AppError::NotFound)?;
        self.audit(
            c,
            clerk,
            AuditEntry::new(AuditAction::View)
                .submission(&row.id)
                .detail(json!({ "attachment": record.id }).to_string()),
        )?;
        Ok(record)
    }

    /// The bytes of a file found by [`App::audited_attachment`].
    pub(crate) fn hand_out(&self, record: AttachmentRecord) -> Result<FileDownload, AppError> {
        let content = self.files.get(&record.tenant_id, &record.sha256)?;
        Ok(FileDownload {
            file_name: record.file_name,
            content_type: record.content_type,
            size_bytes: record.size_bytes,
            content,
        })
    }
}
