//! Drafts: the answers a browser session saved for a procedure.

use madoguchi_core::ProcedureId;
use madoguchi_core::TenantId;
use madoguchi_forms::Form;
use madoguchi_records::{DraftRecord, RecordsRead};
use serde_json::{Map, Value};

use crate::kernel::{App, AppError};

/// A stored draft and its answers.
type LoadedDraft = (DraftRecord, Map<String, Value>);

impl App {
    pub(crate) fn load_draft_data(
        &self,
        conn: &mut dyn RecordsRead,
        tenant: &TenantId,
        session_hash: &str,
        procedure_id: &ProcedureId,
    ) -> Result<Option<LoadedDraft>, AppError> {
        let now = self.now().naive_utc();
        let Some(row) = conn.find_live_draft(tenant, session_hash, procedure_id, now)? else {
            return Ok(None);
        };
        let form = self.form_version(conn, &row.form_version)?;
        let mut data = match self.open_data(&form, &row.data) {
            Ok(Value::Object(map)) => map,
            _ => {
                return Err(AppError::broken(format!(
                    "draft {} holds no JSON object",
                    row.id
                )));
            }
        };
        // A draft saved under an earlier version keeps answers the current version may no
        // longer ask: they are dropped (the current version is what the pages show and
        // what is filed), so no error names a question the resident cannot see.
        if let Some(current) = self.forms_for(tenant).get(procedure_id.as_str())
            && current.version() != row.form_version
        {
            let gone = current.forget_unknown_answers(&mut data);
            if !gone.is_empty() {
                tracing::info!(draft = %row.id, ?gone, "answers the form no longer asks dropped");
            }
        }
        self.answer_attached_files(conn, tenant, session_hash, &form, &mut data)?;
        Ok(Some((row, data)))
    }

    /// Sets the file questions' answers from the files the session attached for the
    /// procedure (`Form::answer_files`): a required file is there only when a file is.
    pub(crate) fn answer_attached_files(
        &self,
        conn: &mut dyn RecordsRead,
        tenant: &TenantId,
        session_hash: &str,
        form: &Form,
        data: &mut Map<String, Value>,
    ) -> Result<(), AppError> {
        if form.file_questions().next().is_none() {
            return Ok(());
        }
        let files = conn.draft_attachments(tenant, session_hash, &form.procedure_id())?;
        form.answer_files(
            data,
            files
                .iter()
                .map(|a| (a.field.as_str(), a.file_name.as_str())),
        );
        Ok(())
    }
}
