//! Residents' sign-ins through OpenID Connect: those in progress and the identities
//! reached, by browser session.

use diesel::prelude::*;

use crate::repo::row;
use crate::schema::{resident_identities, resident_sign_ins};
use crate::{DbConn, Error, Timestamp};
use madoguchi_records::{IdentityRecord, SignInRecord};

row!(SignInRow <-> SignInRecord in resident_sign_ins {
    state_hash: String,
    tenant_id: String,
    session_hash: String,
    pending: String,
    return_to: String,
    created_at: Timestamp,
    expires_at: Timestamp,
});

row!(IdentityRow <-> IdentityRecord in resident_identities {
    session_hash: String,
    tenant_id: String,
    issuer: String,
    subject: String,
    level: String,
    acr: Option<String>,
    authenticated_at: Timestamp,
    expires_at: Timestamp,
});

pub fn insert_sign_in(conn: &mut DbConn, record: &SignInRecord) -> Result<(), Error> {
    diesel::insert_into(resident_sign_ins::table)
        .values(SignInRow::from(record))
        .execute(conn)?;
    Ok(())
}

pub fn take_sign_in(conn: &mut DbConn, state_hash: &str) -> Result<Option<SignInRecord>, Error> {
    let found = resident_sign_ins::table
        .find(state_hash)
        .select(SignInRow::as_select())
        .first::<SignInRow>(conn)
        .optional()?;
    if found.is_some() {
        // Deleted by exactly one caller: a state replayed at once finds nothing left.
        let n = diesel::delete(resident_sign_ins::table.find(state_hash)).execute(conn)?;
        if n == 0 {
            return Ok(None);
        }
    }
    Ok(found.map(Into::into))
}

pub fn save_identity(conn: &mut DbConn, record: &IdentityRecord) -> Result<(), Error> {
    diesel::delete(resident_identities::table.find(&record.session_hash)).execute(conn)?;
    diesel::insert_into(resident_identities::table)
        .values(IdentityRow::from(record))
        .execute(conn)?;
    Ok(())
}

pub fn find_identity(
    conn: &mut DbConn,
    session_hash: &str,
    now: Timestamp,
) -> Result<Option<IdentityRecord>, Error> {
    Ok(resident_identities::table
        .find(session_hash)
        .filter(resident_identities::expires_at.gt(now))
        .select(IdentityRow::as_select())
        .first::<IdentityRow>(conn)
        .optional()?
        .map(Into::into))
}

pub fn delete_identity(conn: &mut DbConn, session_hash: &str) -> Result<(), Error> {
    diesel::delete(resident_identities::table.find(session_hash)).execute(conn)?;
    Ok(())
}

pub fn extend_identity(
    conn: &mut DbConn,
    session_hash: &str,
    expires_at: Timestamp,
) -> Result<(), Error> {
    diesel::update(resident_identities::table.find(session_hash))
        .set(resident_identities::expires_at.eq(expires_at))
        .execute(conn)?;
    Ok(())
}
