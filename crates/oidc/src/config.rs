//! The relying party's settings and the identity levels that acr values map to.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// How sure we are of who signed in, lowest first (`Ord` follows that order).
///
/// The platform's `madoguchi_forms::IdentityLevel` maps one to one: `Account` →
/// `IdentityLevel::Account`, `MyNumberCard` → `IdentityLevel::MyNumberCard`
/// (`IdentityLevel::None` is "not signed in", which an OIDC sign-in never is).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Signed in at the provider: any acr that the configuration does not map higher,
    /// or no acr at all.
    Account,
    /// Signed in with the My Number Card (the card's public-key certificate and PIN).
    MyNumberCard,
}

/// How the client proves itself at the token endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenAuth {
    /// HTTP Basic with the form-encoded id and secret (`client_secret_basic`).
    Basic,
    /// `client_id` and `client_secret` in the form body (`client_secret_post`).
    Post,
}

/// The client secret. Never printed.
#[derive(Clone)]
pub struct ClientSecret(String);

impl ClientSecret {
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClientSecret(…)")
    }
}

/// Settings of one relying party at one provider. Build it with [`OidcConfig::new`] and
/// set the public fields that differ from the defaults.
#[derive(Clone, Debug)]
pub struct OidcConfig {
    /// The issuer identifier, exactly as the provider spells it (the discovery document's
    /// `issuer` must be equal). `https://`, or `http://` on a loopback address only.
    pub issuer: String,
    pub client_id: String,
    /// `None` for a public client (then PKCE alone protects the code).
    pub client_secret: Option<ClientSecret>,
    /// Where the provider sends the browser back; registered at the provider.
    pub redirect_uri: String,
    /// Scopes to ask for; `openid` is always sent, first.
    pub scopes: Vec<String>,
    /// acr value → level. An acr that is absent here, or no acr, gives [`Level::Account`].
    pub acr_levels: BTreeMap<String, Level>,
    /// `None`: `client_secret_basic` unless the provider only lists `client_secret_post`.
    pub token_auth: Option<TokenAuth>,
    /// How far the provider's clock may be from ours when checking `exp` and `iat`.
    pub clock_leeway: Duration,
    /// Time limit of each HTTP request to the provider.
    pub timeout: Duration,
}

impl OidcConfig {
    /// Defaults: scopes `openid`, no acr mapping, 60 s of clock leeway, 10 s timeout.
    pub fn new(
        issuer: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: Option<ClientSecret>,
        redirect_uri: impl Into<String>,
    ) -> Self {
        Self {
            issuer: issuer.into(),
            client_id: client_id.into(),
            client_secret,
            redirect_uri: redirect_uri.into(),
            scopes: vec!["openid".to_owned()],
            acr_levels: BTreeMap::new(),
            token_auth: None,
            clock_leeway: Duration::from_secs(60),
            timeout: Duration::from_secs(10),
        }
    }

    /// Adds an acr value and the level it stands for.
    pub fn with_acr(mut self, acr: impl Into<String>, level: Level) -> Self {
        self.acr_levels.insert(acr.into(), level);
        self
    }

    /// The level an ID token's `acr` stands for.
    pub fn level_of(&self, acr: Option<&str>) -> Level {
        acr.and_then(|acr| self.acr_levels.get(acr).copied())
            .unwrap_or(Level::Account)
    }

    /// The acr value to ask for to reach `level` (for a step-up): the first configured
    /// acr that maps to exactly that level.
    pub fn acr_for(&self, level: Level) -> Option<&str> {
        self.acr_levels
            .iter()
            .find(|(_, l)| **l == level)
            .map(|(acr, _)| acr.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> OidcConfig {
        OidcConfig::new("https://id.example", "rp", None, "https://rp.example/cb")
            .with_acr("urn:pw", Level::Account)
            .with_acr("urn:card", Level::MyNumberCard)
    }

    #[test]
    fn acr_maps_to_its_level_and_unknown_acr_is_account() {
        let config = config();
        assert_eq!(config.level_of(Some("urn:card")), Level::MyNumberCard);
        assert_eq!(config.level_of(Some("urn:pw")), Level::Account);
        assert_eq!(config.level_of(Some("urn:something-else")), Level::Account);
        assert_eq!(config.level_of(None), Level::Account);
        assert!(Level::MyNumberCard > Level::Account);
    }

    #[test]
    fn step_up_asks_for_the_acr_of_the_level() {
        assert_eq!(config().acr_for(Level::MyNumberCard), Some("urn:card"));
        let bare = OidcConfig::new("https://id.example", "rp", None, "https://rp.example/cb");
        assert_eq!(bare.acr_for(Level::MyNumberCard), None);
    }

    #[test]
    fn secret_is_not_printed() {
        let config = OidcConfig::new(
            "https://id.example",
            "rp",
            Some(ClientSecret::new("hunter2")),
            "https://rp.example/cb",
        );
        assert!(!format!("{config:?}").contains("hunter2"));
    }
}
