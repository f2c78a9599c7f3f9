//! Postal codes: replaced as a whole by an import, read by code.

use diesel::prelude::*;
use madoguchi_records::PostalCodeRecord;

use crate::repo::row;
use crate::schema::postal_codes;
use crate::{DbConn, Error};

row!(PostalRow <-> PostalCodeRecord in postal_codes {
    postal_code: String,
    seq: i32,
    local_gov_code: String,
    prefecture: String,
    city: String,
    town: String,
    prefecture_kana: String,
    city_kana: String,
    town_kana: String,
});

/// Rows per INSERT: nine columns each stays well under both engines' parameter limits.
const BATCH: usize = 1000;

/// Replaces the whole table. Call inside a write transaction, so readers see either the
/// old data or the new, never a half-imported table.
pub fn replace_all(conn: &mut DbConn, records: &[PostalCodeRecord]) -> Result<usize, Error> {
    diesel::delete(postal_codes::table).execute(conn)?;
    for chunk in records.chunks(BATCH) {
        let rows: Vec<PostalRow> = chunk.iter().map(PostalRow::from).collect();
        // Multi-row INSERT is engine-specific in diesel (not offered through MultiConnection).
        match conn {
            DbConn::Sqlite(c) => diesel::insert_into(postal_codes::table)
                .values(&rows)
                .execute(c)?,
            DbConn::Postgres(c) => diesel::insert_into(postal_codes::table)
                .values(&rows)
                .execute(c)?,
        };
    }
    Ok(records.len())
}

pub fn find(conn: &mut DbConn, postal_code: &str) -> Result<Vec<PostalCodeRecord>, Error> {
    Ok(postal_codes::table
        .filter(postal_codes::postal_code.eq(postal_code))
        .order(postal_codes::seq.asc())
        .select(PostalRow::as_select())
        .load::<PostalRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub fn count(conn: &mut DbConn) -> Result<i64, Error> {
    Ok(postal_codes::table.count().get_result(conn)?)
}
