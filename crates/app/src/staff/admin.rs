//! Staff accounts, managed by administrators: create, change department, ward, role or name,
//! disable and enable, set a new password, reset the authenticator, sign out everywhere.
//! Each change is an audit-log entry; a change that affects what the account may see or do
//! raises its session epoch, so its existing sessions stop on their next request.

use crate::kernel::staff::require_admin;
use madoguchi_core::{ClerkId, DepartmentCode, ErrorCode, Localized, Post};
use madoguchi_records::{ClerkRecord, RecordsRead};
use madoguchi_workflow::Role;
use serde_json::json;

use super::Staff;
use crate::kernel::audit::AuditEntry;
use crate::kernel::passwords::hash_password;
use crate::kernel::staff::require_city;
use crate::kernel::{AppError, Clerk, NewClerk};
use crate::staff::password_problem;
use madoguchi_core::AuditAction;

/// A staff account as the administration page lists it.
#[derive(Clone, Debug)]
pub struct StaffView {
    pub id: ClerkId,
    pub login: String,
    pub display_name: String,
    pub department_code: DepartmentCode,
    pub department: Localized,
    pub ward: Option<Localized>,
    pub ward_code: Option<String>,
    pub role: Role,
    /// Its post (職位): which steps of decisions' approval routes it signs.
    pub post: Post,
    pub active: bool,
    pub enrolled: bool,
}

/// What an administrator can change.
#[derive(Clone, Debug, Default)]
pub struct StaffChange {
    pub display_name: String,
    pub department_code: String,
    /// Empty for every ward.
    pub ward_code: String,
    pub role: String,
    /// A `Post` code; empty keeps the account's post.
    pub post: String,
    pub active: bool,
}

impl Staff<'_> {
    /// Every staff account of the administrator's municipality.
    pub fn members(&self, admin: &Clerk) -> Result<Vec<StaffView>, AppError> {
        require_city(admin, self.city)?;
        require_admin(admin)?;
        self.app.read(|c| {
            let departments = c.departments_of(&admin.tenant)?;
            let wards = c.wards_of(&admin.tenant)?;
            Ok(c.clerks_of(&admin.tenant)?
                .into_iter()
                .map(|r| {
                    let dep = departments.iter().find(|d| d.id == r.department_id);
                    StaffView {
                        department_code: dep
                            .map(|d| d.code.clone())
                            .unwrap_or_else(|| DepartmentCode::new("")),
                        department: dep
                            .map(|d| Localized::new(&d.name_ja, &d.name_en))
                            .unwrap_or_default(),
                        ward: r.ward_code.as_ref().and_then(|code| {
                            wards
                                .iter()
                                .find(|w| &w.code == code)
                                .map(|w| Localized::new(&w.name_ja, &w.name_en))
                        }),
                        ward_code: r.ward_code.clone(),
                        role: r.role,
                        post: r.post,
                        active: r.active,
                        enrolled: r.totp_secret.is_some(),
                        id: r.id,
                        login: r.login,
                        display_name: r.display_name,
                    }
                })
                .collect())
        })
    }

    /// Creates an account; its holder enrols an authenticator at first sign-in.
    pub fn create_staff(&self, admin: &Clerk, new: &NewClerk) -> Result<ClerkId, AppError> {
        require_city(admin, self.city)?;
        require_admin(admin)?;
        if new.tenant != admin.tenant || new.role == Role::Resident {
            return Err(AppError::Forbidden);
        }
        if let Some(code) = password_problem(&new.password, &new.login) {
            return Err(AppError::Refused(code));
        }
        let login = new.login.trim();
        if login.is_empty()
            || login.len() > 254
            || !login.contains('@')
            || new.display_name.trim().is_empty()
        {
            return Err(AppError::Refused(ErrorCode::StaffInvalid));
        }
        self.check_ward(new.ward_code.as_deref())?;
        let id = self.app.create_clerk(new)?;
        self.app.write(|c| {
            self.app.audit(
                c,
                admin,
                AuditEntry::new(AuditAction::StaffCreate)
                    .target_clerk(&id)
                    .detail(json!({ "role": new.role.code() }).to_string()),
            )
        })?;
        Ok(id)
    }

    fn check_ward(&self, ward: Option<&str>) -> Result<(), AppError> {
        let Some(ward) = ward else { return Ok(()) };
        let known = self.app.read(|c| Ok(c.wards_of(self.city)?))?;
        if known.iter().any(|w| w.code == ward) {
            Ok(())
        } else {
            Err(AppError::Refused(ErrorCode::StaffInvalid))
        }
    }

    fn staff_row(
        &self,
        c: &mut dyn RecordsRead,
        admin: &Clerk,
        id: &str,
    ) -> Result<ClerkRecord, AppError> {
        c.find_clerk(&ClerkId::from(id))?
            .filter(|r| r.tenant_id == admin.tenant)
            .ok_or(AppError::NotFound)
    }

    /// Changes an account. Moving it, changing its role or disabling it ends its sessions.
    pub fn update_staff(
        &self,
        admin: &Clerk,
        id: &str,
        change: &StaffChange,
    ) -> Result<(), AppError> {
        require_city(admin, self.city)?;
        require_admin(admin)?;
        let role: Role = change
            .role
            .parse()
            .map_err(|_| AppError::Refused(ErrorCode::StaffInvalid))?;
        if role == Role::Resident || change.display_name.trim().is_empty() {
            return Err(AppError::Refused(ErrorCode::StaffInvalid));
        }
        let post: Option<Post> = match change.post.trim() {
            "" => None,
            code => Some(
                code.parse()
                    .map_err(|_| AppError::Refused(ErrorCode::StaffInvalid))?,
            ),
        };
        let ward = Some(change.ward_code.trim())
            .filter(|w| !w.is_empty())
            .map(str::to_string);
        self.check_ward(ward.as_deref())?;
        if id == admin.id.as_str() && (!change.active || role != Role::Administrator) {
            // An administrator cannot lock themselves out; another one must do it.
            return Err(AppError::Refused(ErrorCode::StaffSelf));
        }
        self.app.write(|c| {
            let row = self.staff_row(c, admin, id)?;
            let dep = c
                .find_department_by_code(
                    &admin.tenant,
                    &DepartmentCode::from(change.department_code.trim()),
                )?
                .ok_or(AppError::Refused(ErrorCode::StaffInvalid))?;
            let access_changed = row.department_id != dep.id
                || row.ward_code != ward
                || row.role != role
                || row.active != change.active;
            let updated = ClerkRecord {
                display_name: change.display_name.trim().to_string(),
                department_id: dep.id.clone(),
                ward_code: ward.clone(),
                role,
                post: post.unwrap_or(row.post),
                active: change.active,
                session_epoch: row.session_epoch + i32::from(access_changed),
                ..row.clone()
            };
            c.update_clerk(&updated)?;
            if access_changed {
                c.delete_sessions_of(&ClerkId::new(id))?;
            }
            let detail = json!({
                "department": [row.department_id, dep.id],
                "ward": [row.ward_code, ward],
                "role": [row.role, role],
                "post": [row.post, post.unwrap_or(row.post)],
                "active": [row.active, change.active],
            });
            self.app.audit(
                c,
                admin,
                AuditEntry::new(AuditAction::StaffUpdate)
                    .target_clerk(&row.id)
                    .detail(detail.to_string()),
            )
        })
    }

    /// Sets a new password (told to the holder out of band) and ends the account's sessions.
    pub fn set_staff_password(
        &self,
        admin: &Clerk,
        id: &str,
        password: &str,
    ) -> Result<(), AppError> {
        require_city(admin, self.city)?;
        require_admin(admin)?;
        let target = self.app.read(|c| self.staff_row(c, admin, id))?;
        if let Some(code) = password_problem(password, &target.login) {
            return Err(AppError::Refused(code));
        }
        let new_hash = hash_password(password)?;
        self.app.write(|c| {
            let row = self.staff_row(c, admin, id)?;
            c.update_clerk(&ClerkRecord {
                password_hash: new_hash.clone(),
                session_epoch: row.session_epoch + 1,
                ..row
            })?;
            c.delete_sessions_of(&target.id)?;
            self.app.audit(
                c,
                admin,
                AuditEntry::new(AuditAction::StaffPassword).target_clerk(&target.id),
            )
        })
    }

    /// Forgets the account's authenticator (a lost phone): the holder enrols a new one at
    /// the next sign-in. Ends its sessions.
    pub fn reset_staff_totp(&self, admin: &Clerk, id: &str) -> Result<(), AppError> {
        require_city(admin, self.city)?;
        require_admin(admin)?;
        self.app.write(|c| {
            let row = self.staff_row(c, admin, id)?;
            c.update_clerk(&ClerkRecord {
                totp_secret: None,
                totp_last_step: None,
                session_epoch: row.session_epoch + 1,
                ..row
            })?;
            c.delete_sessions_of(&ClerkId::new(id))?;
            self.app.audit(
                c,
                admin,
                AuditEntry::new(AuditAction::StaffTotpReset).target_clerk(&ClerkId::from(id)),
            )
        })
    }

    /// Signs the account out everywhere.
    pub fn revoke_staff_sessions(&self, admin: &Clerk, id: &str) -> Result<(), AppError> {
        require_city(admin, self.city)?;
        require_admin(admin)?;
        self.app.write(|c| {
            let row = self.staff_row(c, admin, id)?;
            c.update_clerk(&ClerkRecord {
                session_epoch: row.session_epoch + 1,
                ..row
            })?;
            c.delete_sessions_of(&ClerkId::new(id))?;
            self.app.audit(
                c,
                admin,
                AuditEntry::new(AuditAction::StaffSessionsRevoked).target_clerk(&ClerkId::from(id)),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_long_and_not_the_usual_ones() {
        assert_eq!(
            password_problem("short", "a@b"),
            Some(ErrorCode::PasswordWeak)
        );
        assert_eq!(
            password_problem("Password1234", "a@b"),
            Some(ErrorCode::PasswordWeak)
        );
        assert_eq!(
            password_problem("kacho@sendai.example", "kacho@sendai.example"),
            Some(ErrorCode::PasswordWeak)
        );
        assert_eq!(password_problem("梅雨明けの青葉通りを歩く", "a@b"), None);
        assert_eq!(password_problem("correct horse battery", "a@b"), None);
    }
}
