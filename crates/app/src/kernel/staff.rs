//! Staff as the use cases see them: who a clerk is, what they may see, and how an account is made.

use madoguchi_core::{
    ApiTokenId, ClerkId, DepartmentCode, DepartmentId, ErrorCode, Localized, Post, SubmissionId,
    TenantId,
};
use madoguchi_records::{ClerkRecord, Records, RecordsRead, SubmissionRecord};
use madoguchi_workflow::Role;

use crate::kernel::passwords::hash_password;
use crate::kernel::{App, AppError};

/// A signed-in clerk, as every office use case receives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clerk {
    pub id: ClerkId,
    pub tenant: TenantId,
    pub department: DepartmentId,
    pub department_name: Localized,
    pub display_name: String,
    pub login: String,
    /// The ward the clerk works for; `None` for every ward.
    pub ward: Option<Ward>,
    pub role: Role,
    /// Its post (職位) in the section: which steps of an approval route it signs.
    pub post: Post,
    /// The API token acting as this author (`None`: the clerk in person); audited.
    pub via_token: Option<ApiTokenId>,
}

impl Clerk {
    /// Clerks and supervisors work on filings (queue, counter, exports); authors and
    /// administrators do not.
    pub fn is_case_worker(&self) -> bool {
        matches!(self.role, Role::Clerk | Role::Supervisor)
    }

    /// A whole section's supervisors (their section's procedures) and administrators (every
    /// procedure) enter the counts of filings made elsewhere (`/office/figures`). A ward's
    /// supervisor does not: the counts are the section's for the whole city, one per
    /// procedure and month, and two wards would replace each other's.
    pub fn enters_figures(&self) -> bool {
        match self.role {
            Role::Supervisor => self.ward.is_none(),
            Role::Administrator => true,
            _ => false,
        }
    }
}

/// A ward (区) by local-government code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ward {
    pub code: String,
    pub name: Localized,
}

impl App {
    pub(crate) fn load_clerk(
        &self,
        conn: &mut dyn RecordsRead,
        id: &ClerkId,
    ) -> Result<Option<Clerk>, AppError> {
        let Some(row) = conn.find_clerk(id)?.filter(|r| r.active) else {
            return Ok(None);
        };
        let department = conn
            .find_department(&row.department_id)?
            .ok_or_else(|| AppError::broken(format!("clerk {} has no department", row.id)))?;
        let ward = match &row.ward_code {
            Some(code) => conn
                .wards_of(&row.tenant_id)?
                .into_iter()
                .find(|w| &w.code == code)
                .map(|w| Ward {
                    code: w.code,
                    name: Localized::new(w.name_ja, w.name_en),
                }),
            None => None,
        };
        Ok(Some(Clerk {
            ward,
            role: row.role,
            post: row.post,
            id: row.id,
            tenant: row.tenant_id,
            department: row.department_id,
            department_name: Localized::new(department.name_ja, department.name_en),
            display_name: row.display_name,
            login: row.login,
            via_token: None,
        }))
    }

    pub(crate) fn visible_to(
        &self,
        conn: &mut dyn RecordsRead,
        clerk: &Clerk,
        id: &str,
    ) -> Result<SubmissionRecord, AppError> {
        if id.len() > 64 {
            return Err(AppError::NotFound);
        }
        conn.find_submission(&clerk.tenant, &SubmissionId::new(id))?
            .filter(|row| sees(clerk, row))
            .ok_or(AppError::NotFound)
    }

    /// Creates a clerk. Refused when the password is shorter than 12 characters
    /// (`password_weak`), the department does not exist (`staff_invalid`) or the login is
    /// taken (`login_taken`).
    pub fn create_clerk(&self, new: &NewClerk) -> Result<ClerkId, AppError> {
        if new.password.chars().count() < 12 {
            return Err(AppError::Refused(ErrorCode::PasswordWeak));
        }
        let hash = hash_password(&new.password)?;
        self.insert_clerk(new, &hash, None)
    }

    pub(crate) fn insert_clerk(
        &self,
        new: &NewClerk,
        hash: &str,
        totp_secret: Option<String>,
    ) -> Result<ClerkId, AppError> {
        self.write(|c| self.insert_clerk_in(c, new, hash, totp_secret))
    }

    /// [`Self::insert_clerk`] in the caller's transaction.
    pub(crate) fn insert_clerk_in(
        &self,
        c: &mut dyn Records,
        new: &NewClerk,
        hash: &str,
        totp_secret: Option<String>,
    ) -> Result<ClerkId, AppError> {
        {
            let dep = c
                .find_department_by_code(&new.tenant, &new.department_code)?
                .ok_or(AppError::Refused(ErrorCode::StaffInvalid))?;
            if c.find_clerk_by_login(&new.tenant, &new.login)?.is_some() {
                return Err(AppError::Refused(ErrorCode::LoginTaken));
            }
            let id = ClerkId::new(uuid::Uuid::now_v7().to_string());
            c.insert_clerk(&ClerkRecord {
                id: id.clone(),
                tenant_id: new.tenant.clone(),
                department_id: dep.id,
                login: new.login.clone(),
                display_name: new.display_name.clone(),
                password_hash: hash.to_string(),
                active: true,
                created_at: self.now().naive_utc(),
                ward_code: new.ward_code.clone(),
                role: new.role,
                totp_secret: totp_secret.clone(),
                totp_last_step: None,
                session_epoch: 0,
                post: Post::for_role(new.role),
            })?;
            Ok(id)
        }
    }
}

/// A clerk acts only in their own city: reached through another city's front door, they
/// are told "not found" (nothing there is theirs to know of).
pub(crate) fn require_city(clerk: &Clerk, city: &TenantId) -> Result<(), AppError> {
    if clerk.tenant == *city {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Only clerks and supervisors work on filings; authors and administrators see none.
pub(crate) fn require_case_worker(clerk: &Clerk) -> Result<(), AppError> {
    if clerk.is_case_worker() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A clerk account to create.
#[derive(Clone)]
pub struct NewClerk {
    pub tenant: TenantId,
    pub department_code: DepartmentCode,
    /// The ward the clerk works for; `None` for every ward.
    pub ward_code: Option<String>,
    pub login: String,
    pub display_name: String,
    pub password: String,
    pub role: Role,
}

impl std::fmt::Debug for NewClerk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewClerk")
            .field("login", &self.login)
            .finish_non_exhaustive()
    }
}

/// Authors write their department's procedures and integrations.
pub(crate) fn require_author(clerk: &Clerk) -> Result<(), AppError> {
    if clerk.role == Role::Author {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub(crate) fn require_supervisor(clerk: &Clerk) -> Result<(), AppError> {
    if clerk.role == Role::Supervisor {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub(crate) fn require_admin(clerk: &Clerk) -> Result<(), AppError> {
    if clerk.role == Role::Administrator {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Whether a clerk may see a filing of their city: their department's, and for a ward
/// clerk only those routed to their ward.
pub(crate) fn sees(clerk: &Clerk, row: &SubmissionRecord) -> bool {
    row.department_id == clerk.department
        && clerk
            .ward
            .as_ref()
            .is_none_or(|w| row.ward_code.as_deref() == Some(w.code.as_str()))
}
