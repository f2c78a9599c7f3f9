//! Documents issued to applicants (decision notices).

use diesel::prelude::*;

use crate::repo::row;
use crate::schema::documents;
use crate::{DbConn, Error, Timestamp};
use madoguchi_records::DocumentRecord;

row!(DocumentRow <-> DocumentRecord in documents {
    id: String,
    tenant_id: String,
    submission_id: String,
    kind: String,
    created_at: Timestamp,
    content: String,
    token_hash: String,
});

pub fn insert(conn: &mut DbConn, record: &DocumentRecord) -> Result<(), Error> {
    diesel::insert_into(documents::table)
        .values(DocumentRow::from(record))
        .execute(conn)?;
    Ok(())
}

pub fn find_by_token(conn: &mut DbConn, token_hash: &str) -> Result<Option<DocumentRecord>, Error> {
    Ok(documents::table
        .filter(documents::token_hash.eq(token_hash))
        .select(DocumentRow::as_select())
        .first::<DocumentRow>(conn)
        .optional()?
        .map(Into::into))
}

pub fn find(
    conn: &mut DbConn,
    submission_id: &str,
    kind: &str,
) -> Result<Option<DocumentRecord>, Error> {
    Ok(documents::table
        .filter(documents::submission_id.eq(submission_id))
        .filter(documents::kind.eq(kind))
        .select(DocumentRow::as_select())
        .first::<DocumentRow>(conn)
        .optional()?
        .map(Into::into))
}
