//! Server-side drafts: a resident's answers between steps, tied to their browser session.

use diesel::prelude::*;

use crate::repo::row;
use crate::schema::drafts;
use crate::{DbConn, Error, Timestamp};
use madoguchi_records::DraftRecord;

row!(DraftRow <-> DraftRecord in drafts {
    id: String,
    tenant_id: String,
    session_hash: String,
    procedure_id: String,
    form_version: String,
    data: String,
    created_at: Timestamp,
    updated_at: Timestamp,
    expires_at: Timestamp,
});

pub fn find_live(
    conn: &mut DbConn,
    tenant_id: &str,
    session_hash: &str,
    procedure_id: &str,
    now: Timestamp,
) -> Result<Option<DraftRecord>, Error> {
    Ok(drafts::table
        .filter(drafts::tenant_id.eq(tenant_id))
        .filter(drafts::session_hash.eq(session_hash))
        .filter(drafts::procedure_id.eq(procedure_id))
        .filter(drafts::expires_at.gt(now))
        .select(DraftRow::as_select())
        .first::<DraftRow>(conn)
        .optional()?
        .map(Into::into))
}

/// Inserts the draft, or replaces the one this session has for the procedure (an expired
/// one included). Call inside `write_tx`.
pub fn save(conn: &mut DbConn, row: &DraftRecord) -> Result<(), Error> {
    let existing = drafts::table
        .filter(drafts::session_hash.eq(&row.session_hash))
        .filter(drafts::procedure_id.eq(&row.procedure_id))
        .select(drafts::id)
        .first::<String>(conn)
        .optional()?;
    match existing {
        Some(id) => {
            diesel::update(drafts::table.find(&id))
                .set((
                    drafts::form_version.eq(&row.form_version),
                    drafts::data.eq(&row.data),
                    drafts::updated_at.eq(row.updated_at),
                    drafts::expires_at.eq(row.expires_at),
                ))
                .execute(conn)?;
        }
        None => {
            diesel::insert_into(drafts::table)
                .values(DraftRow::from(row))
                .execute(conn)?;
        }
    }
    Ok(())
}

pub fn delete(conn: &mut DbConn, id: &str) -> Result<(), Error> {
    diesel::delete(drafts::table.find(id)).execute(conn)?;
    Ok(())
}

pub fn delete_expired(conn: &mut DbConn, now: Timestamp) -> Result<usize, Error> {
    Ok(diesel::delete(drafts::table.filter(drafts::expires_at.le(now))).execute(conn)?)
}

pub fn count_all(conn: &mut DbConn) -> Result<i64, Error> {
    Ok(drafts::table.count().get_result(conn)?)
}
