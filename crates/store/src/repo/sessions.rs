//! Clerk sessions. Only a SHA-256 of the session token is stored, so a copy of the database
//! does not let anyone sign in.

use diesel::prelude::*;

use crate::schema::clerk_sessions;
use crate::{DbConn, StoreError, Timestamp};

#[derive(Clone, Debug, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = clerk_sessions, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct ClerkSessionRow {
    pub token_hash: String,
    pub clerk_id: String,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
    pub expires_at: Timestamp,
}

pub fn insert(conn: &mut DbConn, row: &ClerkSessionRow) -> Result<(), StoreError> {
    diesel::insert_into(clerk_sessions::table).values(row).execute(conn)?;
    Ok(())
}

/// The session if it exists and has not expired at `now`.
pub fn find_live(
    conn: &mut DbConn,
    token_hash: &str,
    now: Timestamp,
) -> Result<Option<ClerkSessionRow>, StoreError> {
    Ok(clerk_sessions::table
        .find(token_hash)
        .filter(clerk_sessions::expires_at.gt(now))
        .select(ClerkSessionRow::as_select())
        .first(conn)
        .optional()?)
}

/// Slides the expiry forward on activity.
pub fn touch(conn: &mut DbConn, token_hash: &str, now: Timestamp, expires_at: Timestamp) -> Result<(), StoreError> {
    diesel::update(clerk_sessions::table.find(token_hash))
        .set((clerk_sessions::last_seen_at.eq(now), clerk_sessions::expires_at.eq(expires_at)))
        .execute(conn)?;
    Ok(())
}

pub fn delete(conn: &mut DbConn, token_hash: &str) -> Result<(), StoreError> {
    diesel::delete(clerk_sessions::table.find(token_hash)).execute(conn)?;
    Ok(())
}

pub fn delete_expired(conn: &mut DbConn, now: Timestamp) -> Result<usize, StoreError> {
    Ok(diesel::delete(clerk_sessions::table.filter(clerk_sessions::expires_at.le(now))).execute(conn)?)
}
