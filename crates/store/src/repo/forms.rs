//! Published form versions. A version is immutable: its id is the SHA-256 of its canonical
//! definition, so the same id always means the same form.

use diesel::prelude::*;
use madoguchi_records::FormVersionsRead;
use madoguchi_records::schema::form_versions;
use madoguchi_records::{FormVersionRecord, FormVersions, StoreError};

use crate::DbConn;

impl FormVersionsRead for DbConn {
    fn find_form_version(
        &mut self,
        version: &str,
    ) -> Result<Option<FormVersionRecord>, StoreError> {
        Ok(form_versions::table
            .find(version)
            .select(FormVersionRecord::as_select())
            .first(self)
            .optional()?)
    }
}

impl FormVersions for DbConn {
    fn ensure_form_version(&mut self, record: &FormVersionRecord) -> Result<bool, StoreError> {
        if self.find_form_version(&record.version)?.is_some() {
            return Ok(false);
        }
        match diesel::insert_into(form_versions::table)
            .values(record)
            .execute(self)
        {
            Ok(_) => Ok(true),
            Err(e) => match StoreError::from(e) {
                // Another process recorded the same version meanwhile: same content, fine.
                StoreError::UniqueViolation(_) => Ok(false),
                e => Err(e),
            },
        }
    }
}
