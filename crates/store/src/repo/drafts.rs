//! Server-side drafts: a resident's answers between steps, tied to their browser session.

use diesel::prelude::*;

use crate::schema::drafts;
use crate::{DbConn, StoreError, Timestamp};

#[derive(Clone, Debug, PartialEq, Eq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = drafts, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct DraftRow {
    pub id: String,
    pub tenant_id: String,
    pub session_hash: String,
    pub procedure_id: String,
    pub form_version: String,
    pub data: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub expires_at: Timestamp,
}

pub fn find_live(
    conn: &mut DbConn,
    tenant_id: &str,
    session_hash: &str,
    procedure_id: &str,
    now: Timestamp,
) -> Result<Option<DraftRow>, StoreError> {
    Ok(drafts::table
        .filter(drafts::tenant_id.eq(tenant_id))
        .filter(drafts::session_hash.eq(session_hash))
        .filter(drafts::procedure_id.eq(procedure_id))
        .filter(drafts::expires_at.gt(now))
        .select(DraftRow::as_select())
        .first(conn)
        .optional()?)
}

/// Inserts the draft, or replaces the one this session has for the procedure (an expired
/// one included). Call inside `write_tx`.
pub fn save(conn: &mut DbConn, row: &DraftRow) -> Result<(), StoreError> {
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
            diesel::insert_into(drafts::table).values(row).execute(conn)?;
        }
    }
    Ok(())
}

pub fn delete(conn: &mut DbConn, id: &str) -> Result<(), StoreError> {
    diesel::delete(drafts::table.find(id)).execute(conn)?;
    Ok(())
}

pub fn delete_expired(conn: &mut DbConn, now: Timestamp) -> Result<usize, StoreError> {
    Ok(diesel::delete(drafts::table.filter(drafts::expires_at.le(now))).execute(conn)?)
}

pub fn count_all(conn: &mut DbConn) -> Result<i64, StoreError> {
    Ok(drafts::table.count().get_result(conn)?)
}
