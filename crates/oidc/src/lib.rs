#![doc = include_str!("../README.md")]

mod claims;
mod client;
mod config;
mod error;
mod jose;
mod pkce;

pub use claims::{IdTokenClaims, PostalAddress};
pub use client::{AuthRequest, Identity, OidcClient, PendingLogin, ProviderMetadata};
pub use config::{ClientSecret, Level, OidcConfig, TokenAuth};
pub use error::{IdTokenError, OidcError};
pub use jose::KeySet;
pub use pkce::code_challenge;
