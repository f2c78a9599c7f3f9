//! Clerk sessions (only token hashes are stored), failed sign-ins (for throttling) and
//! requests to the anonymous API per address (for its rate limit).

use madoguchi_core::{ClerkId, LoginFailureId};

use crate::{StoreError, Timestamp};

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::clerk_sessions, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct ClerkSessionRecord {
    pub token_hash: String,
    pub clerk_id: ClerkId,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
    /// Idle expiry (slides with activity).
    pub expires_at: Timestamp,
    /// The second factor was checked.
    pub mfa_verified: bool,
    /// The session ends at this time however active it is.
    pub absolute_expires_at: Option<Timestamp>,
    /// The clerk's `session_epoch` when the session began.
    pub epoch: i32,
}

/// What a read may do with [`Sessions`] (`Database::read` hands out only reads).
pub trait SessionsRead {
    /// The session if it exists and has not expired at `now`.
    fn find_live_session(
        &mut self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<ClerkSessionRecord>, StoreError>;
    fn count_login_failures(
        &mut self,
        key_kind: &str,
        key_hash: &str,
        since: Timestamp,
    ) -> Result<i64, StoreError>;
}

/// Clerk sessions and failed sign-ins.
pub trait Sessions: SessionsRead {
    fn insert_session(&mut self, record: &ClerkSessionRecord) -> Result<(), StoreError>;
    /// Slides the expiry forward on activity.
    fn touch_session(
        &mut self,
        token_hash: &str,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<(), StoreError>;
    fn delete_session(&mut self, token_hash: &str) -> Result<(), StoreError>;
    /// Marks a session's second factor as checked and sets its idle expiry.
    fn verify_session(&mut self, token_hash: &str, expires_at: Timestamp)
    -> Result<(), StoreError>;
    /// Ends every session of a clerk.
    fn delete_sessions_of(&mut self, clerk_id: &ClerkId) -> Result<(), StoreError>;
    /// Returns the new row's id.
    fn record_login_failure(
        &mut self,
        key_kind: &str,
        key_hash: &str,
        at: Timestamp,
    ) -> Result<LoginFailureId, StoreError>;
    /// Takes back attempts written down before they were checked.
    fn forget_login_failures(&mut self, ids: &[LoginFailureId]) -> Result<(), StoreError>;
    /// Adds `requests` to a key's count for the minute starting at `window_start` and
    /// returns the count every node has added so far.
    fn add_requests(
        &mut self,
        key_hash: &str,
        window_start: Timestamp,
        requests: i64,
    ) -> Result<i64, StoreError>;
}
