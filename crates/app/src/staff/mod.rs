//! Staff: signing in with a password and an authenticator code, sessions, and the
//! administration of staff accounts.

mod admin;
mod sign_in;

pub use crate::kernel::passwords::password_problem;
pub use admin::{StaffChange, StaffView};
pub use sign_in::{ClerkSession, Enrolment, SignInStep, SignedInClerk};
