//! Who a resident's browser session is signed in as, and what a procedure's identity level asks of it.

use chrono::{DateTime, Duration, Utc};
use madoguchi_core::{ErrorCode, SignInLevel, TenantId};
use madoguchi_forms::Form;
use madoguchi_forms::definition::{Filing, IdentityLevel};
use madoguchi_records::{IdentityRecord, Records, RecordsRead};

use crate::kernel::{App, AppError};

/// The session's identity, for pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedIn {
    pub level: IdentityLevel,
    pub at: DateTime<Utc>,
    /// When it ends unless the resident is active (the pages warn before).
    pub until: DateTime<Utc>,
    /// Signed in with an account of this service (not at the provider).
    pub account: bool,
}

fn level_of(level: SignInLevel) -> IdentityLevel {
    match level {
        SignInLevel::MyNumberCard => IdentityLevel::MyNumberCard,
        SignInLevel::Account => IdentityLevel::Account,
    }
}

/// What a filing still needs before it can be sent (the check page offers it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdentityGate {
    /// Nothing: it can be sent.
    Open,
    /// A guest confirms the contact email with a code (sent already, or not yet).
    ConfirmEmail { email: String, code_sent: bool },
    /// Sign in (an account, or at the provider).
    SignIn,
    /// Confirm with the My Number Card at the provider.
    Card,
}

pub(crate) fn identity_in(
    c: &mut dyn RecordsRead,
    tenant: &TenantId,
    session_hash: &str,
    now: chrono::NaiveDateTime,
) -> Result<Option<SignedIn>, AppError> {
    Ok(c.find_identity(session_hash, now)?
        .filter(|r| r.tenant_id == *tenant)
        .map(|r| SignedIn {
            level: level_of(r.level),
            at: r.authenticated_at.and_utc(),
            until: r.expires_at.and_utc(),
            account: r.issuer == ACCOUNT_ISSUER,
        }))
}

/// How a signed-in resident is recorded on what they file.
pub(crate) fn account_key(r: &IdentityRecord) -> String {
    format!("{}|{}", r.issuer, r.subject)
}

/// What identity a procedure asks of whoever files it online, before anyone signs in:
/// the one rule the start page announces and `gate_in` enforces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdentityNeed {
    /// Nothing online (a procedure finished at a counter, or a deployment without the
    /// identity rule): the counter or the office checks.
    Nothing,
    /// No account: a code emailed to the contact address confirms it (or sign in).
    EmailCode,
    /// An account of this service (or a sign-in at the provider).
    Account,
    /// The My Number Card at the identity provider.
    Card,
}

/// A code is tried at most this often…
pub(crate) const CODE_TRIES: i32 = 5;

impl App {
    /// What identity filing `form` online needs (see [`IdentityNeed`]).
    pub fn identity_need(&self, tenant: &TenantId, form: &Form) -> IdentityNeed {
        let needed = form.settings().identity;
        if self.sign_in_available(tenant) && needed == IdentityLevel::MyNumberCard {
            return IdentityNeed::Card;
        }
        if !self.config.require_identity || form.settings().filing == Filing::PreEntry {
            return IdentityNeed::Nothing;
        }
        if needed != IdentityLevel::None {
            return IdentityNeed::Account;
        }
        IdentityNeed::EmailCode
    }

    /// What the session must still do before it can file `form` with `data`, and who it
    /// signed in as. With a provider configured, a procedure needing the card needs the
    /// card. With `require_identity` (a real deployment), an `account` procedure needs a
    /// signed-in resident (an account, or the provider), and a `none` procedure a signed-in
    /// resident or a guest who confirmed the contact email with a code. Procedures finished
    /// at a counter are checked there. Filings over the API (no session) pass the `none`
    /// rule: their callers answer for the address.
    pub(crate) fn gate_in(
        &self,
        c: &mut dyn RecordsRead,
        tenant: &TenantId,
        form: &Form,
        data: &serde_json::Value,
        session_hash: Option<&str>,
    ) -> Result<(IdentityGate, Option<IdentityRecord>), AppError> {
        let now = self.now().naive_utc();
        let found = match session_hash {
            Some(hash) => c
                .find_identity(hash, now)?
                .filter(|r| r.tenant_id == *tenant),
            None => None,
        };
        let card = found.as_ref().map(|r| level_of(r.level)) == Some(IdentityLevel::MyNumberCard);
        match self.identity_need(tenant, form) {
            IdentityNeed::Card if !card => return Ok((IdentityGate::Card, found)),
            IdentityNeed::Card | IdentityNeed::Nothing => return Ok((IdentityGate::Open, found)),
            _ if found.is_some() => return Ok((IdentityGate::Open, found)),
            IdentityNeed::Account => return Ok((IdentityGate::SignIn, found)),
            IdentityNeed::EmailCode => {}
        }
        let Some(hash) = session_hash else {
            return Ok((IdentityGate::Open, None));
        };
        let Some(email) = form.contact_email(data).map(|e| e.trim().to_lowercase()) else {
            return Ok((IdentityGate::SignIn, None));
        };
        let record = c.find_guest_email(hash, &email)?;
        if record.as_ref().is_some_and(|r| r.verified_at.is_some()) {
            return Ok((IdentityGate::Open, None));
        }
        let code_sent = record.is_some_and(|r| r.expires_at > now && r.attempts < CODE_TRIES);
        Ok((IdentityGate::ConfirmEmail { email, code_sent }, None))
    }

    /// The identity a filing needs, checked inside its transaction (see `gate_in`).
    /// Returns what to record with the filing (JSON), if anyone signed in or confirmed
    /// an email.
    pub(crate) fn identity_for_filing(
        &self,
        c: &mut dyn RecordsRead,
        tenant: &TenantId,
        form: &Form,
        data: &serde_json::Value,
        session_hash: Option<&str>,
    ) -> Result<(Option<serde_json::Value>, Option<String>), AppError> {
        let (gate, found) = self.gate_in(c, tenant, form, data, session_hash)?;
        match gate {
            IdentityGate::Open => {}
            IdentityGate::Card => return Err(AppError::Refused(ErrorCode::IdentityRequired)),
            IdentityGate::SignIn => return Err(AppError::Refused(ErrorCode::SignInRequired)),
            IdentityGate::ConfirmEmail { .. } => {
                return Err(AppError::Refused(ErrorCode::EmailUnconfirmed));
            }
        }
        if let Some(r) = found {
            let account = account_key(&r);
            return Ok((
                Some(serde_json::json!({
                    "identity": { "level": r.level, "issuer": r.issuer, "subject": r.subject, "acr": r.acr }
                })),
                Some(account),
            ));
        }
        let guest = match (session_hash, form.contact_email(data)) {
            (Some(hash), Some(email)) if self.config.require_identity => c
                .find_guest_email(hash, &email.trim().to_lowercase())?
                .filter(|r| r.verified_at.is_some())
                .is_some(),
            _ => false,
        };
        Ok((
            guest.then(
                || serde_json::json!({ "identity": { "level": "guest", "email_confirmed": true } }),
            ),
            None,
        ))
    }

    /// The `issuer|subject` the session is signed in as, if it is.
    pub(crate) fn account_of(
        &self,
        c: &mut dyn RecordsRead,
        tenant: &TenantId,
        session_hash: &str,
    ) -> Result<Option<String>, AppError> {
        Ok(c.find_identity(session_hash, self.now().naive_utc())?
            .filter(|r| r.tenant_id == *tenant)
            .map(|r| account_key(&r)))
    }

    pub(crate) fn keep_alive_in(
        &self,
        c: &mut dyn Records,
        tenant: &TenantId,
        session_hash: &str,
    ) -> Result<Option<DateTime<Utc>>, AppError> {
        let now = self.now().naive_utc();
        let Some(found) = c
            .find_identity(session_hash, now)?
            .filter(|r| r.tenant_id == *tenant)
        else {
            return Ok(None);
        };
        // The card level is as fresh as the card was read: only account sign-ins last
        // longer with activity.
        if found.issuer != ACCOUNT_ISSUER {
            return Ok(Some(found.expires_at.and_utc()));
        }
        let until = (now + SIGN_IN_IDLE).min(found.authenticated_at + SIGN_IN_MAX);
        if until > found.expires_at {
            c.extend_identity(session_hash, until)?;
            return Ok(Some(until.and_utc()));
        }
        Ok(Some(found.expires_at.and_utc()))
    }
}

/// The issuer recorded for sessions signed in with an account of this service.
pub const ACCOUNT_ISSUER: &str = "madoguchi:accounts";

/// An account sign-in lasts this long without activity (each saved step or "keep me
/// signed in" extends it)…
pub(crate) const SIGN_IN_IDLE: Duration = Duration::minutes(60);

/// …and this long at most.
pub(crate) const SIGN_IN_MAX: Duration = Duration::hours(12);
