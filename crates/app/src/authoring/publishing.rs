//! Publishing a procedure as an immutable version (its content hash, who, when, why),
//! publishing an earlier one again (rollback), and retiring it.

use super::Authoring;
use crate::kernel::audit::AuditEntry;
use crate::kernel::staff::require_author;
use crate::kernel::staff::require_city;
use crate::kernel::{AppError, Clerk};
use madoguchi_core::AuditAction;
use madoguchi_core::ProcedureId;
use madoguchi_core::{ErrorCode, ProcedureVersionId};
use madoguchi_forms::Form;
use madoguchi_records::{
    ApprovalRequest, FormVersionRecord, ProcedureVersionRecord, RetirementRecord,
};
use std::sync::Arc;

/// What publishing did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Publication {
    /// Open for filing as this version.
    Published(i32),
    /// The department's supervisor approves publications first: sent to them.
    AwaitingApproval,
}

/// A change note or reason as it goes on record: trimmed, not empty, at most 500 characters.
pub(super) fn on_record(text: &str) -> Result<&str, AppError> {
    let text = text.trim();
    match text.chars().count() {
        0 => Err(AppError::Refused(ErrorCode::ReasonRequired)),
        n if n > 500 => Err(AppError::Refused(ErrorCode::ReasonTooLong)),
        _ => Ok(text),
    }
}

impl Authoring<'_> {
    /// Publishes the working copy as the next version: refused while the lint finds
    /// anything (a form collecting My Number without its legal basis included), and without
    /// a change note. The procedure is open for filing at once (and reopened if retired) —
    /// or, where the department's supervisor approves publications first, sent to them.
    pub fn publish_procedure(
        &self,
        clerk: &Clerk,
        id: &ProcedureId,
        note: &str,
    ) -> Result<Publication, AppError> {
        require_city(clerk, self.city)?;
        let draft = self.procedure_draft(clerk, id)?;
        let note = on_record(note)?;
        let form = match (&draft.form, draft.problems.is_empty()) {
            (Some(form), true) => Arc::clone(form),
            _ => return Err(AppError::Refused(ErrorCode::DefinitionInvalid)),
        };
        let now = self.app.now().naive_utc();
        let sent = self.app.write(|c| {
            let department = self.app.department_code(c, clerk)?;
            if !c.publish_needs_approval(self.city, &department)? {
                return Ok(false);
            }
            c.request_procedure_approval(
                self.city,
                id,
                &ApprovalRequest {
                    submitted_by: clerk.id.clone(),
                    submitted_at: now,
                    note: note.into(),
                },
            )?;
            let detail = serde_json::json!({ "procedure": id, "note": note }).to_string();
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::ProcedureSentForApproval).detail(detail),
            )?;
            Ok(true)
        })?;
        if sent {
            return Ok(Publication::AwaitingApproval);
        }
        let number = self.publish_version(clerk, &form, note, true)?;
        tracing::info!(procedure = %id, number, "procedure published");
        Ok(Publication::Published(number))
    }

    /// Records `form` as the next version of its procedure and opens it for filing.
    pub(super) fn publish_version(
        &self,
        clerk: &Clerk,
        form: &Arc<Form>,
        note: &str,
        from_draft: bool,
    ) -> Result<i32, AppError> {
        let now = self.app.now().naive_utc();
        let number = self.app.write(|c| {
            let department = self.app.department_code(c, clerk)?;
            c.ensure_form_version(&FormVersionRecord {
                version: form.version().into(),
                procedure_id: form.procedure_id(),
                definition: form.canonical_json().into(),
                first_loaded_at: now,
            })?;
            let number = c
                .procedure_versions(self.city)?
                .iter()
                .filter(|v| v.procedure_id == form.id())
                .map(|v| v.number)
                .max()
                .unwrap_or(0)
                + 1;
            c.insert_procedure_version(&ProcedureVersionRecord {
                id: ProcedureVersionId::new(uuid::Uuid::now_v7().to_string()),
                tenant_id: self.city.clone(),
                procedure_id: form.procedure_id(),
                number,
                form_version: form.version().into(),
                department_code: department,
                published_by: clerk.id.clone(),
                published_at: now,
                change_note: note.into(),
            })?;
            if from_draft {
                c.delete_procedure_draft(self.city, &form.procedure_id())?;
            }
            c.reopen_procedure(self.city, &form.procedure_id())?;
            let detail = serde_json::json!({
                "procedure": form.id(), "number": number, "version": form.version(), "note": note
            })
            .to_string();
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::ProcedurePublished).detail(detail),
            )?;
            Ok(number)
        })?;
        self.app
            .update_forms(self.city, |forms| forms.with_form(Arc::clone(form)));
        Ok(number)
    }

    /// Publishes version `number` again, as a new version (rollback).
    pub fn republish_procedure(
        &self,
        clerk: &Clerk,
        id: &ProcedureId,
        number: i32,
        note: &str,
    ) -> Result<i32, AppError> {
        require_author(clerk)?;
        let note = on_record(note)?;
        require_city(clerk, self.city)?;
        let form = self.app.read(|c| {
            let department = self.app.department_code(c, clerk)?;
            let v = c
                .procedure_versions(self.city)?
                .into_iter()
                .find(|v| v.procedure_id == *id && v.number == number)
                .ok_or(AppError::NotFound)?;
            if v.department_code != department {
                return Err(AppError::Forbidden);
            }
            self.app.form_version(c, &v.form_version)
        })?;
        self.publish_version(clerk, &form, note, false)
    }

    /// Closes `id` to new filings; filings already made go on. Publishing reopens it.
    pub fn retire_procedure(
        &self,
        clerk: &Clerk,
        id: &ProcedureId,
        reason: &str,
    ) -> Result<(), AppError> {
        require_author(clerk)?;
        let reason = on_record(reason)?;
        require_city(clerk, self.city)?;
        let now = self.app.now().naive_utc();
        self.app.write(|c| {
            let department = self.app.department_code(c, clerk)?;
            let form = self.published_form(c, id)?.ok_or(AppError::NotFound)?;
            if form.settings().department.as_str() != department.as_str() {
                return Err(AppError::Forbidden);
            }
            c.retire_procedure(&RetirementRecord {
                tenant_id: self.city.clone(),
                procedure_id: id.clone(),
                retired_by: clerk.id.clone(),
                retired_at: now,
                reason: reason.into(),
            })?;
            let detail = serde_json::json!({ "procedure": id, "reason": reason }).to_string();
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::ProcedureRetired).detail(detail),
            )
        })?;
        self.app
            .update_forms(self.city, |forms| forms.without(id.as_str()));
        tracing::info!(procedure = %id, "procedure retired");
        Ok(())
    }
}
