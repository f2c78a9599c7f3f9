//! Clerk sign-in and sessions.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use chrono::Duration;
use madoguchi_core::{ClerkId, DepartmentId, Localized, TenantId};
use madoguchi_records::{ClerkSessionRecord, Records};
use madoguchi_workflow::Role;

use crate::tokens::{looks_like_token, new_token, token_hash};
use crate::{App, AppError};

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
}

/// A ward (区) by local-government code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ward {
    pub code: String,
    pub name: Localized,
}

/// A new session: the token goes to the browser (cookie), only its hash is stored.
#[derive(Clone)]
pub struct ClerkSession {
    pub token: String,
    pub clerk: Clerk,
}

impl std::fmt::Debug for ClerkSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClerkSession")
            .field("clerk", &self.clerk.login)
            .finish_non_exhaustive()
    }
}

/// Activity refreshes a session at most this often (one write per window, not per request).
const TOUCH_EVERY: Duration = Duration::minutes(5);

pub(crate) fn hash_password(password: &str) -> Result<String, AppError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("password hashing failed: {e}")))
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A real argon2id hash of a random password, checked when the login is unknown so that
/// "no such clerk" takes as long as "wrong password".
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| {
        let password = new_token().unwrap_or_else(|_| "dummy password for timing".into());
        hash_password(&password).unwrap_or_default()
    })
}

impl App {
    /// Signs a clerk in. Unknown logins, wrong passwords and disabled accounts all answer
    /// the same `LoginFailed`, after the same amount of work.
    pub fn login(&self, login: &str, password: &str) -> Result<ClerkSession, AppError> {
        let login = login.trim();
        if login.is_empty() || password.is_empty() || login.len() > 254 || password.len() > 1024 {
            return Err(AppError::LoginFailed);
        }
        let row = self.read(|conn| Ok(conn.find_clerk_by_login(login)?))?;
        let ok = match &row {
            Some(r) => verify_password(password, &r.password_hash) && r.active,
            None => {
                let _ = verify_password(password, dummy_hash());
                false
            }
        };
        let Some(row) = row.filter(|_| ok) else {
            tracing::info!(login_len = login.len(), "clerk sign-in refused");
            return Err(AppError::LoginFailed);
        };
        let token = new_token()?;
        let now = self.now().naive_utc();
        let clerk = self.write(|conn| {
            conn.insert_session(&ClerkSessionRecord {
                token_hash: token_hash(&token),
                clerk_id: row.id.clone(),
                created_at: now,
                last_seen_at: now,
                expires_at: now + self.config.clerk_session_ttl,
            })?;
            self.load_clerk(conn, &row.id)?.ok_or(AppError::LoginFailed)
        })?;
        tracing::info!(clerk = %clerk.id, "clerk signed in");
        Ok(ClerkSession { token, clerk })
    }

    /// The clerk a session token belongs to, if the session is live.
    pub fn clerk_for_session(&self, token: &str) -> Result<Option<Clerk>, AppError> {
        if !looks_like_token(token) {
            return Ok(None);
        }
        let now = self.now().naive_utc();
        let hash = token_hash(token);
        self.read(|conn| {
            let Some(session) = conn.find_live_session(&hash, now)? else {
                return Ok(None);
            };
            if now - session.last_seen_at > TOUCH_EVERY {
                conn.touch_session(&hash, now, now + self.config.clerk_session_ttl)?;
            }
            self.load_clerk(conn, &session.clerk_id)
        })
    }

    pub fn logout(&self, token: &str) -> Result<(), AppError> {
        if !looks_like_token(token) {
            return Ok(());
        }
        self.read(|conn| Ok(conn.delete_session(&token_hash(token))?))
    }

    fn load_clerk(&self, conn: &mut dyn Records, id: &str) -> Result<Option<Clerk>, AppError> {
        let Some(row) = conn.find_clerk(id)?.filter(|r| r.active) else {
            return Ok(None);
        };
        let department = conn
            .find_department(&row.department_id)?
            .ok_or_else(|| AppError::Internal(format!("clerk {} has no department", row.id)))?;
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
        let role = row
            .role
            .parse()
            .map_err(|e| AppError::Internal(format!("clerk {}: {e}", row.id)))?;
        Ok(Some(Clerk {
            ward,
            role,
            id: ClerkId::new(row.id),
            tenant: TenantId::new(row.tenant_id),
            department: DepartmentId::new(row.department_id),
            department_name: Localized::new(department.name_ja, department.name_en),
            display_name: row.display_name,
            login: row.login,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let hash = hash_password("correct horse battery staple").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery staple", &hash));
        assert!(!verify_password("wrong", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn the_dummy_hash_is_a_real_hash() {
        assert!(PasswordHash::new(dummy_hash()).is_ok());
        assert!(!verify_password("", dummy_hash()));
    }
}
