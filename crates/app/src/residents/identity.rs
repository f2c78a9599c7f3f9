//! Residents' identity through an OpenID Connect provider (the My Number Card's public
//! authentication behind an IdP, or an account): sign-in with a step-up to the card level,
//! tied to the browser session, and the rule that a procedure needing the card is filed
//! only by a session that reached it.
//!
//! When no provider is configured (the demo), procedures needing the card are accepted as
//! before and the office checks identity its own way; with one, the level is enforced.

use chrono::{DateTime, Utc};
use madoguchi_core::ProcedureId;
use madoguchi_core::{ErrorCode, SignInLevel};
use madoguchi_forms::Form;
use madoguchi_forms::definition::IdentityLevel;
use madoguchi_i18n::t;
use madoguchi_oidc::{Level, PendingLogin};
use madoguchi_records::{GuestEmailRecord, IdentityRecord, RecordsRead, SignInRecord};

use super::Residents;
use crate::kernel::identity::CODE_TRIES;
use crate::kernel::identity::identity_in;
use crate::kernel::tokens::{looks_like_token, sha256_hex};
use crate::kernel::{AppError, SignedIn, token_hash};
use crate::notification::mail::{body_in_every_language, subject_in_every_language};
use crate::submission::verified_claims::VerifiedClaims;

/// How long a sign-in counts for the session (the card is asked again after that).
const IDENTITY_TTL_MINUTES: i64 = 60;
/// How long a started sign-in may take at the provider.
const SIGN_IN_TTL_MINUTES: i64 = 15;

fn level_code(level: Level) -> SignInLevel {
    match level {
        Level::Account => SignInLevel::Account,
        Level::MyNumberCard => SignInLevel::MyNumberCard,
    }
}

/// When the provider verified the claims: when the resident authenticated there (the card
/// was read), or now when it does not say.
fn verified_at(identity: &madoguchi_oidc::Identity, now: DateTime<Utc>) -> chrono::NaiveDateTime {
    identity
        .auth_time
        .and_then(|t| DateTime::from_timestamp(t, 0))
        .filter(|t| *t <= now)
        .unwrap_or(now)
        .naive_utc()
}

/// A path on this site (never another site: no open redirect).
fn safe_return(path: &str) -> String {
    if madoguchi_core::is_local_path(path) {
        path.to_string()
    } else {
        "/my".to_string()
    }
}

impl Residents<'_> {
    /// The session's identity, if it signed in (and that has not expired).
    pub fn identity(&self, token: Option<&str>) -> Result<Option<SignedIn>, AppError> {
        let Some(token) = token.filter(|t| looks_like_token(t)) else {
            return Ok(None);
        };
        let now = self.app.now().naive_utc();
        self.app
            .read(|c| identity_in(c, self.city, &token_hash(token), now))
    }

    /// Starts a sign-in at the provider, at `level` (the card: a step-up even when signed
    /// in already). Returns the provider's page to send the browser to.
    pub fn begin_sign_in(
        &self,
        token: &str,
        level: IdentityLevel,
        return_to: &str,
    ) -> Result<String, AppError> {
        if !looks_like_token(token) {
            return Err(AppError::broken("resident session token malformed"));
        }
        let client = self.app.oidc_client(self.city)?;
        let acr = match level {
            IdentityLevel::MyNumberCard => client.config().acr_for(Level::MyNumberCard),
            _ => None,
        };
        let request = client.begin(acr).map_err(|e| {
            tracing::warn!(error = %e, "sign-in could not start");
            AppError::Outside(ErrorCode::SignInUnavailable)
        })?;
        let pending = serde_json::to_string(&request.pending)
            .map_err(|e| AppError::internal("pending sign-in", e))?;
        let now = self.app.now().naive_utc();
        self.app.write(|c| {
            Ok(c.insert_sign_in(&SignInRecord {
                state_hash: sha256_hex(request.pending.state.as_bytes()),
                tenant_id: self.city.clone(),
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
        token: Option<&str>,
        callback_query: &str,
    ) -> Result<(String, String), AppError> {
        let refused = |why: &str| {
            tracing::warn!(why, "resident sign-in refused");
            AppError::Refused(ErrorCode::SignInFailed)
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
        let now = self.app.now().naive_utc();
        let started = self
            .app
            .write(|c| Ok(c.take_sign_in(&sha256_hex(state.as_bytes()))?))?
            .filter(|s| s.tenant_id == *self.city && s.expires_at > now)
            .ok_or_else(|| refused("unknown, used or expired state"))?;
        if started.session_hash != token_hash(token) {
            return Err(refused("another session's sign-in"));
        }
        let pending: PendingLogin = serde_json::from_str(&started.pending)
            .map_err(|e| AppError::internal("pending sign-in", e))?;
        let client = self.app.oidc_client(self.city)?;
        let identity = client.finish(&pending, callback_query).map_err(|e| {
            tracing::warn!(error = %e, "resident sign-in failed");
            AppError::Refused(ErrorCode::SignInFailed)
        })?;
        let now = self.app.now();
        // The provider's verified claims are kept only from the card (an account's name is
        // what the resident typed at the provider, not verified).
        let claims = (identity.level == Level::MyNumberCard)
            .then(|| VerifiedClaims::of(&identity))
            .flatten();
        let new_token = self.app.write(|c| {
            let new_token = self.rekey_session_in(c, token)?;
            c.save_identity(&IdentityRecord {
                session_hash: token_hash(&new_token),
                tenant_id: self.city.clone(),
                issuer: identity.issuer.clone(),
                subject: identity.subject.clone(),
                level: level_code(identity.level),
                acr: identity.acr.clone(),
                authenticated_at: now.naive_utc(),
                expires_at: now.naive_utc() + chrono::Duration::minutes(IDENTITY_TTL_MINUTES),
                verified_claims: claims.as_ref().map(VerifiedClaims::to_json),
                claims_verified_at: claims.as_ref().map(|_| verified_at(&identity, now)),
            })?;
            Ok(new_token)
        })?;
        tracing::info!(
            level = level_code(identity.level).code(),
            "resident signed in"
        );
        Ok((started.return_to, new_token))
    }

    /// Forgets the session's identity. The browser then starts a new session (the caller
    /// gives it a new token): on a shared computer, the next person sees nothing of this
    /// one's drafts and filings.
    pub fn sign_out(&self, token: Option<&str>) -> Result<(), AppError> {
        if let Some(token) = token.filter(|t| looks_like_token(t)) {
            self.app
                .write(|c| Ok(c.delete_identity(&token_hash(token))?))?;
        }
        Ok(())
    }

    /// Emails a six-digit code to the contact address in the session's answers for
    /// `procedure_id`, so a guest can confirm it. A code asked for again within a minute is
    /// not sent again (the first is on its way). Returns the address.
    pub fn send_email_code(
        &self,
        token: Option<&str>,
        procedure_id: &ProcedureId,
    ) -> Result<String, AppError> {
        let token = token
            .filter(|t| looks_like_token(t))
            .ok_or(AppError::DraftMissing)?;
        let hash = token_hash(token);
        let (form, _) = self.app.procedure(self.city, procedure_id)?;
        let now = self.app.now().naive_utc();
        let code = format!("{:06}", crate::kernel::tokens::random_u64()? % 1_000_000);
        self.app.write(|c| {
            let email = self.draft_contact_email(c, &hash, &form)?;
            if let Some(r) = c.find_guest_email(&hash, &email)?
                && (r.verified_at.is_some() || r.created_at > now - chrono::Duration::minutes(1))
            {
                return Ok(email);
            }
            if !super::accounts::mail_allowed(c, "code", &email, now)? {
                return Ok(email);
            }
            c.save_guest_email(&GuestEmailRecord {
                session_hash: hash.clone(),
                tenant_id: self.city.clone(),
                email: email.clone(),
                code_hash: code_hash(&hash, &code),
                attempts: 0,
                created_at: now,
                expires_at: now + chrono::Duration::minutes(CODE_TTL_MINUTES),
                verified_at: None,
            })?;
            let city = crate::kernel::municipality::city_name(c, self.city)?;
            let code = format!("{}{code}", crate::notification::mail::code_mark());
            let mail = self.app.outbox_mail(
                self.city,
                None,
                madoguchi_core::MailKind::EmailCode,
                &email,
                subject_in_every_language(|lang| {
                    t!(lang, mail_code_subject, city = city.get(lang))
                }),
                body_in_every_language(|lang| {
                    t!(
                        lang,
                        mail_code_body,
                        title = form.title().get(lang),
                        code = &code,
                        city = city.get(lang),
                    )
                }),
            )?;
            c.enqueue_mail(&mail)?;
            Ok(email)
        })
    }

    /// Checks the code the guest typed. Five wrong tries or 30 minutes use a code up.
    pub fn confirm_email_code(
        &self,
        token: Option<&str>,
        procedure_id: &ProcedureId,
        code: &str,
    ) -> Result<(), AppError> {
        let token = token
            .filter(|t| looks_like_token(t))
            .ok_or(AppError::DraftMissing)?;
        let hash = token_hash(token);
        let (form, _) = self.app.procedure(self.city, procedure_id)?;
        // Full-width digits typed with a Japanese keyboard count too.
        let code: String = madoguchi_forms::normalize::ascii_to_halfwidth(code)
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        let now = self.app.now().naive_utc();
        let invalid = || AppError::Refused(ErrorCode::EmailCodeInvalid);
        let right = self.app.write(|c| {
            let email = self.draft_contact_email(c, &hash, &form)?;
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
        c: &mut dyn RecordsRead,
        session_hash: &str,
        form: &Form,
    ) -> Result<String, AppError> {
        let (_, data) = self
            .app
            .load_draft_data(c, self.city, session_hash, &form.procedure_id())?
            .ok_or(AppError::DraftMissing)?;
        form.contact_email(&serde_json::Value::Object(data))
            .map(|e| e.trim().to_lowercase())
            .ok_or(AppError::Refused(ErrorCode::SignInRequired))
    }

    /// "Keep me signed in", and any saved step: an account sign-in lasts another hour from
    /// now (never more than 12 hours after it began; a card sign-in keeps its hour).
    /// Returns when it now ends.
    pub fn keep_signed_in(&self, token: Option<&str>) -> Result<Option<DateTime<Utc>>, AppError> {
        let Some(token) = token.filter(|t| looks_like_token(t)) else {
            return Ok(None);
        };
        let hash = token_hash(token);
        self.app
            .write(|c| self.app.keep_alive_in(c, self.city, &hash))
    }
}

/// A guest's code is stored hashed with the session it was sent to.
fn code_hash(session_hash: &str, code: &str) -> String {
    sha256_hex(format!("{session_hash}:{code}").as_bytes())
}

/// …within this many minutes.
const CODE_TTL_MINUTES: i64 = 30;
