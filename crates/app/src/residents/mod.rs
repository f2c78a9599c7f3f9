//! Residents' identity: accounts (register, confirm, sign in, reset), sign-in at an
//! OpenID Connect provider with the My Number Card step-up, a guest's emailed code, and
//! staying signed in; the profile kept to fill in forms.

mod accounts;
mod identity;
mod profile;

pub use accounts::AccountView;
pub use madoguchi_oidc::{ClientSecret, Level as OidcLevel, OidcConfig};
pub use profile::{ProfileSaved, ProfileView};
