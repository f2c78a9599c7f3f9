//! Residents' identity through an OpenID Connect provider (the My Number Card's public
//! authentication behind an IdP, or an account): sign-in with a step-up to the card level,
//! tied to the browser session, and the rule that a procedure needing the card is filed
//! only by a session that reached it.
//!
//! When no provider is configured (the demo), procedures needing the card are accepted as
//! before and the office checks identity its own way; with one, the level is enforced.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use madoguchi_core::{ErrorCode, TenantId};
use madoguchi_forms::definition::IdentityLevel;
use madoguchi_oidc::{Level, OidcClient, OidcConfig, PendingLogin};
use madoguchi_records::{IdentityRecord, Records, SignInRecord};

use crate::tokens::{looks_like_token, sha256_hex, token_hash};
use crate::{App, AppError};

/// How long a sign-in counts for the session (the card is asked again after that).
const IDENTITY_TTL_MINUTES: i64 = 60;
/// How long a started sign-in may take at the provider.
const SIGN_IN_TTL_MINUTES: i64 = 15;

/// The OIDC client, discovered on first use (the provider may start after us) and dropped
/// off the async runtime (it owns a blocking HTTP client).
#[derive(Default)]
pub(crate) struct OidcSlot(Mutex<Option<Arc<OidcClient>>>);

impl Drop for OidcSlot {
    fn drop(&mut self) {
        if let Ok(mut slot) = self.0.lock()
            && let Some(client) = slot.take()
        {
            let _ = std::thread::Builder::new()
                .name("oidc-client-drop".into())
                .spawn(move || drop(client));
        }
    }
}

/// The session's identity, for pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedIn {
    pub level: IdentityLevel,
    pub at: DateTime<Utc>,
}

fn level_code(level: Level) -> &'static str {
    match level {
        Level::Account => "account",
        Level::MyNumberCard => "my_number_card",
    }
}

fn level_of(code: &str) -> IdentityLevel {
    match code {
        "my_number_card" => IdentityLevel::MyNumberCard,
        _ => IdentityLevel::Account,
    }
}

/// A path on this site (never another site: no open redirect).
fn safe_return(path: &str) -> String {
    if madoguchi_core::is_local_path(path) {
        path.to_string()
    } else {
        "/my".to_string()
    }
}

impl App {
    /// Residents can sign in (a provider is configured).
    pub fn sign_in_available(&self) -> bool {
        self.config.oidc.is_some()
    }

    fn oidc(&self) -> Result<Arc<OidcClient>, AppError> {
        let config: &OidcConfig = self.config.oidc.as_ref().ok_or(AppError::NotFound)?;
        let mut slot = self
            .oidc
            .0
            .lock()
            .map_err(|_| AppError::Internal("oidc slot poisoned".into()))?;
        if let Some(client) = slot.as_ref() {
            return Ok(Arc::clone(client));
        }
        let client = Arc::new(OidcClient::discover(config.clone()).map_err(|e| {
            tracing::warn!(error = %e, "identity provider unavailable");
            AppError::Outside(ErrorCode::SignInUnavailable)
        })?);
        *slot = Some(Arc::clone(&client));
        Ok(client)
    }

    /// The session's identity, if it signed in (and that has not expired).
    pub fn identity(
        &self,
        tenant: &TenantId,
        token: Option<&str>,
    ) -> Result<Option<SignedIn>, AppError> {
        let Some(token) = token.filter(|t| looks_like_token(t)) else {
            return Ok(None);
        };
        let now = self.now().naive_utc();
        self.read(|c| identity_in(c, tenant, &token_hash(token), now))
    }

    /// Starts a sign-in at the provider, at `level` (the card: a step-up even when signed
    /// in already). Returns the provider's page to send the browser to.
    pub fn begin_sign_in(
        &self,
        tenant: &TenantId,
        token: &str,
        level: IdentityLevel,
        return_to: &str,
    ) -> Result<String, AppError> {
        if !looks_like_token(token) {
            return Err(AppError::Internal(
                "resident session token malformed".into(),
            ));
        }
        let client = self.oidc()?;
        let acr = match level {
            IdentityLevel::MyNumberCard => client.config().acr_for(Level::MyNumberCard),
            _ => None,
        };
        let request = client.begin(acr).map_err(|e| {
            tracing::warn!(error = %e, "sign-in could not start");
            AppError::Outside(ErrorCode::SignInUnavailable)
        })?;
        let pending = serde_json::to_string(&request.pending)
            .map_err(|e| AppError::Internal(format!("pending sign-in: {e}")))?;
        let now = self.now().naive_utc();
        self.write(|c| {
            Ok(c.insert_sign_in(&SignInRecord {
                state_hash: sha256_hex(request.pending.state.as_bytes()),
                tenant_id: tenant.to_string(),
                session_hash: token_hash(token),
                pending,
                return_to: safe_return(return_to),
                created_at: now,
                expires_at: now + chrono::Duration::minutes(SIGN_IN_TTL_MINUTES),
            })?)
        })?;
        Ok(request.url)
    }

    /// The provider sent the browser back: checks it is the same session that started
    /// (a sign-in cannot be planted in another browser), that the state is used once, and
    /// the code and ID token (in the OIDC client). Returns where to go next.
    pub fn finish_sign_in(
        &self,
        tenant: &TenantId,
        token: Option<&str>,
        callback_query: &str,
    ) -> Result<String, AppError> {
        let refused = |why: &str| {
            tracing::warn!(why, "resident sign-in refused");
            AppError::ReviewInput(ErrorCode::SignInFailed)
        };
        let token = token
            .filter(|t| looks_like_token(t))
            .ok_or_else(|| refused("no session"))?;
        let state = serde_urlencoded::from_str::<Vec<(String, String)>>(
            callback_query.trim_start_matches('?'),
        )
        .ok()
        .and_then(|pairs| {
            pairs
                .into_iter()
                .find(|(k, _)| k == "state")
                .map(|(_, v)| v)
        })
        .ok_or_else(|| refused("no state"))?;
        let now = self.now().naive_utc();
        let started = self
            .write(|c| Ok(c.take_sign_in(&sha256_hex(state.as_bytes()))?))?
            .filter(|s| s.tenant_id == tenant.as_str() && s.expires_at > now)
            .ok_or_else(|| refused("unknown, used or expired state"))?;
        if started.session_hash != token_hash(token) {
            return Err(refused("another session's sign-in"));
        }
        let pending: PendingLogin = serde_json::from_str(&started.pending)
            .map_err(|e| AppError::Internal(format!("pending sign-in: {e}")))?;
        let client = self.oidc()?;
        let identity = client.finish(&pending, callback_query).map_err(|e| {
            tracing::warn!(error = %e, "resident sign-in failed");
            AppError::ReviewInput(ErrorCode::SignInFailed)
        })?;
        let now = self.now();
        self.write(|c| {
            Ok(c.save_identity(&IdentityRecord {
                session_hash: started.session_hash.clone(),
                tenant_id: tenant.to_string(),
                issuer: identity.issuer.clone(),
                subject: identity.subject.clone(),
                level: level_code(identity.level).into(),
                acr: identity.acr.clone(),
                authenticated_at: now.naive_utc(),
                expires_at: now.naive_utc() + chrono::Duration::minutes(IDENTITY_TTL_MINUTES),
            })?)
        })?;
        tracing::info!(level = level_code(identity.level), "resident signed in");
        Ok(started.return_to)
    }

    /// Forgets the session's identity.
    pub fn sign_out(&self, token: Option<&str>) -> Result<(), AppError> {
        if let Some(token) = token.filter(|t| looks_like_token(t)) {
            self.write(|c| Ok(c.delete_identity(&token_hash(token))?))?;
        }
        Ok(())
    }

    /// The identity a filing needs, checked inside its transaction: with a provider
    /// configured, a procedure needing the card is filed only by a session signed in with
    /// it. Returns what to record with the filing (JSON), if anyone signed in.
    pub(crate) fn identity_for_filing(
        &self,
        c: &mut dyn Records,
        tenant: &TenantId,
        needed: IdentityLevel,
        session_hash: Option<&str>,
    ) -> Result<Option<serde_json::Value>, AppError> {
        let now = self.now().naive_utc();
        let found = match session_hash {
            Some(hash) => c
                .find_identity(hash, now)?
                .filter(|r| r.tenant_id == tenant.as_str()),
            None => None,
        };
        if self.config.oidc.is_some()
            && needed == IdentityLevel::MyNumberCard
            && found.as_ref().map(|r| level_of(&r.level)) != Some(IdentityLevel::MyNumberCard)
        {
            return Err(AppError::ReviewInput(ErrorCode::IdentityRequired));
        }
        Ok(found.map(|r| {
            serde_json::json!({
                "identity": { "level": r.level, "issuer": r.issuer, "subject": r.subject, "acr": r.acr }
            })
        }))
    }
}

fn identity_in(
    c: &mut dyn Records,
    tenant: &TenantId,
    session_hash: &str,
    now: chrono::NaiveDateTime,
) -> Result<Option<SignedIn>, AppError> {
    Ok(c.find_identity(session_hash, now)?
        .filter(|r| r.tenant_id == tenant.as_str())
        .map(|r| SignedIn {
            level: level_of(&r.level),
            at: r.authenticated_at.and_utc(),
        }))
}
