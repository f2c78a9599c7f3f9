//! Postal codes: replaced as a whole by an import, read by code.

use diesel::prelude::*;
use madoguchi_records::schema::postal_codes;
use madoguchi_records::{Postal, PostalCodeRecord, StoreError};

use crate::DbConn;

/// Rows per INSERT: nine columns each stays well under both engines' parameter limits.
const BATCH: usize = 1000;

impl Postal for DbConn {
    /// Call inside a write transaction, so readers see either the old data or the new,
    /// never a half-imported table.
    fn replace_postal_codes(&mut self, records: &[PostalCodeRecord]) -> Result<usize, StoreError> {
        diesel::delete(postal_codes::table).execute(self)?;
        for chunk in records.chunks(BATCH) {
            // Multi-row INSERT is engine-specific in diesel (not offered through
            // MultiConnection).
            match self {
                DbConn::Sqlite(c) => diesel::insert_into(postal_codes::table)
                    .values(chunk)
                    .execute(c)?,
                DbConn::Postgres(c) => diesel::insert_into(postal_codes::table)
                    .values(chunk)
                    .execute(c)?,
            };
        }
        Ok(records.len())
    }

    fn find_postal_code(&mut self, postal_code: &str) -> Result<Vec<PostalCodeRecord>, StoreError> {
        Ok(postal_codes::table
            .filter(postal_codes::postal_code.eq(postal_code))
            .order(postal_codes::seq.asc())
            .select(PostalCodeRecord::as_select())
            .load(self)?)
    }

    fn count_postal_codes(&mut self) -> Result<i64, StoreError> {
        Ok(postal_codes::table.count().get_result(self)?)
    }
}
