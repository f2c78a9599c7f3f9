//! Files a clerk opens: attachments and decision notices (each view audited).

use madoguchi_core::AttachmentId;
use serde_json::json;

use super::Review;
use crate::kernel::audit::AuditEntry;
use crate::kernel::staff::require_city;
use crate::kernel::{AppError, Clerk, FileDownload};
use crate::notification::Pdf;
use crate::notification::documents::DECISION_NOTICE;
use madoguchi_core::AuditAction;

impl Review<'_> {
    /// The decision notice of a filing the clerk may see (the view is audited).
    pub fn decision_notice_for_clerk(&self, clerk: &Clerk, id: &str) -> Result<Pdf, AppError> {
        require_city(clerk, self.city)?;
        crate::kernel::staff::require_case_worker(clerk)?;
        let doc = self.app.write(|c| {
            let row = self.app.visible_to(c, clerk, id)?;
            let doc = c
                .find_document(&row.id, DECISION_NOTICE)?
                .ok_or(AppError::NotFound)?;
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::View)
                    .submission(&row.id)
                    .detail(json!({ "document": DECISION_NOTICE }).to_string()),
            )?;
            Ok(doc)
        })?;
        self.app.render_notice(&doc)
    }

    /// A filing's file for a clerk who may see the filing; the view is audited.
    pub fn attachment_for_clerk(
        &self,
        clerk: &Clerk,
        submission_id: &str,
        attachment_id: &AttachmentId,
    ) -> Result<FileDownload, AppError> {
        require_city(clerk, self.city)?;
        crate::kernel::staff::require_case_worker(clerk)?;
        let record = self.app.write(|c| {
            let row = self.app.visible_to(c, clerk, submission_id)?;
            self.app.audited_attachment(c, clerk, &row, attachment_id)
        })?;
        self.app.hand_out(record)
    }
}
