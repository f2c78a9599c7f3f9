//! A section whose publications need approval: its supervisors see what waits, with the
//! difference from what is open now, and approve (publish) or return it with a reason.

use super::Authoring;
use crate::kernel::staff::require_city;
use crate::kernel::staff::require_supervisor;
use chrono::{DateTime, Utc};
use madoguchi_core::ProcedureId;
use madoguchi_core::{ErrorCode, Localized};

use super::publishing::on_record;
use super::versions::{DiffLine, diff_lines};
use super::working_copy::{draft_title, lint};
use crate::kernel::audit::AuditEntry;
use crate::kernel::{AppError, Clerk};
use madoguchi_core::AuditAction;

/// A working copy waiting for a supervisor's approval.
#[derive(Clone, Debug)]
pub struct PendingPublication {
    pub id: ProcedureId,
    pub title: Localized,
    pub submitted_by: String,
    pub submitted_at: DateTime<Utc>,
    pub note: String,
    /// From what is open for filing now (empty for a new procedure's first version) to
    /// the working copy.
    pub diff: Vec<DiffLine>,
}

impl Authoring<'_> {
    /// The section's working copies waiting for a supervisor's approval.
    pub fn procedures_awaiting_approval(
        &self,
        clerk: &Clerk,
    ) -> Result<Vec<PendingPublication>, AppError> {
        require_supervisor(clerk)?;
        require_city(clerk, self.city)?;
        let pending = self.app.read(|c| {
            let department = self.app.department_code(c, clerk)?;
            let mut out = Vec::new();
            for d in c.procedure_drafts(self.city)? {
                if d.department_code != department {
                    continue;
                }
                let Some(request) = c.procedure_approval_request(self.city, &d.procedure_id)?
                else {
                    continue;
                };
                let live = match self.published_form(c, &d.procedure_id)? {
                    Some(form) => serde_json::to_string_pretty(form.definition())
                        .map_err(|e| AppError::internal("definition", e))?,
                    None => String::new(),
                };
                let who = c
                    .find_clerk(&request.submitted_by)?
                    .map_or_else(|| request.submitted_by.to_string(), |k| k.display_name);
                out.push(PendingPublication {
                    title: draft_title(&d.definition, &d.procedure_id),
                    diff: diff_lines(&live, &d.definition),
                    id: d.procedure_id,
                    submitted_by: who,
                    submitted_at: request.submitted_at.and_utc(),
                    note: request.note,
                });
            }
            Ok(out)
        })?;
        Ok(pending)
    }

    /// A supervisor approves a working copy sent to them: published as the next version
    /// with the author's note (the lint runs again). 409 when nothing waits.
    pub fn approve_procedure(&self, clerk: &Clerk, id: &ProcedureId) -> Result<i32, AppError> {
        require_supervisor(clerk)?;
        require_city(clerk, self.city)?;
        let (draft, request) = self.app.read(|c| {
            let department = self.app.department_code(c, clerk)?;
            let draft = c
                .find_procedure_draft(self.city, id)?
                .filter(|d| d.department_code == department)
                .ok_or(AppError::NotFound)?;
            let request = c
                .procedure_approval_request(self.city, id)?
                .ok_or(AppError::InvalidTransition)?;
            Ok((draft, request))
        })?;
        let (problems, form) = lint(id, draft.department_code.as_str(), &draft.definition);
        let form = match (form, problems.is_empty()) {
            (Some(form), true) => form,
            _ => return Err(AppError::Refused(ErrorCode::DefinitionInvalid)),
        };
        let number = self.publish_version(clerk, &form, &request.note, true)?;
        let detail = serde_json::json!({
            "procedure": id, "number": number, "requested_by": request.submitted_by
        })
        .to_string();
        self.app.write(|c| {
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::ProcedureApproved).detail(detail),
            )
        })?;
        tracing::info!(procedure = %id, number, "procedure approved and published");
        Ok(number)
    }

    /// A supervisor sends a working copy back to its author with a reason (audited); the
    /// copy stays as it is.
    pub fn return_procedure(
        &self,
        clerk: &Clerk,
        id: &ProcedureId,
        reason: &str,
    ) -> Result<(), AppError> {
        require_supervisor(clerk)?;
        let reason = on_record(reason)?;
        require_city(clerk, self.city)?;
        self.app.write(|c| {
            let department = self.app.department_code(c, clerk)?;
            let draft = c
                .find_procedure_draft(self.city, id)?
                .filter(|d| d.department_code == department)
                .ok_or(AppError::NotFound)?;
            if c.procedure_approval_request(self.city, id)?.is_none() {
                return Err(AppError::InvalidTransition);
            }
            // Saving the copy again clears the request.
            c.save_procedure_draft(&draft)?;
            let detail = serde_json::json!({ "procedure": id }).to_string();
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::ProcedureReturned)
                    .reason(reason)
                    .detail(detail),
            )
        })
    }
}
