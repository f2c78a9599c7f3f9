//! Published form versions. A version is immutable: its id is the SHA-256 of its canonical
//! definition, so the same id always means the same form.

use diesel::prelude::*;

use crate::repo::row;
use crate::schema::form_versions;
use crate::{DbConn, Error, Timestamp};
use madoguchi_records::FormVersionRecord;

row!(FormVersionRow <-> FormVersionRecord in form_versions {
    version: String,
    procedure_id: String,
    definition: String,
    first_loaded_at: Timestamp,
});

/// Records a version unless it is already known. Returns true when it was new.
pub fn ensure(conn: &mut DbConn, row: &FormVersionRecord) -> Result<bool, Error> {
    if find(conn, &row.version)?.is_some() {
        return Ok(false);
    }
    match diesel::insert_into(form_versions::table)
        .values(FormVersionRow::from(row))
        .execute(conn)
    {
        Ok(_) => Ok(true),
        Err(e) => {
            let e = Error::from(e);
            // Another process recorded the same version meanwhile: same content, fine.
            if e.is_unique_violation() {
                Ok(false)
            } else {
                Err(e)
            }
        }
    }
}

pub fn find(conn: &mut DbConn, version: &str) -> Result<Option<FormVersionRecord>, Error> {
    Ok(form_versions::table
        .find(version)
        .select(FormVersionRow::as_select())
        .first::<FormVersionRow>(conn)
        .optional()?
        .map(Into::into))
}
