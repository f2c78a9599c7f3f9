//! Staff: signing in with a password and an authenticator code, sessions, and the
//! administration of staff accounts.

mod admin;
mod audit_lines;
mod audit_trail;
mod sign_in;

use madoguchi_core::TenantId;

use crate::kernel::App;

/// The staff of one city: signing in (password, authenticator code, sessions), the
/// accounts as its administrators manage them (made, changed, their password,
/// authenticator and sessions reset) and the audit trail. Reached as `app.staff(&city)`; a
/// login, session, administrator or reader of another city is nothing through it.
#[derive(Clone, Copy, Debug)]
pub struct Staff<'a> {
    app: &'a App,
    city: &'a TenantId,
}

impl App {
    /// The staff of `city`.
    pub fn staff<'a>(&'a self, city: &'a TenantId) -> Staff<'a> {
        Staff { app: self, city }
    }
}

pub use crate::kernel::passwords::password_problem;
pub use admin::{StaffChange, StaffView};
pub use audit_lines::{AuditLine, AuditWhat};
pub use audit_trail::{
    AUDIT_EXPORT_MOST, AUDIT_PAGE, AuditQuery, AuditSubject, AuditTrail, StaffChoice,
};
pub use sign_in::{ClerkSession, Enrolment, SignInStep, SignedInClerk};
