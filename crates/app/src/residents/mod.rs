//! Residents' identity: accounts (register, confirm, sign in, reset), sign-in at an
//! OpenID Connect provider with the My Number Card step-up, a guest's emailed code, and
//! staying signed in; the profile kept to fill in forms.

mod accounts;
mod identity;
mod profile;

use madoguchi_core::TenantId;

use crate::kernel::App;

/// Residents of one city: their accounts, their sign-in (at a provider, with the card's
/// step-up; a guest's emailed code), staying signed in, and the profile that fills in forms.
/// Reached as `app.residents(&city)`; a session, link or account of another city is
/// "not found" through it.
#[derive(Clone, Copy, Debug)]
pub struct Residents<'a> {
    app: &'a App,
    city: &'a TenantId,
}

impl App {
    /// The residents of `city`.
    pub fn residents<'a>(&'a self, city: &'a TenantId) -> Residents<'a> {
        Residents { app: self, city }
    }
}

pub use accounts::AccountView;

pub use madoguchi_oidc::{ClientSecret, Level as OidcLevel, OidcConfig};
pub use profile::{ProfileSaved, ProfileView};
