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
use madoguchi_forms::Form;
use madoguchi_forms::definition::Filing;
use madoguchi_forms::definition::IdentityLevel;
use madoguchi_oidc::{Level, OidcClient, OidcConfig, PendingLogin};
use madoguchi_records::{GuestEmailRecord, IdentityRecord, Records, SignInRecord};

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
    /// When it ends unless the resident is active (the pages warn before).
    pub until: DateTime<Utc>,
    /// Signed in with an account of this service (not at the provider).
    pub account: bool,
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
    ) -> Result<(String, String), AppError> {
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
        let new_token = self.write(|c| {
            let new_token = self.rekey_session_in(c, token)?;
            c.save_identity(&IdentityRecord {
                session_hash: token_hash(&new_token),
                tenant_id: tenant.to_string(),
                issuer: identity.issuer.clone(),
                subject: identity.subject.clone(),
                level: level_code(identity.level).into(),
                acr: identity.acr.clone(),
                authenticated_at: now.naive_utc(),
                expires_at: now.naive_utc() + chrono::Duration::minutes(IDENTITY_TTL_MINUTES),
            })?;
            Ok(new_token)
        })?;
        tracing::info!(level = level_code(identity.level), "resident signed in");
        Ok((started.return_to, new_token))
    }

    /// Forgets the session's identity. The browser then starts a new session (the caller
    /// gives it a new token): on a shared computer, the next person sees nothing of this
    /// one's drafts and filings.
    pub fn sign_out(&self, token: Option<&str>) -> Result<(), AppError> {
        if let Some(token) = token.filter(|t| looks_like_token(t)) {
            self.write(|c| Ok(c.delete_identity(&token_hash(token))?))?;
        }
        Ok(())
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
        c: &mut dyn Records,
        tenant: &TenantId,
        form: &Form,
        data: &serde_json::Value,
        session_hash: Option<&str>,
    ) -> Result<(IdentityGate, Option<IdentityRecord>), AppError> {
        let now = self.now().naive_utc();
        let found = match session_hash {
            Some(hash) => c
                .find_identity(hash, now)?
                .filter(|r| r.tenant_id == tenant.as_str()),
            None => None,
        };
        let needed = form.settings().identity;
        let card = found.as_ref().map(|r| level_of(&r.level)) == Some(IdentityLevel::MyNumberCard);
        if self.config.oidc.is_some() && needed == IdentityLevel::MyNumberCard && !card {
            return Ok((IdentityGate::Card, found));
        }
        if !self.config.require_identity
            || found.is_some()
            || form.settings().filing == Filing::PreEntry
        {
            return Ok((IdentityGate::Open, found));
        }
        if needed != IdentityLevel::None {
            return Ok((IdentityGate::SignIn, found));
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
        c: &mut dyn Records,
        tenant: &TenantId,
        form: &Form,
        data: &serde_json::Value,
        session_hash: Option<&str>,
    ) -> Result<(Option<serde_json::Value>, Option<String>), AppError> {
        let (gate, found) = self.gate_in(c, tenant, form, data, session_hash)?;
        match gate {
            IdentityGate::Open => {}
            IdentityGate::Card => return Err(AppError::ReviewInput(ErrorCode::IdentityRequired)),
            IdentityGate::SignIn => return Err(AppError::ReviewInput(ErrorCode::SignInRequired)),
            IdentityGate::ConfirmEmail { .. } => {
                return Err(AppError::ReviewInput(ErrorCode::EmailUnconfirmed));
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
        c: &mut dyn Records,
        tenant: &TenantId,
        session_hash: &str,
    ) -> Result<Option<String>, AppError> {
        Ok(c.find_identity(session_hash, self.now().naive_utc())?
            .filter(|r| r.tenant_id == tenant.as_str())
            .map(|r| account_key(&r)))
    }

    /// A filing by its arrival number, for the resident who filed it: the same browser
    /// session, or any session signed in as the resident who was signed in when filing.
    /// Anyone else (and a malformed number) gets `NotFound`.
    pub(crate) fn residents_filing(
        &self,
        c: &mut dyn Records,
        tenant: &TenantId,
        token: Option<&str>,
        arrival_number: &str,
    ) -> Result<madoguchi_records::SubmissionRecord, AppError> {
        let token = token
            .filter(|t| looks_like_token(t))
            .ok_or(AppError::NotFound)?;
        let number: madoguchi_core::ArrivalNumber =
            arrival_number.parse().map_err(|_| AppError::NotFound)?;
        let hash = token_hash(token);
        let row = c
            .find_submission_by_arrival_number(tenant.as_str(), number.as_str())?
            .ok_or(AppError::NotFound)?;
        if row.resident_session_hash.as_deref() == Some(hash.as_str()) {
            return Ok(row);
        }
        match (&row.resident_account, self.account_of(c, tenant, &hash)?) {
            (Some(filed_as), Some(now_as)) if *filed_as == now_as => Ok(row),
            _ => Err(AppError::NotFound),
        }
    }

    /// Emails a six-digit code to the contact address in the session's answers for
    /// `procedure_id`, so a guest can confirm it. A code asked for again within a minute is
    /// not sent again (the first is on its way). Returns the address.
    pub fn send_email_code(
        &self,
        tenant: &TenantId,
        token: Option<&str>,
        procedure_id: &str,
    ) -> Result<String, AppError> {
        let token = token
            .filter(|t| looks_like_token(t))
            .ok_or(AppError::DraftMissing)?;
        let hash = token_hash(token);
        let (form, _) = self.procedure(tenant, procedure_id)?;
        let now = self.now().naive_utc();
        let code = format!("{:06}", crate::tokens::random_u64()? % 1_000_000);
        self.write(|c| {
            let email = self.draft_contact_email(c, tenant, &hash, &form)?;
            if let Some(r) = c.find_guest_email(&hash, &email)?
                && (r.verified_at.is_some() || r.created_at > now - chrono::Duration::minutes(1))
            {
                return Ok(email);
            }
            if !crate::accounts::mail_allowed(c, "code", &email, now)? {
                return Ok(email);
            }
            c.save_guest_email(&GuestEmailRecord {
                session_hash: hash.clone(),
                tenant_id: tenant.to_string(),
                email: email.clone(),
                code_hash: code_hash(&hash, &code),
                attempts: 0,
                created_at: now,
                expires_at: now + chrono::Duration::minutes(CODE_TTL_MINUTES),
                verified_at: None,
            })?;
            let (city_ja, city_en) = crate::mail::city_name(c, tenant)?;
            let mark = crate::mail::CODE_MARK;
            let body = format!(
                "「{}」の申請のため、メールアドレスの確認をお願いします。申請の画面に、次の6桁の数字を入力してください(30分間有効です):\n\n{mark}{code}\n\nお心当たりがない場合は、このメールを削除してください。\n\n----\nTo file \"{}\", please confirm your email address: enter the 6 digits above on the application page (valid for 30 minutes).\nIf this was not you, delete this mail.\n{city_en}\n",
                form.title().ja,
                form.title().en,
            );
            let mail = self.outbox_mail(
                tenant,
                None,
                "email_code",
                &email,
                format!("【{city_ja}】確認コード / Your confirmation code"),
                body,
            )?;
            c.enqueue_mail(&mail)?;
            Ok(email)
        })
    }

    /// Checks the code the guest typed. Five wrong tries or 30 minutes use a code up.
    pub fn confirm_email_code(
        &self,
        tenant: &TenantId,
        token: Option<&str>,
        procedure_id: &str,
        code: &str,
    ) -> Result<(), AppError> {
        let token = token
            .filter(|t| looks_like_token(t))
            .ok_or(AppError::DraftMissing)?;
        let hash = token_hash(token);
        let (form, _) = self.procedure(tenant, procedure_id)?;
        // Full-width digits typed with a Japanese keyboard count too.
        let code: String = madoguchi_forms::normalize::ascii_to_halfwidth(code)
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        let now = self.now().naive_utc();
        let invalid = || AppError::ReviewInput(ErrorCode::EmailCodeInvalid);
        let right = self.write(|c| {
            let email = self.draft_contact_email(c, tenant, &hash, &form)?;
            let Some(mut record) = c.find_guest_email(&hash, &email)? else {
                return Err(invalid());
            };
            if record.verified_at.is_some() {
                return Ok(true);
            }
            if record.expires_at <= now || record.attempts >= CODE_TRIES {
                return Err(invalid());
            }
            let right = code.len() == 6 && record.code_hash == code_hash(&hash, &code);
            if right {
                record.verified_at = Some(now);
            } else {
                record.attempts += 1;
            }
            c.save_guest_email(&record)?;
            Ok(right)
        })?;
        if right {
            tracing::info!("guest email confirmed");
            Ok(())
        } else {
            Err(invalid())
        }
    }

    /// The contact address in the session's draft of `form` (lower-cased). Without one a
    /// guest cannot confirm anything: they sign in instead.
    fn draft_contact_email(
        &self,
        c: &mut dyn Records,
        tenant: &TenantId,
        session_hash: &str,
        form: &Form,
    ) -> Result<String, AppError> {
        let (_, data) = self
            .load_draft_data(c, tenant, session_hash, form.id())?
            .ok_or(AppError::DraftMissing)?;
        form.contact_email(&serde_json::Value::Object(data))
            .map(|e| e.trim().to_lowercase())
            .ok_or(AppError::ReviewInput(ErrorCode::SignInRequired))
    }

    /// "Keep me signed in", and any saved step: an account sign-in lasts another hour from
    /// now (never more than 12 hours after it began; a card sign-in keeps its hour).
    /// Returns when it now ends.
    pub fn keep_signed_in(
        &self,
        tenant: &TenantId,
        token: Option<&str>,
    ) -> Result<Option<DateTime<Utc>>, AppError> {
        let Some(token) = token.filter(|t| looks_like_token(t)) else {
            return Ok(None);
        };
        let hash = token_hash(token);
        self.write(|c| self.keep_alive_in(c, tenant, &hash))
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
            .filter(|r| r.tenant_id == tenant.as_str())
        else {
            return Ok(None);
        };
        // The card level is as fresh as the card was read: only account sign-ins last
        // longer with activity.
        if found.issuer != crate::accounts::ACCOUNT_ISSUER {
            return Ok(Some(found.expires_at.and_utc()));
        }
        let until = (now + crate::accounts::SIGN_IN_IDLE)
            .min(found.authenticated_at + crate::accounts::SIGN_IN_MAX);
        if until > found.expires_at {
            c.extend_identity(session_hash, until)?;
            return Ok(Some(until.and_utc()));
        }
        Ok(Some(found.expires_at.and_utc()))
    }
}

/// How a signed-in resident is recorded on what they file.
fn account_key(r: &IdentityRecord) -> String {
    format!("{}|{}", r.issuer, r.subject)
}

/// A guest's code is stored hashed with the session it was sent to.
fn code_hash(session_hash: &str, code: &str) -> String {
    sha256_hex(format!("{session_hash}:{code}").as_bytes())
}

/// A code is tried at most this often…
const CODE_TRIES: i32 = 5;
/// …within this many minutes.
const CODE_TTL_MINUTES: i64 = 30;

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
            until: r.expires_at.and_utc(),
            account: r.issuer == crate::accounts::ACCOUNT_ISSUER,
        }))
}
