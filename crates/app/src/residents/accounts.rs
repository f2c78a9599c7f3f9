//! Residents' own accounts, optional: an email address and a password (argon2id, the
//! password rule in `passwords`), confirmed by an emailed link, reset by an emailed link,
//! with failed sign-ins throttled per account and per address. A signed-in account is the
//! session's identity at the `account` level (the same record an OpenID Connect sign-in
//! makes), so procedures at that level can be filed.
//!
//! Nothing here tells a stranger whether an address has an account: registering a taken
//! address and asking to reset an unknown one answer like the real thing, and the mail
//! says what happened.

use chrono::Duration;
use madoguchi_core::{AccountId, AccountLinkPurpose, ErrorCode, SignInLevel, jst};
use madoguchi_i18n::t;
use madoguchi_records::{AccountLinkRecord, AccountRecord, IdentityRecord, Records, RecordsRead};

use super::Residents;
use crate::kernel::identity::SIGN_IN_IDLE;
use crate::kernel::municipality::city_name;
use crate::kernel::passwords::password_problem;
use crate::kernel::passwords::{dummy_hash, hash_password, verify_password};
use crate::kernel::throttle::GuessLimits;
use crate::kernel::tokens::{looks_like_token, sha256_hex};
use crate::kernel::{ACCOUNT_ISSUER, AppError, THROTTLE_WINDOW, new_token, token_hash};
use crate::notification::mail::{body_in_every_language, subject_in_every_language};

/// An address-confirmation link works this long…
const VERIFY_TTL: Duration = Duration::hours(24);
/// …a password-reset link this long.
const RESET_TTL: Duration = Duration::hours(1);
/// Failed sign-ins counted over `THROTTLE_WINDOW`: 5 for an account from one address, 30
/// for an account from all addresses, 50 from one address (a household or a library
/// shares one). See [`crate::kernel::throttle`]: one address cannot pause an account.
const SIGN_IN_LIMITS: GuessLimits = GuessLimits {
    per_client: 5,
    per_thing: 30,
    per_address: 50,
};

/// Mails of one purpose (confirmation, reset, code) to one address: at most this many per
/// window (someone else typing the address cannot flood it, nor use up the owner's reset
/// mails with codes; the pages answer the same either way).
const MAX_MAILS_PER_ADDRESS: i64 = 5;

/// The signed-in account, for the account page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountView {
    pub email: String,
}

fn normalize_email(email: &str) -> Result<String, AppError> {
    let email = email.trim().to_lowercase();
    if email.len() > 254 || !madoguchi_forms::formats::is_email(&email) {
        return Err(AppError::Refused(ErrorCode::EmailInvalid));
    }
    Ok(email)
}

/// Throttling keys: hashed, and apart from the staff sign-in's.
fn throttle_key(kind: &str, value: &str) -> String {
    sha256_hex(format!("resident-{kind}:{}", value.trim().to_lowercase()).as_bytes())
}

/// Whether another account or code mail may go to `email` now (and counts it if so).
pub(crate) fn mail_allowed(
    c: &mut dyn Records,
    purpose: &str,
    email: &str,
    now: chrono::NaiveDateTime,
) -> Result<bool, AppError> {
    let key = throttle_key(&format!("mail-{purpose}"), email);
    if c.count_login_failures("login", &key, now - THROTTLE_WINDOW)? >= MAX_MAILS_PER_ADDRESS {
        tracing::warn!("account mails to one address paused");
        return Ok(false);
    }
    c.record_login_failure("login", &key, now)?;
    Ok(true)
}

impl Residents<'_> {
    /// Opens an account and emails the confirmation link. A taken address answers the same
    /// (the mail tells its owner someone tried); a weak password or a malformed address is
    /// refused with the field's error.
    pub fn register_account(
        &self,
        email: &str,
        password: &str,
        next: &str,
        session_token: Option<&str>,
    ) -> Result<(), AppError> {
        let email = normalize_email(email)?;
        let session = session_token
            .filter(|t| looks_like_token(t))
            .map(token_hash);
        let session = session.as_deref();
        if let Some(code) = password_problem(password, &email) {
            return Err(AppError::Refused(code));
        }
        let hash = hash_password(password)?;
        let now = self.app.now().naive_utc();
        self.app.write(|c| {
            if let Some(existing) = c.find_account_by_email(self.city, &email)? {
                // Not confirmed yet: whoever registers again chooses the password (someone
                // who registered another's address first gains nothing), and a new link
                // replaces the old ones.
                if existing.verified_at.is_none() {
                    c.set_account_password(&existing.id, &hash, now)?;
                    return self.send_verify_link(c, &existing, next, session);
                }
                if !mail_allowed(c, "exists", &email, now)? {
                    return Ok(());
                }
                let city = city_name(c, self.city)?;
                let url = format!("{}/account", self.app.public_url_of(self.city));
                let mail = self.app.outbox_mail(
                    self.city,
                    None,
                    madoguchi_core::MailKind::AccountExists,
                    &existing.email,
                    subject_in_every_language(|lang| {
                        t!(lang, mail_account_exists_subject, city = city.get(lang))
                    }),
                    body_in_every_language(|lang| {
                        t!(
                            lang,
                            mail_account_exists_body,
                            url = &url,
                            city = city.get(lang)
                        )
                    }),
                )?;
                c.enqueue_mail(&mail)?;
                return Ok(());
            }
            let account = AccountRecord {
                id: AccountId::new(uuid::Uuid::now_v7().to_string()),
                tenant_id: self.city.clone(),
                email: email.clone(),
                password_hash: hash.clone(),
                verified_at: None,
                created_at: now,
                password_changed_at: now,
            };
            c.insert_account(&account)?;
            self.send_verify_link(c, &account, next, session)
        })?;
        tracing::info!("resident account registered; confirmation mailed");
        Ok(())
    }

    /// Mails the confirmation link; opening it leads on to `next` (a path on this site,
    /// where the resident was going: the page of the form they were filling). Confirming
    /// from the browser session `session` (the hash of the one that asked for the link)
    /// signs it in.
    fn send_verify_link(
        &self,
        c: &mut dyn Records,
        account: &AccountRecord,
        next: &str,
        session: Option<&str>,
    ) -> Result<(), AppError> {
        let now = self.app.now().naive_utc();
        if !mail_allowed(c, "verify", &account.email, now)? {
            return Ok(());
        }
        let link = new_token()?;
        c.retire_account_links(&account.id, AccountLinkPurpose::Verify, now)?;
        c.insert_account_link(&AccountLinkRecord {
            token_hash: token_hash(&link),
            account_id: account.id.clone(),
            purpose: AccountLinkPurpose::Verify,
            created_at: now,
            expires_at: now + VERIFY_TTL,
            used_at: None,
            session_hash: session.map(str::to_string),
        })?;
        let city = city_name(c, self.city)?;
        let mut url = format!(
            "{}/account/verify/{link}",
            self.app.public_url_of(self.city)
        );
        if madoguchi_core::is_local_path(next) && next != "/my" {
            let query = serde_urlencoded::to_string([("next", next)])
                .map_err(|e| AppError::internal("next", e))?;
            url = format!("{url}?{query}");
        }
        let mail = self.app.outbox_mail(
            self.city,
            None,
            madoguchi_core::MailKind::AccountVerify,
            &account.email,
            subject_in_every_language(|lang| {
                t!(lang, mail_account_verify_subject, city = city.get(lang))
            }),
            body_in_every_language(|lang| {
                t!(
                    lang,
                    mail_account_verify_body,
                    city = city.get(lang),
                    url = &url
                )
            }),
        )?;
        c.enqueue_mail(&mail)?;
        Ok(())
    }

    /// The confirmation link was opened: the address is confirmed. Unknown: 404; used or
    /// expired: 410.
    ///
    /// Confirmed in the browser session that registered (or asked for the link again),
    /// that session is signed in: the resident typed the password there and now showed
    /// they read the mail, so retyping it proves nothing more. Returns the session's new
    /// token then. Anywhere else (another device, or someone else's registration of the
    /// address) the address is only confirmed, and the password is asked.
    pub fn verify_account(
        &self,
        link: &str,
        session_token: Option<&str>,
    ) -> Result<Option<String>, AppError> {
        let now = self.app.now().naive_utc();
        let session = session_token.filter(|t| looks_like_token(t));
        let token = self.app.write(|c| {
            let found = self.live_link(c, link, AccountLinkPurpose::Verify)?;
            if !c.use_account_link(&found.token_hash, now)? {
                return Err(AppError::Refused(ErrorCode::LinkExpired));
            }
            c.set_account_verified(&found.account_id, now)?;
            match (session, &found.session_hash) {
                (Some(token), Some(asked)) if token_hash(token) == *asked => {
                    self.sign_session_in(c, token, &found.account_id).map(Some)
                }
                _ => Ok(None),
            }
        })?;
        tracing::info!(signed_in = token.is_some(), "resident account confirmed");
        Ok(token)
    }

    /// A link of `purpose` that may still be used, with its account's self.city checked.
    fn live_link(
        &self,
        c: &mut dyn RecordsRead,
        link: &str,
        purpose: AccountLinkPurpose,
    ) -> Result<AccountLinkRecord, AppError> {
        if !looks_like_token(link) {
            return Err(AppError::NotFound);
        }
        let found = c
            .find_account_link(&token_hash(link))?
            .filter(|l| l.purpose == purpose)
            .ok_or(AppError::NotFound)?;
        c.find_account(&found.account_id)?
            .filter(|a| a.tenant_id == *self.city)
            .ok_or(AppError::NotFound)?;
        if found.used_at.is_some() || found.expires_at <= self.app.now().naive_utc() {
            return Err(AppError::Refused(ErrorCode::LinkExpired));
        }
        Ok(found)
    }

    /// Signs the browser session in with an account. Unknown addresses and wrong passwords
    /// answer alike after the same work; repeated failures for the account or from the
    /// address pause sign-in without checking the password. A right password for an
    /// address not yet confirmed mails the link again.
    /// Returns the browser session's new token (a sign-in never keeps the old one).
    pub fn account_sign_in(
        &self,
        session_token: &str,
        email: &str,
        password: &str,
        address: &str,
    ) -> Result<String, AppError> {
        if !looks_like_token(session_token) {
            return Err(AppError::broken("resident session token malformed"));
        }
        let email = email.trim().to_lowercase();
        if email.is_empty() || password.is_empty() || email.len() > 254 || password.len() > 1024 {
            return Err(AppError::Refused(ErrorCode::AccountLoginFailed));
        }
        let Some(attempt) =
            self.app
                .begin_guess(self.city, "resident", &email, address, SIGN_IN_LIMITS)?
        else {
            tracing::warn!("resident sign-in throttled");
            return Err(AppError::Refused(ErrorCode::AccountThrottled));
        };
        let account = self
            .app
            .read(|c| Ok(c.find_account_by_email(self.city, &email)?))?;
        let ok = match &account {
            Some(a) => verify_password(password, &a.password_hash),
            None => {
                let _ = verify_password(password, dummy_hash());
                false
            }
        };
        let Some(account) = account.filter(|_| ok) else {
            // The attempt stays written down as a failure.
            tracing::info!("resident sign-in refused");
            return Err(AppError::Refused(ErrorCode::AccountLoginFailed));
        };
        self.app.attempt_succeeded(attempt)?;
        if account.verified_at.is_none() {
            let session = token_hash(session_token);
            self.app
                .write(|c| self.send_verify_link(c, &account, "/my", Some(&session)))?;
            return Err(AppError::Refused(ErrorCode::AccountUnverified));
        }
        let token = self
            .app
            .write(|c| self.sign_session_in(c, session_token, &account.id))?;
        tracing::info!("resident signed in with an account");
        Ok(token)
    }

    /// Signs a browser session in as `account_id` under a new token (what the session held
    /// moves with it); returns the new token.
    fn sign_session_in(
        &self,
        c: &mut dyn Records,
        session_token: &str,
        account_id: &AccountId,
    ) -> Result<String, AppError> {
        let now = self.app.now().naive_utc();
        let token = self.rekey_session_in(c, session_token)?;
        c.save_identity(&IdentityRecord {
            session_hash: token_hash(&token),
            tenant_id: self.city.clone(),
            issuer: ACCOUNT_ISSUER.into(),
            subject: account_id.to_string(),
            level: SignInLevel::Account,
            acr: None,
            authenticated_at: now,
            expires_at: now + SIGN_IN_IDLE,
            verified_claims: None,
            claims_verified_at: None,
        })?;
        Ok(token)
    }

    /// A new token for a browser session, holding what the old one held; the old one's
    /// sign-in ends.
    pub(crate) fn rekey_session_in(
        &self,
        c: &mut dyn Records,
        old_token: &str,
    ) -> Result<String, AppError> {
        let token = new_token()?;
        let old = token_hash(old_token);
        c.rekey_session(&old, &token_hash(&token))?;
        c.delete_identity(&old)?;
        Ok(token)
    }

    /// "Forgot your password": mails a reset link when the address has an account. Answers
    /// the same either way; a malformed address is refused with the field's error.
    pub fn request_password_reset(&self, email: &str) -> Result<(), AppError> {
        let email = normalize_email(email)?;
        let now = self.app.now().naive_utc();
        self.app.write(|c| {
            let Some(account) = c.find_account_by_email(self.city, &email)? else {
                return Ok(());
            };
            if !mail_allowed(c, "reset", &email, now)? {
                return Ok(());
            }
            let link = new_token()?;
            c.retire_account_links(&account.id, AccountLinkPurpose::Reset, now)?;
            c.insert_account_link(&AccountLinkRecord {
                token_hash: token_hash(&link),
                account_id: account.id.clone(),
                purpose: AccountLinkPurpose::Reset,
                created_at: now,
                expires_at: now + RESET_TTL,
                used_at: None,
                session_hash: None,
            })?;
            let city = city_name(c, self.city)?;
            let url = format!("{}/account/reset/{link}", self.app.public_url_of(self.city));
            let until = (now + RESET_TTL).and_utc();
            let mail = self.app.outbox_mail(
                self.city,
                None,
                madoguchi_core::MailKind::AccountReset,
                &account.email,
                subject_in_every_language(|lang| {
                    t!(lang, mail_account_reset_subject, city = city.get(lang))
                }),
                body_in_every_language(|lang| {
                    let until = jst::format_datetime(until, lang);
                    t!(lang, mail_account_reset_body, url = &url, until = until)
                }),
            )?;
            c.enqueue_mail(&mail)?;
            Ok(())
        })
    }

    /// The confirmation link can still be used (its page asks to press "confirm": mail
    /// scanners that open links confirm nothing). 404 unknown, 410 used or expired.
    pub fn check_verify_link(&self, link: &str) -> Result<(), AppError> {
        self.app.read(|c| {
            self.live_link(c, link, AccountLinkPurpose::Verify)
                .map(drop)
        })
    }

    /// The reset link can still be used (the page asks for the new password). 404 unknown,
    /// 410 used or expired.
    pub fn check_reset_link(&self, link: &str) -> Result<(), AppError> {
        self.app
            .read(|c| self.live_link(c, link, AccountLinkPurpose::Reset).map(drop))
    }

    /// Sets a new password with a reset link: the link is used up, every session signed in
    /// with the account is signed out, the address counts as confirmed (the link reached
    /// it), and this browser is signed in. The owner is told by mail.
    pub fn reset_password(
        &self,
        session_token: &str,
        link: &str,
        password: &str,
    ) -> Result<String, AppError> {
        if !looks_like_token(session_token) {
            return Err(AppError::broken("resident session token malformed"));
        }
        let found = self
            .app
            .read(|c| self.live_link(c, link, AccountLinkPurpose::Reset))?;
        let account = self
            .app
            .read(|c| Ok(c.find_account(&found.account_id)?))?
            .ok_or(AppError::NotFound)?;
        if let Some(code) = password_problem(password, &account.email) {
            return Err(AppError::Refused(code));
        }
        let hash = hash_password(password)?;
        let now = self.app.now().naive_utc();
        let token = self.app.write(|c| {
            if !c.use_account_link(&found.token_hash, now)? {
                return Err(AppError::Refused(ErrorCode::LinkExpired));
            }
            c.set_account_password(&account.id, &hash, now)?;
            c.set_account_verified(&account.id, now)?;
            c.retire_account_links(&account.id, AccountLinkPurpose::Reset, now)?;
            c.delete_identities_of(ACCOUNT_ISSUER, account.id.as_str())?;
            let token = self.sign_session_in(c, session_token, &account.id)?;
            let city = city_name(c, self.city)?;
            let mail = self.app.outbox_mail(
                self.city,
                None,
                madoguchi_core::MailKind::AccountPasswordChanged,
                &account.email,
                subject_in_every_language(|lang| {
                    t!(lang, mail_password_changed_subject, city = city.get(lang))
                }),
                body_in_every_language(|lang| {
                    let when = jst::format_datetime(now.and_utc(), lang);
                    t!(
                        lang,
                        mail_password_changed_body,
                        when = when,
                        city = city.get(lang)
                    )
                }),
            )?;
            c.enqueue_mail(&mail)?;
            Ok(token)
        })?;
        tracing::info!("resident password reset; other sessions signed out");
        Ok(token)
    }

    /// The account the session is signed in with, if any.
    pub fn account_of_session(&self, token: Option<&str>) -> Result<Option<AccountView>, AppError> {
        let Some(token) = token.filter(|t| looks_like_token(t)) else {
            return Ok(None);
        };
        let now = self.app.now().naive_utc();
        self.app.read(|c| {
            let Some(identity) = c
                .find_identity(&token_hash(token), now)?
                .filter(|i| i.tenant_id == *self.city && i.issuer == ACCOUNT_ISSUER)
            else {
                return Ok(None);
            };
            Ok(c.find_account(&AccountId::new(identity.subject))?
                .map(|a| AccountView { email: a.email }))
        })
    }
}
