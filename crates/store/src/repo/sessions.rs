//! Clerk sessions. Only a SHA-256 of the session token is stored, so a copy of the database
//! does not let anyone sign in.

use diesel::prelude::*;

use crate::repo::row;
use crate::schema::clerk_sessions;
use crate::{DbConn, Error, Timestamp};
use madoguchi_records::ClerkSessionRecord;

row!(ClerkSessionRow <-> ClerkSessionRecord in clerk_sessions {
    token_hash: String,
    clerk_id: String,
    created_at: Timestamp,
    last_seen_at: Timestamp,
    expires_at: Timestamp,
});

pub fn insert(conn: &mut DbConn, row: &ClerkSessionRecord) -> Result<(), Error> {
    diesel::insert_into(clerk_sessions::table)
        .values(ClerkSessionRow::from(row))
        .execute(conn)?;
    Ok(())
}

/// The session if it exists and has not expired at `now`.
pub fn find_live(
    conn: &mut DbConn,
    token_hash: &str,
    now: Timestamp,
) -> Result<Option<ClerkSessionRecord>, Error> {
    Ok(clerk_sessions::table
        .find(token_hash)
        .filter(clerk_sessions::expires_at.gt(now))
        .select(ClerkSessionRow::as_select())
        .first::<ClerkSessionRow>(conn)
        .optional()?
        .map(Into::into))
}

/// Slides the expiry forward on activity.
pub fn touch(
    conn: &mut DbConn,
    token_hash: &str,
    now: Timestamp,
    expires_at: Timestamp,
) -> Result<(), Error> {
    diesel::update(clerk_sessions::table.find(token_hash))
        .set((
            clerk_sessions::last_seen_at.eq(now),
            clerk_sessions::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn delete(conn: &mut DbConn, token_hash: &str) -> Result<(), Error> {
    diesel::delete(clerk_sessions::table.find(token_hash)).execute(conn)?;
    Ok(())
}

pub fn delete_expired(conn: &mut DbConn, now: Timestamp) -> Result<usize, Error> {
    Ok(
        diesel::delete(clerk_sessions::table.filter(clerk_sessions::expires_at.le(now)))
            .execute(conn)?,
    )
}
