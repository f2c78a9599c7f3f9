//! Setting a deployment up: form versions, municipalities, departments, clerks, the demo.

use madoguchi_core::{ClerkId, DepartmentId, TenantId};
use madoguchi_records::{ClerkRecord, DepartmentRecord, FormVersionRecord, TenantRecord};

use crate::auth::hash_password;
use crate::{App, AppError};

/// A clerk account to create.
#[derive(Clone)]
pub struct NewClerk {
    pub tenant: TenantId,
    pub department_code: String,
    pub login: String,
    pub display_name: String,
    pub password: String,
}

impl std::fmt::Debug for NewClerk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewClerk")
            .field("login", &self.login)
            .finish_non_exhaustive()
    }
}

/// A demo sign-in, printed at start-up.
#[derive(Clone, Debug)]
pub struct DemoLogin {
    pub login: String,
    pub password: String,
    pub department: String,
}

/// The demo municipality: Sendai (local-government code 04100, with check digit 041009).
pub const DEMO_TENANT: &str = "041009";
/// Shared by every demo clerk; printed at start-up. Demo data only.
pub const DEMO_PASSWORD: &str = "madoguchi-demo";

/// Department codes the bundled forms use, with their names.
const DEPARTMENTS: &[(&str, &str, &str)] = &[
    (
        "koseki-jumin",
        "戸籍住民課",
        "Family and Resident Registration Section",
    ),
    (
        "hoken-nenkin",
        "保険年金課",
        "Insurance and Pension Section",
    ),
];

impl App {
    /// Records every loaded form version (idempotent).
    pub(crate) fn record_form_versions(&self) -> Result<(), AppError> {
        let now = self.now().naive_utc();
        for form in self.forms.all() {
            let new = self.write(|conn| {
                Ok(conn.ensure_form_version(&FormVersionRecord {
                    version: form.version().to_string(),
                    procedure_id: form.id().to_string(),
                    definition: form.canonical_json().to_string(),
                    first_loaded_at: now,
                })?)
            })?;
            if new {
                tracing::info!(
                    procedure = form.id(),
                    version = &form.version()[..12],
                    "form version recorded"
                );
            }
        }
        Ok(())
    }

    pub fn ensure_tenant(
        &self,
        id: &TenantId,
        name_ja: &str,
        name_en: &str,
    ) -> Result<(), AppError> {
        self.write(|c| {
            if c.find_tenant(id.as_str())?.is_none() {
                c.insert_tenant(&TenantRecord {
                    id: id.to_string(),
                    name_ja: name_ja.into(),
                    name_en: name_en.into(),
                    created_at: self.now().naive_utc(),
                })?;
            }
            Ok::<_, AppError>(())
        })
    }

    pub fn ensure_department(
        &self,
        tenant: &TenantId,
        code: &str,
        name_ja: &str,
        name_en: &str,
    ) -> Result<DepartmentId, AppError> {
        self.write(|c| {
            if let Some(d) = c.find_department_by_code(tenant.as_str(), code)? {
                return Ok(DepartmentId::new(d.id));
            }
            let id = uuid::Uuid::now_v7().to_string();
            c.insert_department(&DepartmentRecord {
                id: id.clone(),
                tenant_id: tenant.to_string(),
                code: code.into(),
                name_ja: name_ja.into(),
                name_en: name_en.into(),
                created_at: self.now().naive_utc(),
            })?;
            Ok::<_, AppError>(DepartmentId::new(id))
        })
    }

    /// Creates a clerk. Fails if the login is taken or the department does not exist.
    pub fn create_clerk(&self, new: &NewClerk) -> Result<ClerkId, AppError> {
        if new.password.chars().count() < 12 {
            return Err(AppError::Internal(
                "a clerk password needs at least 12 characters".into(),
            ));
        }
        let hash = hash_password(&new.password)?;
        self.write(|c| {
            let dep = c
                .find_department_by_code(new.tenant.as_str(), &new.department_code)?
                .ok_or_else(|| {
                    AppError::Internal(format!("no department `{}`", new.department_code))
                })?;
            if c.find_clerk_by_login(&new.login)?.is_some() {
                return Err(AppError::Internal(format!(
                    "login `{}` is already taken",
                    new.login
                )));
            }
            let id = uuid::Uuid::now_v7().to_string();
            c.insert_clerk(&ClerkRecord {
                id: id.clone(),
                tenant_id: new.tenant.to_string(),
                department_id: dep.id,
                login: new.login.clone(),
                display_name: new.display_name.clone(),
                password_hash: hash.clone(),
                active: true,
                created_at: self.now().naive_utc(),
            })?;
            Ok(ClerkId::new(id))
        })
    }

    /// The demo: Sendai, the departments of the bundled forms, and one clerk in each
    /// (password `DEMO_PASSWORD`). Safe to run on every start.
    pub fn seed_demo(&self) -> Result<Vec<DemoLogin>, AppError> {
        let tenant = TenantId::new(DEMO_TENANT);
        self.ensure_tenant(&tenant, "仙台市", "Sendai City")?;
        let mut logins = Vec::new();
        for (code, ja, en) in DEPARTMENTS {
            self.ensure_department(&tenant, code, ja, en)?;
            let login = format!("{code}@sendai.example");
            let exists = self.read(|conn| Ok(conn.find_clerk_by_login(&login)?.is_some()))?;
            if !exists {
                self.create_clerk(&NewClerk {
                    tenant: tenant.clone(),
                    department_code: (*code).into(),
                    login: login.clone(),
                    display_name: format!("{ja} 担当(デモ)"),
                    password: DEMO_PASSWORD.into(),
                })?;
            }
            logins.push(DemoLogin {
                login,
                password: DEMO_PASSWORD.into(),
                department: (*ja).into(),
            });
        }
        Ok(logins)
    }
}
