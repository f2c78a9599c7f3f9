//! Postal codes: replaced as a whole by an import, read by code.

use diesel::prelude::*;
use madoguchi_records::PostalRead;
use madoguchi_records::schema::postal_codes;
use madoguchi_records::{Postal, PostalCodeRecord, StoreError};

use crate::DbConn;

/// Rows per INSERT: nine columns each stays well under both engines' parameter limits.
const BATCH: usize = 1000;

impl PostalRead for DbConn {
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

impl Postal for DbConn {
    /// Call inside a write transaction, so readers see either the old data or the new,
    /// never a half-imported table. `records` is read a thousand at a time.
    fn replace_postal_codes(
        &mut self,
        records: &mut dyn Iterator<Item = PostalCodeRecord>,
    ) -> Result<usize, StoreError> {
        diesel::delete(postal_codes::table).execute(self)?;
        let mut chunk = Vec::with_capacity(BATCH);
        let mut n = 0;
        loop {
            chunk.clear();
            chunk.extend((&mut *records).take(BATCH));
            if chunk.is_empty() {
                return Ok(n);
            }
            n += chunk.len();
            // Multi-row INSERT is engine-specific in diesel (not offered through
            // MultiConnection).
            match self {
                DbConn::Sqlite(c) => diesel::insert_into(postal_codes::table)
                    .values(chunk.as_slice())
                    .execute(c)?,
                DbConn::Postgres(c) => diesel::insert_into(postal_codes::table)
                    .values(chunk.as_slice())
                    .execute(c)?,
            };
        }
    }
}
