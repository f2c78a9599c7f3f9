//! Look-ups of a municipality's organisation: its name, departments, wards, and where a filing is routed.

use madoguchi_core::{DepartmentCode, DepartmentId, Localized, TenantId};
use madoguchi_forms::{FieldError, Form, FormErrorCode, definition::Routing};
use madoguchi_records::{DepartmentRecord, RecordsRead, WardRecord};
use serde_json::Value;

use crate::kernel::{App, AppError, Clerk};

/// The name of the municipality in every language it gives one. Takes the caller's connection: these
/// messages are composed inside its transaction, and a second pooled connection there
/// could exhaust the pool under load.
pub(crate) fn city_name(
    conn: &mut dyn RecordsRead,
    tenant: &TenantId,
) -> Result<Localized, AppError> {
    let t = conn.find_tenant(tenant)?.ok_or(AppError::NotFound)?;
    Ok(Localized::new(t.name_ja, t.name_en))
}

/// The ward office a filing goes to: for a ward-office department, the ward of the postal
/// code named by the procedure's `routing.ward_from`. A code that is no address in the
/// municipality's wards (a business's own code, another city's, `0000000`) is refused with
/// `postal_code_outside_city` on that question: nobody could take the filing, and storing it
/// without a ward would leave it unseen by the ward offices. No procedure asks for the
/// ward itself, so the postal code is the only way to one.
pub(crate) fn route_to_ward(
    c: &mut dyn RecordsRead,
    tenant: &TenantId,
    department: &DepartmentRecord,
    form: &Form,
    data: &Value,
) -> Result<Option<String>, AppError> {
    let Some(routing) = form
        .settings()
        .routing
        .as_ref()
        .filter(|_| department.ward_office)
    else {
        return Ok(None);
    };
    let pointer = routing.ward_from.as_str();
    let Some(code) = data.pointer(pointer).and_then(Value::as_str) else {
        return Err(field_refused(
            form,
            data,
            FieldError::new(pointer, FormErrorCode::Required),
        ));
    };
    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
    let towns = c.find_postal_code(&digits)?;
    let wards = c.wards_of(tenant)?;
    match towns
        .iter()
        .find_map(|t| wards.iter().find(|w| w.code == t.local_gov_code))
    {
        Some(ward) => {
            check_office(form, data, routing, ward)?;
            Ok(Some(ward.code.clone()))
        }
        None => {
            let city = city_name(c, tenant)?;
            let mut error = FieldError::new(pointer, FormErrorCode::PostalCodeOutsideCity);
            error.related = Some(format!("{}|{}", city.ja, city.en));
            Err(field_refused(form, data, error))
        }
    }
}

/// The office the resident chose (`routing.office_field`) must be one of the routed ward's
/// (`routing.offices`): the filing goes to that ward, and another office would not have
/// it. Refused with `office_not_for_address` on the office question, carrying the ward
/// and its offices for the message. Unanswered, it is the form's own rules' business.
fn check_office(
    form: &Form,
    data: &Value,
    routing: &Routing,
    ward: &WardRecord,
) -> Result<(), AppError> {
    let Some(pointer) = routing.office_field.as_deref() else {
        return Ok(());
    };
    let Some(chosen) = data.pointer(pointer).and_then(Value::as_str) else {
        return Ok(());
    };
    if routing.offices.get(chosen) == Some(&ward.code) {
        return Ok(());
    }
    // In the order the question lists them.
    let offices: Vec<String> = form
        .field(pointer)
        .map(|f| f.options)
        .unwrap_or_default()
        .into_iter()
        .filter(|o| routing.offices.get(&o.value) == Some(&ward.code))
        .map(|o| o.value)
        .collect();
    let mut error = FieldError::new(pointer, FormErrorCode::OfficeNotForAddress);
    error.related = Some(format!(
        "{}|{}|{}|{}",
        ward.name_ja,
        ward.name_en,
        routing.ward_from,
        offices.join(",")
    ));
    Err(field_refused(form, data, error))
}

/// One field's error, shown on the step that asks it.
fn field_refused(form: &Form, data: &Value, error: FieldError) -> AppError {
    let step = form
        .shown_steps(data)
        .find(|s| s.owns_pointer(&error.pointer))
        .or_else(|| form.steps().first())
        .map(|s| s.id.clone())
        .unwrap_or_default();
    AppError::Validation {
        step,
        errors: vec![error],
    }
}

/// "泉区 区役所 戸籍住民課" for a filing routed to a ward; the department's name otherwise.
pub(crate) fn department_name(
    conn: &mut dyn RecordsRead,
    tenant_id: &TenantId,
    department_id: &DepartmentId,
    ward_code: Option<&str>,
) -> Result<Localized, AppError> {
    let dep = conn
        .find_department(department_id)?
        .map(|d| Localized::new(d.name_ja, d.name_en))
        .unwrap_or_default();
    department_label(conn, tenant_id, dep, ward_code)
}

/// A department's name as a filing names it: with its ward's name when the filing went to
/// a ward office.
pub(crate) fn department_label(
    conn: &mut dyn RecordsRead,
    tenant_id: &TenantId,
    dep: Localized,
    ward_code: Option<&str>,
) -> Result<Localized, AppError> {
    let ward = match ward_code {
        Some(code) => conn
            .wards_of(tenant_id)?
            .into_iter()
            .find(|w| w.code == code),
        None => None,
    };
    Ok(match ward {
        Some(w) => Localized::new(
            format!("{} {}", w.name_ja, dep.ja),
            format!("{}, {}", dep.en, w.name_en),
        ),
        None => dep,
    })
}

impl App {
    /// The municipality's name from this node's registry of municipalities (kept in memory
    /// and read again as it changes), else read on `conn`.
    pub(crate) fn city_name_in(
        &self,
        conn: &mut dyn RecordsRead,
        tenant: &TenantId,
    ) -> Result<Localized, AppError> {
        match self.tenant(tenant) {
            Some(t) => Ok(t.name),
            None => city_name(conn, tenant),
        }
    }

    pub(crate) fn department_for(
        &self,
        conn: &mut dyn RecordsRead,
        tenant: &TenantId,
        form: &Form,
    ) -> Result<DepartmentRecord, AppError> {
        conn.find_department_by_code(
            tenant,
            &DepartmentCode::from(form.settings().department.as_str()),
        )?
        .ok_or(AppError::NotFound)
    }

    /// The department a form's filings go to, from this node's snapshot of the
    /// municipality's departments (`kernel::departments`: read again after a few seconds,
    /// at once after this node changed them), not read per filing.
    pub(crate) fn department_of(
        &self,
        tenant: &TenantId,
        form: &Form,
    ) -> Result<DepartmentRecord, AppError> {
        let code = form.settings().department.as_str();
        self.departments_snapshot(tenant)?
            .iter()
            .find(|d| d.code.as_str() == code)
            .cloned()
            .ok_or(AppError::NotFound)
    }

    /// Checks that answers not yet filed (the check page, the API's validate) route to a
    /// ward, with the refusal filing them would meet.
    pub(crate) fn check_routing(
        &self,
        conn: &mut dyn RecordsRead,
        tenant: &TenantId,
        form: &Form,
        data: &Value,
    ) -> Result<(), AppError> {
        let department = self.department_for(conn, tenant, form)?;
        route_to_ward(conn, tenant, &department, form, data).map(|_| ())
    }

    /// The code of the clerk's department (office pages use it too).
    pub(crate) fn department_code(
        &self,
        c: &mut dyn RecordsRead,
        clerk: &Clerk,
    ) -> Result<DepartmentCode, AppError> {
        Ok(c.find_department(&clerk.department)?
            .ok_or(AppError::Forbidden)?
            .code)
    }

    /// The departments an account can belong to (for the administration forms).
    pub fn departments(&self, tenant: &TenantId) -> Result<Vec<(String, Localized)>, AppError> {
        self.read(|c| {
            Ok(c.departments_of(tenant)?
                .into_iter()
                .map(|d| (d.code.into_inner(), Localized::new(d.name_ja, d.name_en)))
                .collect())
        })
    }

    /// The wards of a municipality: (code, name).
    pub fn wards(&self, tenant: &TenantId) -> Result<Vec<(String, Localized)>, AppError> {
        self.read(|c| {
            Ok(c.wards_of(tenant)?
                .into_iter()
                .map(|w| (w.code, Localized::new(w.name_ja, w.name_en)))
                .collect())
        })
    }
}
