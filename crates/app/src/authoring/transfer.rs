//! A procedure as one JSON document, the format of `forms/<id>/form.json`: exported from
//! the working copy or the version open for filing, imported as a new working copy.

use madoguchi_core::ErrorCode;
use madoguchi_core::ProcedureId;
use madoguchi_forms::strict_json::{self, StrictJsonError};
use serde_json::Value;

use super::Authoring;
use crate::kernel::staff::require_author;
use crate::kernel::staff::require_city;
use crate::kernel::{AppError, Clerk};

impl Authoring<'_> {
    /// Imports a procedure from its JSON document (the format of `forms/<id>/form.json`, as
    /// exported): a new working copy under the document's id, made the author's
    /// department's, and checked. Returns the id.
    pub fn import_procedure(&self, clerk: &Clerk, text: &str) -> Result<ProcedureId, AppError> {
        require_city(clerk, self.city)?;
        require_author(clerk)?;
        let invalid = || AppError::Refused(ErrorCode::ImportInvalid);
        let (mut value, one_reading) = match strict_json::parse(text.as_bytes()) {
            Ok(v) => (v, true),
            Err(StrictJsonError::Malformed { .. }) => return Err(invalid()),
            // A key twice: the working copy keeps the text as sent, so its lint names the key
            // and where it is, and it cannot be published until one of the two is removed.
            Err(_) => (serde_json::from_str(text).map_err(|_| invalid())?, false),
        };
        let id = value
            .pointer("/procedure/id")
            .and_then(Value::as_str)
            .map(ProcedureId::new)
            .ok_or_else(invalid)?;
        self.start_procedure(clerk, id.as_str(), None)?;
        if !one_reading {
            self.save_procedure_draft(clerk, &id, text)?;
            return Ok(id);
        }
        let department = self.app.read(|c| self.app.department_code(c, clerk))?;
        value["procedure"]["department"] = Value::from(department.into_inner());
        let text = serde_json::to_string_pretty(&value)
            .map_err(|e| AppError::internal("definition", e))?;
        self.save_procedure_draft(clerk, &id, &text)?;
        Ok(id)
    }

    /// The procedure as one JSON document, in the format of `forms/<id>/form.json`: the
    /// working copy when there is one, otherwise the version open for filing.
    pub fn export_procedure(&self, clerk: &Clerk, id: &ProcedureId) -> Result<String, AppError> {
        require_author(clerk)?;
        require_city(clerk, self.city)?;
        self.app.read(|c| {
            let department = self.app.department_code(c, clerk)?;
            if let Some(d) = c.find_procedure_draft(self.city, id)? {
                return if d.department_code == department {
                    Ok(d.definition)
                } else {
                    Err(AppError::Forbidden)
                };
            }
            let form = self.published_form(c, id)?.ok_or(AppError::NotFound)?;
            if form.settings().department.as_str() != department.as_str() {
                return Err(AppError::Forbidden);
            }
            serde_json::to_string_pretty(form.definition())
                .map_err(|e| AppError::internal("definition", e))
        })
    }
}
