//! Staff: signing in with a password and an authenticator code, sessions, and the
//! administration of staff accounts.

mod admin;
mod audit_lines;
mod audit_trail;
mod sign_in;

pub use crate::kernel::passwords::password_problem;
pub use admin::{StaffChange, StaffView};
pub use audit_lines::{AuditLine, AuditWhat};
pub use audit_trail::{
    AUDIT_EXPORT_MOST, AUDIT_PAGE, AuditQuery, AuditSubject, AuditTrail, StaffChoice,
};
pub use sign_in::{ClerkSession, Enrolment, SignInStep, SignedInClerk};
