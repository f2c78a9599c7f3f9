//! A department's integrations with its own systems (core systems, case systems): API
//! tokens and webhooks, both managed by the department's authors.
//!
//! A token is `mdg_` and 43 random characters, shown once; only its SHA-256 is kept. It
//! acts for the department as the author who made it, so it stops working when that author
//! leaves the role or the department, and everything it does is audited under that author
//! with the token named. Read tokens list and read the department's procedures and its
//! filings (status, answers in the documented layout, files); write tokens also change
//! working copies, publish and retire.

mod filings;
mod webhooks;

use madoguchi_core::TenantId;

use crate::kernel::staff::{require_author, require_city};
use chrono::{DateTime, Utc};
use madoguchi_core::ProcedureId;
use madoguchi_core::{ApiTokenId, ClerkId, DepartmentCode, ErrorCode, SubmissionId};
use madoguchi_records::ApiTokenRecord;
use madoguchi_workflow::{Role, State};

use crate::kernel::audit::AuditEntry;
use crate::kernel::tokens::looks_like_token;
use crate::kernel::{App, AppError, Clerk, new_token, token_hash};
use madoguchi_core::AuditAction;

pub use filings::{FilingSummary, FilingsPage, FilingsQuery, MAX_PAGE};
pub use webhooks::{
    DeliveryReport as WebhookReport, HookAttempt, HookSender, WebhookDelivery, WebhookView,
    sign_payload,
};

const TOKEN_PREFIX: &str = "mdg_";

/// A city's departments' integrations: their API tokens (made, listed, revoked, and read
/// back from a request's bearer) and webhooks. Reached as `app.integrations(&city)`; a
/// clerk, token or webhook of another city is "not found" (a token: invalid) through it.
/// The delivery of due webhooks, which runs for every city, is `App::deliver_due_webhooks`.
#[derive(Clone, Copy, Debug)]
pub struct Integrations<'a> {
    app: &'a App,
    city: &'a TenantId,
}

impl App {
    /// The integrations of `city`'s departments.
    pub fn integrations<'a>(&'a self, city: &'a TenantId) -> Integrations<'a> {
        Integrations { app: self, city }
    }
}

/// A token as its department sees it (never the secret).
#[derive(Clone, Debug)]
pub struct ApiTokenView {
    pub id: ApiTokenId,
    pub name: String,
    pub can_write: bool,
    pub created_by: ClerkId,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A token just made: the secret is shown this once.
#[derive(Clone, Debug)]
pub struct NewApiToken {
    pub id: ApiTokenId,
    pub secret: String,
}

/// A request's token, checked: the department it acts for, as the author who made it.
#[derive(Clone, Debug)]
pub struct ApiClient {
    pub token_id: ApiTokenId,
    pub token_name: String,
    pub can_write: bool,
    pub department_code: DepartmentCode,
    clerk: Clerk,
}

impl ApiClient {
    /// The author the token acts as, for reading.
    pub fn reader(&self) -> &Clerk {
        &self.clerk
    }

    /// The author the token acts as, for a change: refused for a read-only token.
    pub fn writer(&self) -> Result<&Clerk, AppError> {
        if self.can_write {
            Ok(&self.clerk)
        } else {
            Err(AppError::Refused(ErrorCode::ApiTokenReadOnly))
        }
    }
}

fn clean_name(name: &str) -> Result<String, AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 60 || name.chars().any(char::is_control) {
        return Err(AppError::Refused(ErrorCode::TokenNameInvalid));
    }
    Ok(name.to_string())
}

fn view(r: ApiTokenRecord) -> ApiTokenView {
    ApiTokenView {
        id: r.id,
        name: r.name,
        can_write: r.can_write,
        created_by: r.created_by,
        created_at: r.created_at.and_utc(),
        last_used_at: r.last_used_at.map(|t| t.and_utc()),
        revoked_at: r.revoked_at.map(|t| t.and_utc()),
    }
}

impl Integrations<'_> {
    /// The department's tokens, revoked ones too, oldest first.
    pub fn api_tokens(&self, clerk: &Clerk) -> Result<Vec<ApiTokenView>, AppError> {
        require_city(clerk, self.city)?;
        require_author(clerk)?;
        self.app.read(|c| {
            let department = self.app.department_code(c, clerk)?;
            Ok(c.api_tokens(&clerk.tenant, &department)?
                .into_iter()
                .map(view)
                .collect())
        })
    }

    /// Makes a token for the clerk's department (audited); its secret is returned once.
    pub fn create_api_token(
        &self,
        clerk: &Clerk,
        name: &str,
        can_write: bool,
    ) -> Result<NewApiToken, AppError> {
        require_city(clerk, self.city)?;
        require_author(clerk)?;
        let name = clean_name(name)?;
        let secret = format!("{TOKEN_PREFIX}{}", new_token()?);
        let id = ApiTokenId::new(uuid::Uuid::now_v7().to_string());
        let now = self.app.now().naive_utc();
        self.app.write(|c| {
            let department = self.app.department_code(c, clerk)?;
            c.insert_api_token(&ApiTokenRecord {
                id: id.clone(),
                tenant_id: clerk.tenant.clone(),
                department_code: department,
                name: name.clone(),
                can_write,
                secret_hash: token_hash(&secret),
                created_by: clerk.id.clone(),
                created_at: now,
                last_used_at: None,
                revoked_at: None,
            })?;
            let detail =
                serde_json::json!({ "token": id, "name": name, "write": can_write }).to_string();
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::ApiTokenCreated).detail(detail),
            )
        })?;
        Ok(NewApiToken { id, secret })
    }

    /// Revokes a token of the clerk's department at once (audited); 404 for another
    /// department's or an already revoked one.
    pub fn revoke_api_token(&self, clerk: &Clerk, id: &str) -> Result<(), AppError> {
        require_city(clerk, self.city)?;
        require_author(clerk)?;
        let now = self.app.now().naive_utc();
        self.app.write(|c| {
            let department = self.app.department_code(c, clerk)?;
            if !c.revoke_api_token(&ApiTokenId::from(id), &clerk.tenant, &department, now)? {
                return Err(AppError::NotFound);
            }
            let detail = serde_json::json!({ "token": id }).to_string();
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::ApiTokenRevoked).detail(detail),
            )
        })
    }

    /// The client a bearer token stands for: 401 (`api_token_invalid`) when it is unknown,
    /// revoked, another city's (no token here), or its author no longer writes for that
    /// department.
    pub fn api_client(&self, bearer: &str) -> Result<ApiClient, AppError> {
        let invalid = || AppError::Refused(ErrorCode::ApiTokenInvalid);
        let secret = bearer.strip_prefix(TOKEN_PREFIX).ok_or_else(invalid)?;
        if !looks_like_token(secret) {
            return Err(invalid());
        }
        let now = self.app.now().naive_utc();
        let (client, last_used) = self.app.read(|c| {
            let token = c
                .find_api_token(&token_hash(bearer))?
                .filter(|t| t.revoked_at.is_none() && t.tenant_id == *self.city)
                .ok_or_else(invalid)?;
            let clerk = self
                .app
                .load_clerk(c, &token.created_by)?
                .filter(|k| k.role == Role::Author && k.tenant == token.tenant_id)
                .ok_or_else(invalid)?;
            if self.app.department_code(c, &clerk)? != token.department_code {
                return Err(invalid());
            }
            let last_used = token.last_used_at;
            let client = ApiClient {
                token_id: token.id.clone(),
                token_name: token.name.clone(),
                can_write: token.can_write,
                department_code: token.department_code,
                clerk: Clerk {
                    via_token: Some(token.id),
                    ..clerk
                },
            };
            Ok((client, last_used))
        })?;
        // Once a minute is enough to say when a token was last used.
        if last_used.is_none_or(|t| now - t > chrono::Duration::minutes(1)) {
            self.app
                .write_atomic(|c| Ok(c.touch_api_token(&client.token_id, now)?))?;
        }
        Ok(client)
    }
}

/// A filing's status for the department's systems: where it stands and its history (no
/// answers: those stay in the back office).
#[derive(Clone, Debug, serde::Serialize)]
pub struct SubmissionStatus {
    pub id: SubmissionId,
    pub arrival_number: String,
    pub procedure_id: ProcedureId,
    pub state: State,
    pub arrived_at: DateTime<Utc>,
    pub due_on: Option<chrono::NaiveDate>,
    pub updated_at: DateTime<Utc>,
    pub history: Vec<StatusEvent>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct StatusEvent {
    pub at: DateTime<Utc>,
    pub action: madoguchi_core::HistoryAction,
    pub from_state: Option<State>,
    pub to_state: State,
}

impl Integrations<'_> {
    /// The status of one of the department's filings (by id or arrival number); 404 for
    /// another department's.
    pub fn department_submission(
        &self,
        clerk: &Clerk,
        id: &str,
    ) -> Result<SubmissionStatus, AppError> {
        require_city(clerk, self.city)?;
        require_author(clerk)?;
        self.app.read(|c| {
            let row = self.departments_filing(c, clerk, id)?;
            let history = c
                .events(self.city, &row.id)?
                .into_iter()
                .map(|e| StatusEvent {
                    at: e.at.and_utc(),
                    action: e.action,
                    from_state: e.from_state,
                    to_state: e.to_state,
                })
                .collect();
            Ok(SubmissionStatus {
                id: row.id,
                arrival_number: row.arrival_number,
                procedure_id: row.procedure_id,
                state: row.state,
                arrived_at: row.arrived_at.and_utc(),
                due_on: row.due_on,
                updated_at: row.updated_at.and_utc(),
                history,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_short_and_printable() {
        assert_eq!(
            clean_name("  基幹システム連携 ").unwrap(),
            "基幹システム連携"
        );
        for bad in ["", "   ", "a\nb", &"x".repeat(61)] {
            assert!(clean_name(bad).is_err(), "{bad:?}");
        }
    }
}
