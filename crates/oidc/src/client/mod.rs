//! The relying party: discovery, the authorization request, and the callback (code
//! exchange and ID token checks). Blocking: call it from a plain or blocking-pool thread.

use std::fmt;
use std::sync::{Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use reqwest::Url;
use reqwest::blocking::Client;
use reqwest::header::{ACCEPT, AUTHORIZATION};
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use crate::claims::{Expected, IdTokenClaims, PostalAddress, check_claims};
use crate::jose::{KeySet, UnverifiedJws};
use crate::pkce::{code_challenge, new_verifier, random_token};
use crate::{IdTokenError, Level, OidcConfig, OidcError, TokenAuth};

/// An unknown key fetches the provider's key set again at most this often.
const MIN_KEY_REFRESH_INTERVAL: Duration = Duration::from_secs(30);

/// The parts of the provider's discovery document the client uses.
#[derive(Clone, Debug, Deserialize)]
pub struct ProviderMetadata {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub jwks_uri: String,
    pub end_session_endpoint: Option<String>,
    pub token_endpoint_auth_methods_supported: Option<Vec<String>>,
    pub code_challenge_methods_supported: Option<Vec<String>>,
    pub acr_values_supported: Option<Vec<String>>,
    /// RFC 9207: the callback carries `iss`, which must then be present and ours.
    #[serde(default)]
    pub authorization_response_iss_parameter_supported: bool,
}

/// What the caller keeps in the browser's session between [`OidcClient::begin`] and
/// [`OidcClient::finish`] (server side: it holds the PKCE verifier). Use it once.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingLogin {
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
    /// The acr asked for (a step-up), if any.
    pub requested_acr: Option<String>,
}

impl fmt::Debug for PendingLogin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PendingLogin")
            .field("requested_acr", &self.requested_acr)
            .finish_non_exhaustive()
    }
}

/// Where to send the browser, and what to remember until it comes back.
#[derive(Debug, Clone)]
pub struct AuthRequest {
    pub url: String,
    pub pending: PendingLogin,
}

/// Who signed in, and how.
#[derive(Clone, PartialEq, Eq)]
pub struct Identity {
    pub issuer: String,
    /// The provider's stable identifier of the person (unique per issuer).
    pub subject: String,
    pub acr: Option<String>,
    /// The level the acr stands for in the configuration ([`OidcConfig::level_of`]). A
    /// step-up that the provider did not honour comes back at the lower level: compare
    /// before letting a procedure through.
    pub level: Level,
    pub amr: Vec<String>,
    /// When the resident signed in at the provider (seconds since the epoch).
    pub auth_time: Option<i64>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub email_verified: Option<bool>,
    /// The standard claims `birthdate` and `address`, as the provider verified them (with
    /// the card: read from it). Personal data: never logged (not in `Debug`).
    pub birthdate: Option<String>,
    pub address: Option<PostalAddress>,
    /// The ID token itself, for `id_token_hint` at the provider's logout.
    pub id_token: String,
}

impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Identity")
            .field("issuer", &self.issuer)
            .field("subject", &self.subject)
            .field("acr", &self.acr)
            .field("level", &self.level)
            .field("auth_time", &self.auth_time)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct TokenAnswer {
    id_token: Option<String>,
}

#[derive(Deserialize)]
struct ErrorAnswer {
    error: String,
    error_description: Option<String>,
}

/// A relying party at one provider, created by [`OidcClient::discover`]. Share it
/// between threads; the key set is refreshed in place when the provider rotates keys.
#[derive(Debug)]
pub struct OidcClient {
    config: OidcConfig,
    metadata: ProviderMetadata,
    /// `None` for a public client.
    token_auth: Option<TokenAuth>,
    keys: RwLock<KeySet>,
    /// When an unknown key last made us fetch the key set again.
    last_refresh: Mutex<Option<Instant>>,
    http: Client,
}

impl OidcClient {
    /// Fetches the discovery document and the key set. The document's `issuer` must be
    /// the configured one exactly, and every endpoint must be HTTPS (or HTTP on a
    /// loopback address).
    pub fn discover(config: OidcConfig) -> Result<Self, OidcError> {
        let issuer = endpoint_url(&config.issuer, "issuer")?;
        if issuer.query().is_some() || issuer.fragment().is_some() {
            return Err(OidcError::Config(
                "the issuer has a query or fragment".to_owned(),
            ));
        }
        let http = Client::builder()
            .timeout(config.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| OidcError::Config(format!("HTTP client: {e}")))?;
        let discovery_url = format!(
            "{}/.well-known/openid-configuration",
            config.issuer.trim_end_matches('/')
        );
        let body = get(&http, &discovery_url, "discovery")?;
        let metadata: ProviderMetadata = serde_json::from_slice(&body)
            .map_err(|e| OidcError::Discovery(format!("not a discovery document: {e}")))?;
        if metadata.issuer != config.issuer {
            return Err(OidcError::IssuerMismatch {
                configured: config.issuer,
                document: metadata.issuer,
            });
        }
        for (url, what) in [
            (&metadata.authorization_endpoint, "authorization_endpoint"),
            (&metadata.token_endpoint, "token_endpoint"),
            (&metadata.jwks_uri, "jwks_uri"),
        ] {
            endpoint_url(url, what)?;
        }
        if let Some(methods) = &metadata.code_challenge_methods_supported
            && !methods.iter().any(|m| m == "S256")
        {
            return Err(OidcError::Discovery(
                "the provider does not support PKCE with S256".to_owned(),
            ));
        }
        let token_auth = config.client_secret.as_ref().map(|_| {
            config.token_auth.unwrap_or_else(|| {
                match &metadata.token_endpoint_auth_methods_supported {
                    Some(methods)
                        if !methods.iter().any(|m| m == "client_secret_basic")
                            && methods.iter().any(|m| m == "client_secret_post") =>
                    {
                        TokenAuth::Post
                    }
                    _ => TokenAuth::Basic,
                }
            })
        });
        let keys = fetch_keys(&http, &metadata.jwks_uri)?;
        Ok(Self {
            config,
            metadata,
            token_auth,
            keys: RwLock::new(keys),
            last_refresh: Mutex::new(None),
            http,
        })
    }

    pub fn config(&self) -> &OidcConfig {
        &self.config
    }

    pub fn metadata(&self) -> &ProviderMetadata {
        &self.metadata
    }

    /// Starts a sign-in: the URL to redirect the browser to and what to keep until it
    /// comes back. With `requested_acr` (a step-up, e.g. to the My Number Card) the
    /// request carries `acr_values` and `prompt=login`, so the provider authenticates
    /// again at that level instead of reusing its session.
    pub fn begin(&self, requested_acr: Option<&str>) -> Result<AuthRequest, OidcError> {
        if let (Some(acr), Some(supported)) = (requested_acr, &self.metadata.acr_values_supported)
            && !supported.iter().any(|s| s == acr)
        {
            return Err(OidcError::Config(format!(
                "the provider does not offer acr {acr:?}"
            )));
        }
        let pending = PendingLogin {
            state: random_token(32)?,
            nonce: random_token(32)?,
            pkce_verifier: new_verifier()?,
            requested_acr: requested_acr.map(str::to_owned),
        };
        let mut url = Url::parse(&self.metadata.authorization_endpoint)
            .map_err(|e| OidcError::Discovery(format!("authorization_endpoint: {e}")))?;
        let mut scopes = vec!["openid"];
        for scope in &self.config.scopes {
            if !scopes.contains(&scope.as_str()) {
                scopes.push(scope);
            }
        }
        {
            let mut query = url.query_pairs_mut();
            query
                .append_pair("response_type", "code")
                .append_pair("client_id", &self.config.client_id)
                .append_pair("redirect_uri", &self.config.redirect_uri)
                .append_pair("scope", &scopes.join(" "))
                .append_pair("state", &pending.state)
                .append_pair("nonce", &pending.nonce)
                .append_pair("code_challenge", &code_challenge(&pending.pkce_verifier))
                .append_pair("code_challenge_method", "S256");
            if let Some(acr) = requested_acr {
                query
                    .append_pair("acr_values", acr)
                    .append_pair("prompt", "login");
            }
        }
        Ok(AuthRequest {
            url: url.into(),
            pending,
        })
    }

    /// Finishes a sign-in from the callback's query string (with or without the `?`):
    /// checks `state` (and `iss` when the provider sends it), turns a provider error into
    /// [`OidcError::Provider`], exchanges the code with the PKCE verifier, and checks the
    /// ID token. The caller must drop `pending` afterwards, whatever the outcome.
    pub fn finish(
        &self,
        pending: &PendingLogin,
        callback_query: &str,
    ) -> Result<Identity, OidcError> {
        let params: Vec<(String, String)> =
            serde_urlencoded::from_str(callback_query.trim_start_matches('?'))
                .map_err(|_| OidcError::MalformedCallback("not a query string"))?;
        let mut names: Vec<&str> = params.iter().map(|(k, _)| k.as_str()).collect();
        names.sort_unstable();
        if names.windows(2).any(|w| w[0] == w[1]) {
            return Err(OidcError::MalformedCallback("a parameter is repeated"));
        }
        let param = |name: &str| {
            params
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };

        let state_matches = param("state")
            .is_some_and(|s| bool::from(s.as_bytes().ct_eq(pending.state.as_bytes())));
        if !state_matches {
            return Err(OidcError::StateMismatch);
        }
        match param("iss") {
            Some(iss) if iss != self.metadata.issuer => {
                return Err(OidcError::CallbackIssuerMismatch);
            }
            None if self.metadata.authorization_response_iss_parameter_supported => {
                return Err(OidcError::CallbackIssuerMismatch);
            }
            _ => {}
        }
        if let Some(error) = param("error") {
            return Err(OidcError::Provider {
                error: error.to_owned(),
                description: param("error_description").map(str::to_owned),
            });
        }
        let code = param("code")
            .filter(|c| !c.is_empty())
            .ok_or(OidcError::MalformedCallback("no code"))?;

        let id_token = self.exchange(code, &pending.pkce_verifier)?;
        let claims = self.verify_id_token(&id_token, &pending.nonce)?;
        Ok(Identity {
            level: self.config.level_of(claims.acr.as_deref()),
            issuer: claims.issuer,
            subject: claims.subject,
            acr: claims.acr,
            amr: claims.amr,
            auth_time: claims.auth_time,
            name: claims.name,
            email: claims.email,
            email_verified: claims.email_verified,
            birthdate: claims.birthdate,
            address: claims.address,
            id_token,
        })
    }

    /// Checks an ID token: its signature against the provider's keys (fetched again once
    /// when the token names a key we do not have), then its claims for this client and
    /// `nonce`.
    pub fn verify_id_token(&self, token: &str, nonce: &str) -> Result<IdTokenClaims, OidcError> {
        let jws = UnverifiedJws::parse(token)?;
        let known = {
            let keys = self.keys.read().unwrap_or_else(PoisonError::into_inner);
            jws.verify(&keys)
        };
        let payload = match known {
            Err(IdTokenError::UnknownKey) => {
                // Rotation: fetch once more, but not for every token naming a stranger key.
                {
                    let mut last = self
                        .last_refresh
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner);
                    if last.is_some_and(|at| at.elapsed() < MIN_KEY_REFRESH_INTERVAL) {
                        return Err(IdTokenError::UnknownKey.into());
                    }
                    *last = Some(Instant::now());
                }
                tracing::info!(kid = ?jws.kid, "ID token signed with a key we do not have; fetching the provider's keys again");
                let fresh = fetch_keys(&self.http, &self.metadata.jwks_uri)?;
                let verified = jws.verify(&fresh);
                *self.keys.write().unwrap_or_else(PoisonError::into_inner) = fresh;
                verified?
            }
            other => other?,
        };
        let expected = Expected {
            issuer: &self.metadata.issuer,
            client_id: &self.config.client_id,
            nonce,
            now: now(),
            leeway_secs: i64::try_from(self.config.clock_leeway.as_secs()).unwrap_or(i64::MAX),
        };
        Ok(check_claims(&payload, &expected)?)
    }

    /// The ID token from the token endpoint.
    fn exchange(&self, code: &str, verifier: &str) -> Result<String, OidcError> {
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", self.config.redirect_uri.as_str()),
            ("code_verifier", verifier),
        ];
        let mut request = self
            .http
            .post(&self.metadata.token_endpoint)
            .header(ACCEPT, "application/json");
        match (self.token_auth, &self.config.client_secret) {
            (Some(TokenAuth::Basic), Some(secret)) => {
                // RFC 6749 §2.3.1: each part form-encoded before Basic.
                let pair = format!(
                    "{}:{}",
                    form_encode(&self.config.client_id),
                    form_encode(secret.expose())
                );
                request = request.header(AUTHORIZATION, format!("Basic {}", STANDARD.encode(pair)));
            }
            (Some(TokenAuth::Post), Some(secret)) => {
                form.push(("client_id", &self.config.client_id));
                form.push(("client_secret", secret.expose()));
            }
            _ => form.push(("client_id", &self.config.client_id)),
        }
        let response = request
            .form(&form)
            .send()
            .map_err(|e| unavailable("token endpoint", &e))?;
        let status = response.status();
        let body = read_limited(response, "token endpoint")?;
        if !status.is_success() {
            return Err(match serde_json::from_slice::<ErrorAnswer>(&body) {
                Ok(answer) => OidcError::TokenRefused {
                    status: status.as_u16(),
                    error: answer.error,
                    description: answer.error_description,
                },
                Err(_) => OidcError::Unavailable {
                    what: "token endpoint",
                    detail: format!("HTTP {status}"),
                },
            });
        }
        let answer: TokenAnswer =
            serde_json::from_slice(&body).map_err(|e| OidcError::Unavailable {
                what: "token endpoint",
                detail: format!("unreadable answer: {e}"),
            })?;
        answer.id_token.ok_or(OidcError::Unavailable {
            what: "token endpoint",
            detail: "the answer has no id_token".to_owned(),
        })
    }
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

mod http;
#[cfg(test)]
mod tests;

use http::{endpoint_url, fetch_keys, form_encode, get, read_limited, unavailable};
