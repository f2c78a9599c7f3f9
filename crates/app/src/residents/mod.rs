//! Residents' identity: accounts (register, confirm, sign in, reset), sign-in at an
//! OpenID Connect provider with the My Number Card step-up, a guest's emailed code, and
//! staying signed in.

mod accounts;
mod identity;

pub use accounts::AccountView;
pub use madoguchi_oidc::{ClientSecret, Level as OidcLevel, OidcConfig};
