//! Published form versions. A version is immutable: its id is the SHA-256 of its canonical
//! definition, so the same id always means the same form.

use diesel::prelude::*;

use crate::schema::form_versions;
use crate::{DbConn, StoreError, Timestamp};

#[derive(Clone, Debug, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = form_versions, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct FormVersionRow {
    pub version: String,
    pub procedure_id: String,
    pub definition: String,
    pub first_loaded_at: Timestamp,
}

/// Records a version unless it is already known. Returns true when it was new.
pub fn ensure(conn: &mut DbConn, row: &FormVersionRow) -> Result<bool, StoreError> {
    if find(conn, &row.version)?.is_some() {
        return Ok(false);
    }
    match diesel::insert_into(form_versions::table).values(row).execute(conn) {
        Ok(_) => Ok(true),
        Err(e) => {
            let e = StoreError::from(e);
            // Another process recorded the same version meanwhile: same content, fine.
            if e.is_unique_violation() { Ok(false) } else { Err(e) }
        }
    }
}

pub fn find(conn: &mut DbConn, version: &str) -> Result<Option<FormVersionRow>, StoreError> {
    Ok(form_versions::table.find(version).select(FormVersionRow::as_select()).first(conn).optional()?)
}
