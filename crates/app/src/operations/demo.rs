//! The demo's accounts in a production database: found at start (the service refuses to
//! run beside them) and removed on the operator's word (`madoguchi demo remove`).
//!
//! Every demo account is at `sendai.example`, `akita.example` or `shiroishi.example`
//! (reserved domains no real person has mail at), so an account there is a demo account
//! whatever the municipality.

use madoguchi_core::TenantId;

use super::setup::DEMO_RESIDENT;
use crate::kernel::{App, AppError};

/// The domain of every demo clerk and of the demo resident of Sendai.
pub const DEMO_DOMAIN: &str = "@sendai.example";

/// The domains of the demo's cities (Sendai, Akita, Shiroishi).
pub const DEMO_DOMAINS: [&str; 3] = [DEMO_DOMAIN, "@akita.example", "@shiroishi.example"];

fn is_demo_login(login: &str) -> bool {
    DEMO_DOMAINS.iter().any(|d| login.ends_with(d))
}

/// The demo residents' addresses (`taro@<city>.example`).
fn demo_residents() -> impl Iterator<Item = String> {
    std::iter::once(DEMO_RESIDENT.to_string())
        .chain(DEMO_DOMAINS[1..].iter().map(|d| format!("taro{d}")))
}

/// What a removed demo account's password hash becomes: no password verifies against it.
const REMOVED: &str = "!removed-demo-account";

impl App {
    /// The demo accounts of `tenant` that can still sign in: active clerks at
    /// [`DEMO_DOMAIN`], and the demo resident unless removed.
    pub fn demo_accounts(&self, tenant: &TenantId) -> Result<Vec<String>, AppError> {
        self.read(|c| {
            let mut found: Vec<String> = c
                .clerks_of(tenant)?
                .into_iter()
                .filter(|r| r.active && is_demo_login(&r.login))
                .map(|r| r.login)
                .collect();
            for email in demo_residents() {
                if let Some(resident) = c.find_account_by_email(tenant, &email)?
                    && resident.password_hash != REMOVED
                {
                    found.push(resident.email);
                }
            }
            Ok(found)
        })
    }

    /// Closes every demo account of `tenant` for good: clerks are deactivated, their
    /// password, authenticator and sessions gone; the demo resident's password is gone.
    /// The rows stay, as the audit log and filings may name them. Returns the logins
    /// closed.
    pub fn remove_demo_accounts(&self, tenant: &TenantId) -> Result<Vec<String>, AppError> {
        let now = self.now().naive_utc();
        self.write(|c| {
            let mut removed = Vec::new();
            for mut clerk in c.clerks_of(tenant)? {
                if !clerk.active || !is_demo_login(&clerk.login) {
                    continue;
                }
                clerk.active = false;
                clerk.password_hash = REMOVED.into();
                clerk.totp_secret = None;
                clerk.session_epoch += 1;
                c.update_clerk(&clerk)?;
                c.delete_sessions_of(&clerk.id)?;
                removed.push(clerk.login);
            }
            for email in demo_residents() {
                if let Some(resident) = c.find_account_by_email(tenant, &email)?
                    && resident.password_hash != REMOVED
                {
                    c.set_account_password(&resident.id, REMOVED, now)?;
                    removed.push(resident.email);
                }
            }
            Ok(removed)
        })
    }
}
