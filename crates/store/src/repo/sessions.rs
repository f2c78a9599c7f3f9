//! Clerk sessions. Only a SHA-256 of the session token is stored, so a copy of the database
//! does not let anyone sign in.

use diesel::prelude::*;

use crate::repo::row;
use crate::schema::{audit_log, clerk_sessions, login_failures};
use crate::{DbConn, Error, Timestamp};
use madoguchi_records::{AuditRecord, ClerkSessionRecord};

row!(ClerkSessionRow <-> ClerkSessionRecord in clerk_sessions {
    token_hash: String,
    clerk_id: String,
    created_at: Timestamp,
    last_seen_at: Timestamp,
    expires_at: Timestamp,
    mfa_verified: bool,
    absolute_expires_at: Option<Timestamp>,
    epoch: i32,
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

/// The second factor was checked: the session becomes usable, with a new idle expiry.
pub fn verify(conn: &mut DbConn, token_hash: &str, expires_at: Timestamp) -> Result<(), Error> {
    diesel::update(clerk_sessions::table.find(token_hash))
        .set((
            clerk_sessions::mfa_verified.eq(true),
            clerk_sessions::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn delete_of_clerk(conn: &mut DbConn, clerk_id: &str) -> Result<(), Error> {
    diesel::delete(clerk_sessions::table.filter(clerk_sessions::clerk_id.eq(clerk_id)))
        .execute(conn)?;
    Ok(())
}

pub fn delete(conn: &mut DbConn, token_hash: &str) -> Result<(), Error> {
    diesel::delete(clerk_sessions::table.find(token_hash)).execute(conn)?;
    Ok(())
}

pub fn record_login_failure(
    conn: &mut DbConn,
    key_kind: &str,
    key_hash: &str,
    at: Timestamp,
) -> Result<String, Error> {
    let id = uuid::Uuid::now_v7().to_string();
    diesel::insert_into(login_failures::table)
        .values((
            login_failures::id.eq(&id),
            login_failures::key_kind.eq(key_kind),
            login_failures::key_hash.eq(key_hash),
            login_failures::at.eq(at),
        ))
        .execute(conn)?;
    // Old failures no longer count; keep the table small.
    diesel::delete(
        login_failures::table.filter(login_failures::at.lt(at - chrono::Duration::days(1))),
    )
    .execute(conn)?;
    Ok(id)
}

pub fn forget_login_failures(conn: &mut DbConn, ids: &[String]) -> Result<(), Error> {
    diesel::delete(login_failures::table.filter(login_failures::id.eq_any(ids))).execute(conn)?;
    Ok(())
}

pub fn count_login_failures(
    conn: &mut DbConn,
    key_kind: &str,
    key_hash: &str,
    since: Timestamp,
) -> Result<i64, Error> {
    Ok(login_failures::table
        .filter(login_failures::key_kind.eq(key_kind))
        .filter(login_failures::key_hash.eq(key_hash))
        .filter(login_failures::at.ge(since))
        .count()
        .get_result(conn)?)
}

row!(AuditRow <-> AuditRecord in audit_log {
    id: String,
    tenant_id: String,
    at: Timestamp,
    clerk_id: Option<String>,
    action: String,
    submission_id: Option<String>,
    target_clerk_id: Option<String>,
    reason: Option<String>,
    detail: Option<String>,
});

pub fn append_audit(conn: &mut DbConn, row: &AuditRecord) -> Result<(), Error> {
    diesel::insert_into(audit_log::table)
        .values(AuditRow::from(row))
        .execute(conn)?;
    Ok(())
}

pub fn audit_of_submission(
    conn: &mut DbConn,
    submission_id: &str,
) -> Result<Vec<AuditRecord>, Error> {
    Ok(audit_log::table
        .filter(audit_log::submission_id.eq(submission_id))
        .order((audit_log::at.asc(), audit_log::id.asc()))
        .select(AuditRow::as_select())
        .load::<AuditRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}
