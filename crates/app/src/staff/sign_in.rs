//! Clerk sign-in and sessions.

use chrono::Duration;
use madoguchi_records::{ClerkRecord, ClerkSessionRecord};

use super::Staff;
use crate::kernel::audit::AuditEntry;
use crate::kernel::passwords::{dummy_hash, verify_password};
use crate::kernel::throttle::GuessLimits;
use crate::kernel::tokens::looks_like_token;
use crate::kernel::{AppError, Clerk, DEMO_TOTP_SECRET, new_token, token_hash, totp};
use madoguchi_core::AuditAction;

/// A new session: the token goes to the browser (cookie), only its hash is stored. It is
/// not usable until the second factor is checked (`next`).
#[derive(Clone)]
pub struct ClerkSession {
    pub token: String,
    pub clerk: Clerk,
    pub next: SignInStep,
}

/// What a signed-in-by-password session must do before it can be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignInStep {
    /// Type the code from the authenticator.
    Code,
    /// First sign-in: add the account to an authenticator, then type its code.
    Enrol,
}

/// A session past its second factor. Its token is a new one: the token of the
/// password step no longer works, so one seen before the second factor opens nothing.
#[derive(Clone)]
pub struct SignedInClerk {
    pub token: String,
    pub clerk: Clerk,
}

impl std::fmt::Debug for SignedInClerk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedInClerk")
            .field("clerk", &self.clerk.login)
            .finish_non_exhaustive()
    }
}

/// What the enrolment page shows.
#[derive(Clone)]
pub struct Enrolment {
    /// Base32, for typing into an app by hand.
    pub secret: String,
    /// `otpauth://…`, for the QR code.
    pub uri: String,
}

impl std::fmt::Debug for Enrolment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Enrolment { .. }")
    }
}

/// Failed passwords and codes counted over `THROTTLE_WINDOW`: 5 for a login from one
/// address, 30 for a login from all addresses, 50 from one address (an office network
/// shares one). See [`crate::kernel::throttle`]: one address cannot pause a clerk.
const SIGN_IN_LIMITS: GuessLimits = GuessLimits {
    per_client: 5,
    per_thing: 30,
    per_address: 50,
};
/// A password-only session has this long to present the code.
const PENDING_TTL: Duration = Duration::minutes(10);

impl std::fmt::Debug for ClerkSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClerkSession")
            .field("clerk", &self.clerk.login)
            .finish_non_exhaustive()
    }
}

/// Activity refreshes a session at most this often (one write per window, not per request).
const TOUCH_EVERY: Duration = Duration::minutes(5);

impl Staff<'_> {
    /// The first step of signing in, in this city: the password. Logins are unique per
    /// city, so the same address may be a clerk of two cities with two passwords. Unknown
    /// logins, wrong passwords and disabled accounts all answer the same `LoginFailed`,
    /// after the same amount of work. Too many failures for the account or from the address
    /// answer `TooManyAttempts` without checking the password at all.
    pub fn login(
        &self,
        login: &str,
        password: &str,
        address: &str,
    ) -> Result<ClerkSession, AppError> {
        let login = login.trim();
        if login.is_empty() || password.is_empty() || login.len() > 254 || password.len() > 1024 {
            return Err(AppError::LoginFailed);
        }
        let attempt = self.begin_clerk_attempt(login, address)?;
        let row = self
            .app
            .read(|conn| Ok(conn.find_clerk_by_login(self.city, login)?))?;
        let ok = match &row {
            Some(r) => verify_password(password, &r.password_hash) && r.active,
            None => {
                let _ = verify_password(password, dummy_hash());
                false
            }
        };
        let Some(row) = row.filter(|_| ok) else {
            // The attempt stays written down as a failure.
            tracing::info!(login_len = login.len(), "clerk sign-in refused");
            return Err(AppError::LoginFailed);
        };
        self.app.attempt_succeeded(attempt)?;
        let token = new_token()?;
        let now = self.app.now().naive_utc();
        let clerk = self.app.write(|conn| {
            conn.insert_session(&ClerkSessionRecord {
                token_hash: token_hash(&token),
                clerk_id: row.id.clone(),
                created_at: now,
                last_seen_at: now,
                expires_at: now + PENDING_TTL,
                mfa_verified: false,
                absolute_expires_at: Some(now + self.app.config.clerk_session_max),
                epoch: row.session_epoch,
            })?;
            self.app
                .load_clerk(conn, &row.id)?
                .ok_or(AppError::LoginFailed)
        })?;
        let next = if row.totp_secret.is_some() {
            SignInStep::Code
        } else {
            SignInStep::Enrol
        };
        tracing::info!(clerk = %clerk.id, "clerk password accepted; second factor next");
        Ok(ClerkSession { token, clerk, next })
    }

    /// Writes down a password or code attempt for the login from the address, or refuses
    /// with `TooManyAttempts` when it has failed too often (see `throttle`).
    fn begin_clerk_attempt(
        &self,
        login: &str,
        address: &str,
    ) -> Result<crate::kernel::throttle::Attempt, AppError> {
        let login_of = login.trim().to_lowercase();
        self.app
            .begin_guess(self.city, "staff", &login_of, address, SIGN_IN_LIMITS)?
            .ok_or_else(|| {
                tracing::warn!("sign-in throttled");
                AppError::TooManyAttempts
            })
    }

    /// A session that passed the password but not yet the second factor, and what it must
    /// do next.
    pub fn pending_sign_in(&self, token: &str) -> Result<Option<(Clerk, SignInStep)>, AppError> {
        if !looks_like_token(token) {
            return Ok(None);
        }
        let now = self.app.now().naive_utc();
        self.app.read(|conn| {
            let Some(session) = conn
                .find_live_session(&token_hash(token), now)?
                .filter(|s| !s.mfa_verified)
            else {
                return Ok(None);
            };
            let Some(row) = conn.find_clerk(&session.clerk_id)?.filter(|r| r.active) else {
                return Ok(None);
            };
            if row.session_epoch != session.epoch {
                return Ok(None);
            }
            let next = if row.totp_secret.is_some() {
                SignInStep::Code
            } else {
                SignInStep::Enrol
            };
            // Another city's session is no session here.
            Ok(self
                .app
                .load_clerk(conn, &row.id)?
                .filter(|c| c.tenant == *self.city)
                .map(|c| (c, next)))
        })
    }

    /// The secret a first sign-in enrols, derived from the pending session so that nothing
    /// needs storing until the clerk proves their app has it.
    pub fn enrolment(&self, token: &str) -> Result<Enrolment, AppError> {
        let (clerk, _) = self
            .pending_sign_in(token)?
            .ok_or(AppError::LoginRequired)?;
        let secret = self.enrolment_secret(token);
        Ok(Enrolment {
            uri: totp::otpauth_uri("Madoguchi", &clerk.login, &secret),
            secret,
        })
    }

    fn enrolment_secret(&self, token: &str) -> String {
        use hmac::{Hmac, KeyInit, Mac};
        let mut mac =
            <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(&self.app.config.keys.enrolment)
                .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(token_hash(token).as_bytes());
        let bytes = mac.finalize().into_bytes();
        totp::encode_secret(&bytes[..20])
    }

    /// The second step: the code from the authenticator (for a first sign-in, from the app
    /// just enrolled). On success the pending session is replaced by a usable one with a
    /// new token (the pending token no longer works).
    pub fn verify_code(
        &self,
        token: &str,
        code: &str,
        address: &str,
    ) -> Result<SignedInClerk, AppError> {
        let (clerk, next) = self
            .pending_sign_in(token)?
            .ok_or(AppError::LoginRequired)?;
        let attempt = self.begin_clerk_attempt(&clerk.login, address)?;
        let now = self.app.now();
        let unix = now.timestamp();
        let signed_in = new_token()?;
        let accepted = self.app.write(|conn| {
            let row = conn.find_clerk(&clerk.id)?.ok_or(AppError::LoginRequired)?;
            let (secret, to_store) = match next {
                SignInStep::Code => {
                    let sealed = row.totp_secret.as_deref().ok_or(AppError::LoginRequired)?;
                    (self.app.sealers.totp.open(sealed)?, None)
                }
                SignInStep::Enrol => {
                    let secret = self.enrolment_secret(token);
                    let sealed = self.app.sealers.totp.seal(&secret)?;
                    (secret, Some(sealed))
                }
            };
            let Some(step) = totp::verify(&secret, code, unix, row.totp_last_step) else {
                return Ok(false);
            };
            if let Some(sealed) = &to_store {
                conn.update_clerk(&ClerkRecord {
                    totp_secret: Some(sealed.clone()),
                    ..row.clone()
                })?;
            }
            // Compare-and-set: two requests with the same code cannot both pass.
            if !conn.use_totp_step(&row.id, step)? {
                return Ok(false);
            }
            let Some(pending) = conn.find_live_session(&token_hash(token), now.naive_utc())? else {
                return Ok(false);
            };
            conn.delete_session(&pending.token_hash)?;
            conn.insert_session(&ClerkSessionRecord {
                token_hash: token_hash(&signed_in),
                last_seen_at: now.naive_utc(),
                expires_at: now.naive_utc() + self.app.config.clerk_session_ttl,
                mfa_verified: true,
                ..pending
            })?;
            if to_store.is_some() {
                self.app.audit(
                    conn,
                    &clerk,
                    AuditEntry::new(AuditAction::TotpEnrolled).target_clerk(&row.id),
                )?;
            }
            Ok(true)
        })?;
        if !accepted {
            return Err(AppError::CodeInvalid);
        }
        self.app.attempt_succeeded(attempt)?;
        tracing::info!(clerk = %clerk.id, "clerk signed in");
        Ok(SignedInClerk {
            token: signed_in,
            clerk,
        })
    }

    /// The current code of a demo account, for the demo sign-in page (demo mode only).
    pub fn demo_code(&self, clerk: &Clerk) -> Option<String> {
        if !self.app.config.demo {
            return None;
        }
        let row = self
            .app
            .read(|conn| Ok(conn.find_clerk(&clerk.id)?))
            .ok()??;
        let secret = self
            .app
            .sealers
            .totp
            .open(row.totp_secret.as_deref()?)
            .ok()?;
        (secret == DEMO_TOTP_SECRET)
            .then(|| totp::code_at_step(&secret, totp::step_of(self.app.now().timestamp())))
            .flatten()
    }

    /// The clerk of a usable session: second factor checked, not idle too long, not older
    /// than the absolute limit, and made under the account's current epoch (a disabled,
    /// moved or re-roled account loses its old sessions on their next request).
    pub fn clerk_for_session(&self, token: &str) -> Result<Option<Clerk>, AppError> {
        if !looks_like_token(token) {
            return Ok(None);
        }
        let now = self.app.now().naive_utc();
        let hash = token_hash(token);
        let found = self.app.read(|conn| {
            let Some(session) = conn.find_live_session(&hash, now)? else {
                return Ok(SessionFound::None);
            };
            if !session.mfa_verified || session.absolute_expires_at.is_none_or(|at| now >= at) {
                return Ok(SessionFound::None);
            }
            let Some(row) = conn.find_clerk(&session.clerk_id)?.filter(|r| r.active) else {
                return Ok(SessionFound::None);
            };
            if row.session_epoch != session.epoch {
                return Ok(SessionFound::OfAnOldEpoch);
            }
            // Another city's session is no session here (and is left as it is).
            let Some(clerk) = self
                .app
                .load_clerk(conn, &row.id)?
                .filter(|c| c.tenant == *self.city)
            else {
                return Ok(SessionFound::None);
            };
            Ok(SessionFound::Live(
                Box::new(clerk),
                now - session.last_seen_at > TOUCH_EVERY,
            ))
        })?;
        match found {
            SessionFound::None => Ok(None),
            SessionFound::OfAnOldEpoch => {
                self.app
                    .write_atomic(|conn| Ok(conn.delete_session(&hash)?))?;
                Ok(None)
            }
            SessionFound::Live(clerk, touch) => {
                if touch {
                    let idle_until = now + self.app.config.clerk_session_ttl;
                    self.app
                        .write_atomic(|conn| Ok(conn.touch_session(&hash, now, idle_until)?))?;
                }
                Ok(Some(*clerk))
            }
        }
    }

    pub fn logout(&self, token: &str) -> Result<(), AppError> {
        if !looks_like_token(token) {
            return Ok(());
        }
        self.app
            .write_atomic(|conn| Ok(conn.delete_session(&token_hash(token))?))
    }
}

/// What a clerk's session token leads to: nothing usable, a session made before the
/// account's epoch changed (to be removed), or a clerk, and whether the session's idle
/// expiry is due to be pushed on.
enum SessionFound {
    None,
    OfAnOldEpoch,
    Live(Box<Clerk>, bool),
}
