//! Residents' own accounts, their emailed links, and guests' emails confirmed by a code.

use diesel::prelude::*;

use crate::repo::row;
use crate::schema::{account_links, guest_emails, resident_accounts, resident_identities};
use crate::{DbConn, Error, Timestamp};
use madoguchi_records::{AccountLinkRecord, AccountRecord, GuestEmailRecord};

row!(AccountRow <-> AccountRecord in resident_accounts {
    id: String,
    tenant_id: String,
    email: String,
    password_hash: String,
    verified_at: Option<Timestamp>,
    created_at: Timestamp,
    password_changed_at: Timestamp,
});

row!(AccountLinkRow <-> AccountLinkRecord in account_links {
    token_hash: String,
    account_id: String,
    purpose: String,
    created_at: Timestamp,
    expires_at: Timestamp,
    used_at: Option<Timestamp>,
});

row!(GuestEmailRow <-> GuestEmailRecord in guest_emails {
    session_hash: String,
    tenant_id: String,
    email: String,
    code_hash: String,
    attempts: i32,
    created_at: Timestamp,
    expires_at: Timestamp,
    verified_at: Option<Timestamp>,
});

pub fn insert(conn: &mut DbConn, record: &AccountRecord) -> Result<(), Error> {
    diesel::insert_into(resident_accounts::table)
        .values(AccountRow::from(record))
        .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<AccountRecord>, Error> {
    Ok(resident_accounts::table
        .find(id)
        .select(AccountRow::as_select())
        .first::<AccountRow>(conn)
        .optional()?
        .map(Into::into))
}

pub fn find_by_email(
    conn: &mut DbConn,
    tenant_id: &str,
    email: &str,
) -> Result<Option<AccountRecord>, Error> {
    Ok(resident_accounts::table
        .filter(resident_accounts::tenant_id.eq(tenant_id))
        .filter(resident_accounts::email.eq(email))
        .select(AccountRow::as_select())
        .first::<AccountRow>(conn)
        .optional()?
        .map(Into::into))
}

pub fn set_verified(conn: &mut DbConn, id: &str, now: Timestamp) -> Result<(), Error> {
    diesel::update(
        resident_accounts::table
            .find(id)
            .filter(resident_accounts::verified_at.is_null()),
    )
    .set(resident_accounts::verified_at.eq(Some(now)))
    .execute(conn)?;
    Ok(())
}

pub fn set_password(
    conn: &mut DbConn,
    id: &str,
    password_hash: &str,
    now: Timestamp,
) -> Result<(), Error> {
    diesel::update(resident_accounts::table.find(id))
        .set((
            resident_accounts::password_hash.eq(password_hash),
            resident_accounts::password_changed_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn insert_link(conn: &mut DbConn, record: &AccountLinkRecord) -> Result<(), Error> {
    diesel::insert_into(account_links::table)
        .values(AccountLinkRow::from(record))
        .execute(conn)?;
    Ok(())
}

pub fn find_link(conn: &mut DbConn, token_hash: &str) -> Result<Option<AccountLinkRecord>, Error> {
    Ok(account_links::table
        .find(token_hash)
        .select(AccountLinkRow::as_select())
        .first::<AccountLinkRow>(conn)
        .optional()?
        .map(Into::into))
}

pub fn use_link(conn: &mut DbConn, token_hash: &str, now: Timestamp) -> Result<bool, Error> {
    let n = diesel::update(
        account_links::table
            .find(token_hash)
            .filter(account_links::used_at.is_null()),
    )
    .set(account_links::used_at.eq(Some(now)))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn retire_links(
    conn: &mut DbConn,
    account_id: &str,
    purpose: &str,
    now: Timestamp,
) -> Result<(), Error> {
    diesel::update(
        account_links::table
            .filter(account_links::account_id.eq(account_id))
            .filter(account_links::purpose.eq(purpose))
            .filter(account_links::used_at.is_null()),
    )
    .set(account_links::used_at.eq(Some(now)))
    .execute(conn)?;
    Ok(())
}

pub fn delete_identities_of(conn: &mut DbConn, issuer: &str, subject: &str) -> Result<u64, Error> {
    let n = diesel::delete(
        resident_identities::table
            .filter(resident_identities::issuer.eq(issuer))
            .filter(resident_identities::subject.eq(subject)),
    )
    .execute(conn)?;
    Ok(n as u64)
}

pub fn save_guest_email(conn: &mut DbConn, record: &GuestEmailRecord) -> Result<(), Error> {
    diesel::delete(guest_emails::table.find((record.session_hash.as_str(), record.email.as_str())))
        .execute(conn)?;
    diesel::insert_into(guest_emails::table)
        .values(GuestEmailRow::from(record))
        .execute(conn)?;
    Ok(())
}

pub fn find_guest_email(
    conn: &mut DbConn,
    session_hash: &str,
    email: &str,
) -> Result<Option<GuestEmailRecord>, Error> {
    Ok(guest_emails::table
        .find((session_hash, email))
        .select(GuestEmailRow::as_select())
        .first::<GuestEmailRow>(conn)
        .optional()?
        .map(Into::into))
}

/// Moves everything a browser session holds (drafts and their files, filings, counter
/// slips, confirmed guest emails) to a new session token's hash: a sign-in gets a new
/// token, so a token planted before it is worth nothing after.
pub fn rekey_session(conn: &mut DbConn, old_hash: &str, new_hash: &str) -> Result<(), Error> {
    use crate::schema::{attachments, counter_visits, drafts, submissions};
    diesel::update(drafts::table.filter(drafts::session_hash.eq(old_hash)))
        .set(drafts::session_hash.eq(new_hash))
        .execute(conn)?;
    diesel::update(attachments::table.filter(attachments::session_hash.eq(old_hash)))
        .set(attachments::session_hash.eq(new_hash))
        .execute(conn)?;
    diesel::update(submissions::table.filter(submissions::resident_session_hash.eq(old_hash)))
        .set(submissions::resident_session_hash.eq(new_hash))
        .execute(conn)?;
    diesel::update(counter_visits::table.filter(counter_visits::session_hash.eq(old_hash)))
        .set(counter_visits::session_hash.eq(new_hash))
        .execute(conn)?;
    diesel::update(guest_emails::table.filter(guest_emails::session_hash.eq(old_hash)))
        .set(guest_emails::session_hash.eq(new_hash))
        .execute(conn)?;
    Ok(())
}
