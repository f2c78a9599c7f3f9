//! Files attached to file questions (the bytes live in the file store, by SHA-256).

use diesel::prelude::*;

use crate::repo::row;
use crate::schema::attachments;
use crate::{DbConn, Error, Timestamp};
use madoguchi_records::AttachmentRecord;

row!(AttachmentRow <-> AttachmentRecord in attachments {
    id: String,
    tenant_id: String,
    session_hash: String,
    procedure_id: String,
    field: String,
    file_name: String,
    content_type: String,
    size_bytes: i64,
    sha256: String,
        created_at: Timestamp,
    submission_id: Option<String>,
    correction_id: Option<String>,
});

pub fn insert(conn: &mut DbConn, record: &AttachmentRecord) -> Result<(), Error> {
    diesel::insert_into(attachments::table)
        .values(AttachmentRow::from(record))
        .execute(conn)?;
    Ok(())
}

pub fn of_draft(
    conn: &mut DbConn,
    tenant_id: &str,
    session_hash: &str,
    procedure_id: &str,
) -> Result<Vec<AttachmentRecord>, Error> {
    Ok(attachments::table
        .filter(attachments::tenant_id.eq(tenant_id))
        .filter(attachments::session_hash.eq(session_hash))
        .filter(attachments::procedure_id.eq(procedure_id))
        .filter(attachments::submission_id.is_null())
        .order((attachments::created_at.asc(), attachments::id.asc()))
        .select(AttachmentRow::as_select())
        .load::<AttachmentRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub fn delete_of_draft(
    conn: &mut DbConn,
    id: &str,
    tenant_id: &str,
    session_hash: &str,
) -> Result<bool, Error> {
    let n = diesel::delete(
        attachments::table
            .filter(attachments::id.eq(id))
            .filter(attachments::tenant_id.eq(tenant_id))
            .filter(attachments::session_hash.eq(session_hash))
            .filter(attachments::submission_id.is_null()),
    )
    .execute(conn)?;
    Ok(n == 1)
}

pub fn claim(
    conn: &mut DbConn,
    tenant_id: &str,
    session_hash: &str,
    procedure_id: &str,
    submission_id: &str,
) -> Result<usize, Error> {
    Ok(diesel::update(
        attachments::table
            .filter(attachments::tenant_id.eq(tenant_id))
            .filter(attachments::session_hash.eq(session_hash))
            .filter(attachments::procedure_id.eq(procedure_id))
            .filter(attachments::submission_id.is_null()),
    )
    .set(attachments::submission_id.eq(Some(submission_id)))
    .execute(conn)?)
}

/// Removes a file sent with a correction that is not answered yet.
pub fn delete_of_correction(
    conn: &mut DbConn,
    id: &str,
    correction_id: &str,
) -> Result<bool, Error> {
    let n = diesel::delete(
        attachments::table
            .filter(attachments::id.eq(id))
            .filter(attachments::correction_id.eq(correction_id)),
    )
    .execute(conn)?;
    Ok(n == 1)
}

pub fn of_submission(
    conn: &mut DbConn,
    submission_id: &str,
) -> Result<Vec<AttachmentRecord>, Error> {
    Ok(attachments::table
        .filter(attachments::submission_id.eq(submission_id))
        .order((attachments::created_at.asc(), attachments::id.asc()))
        .select(AttachmentRow::as_select())
        .load::<AttachmentRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}
