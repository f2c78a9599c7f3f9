//! Postal codes (Japan Post's KEN_ALL): replaced as a whole by an import, read by code.

use crate::StoreError;

/// One town of a postal code (Japan Post's KEN_ALL).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::postal_codes, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct PostalCodeRecord {
    /// 7 digits, no hyphen.
    pub postal_code: String,
    /// Order of the towns that share the code.
    pub seq: i32,
    /// 5-digit 全国地方公共団体コード (no check digit); a designated city's wards have their own.
    pub local_gov_code: String,
    pub prefecture: String,
    pub city: String,
    /// Empty for a city's catch-all row.
    pub town: String,
    pub prefecture_kana: String,
    pub city_kana: String,
    pub town_kana: String,
}

/// What a read may do with [`Postal`] (`Database::read` hands out only reads).
pub trait PostalRead {
    /// The towns of a code, in order.
    fn find_postal_code(&mut self, postal_code: &str) -> Result<Vec<PostalCodeRecord>, StoreError>;
    fn count_postal_codes(&mut self) -> Result<i64, StoreError>;
}

/// Postal codes.
pub trait Postal: PostalRead {
    /// Replaces every postal code with `records`, inserted as they come (call inside
    /// `write`); returns how many.
    fn replace_postal_codes(
        &mut self,
        records: &mut dyn Iterator<Item = PostalCodeRecord>,
    ) -> Result<usize, StoreError>;
}
