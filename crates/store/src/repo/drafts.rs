//! Server-side drafts: a resident's answers between steps, tied to their browser session.

use diesel::prelude::*;

use crate::repo::row;
use crate::schema::{attachments, draft_links, drafts};
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

pub fn count_all(conn: &mut DbConn) -> Result<i64, Error> {
    Ok(drafts::table.count().get_result(conn)?)
}

/// The session's drafts not yet expired, most recently saved first.
pub fn of_session(
    conn: &mut DbConn,
    tenant_id: &str,
    session_hash: &str,
    now: Timestamp,
) -> Result<Vec<DraftRecord>, Error> {
    Ok(drafts::table
        .filter(drafts::tenant_id.eq(tenant_id))
        .filter(drafts::session_hash.eq(session_hash))
        .filter(drafts::expires_at.gt(now))
        .order(drafts::updated_at.desc())
        .select(DraftRow::as_select())
        .load::<DraftRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub fn insert_link(
    conn: &mut DbConn,
    token_hash: &str,
    tenant_id: &str,
    draft_id: &str,
    now: Timestamp,
    expires_at: Timestamp,
) -> Result<(), Error> {
    diesel::insert_into(draft_links::table)
        .values((
            draft_links::token_hash.eq(token_hash),
            draft_links::tenant_id.eq(tenant_id),
            draft_links::draft_id.eq(draft_id),
            draft_links::created_at.eq(now),
            draft_links::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

use madoguchi_records::DraftLink;

pub fn find_link(conn: &mut DbConn, token_hash: &str) -> Result<Option<DraftLink>, Error> {
    Ok(draft_links::table
        .find(token_hash)
        .select((
            draft_links::tenant_id,
            draft_links::draft_id,
            draft_links::expires_at,
            draft_links::used_at,
        ))
        .first::<DraftLink>(conn)
        .optional()?)
}

/// Marks the link used, once: false when someone used it first.
pub fn use_link(conn: &mut DbConn, token_hash: &str, now: Timestamp) -> Result<bool, Error> {
    let n = diesel::update(
        draft_links::table
            .find(token_hash)
            .filter(draft_links::used_at.is_null()),
    )
    .set(draft_links::used_at.eq(Some(now)))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<DraftRecord>, Error> {
    Ok(drafts::table
        .find(id)
        .select(DraftRow::as_select())
        .first::<DraftRow>(conn)
        .optional()?
        .map(Into::into))
}

/// Moves a draft, and the files attached to it, to another browser session; a draft of
/// the same procedure already there is replaced (with its files).
pub fn move_to_session(
    conn: &mut DbConn,
    draft: &DraftRecord,
    session_hash: &str,
) -> Result<(), Error> {
    if draft.session_hash == session_hash {
        return Ok(());
    }
    let there = attachments::table
        .filter(attachments::session_hash.eq(session_hash))
        .filter(attachments::procedure_id.eq(&draft.procedure_id))
        .filter(attachments::submission_id.is_null());
    diesel::delete(there).execute(conn)?;
    let old = drafts::table
        .filter(drafts::session_hash.eq(session_hash))
        .filter(drafts::procedure_id.eq(&draft.procedure_id))
        .select(drafts::id)
        .load::<String>(conn)?;
    for id in old {
        diesel::delete(draft_links::table.filter(draft_links::draft_id.eq(&id))).execute(conn)?;
        diesel::delete(drafts::table.find(id)).execute(conn)?;
    }
    diesel::update(drafts::table.find(&draft.id))
        .set(drafts::session_hash.eq(session_hash))
        .execute(conn)?;
    diesel::update(
        attachments::table
            .filter(attachments::session_hash.eq(&draft.session_hash))
            .filter(attachments::procedure_id.eq(&draft.procedure_id))
            .filter(attachments::submission_id.is_null()),
    )
    .set(attachments::session_hash.eq(session_hash))
    .execute(conn)?;
    Ok(())
}
