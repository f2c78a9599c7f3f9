//! Drafts: the answers a browser session saved for a procedure.

use madoguchi_core::ProcedureId;
use madoguchi_core::TenantId;
use madoguchi_records::{DraftRecord, Records};
use serde_json::{Map, Value};

use crate::kernel::{App, AppError};

/// A stored draft and its answers.
type LoadedDraft = (DraftRecord, Map<String, Value>);

impl App {
    pub(crate) fn load_draft_data(
        &self,
        conn: &mut dyn Records,
        tenant: &TenantId,
        session_hash: &str,
        procedure_id: &ProcedureId,
    ) -> Result<Option<LoadedDraft>, AppError> {
        let now = self.now().naive_utc();
        let Some(row) = conn.find_live_draft(tenant, session_hash, procedure_id, now)? else {
            return Ok(None);
        };
        let form = self.form_version(conn, &row.form_version)?;
        let data = match self.open_data(&form, &row.data) {
            Ok(Value::Object(map)) => map,
            _ => {
                return Err(AppError::broken(format!(
                    "draft {} holds no JSON object",
                    row.id
                )));
            }
        };
        Ok(Some((row, data)))
    }
}
