//! What can go wrong, with a stable snake_case code for each kind.

use thiserror::Error;

/// Why a sign-in with the provider failed. Every variant but
/// [`OidcError::Unavailable`] and [`OidcError::Config`] is either the resident's doing
/// (cancelled, came back with a stale link) or hostile input; none of them panics.
#[derive(Debug, Error)]
pub enum OidcError {
    /// The configuration cannot work (not a URL, plain HTTP to a remote host, …).
    #[error("OIDC configuration: {0}")]
    Config(String),
    /// The provider could not be reached or answered something unreadable.
    #[error("OIDC provider unavailable ({what}): {detail}")]
    Unavailable { what: &'static str, detail: String },
    /// The discovery document or the key set is not usable.
    #[error("OIDC discovery: {0}")]
    Discovery(String),
    /// The discovery document names another issuer than the configured one.
    #[error(
        "OIDC discovery: the document's issuer {document:?} is not the configured {configured:?}"
    )]
    IssuerMismatch {
        configured: String,
        document: String,
    },
    /// The callback's `state` is missing or is not the one of this browser's sign-in
    /// (a forged or stale callback).
    #[error("OIDC callback: state does not match this sign-in")]
    StateMismatch,
    /// The callback's `iss` (RFC 9207) is not our issuer: a mix-up attempt.
    #[error("OIDC callback: iss parameter is not the configured issuer")]
    CallbackIssuerMismatch,
    /// The callback is not a well-formed authorization response.
    #[error("OIDC callback: {0}")]
    MalformedCallback(&'static str),
    /// The provider sent the resident back with an error (`access_denied` when they
    /// cancelled).
    #[error("OIDC provider returned error {error:?}: {}", description.as_deref().unwrap_or(""))]
    Provider {
        error: String,
        description: Option<String>,
    },
    /// The token endpoint refused the code (used twice, expired, wrong PKCE verifier,
    /// wrong client credentials).
    #[error("OIDC token endpoint refused (HTTP {status}): {error} {}", description.as_deref().unwrap_or(""))]
    TokenRefused {
        status: u16,
        error: String,
        description: Option<String>,
    },
    /// The ID token failed a check.
    #[error("OIDC ID token: {0}")]
    IdToken(#[from] IdTokenError),
    /// The operating system gave no randomness.
    #[error("no randomness available: {0}")]
    Random(String),
}

impl OidcError {
    /// A stable code for logs and for translated messages.
    pub fn code(&self) -> &'static str {
        match self {
            OidcError::Config(_) => "oidc_config",
            OidcError::Unavailable { .. } => "oidc_unavailable",
            OidcError::Discovery(_) => "oidc_discovery",
            OidcError::IssuerMismatch { .. } => "oidc_issuer_mismatch",
            OidcError::StateMismatch => "oidc_state_mismatch",
            OidcError::CallbackIssuerMismatch => "oidc_callback_issuer_mismatch",
            OidcError::MalformedCallback(_) => "oidc_malformed_callback",
            OidcError::Provider { error, .. } if error == "access_denied" => "oidc_access_denied",
            OidcError::Provider { .. } => "oidc_provider_error",
            OidcError::TokenRefused { .. } => "oidc_token_refused",
            OidcError::IdToken(e) => e.code(),
            OidcError::Random(_) => "oidc_no_randomness",
        }
    }
}

/// Why an ID token was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IdTokenError {
    #[error("not a well-formed signed JWT: {0}")]
    Malformed(&'static str),
    #[error("signature algorithm {0:?} is not accepted")]
    UnsupportedAlgorithm(String),
    #[error("the header has critical extensions we do not understand")]
    CriticalHeader,
    #[error("no key of the provider's key set fits this token")]
    UnknownKey,
    #[error("the signature does not verify")]
    BadSignature,
    #[error("issuer {0:?} is not the configured issuer")]
    WrongIssuer(String),
    #[error("the audience does not contain our client id")]
    WrongAudience,
    #[error("the authorized party (azp) is not our client id")]
    WrongAuthorizedParty,
    #[error("expired")]
    Expired,
    #[error("issued in the future")]
    IssuedInFuture,
    #[error("the nonce is missing or not the one of this sign-in")]
    WrongNonce,
    #[error("claim {0} is missing or has the wrong type")]
    BadClaim(&'static str),
}

impl IdTokenError {
    pub fn code(&self) -> &'static str {
        match self {
            IdTokenError::Malformed(_) => "oidc_id_token_malformed",
            IdTokenError::UnsupportedAlgorithm(_) => "oidc_id_token_algorithm",
            IdTokenError::CriticalHeader => "oidc_id_token_critical_header",
            IdTokenError::UnknownKey => "oidc_id_token_unknown_key",
            IdTokenError::BadSignature => "oidc_id_token_bad_signature",
            IdTokenError::WrongIssuer(_) => "oidc_id_token_wrong_issuer",
            IdTokenError::WrongAudience => "oidc_id_token_wrong_audience",
            IdTokenError::WrongAuthorizedParty => "oidc_id_token_wrong_azp",
            IdTokenError::Expired => "oidc_id_token_expired",
            IdTokenError::IssuedInFuture => "oidc_id_token_issued_in_future",
            IdTokenError::WrongNonce => "oidc_id_token_wrong_nonce",
            IdTokenError::BadClaim(_) => "oidc_id_token_bad_claim",
        }
    }
}
