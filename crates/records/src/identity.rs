//! Residents' sign-ins through OpenID Connect: those in progress and the identities
//! reached, by browser session.

use madoguchi_core::{SignInLevel, TenantId};

use crate::{StoreError, Timestamp};

/// A resident's sign-in in progress (see the `resident_sign_ins` table).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::resident_sign_ins, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct SignInRecord {
    pub state_hash: String,
    pub tenant_id: TenantId,
    pub session_hash: String,
    /// The OIDC client's pending login, as JSON (holds the PKCE verifier: never logged).
    pub pending: String,
    pub return_to: String,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// Who a browser session signed in as.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::resident_identities, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct IdentityRecord {
    pub session_hash: String,
    pub tenant_id: TenantId,
    pub issuer: String,
    pub subject: String,
    pub level: SignInLevel,
    pub acr: Option<String>,
    pub authenticated_at: Timestamp,
    pub expires_at: Timestamp,
    /// The provider's verified claims after the My Number Card step-up, as JSON (the
    /// app's `VerifiedClaims`); none at the account level. Personal data: never logged.
    pub verified_claims: Option<String>,
    /// When the provider verified them.
    pub claims_verified_at: Option<Timestamp>,
}

impl std::fmt::Debug for IdentityRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdentityRecord")
            .field("tenant_id", &self.tenant_id)
            .field("issuer", &self.issuer)
            .field("level", &self.level)
            .field("acr", &self.acr)
            .field("authenticated_at", &self.authenticated_at)
            .field("expires_at", &self.expires_at)
            .field("claims_verified_at", &self.claims_verified_at)
            .finish_non_exhaustive()
    }
}

/// What a read may do with [`Identity`] (`Database::read` hands out only reads).
pub trait IdentityRead {
    /// The session's identity if it has not expired.
    fn find_identity(
        &mut self,
        session_hash: &str,
        now: Timestamp,
    ) -> Result<Option<IdentityRecord>, StoreError>;
}

/// Residents' sign-ins and identities.
pub trait Identity: IdentityRead {
    fn insert_sign_in(&mut self, record: &SignInRecord) -> Result<(), StoreError>;
    /// Finds and deletes the sign-in in progress (a state is used once).
    fn take_sign_in(&mut self, state_hash: &str) -> Result<Option<SignInRecord>, StoreError>;
    /// Records (or replaces) the session's identity.
    fn save_identity(&mut self, record: &IdentityRecord) -> Result<(), StoreError>;
    fn delete_identity(&mut self, session_hash: &str) -> Result<(), StoreError>;
    /// Moves the session's identity's expiry (activity keeps a sign-in alive).
    fn extend_identity(
        &mut self,
        session_hash: &str,
        expires_at: Timestamp,
    ) -> Result<(), StoreError>;
}
