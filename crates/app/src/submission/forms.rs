//! The form a filing is made and read with: the current procedure, a pinned older version, full validation and the search key.

use std::sync::Arc;

use madoguchi_core::ProcedureId;
use madoguchi_core::{FilingMode, Localized, TenantId};
use madoguchi_forms::definition::Filing;
use madoguchi_forms::{Form, catalog};
use madoguchi_records::{DepartmentRecord, RecordsRead};
use serde_json::Value;

use crate::kernel::{App, AppError};

/// Full validation for a filing made on `filed_on` (`App::filing_day_in`, the day under the
/// tenant's office calendar), with errors
/// pointing at the first step that has one, and the keys no step asks (each reported,
/// wherever it comes in the order). Accepted answers come back in the form they are kept in
/// (`Form::accept`: whole numbers as integers); use them, not the answers passed in, for the
/// fee, storage and display.
pub(crate) fn validate_all(
    form: &Form,
    data: &Value,
    filed_on: impl Into<madoguchi_forms::FilingDay>,
) -> Result<Value, AppError> {
    let mut errors = match form.accept(data, filed_on) {
        Ok(accepted) => return Ok(accepted),
        Err(errors) => errors,
    };
    // A secret's answer is never kept: its question stands answered by the check's mark,
    // which the filing holds to (`filing::external_check`).
    errors.retain(|e| {
        !(e.code == madoguchi_forms::FormErrorCode::Required && form.is_secret(&e.pointer))
    });
    let Some(first) = errors.first() else {
        return Ok(madoguchi_forms::integers::canonical(data.clone()));
    };
    let step = form
        .shown_steps(data)
        .find(|s| s.owns_pointer(&first.pointer))
        .or_else(|| form.steps().first())
        .map(|s| s.id.clone())
        .unwrap_or_default();
    let asked = |pointer: &str| form.steps().iter().any(|s| s.owns_pointer(pointer));
    let errors = errors
        .into_iter()
        .filter(|e| {
            form.step(&step)
                .is_some_and(|(_, s)| s.owns_pointer(&e.pointer))
                || !asked(&e.pointer)
        })
        .collect();
    Err(AppError::Validation { step, errors })
}

/// What the clerks' search compares: the applicant's name and its reading, folded (widths,
/// kana, case and spaces unified) so 「せんだい」, 「センダイ」 and 「ｾﾝﾀﾞｲ」 all find センダイ.
pub(crate) fn search_key(form: &Form, data: &Value) -> String {
    let name = form.applicant_name(data).unwrap_or_default();
    let kana = form.applicant_kana(data).unwrap_or_default();
    format!("{}/{}", catalog::fold(&name), catalog::fold(&kana))
}

impl App {
    /// Records `form`'s version in the caller's transaction unless this process knows it
    /// recorded: a city's template, compiled when first opened, has no row until something
    /// is saved under it (drafts and filings name their version).
    pub(crate) fn keep_form_version(
        &self,
        c: &mut dyn madoguchi_records::Records,
        form: &Form,
    ) -> Result<(), AppError> {
        if self
            .recorded_versions
            .lock()
            .is_ok_and(|known| known.contains(form.version()))
        {
            return Ok(());
        }
        c.ensure_form_version(&madoguchi_records::FormVersionRecord {
            version: form.version().to_string(),
            procedure_id: form.procedure_id(),
            definition: form.canonical_json().to_string(),
            first_loaded_at: self.now().naive_utc(),
        })?;
        Ok(())
    }

    /// The form a submission was filed under: the current one, or an older version from
    /// the database.
    pub(crate) fn form_version(
        &self,
        conn: &mut dyn RecordsRead,
        version: &str,
    ) -> Result<Arc<Form>, AppError> {
        if let Some(form) = self
            .every_served()
            .iter()
            .find_map(|forms| forms.compiled_version(version))
        {
            return Ok(form);
        }
        if let Some(form) = self
            .old_forms
            .lock()
            .ok()
            .and_then(|m| m.get(version).cloned())
        {
            return Ok(form);
        }
        let row = conn
            .find_form_version(version)?
            .ok_or_else(|| AppError::broken(format!("form version {version} is not recorded")))?;
        let value: Value = serde_json::from_str(&row.definition)
            .map_err(|e| AppError::internal(format!("form version {version}"), e))?;
        let path = std::path::PathBuf::from(format!("{}/form.json", row.procedure_id));
        let form = Arc::new(Form::from_value(&path, value).map_err(|p| {
            AppError::broken(format!("form version {version} no longer loads: {p:?}"))
        })?);
        if let Ok(mut cache) = self.old_forms.lock() {
            cache.insert(version.to_string(), Arc::clone(&form));
        }
        Ok(form)
    }

    /// The current form of a procedure this municipality offers.
    pub fn procedure(
        &self,
        tenant: &TenantId,
        id: &ProcedureId,
    ) -> Result<(Arc<Form>, Localized), AppError> {
        let Some(form) = self.forms_for(tenant).get(id.as_str()) else {
            // A retired procedure says so (410), not that it never was.
            let retired = id.as_str().len() <= 60
                && self
                    .read(|c| Ok(c.retirements(tenant)?.iter().any(|r| r.procedure_id == *id)))?;
            return Err(if retired {
                AppError::Refused(madoguchi_core::ErrorCode::ProcedureRetired)
            } else {
                AppError::NotFound
            });
        };
        let departments = self.departments_snapshot(tenant)?;
        let department = department_named(&departments, &form).ok_or(AppError::NotFound)?;
        Ok((form, department))
    }

    /// The name of `form`'s department in `tenant`, for a form not offered yet (the
    /// designer's preview of a working copy); its code when the city has no such department.
    pub fn department_name_of(
        &self,
        tenant: &TenantId,
        form: &Form,
    ) -> Result<Localized, AppError> {
        let departments = self.departments_snapshot(tenant)?;
        Ok(department_named(&departments, form).unwrap_or_else(|| {
            let code = form.settings().department.as_str();
            Localized::new(code, code)
        }))
    }

    /// [`App::procedure`] from memory alone: `None` when answering would read the database
    /// (the departments' snapshot is stale, or the procedure is not open, which may be a
    /// retirement to look up), so callers on the async side go to the blocking pool then.
    pub fn cached_procedure(
        &self,
        tenant: &TenantId,
        id: &ProcedureId,
    ) -> Option<Result<(Arc<Form>, Localized), AppError>> {
        let form = self.forms_for(tenant).get(id.as_str())?;
        let departments = self.cached_departments(tenant)?;
        Some(match department_named(&departments, &form) {
            Some(department) => Ok((form, department)),
            None => Err(AppError::NotFound),
        })
    }
}

/// The name of the form's department among a municipality's departments.
fn department_named(departments: &[DepartmentRecord], form: &Form) -> Option<Localized> {
    departments
        .iter()
        .find(|d| d.code.as_str() == form.settings().department.as_str())
        .map(|d| Localized::new(&d.name_ja, &d.name_en))
}

/// How a filing made on the pages under the form setting `f` is stored.
pub fn filing_mode(f: Filing) -> FilingMode {
    match f {
        Filing::Online => FilingMode::Online,
        Filing::PreEntry => FilingMode::PreEntry,
    }
}
