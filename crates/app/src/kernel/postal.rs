//! Postal code to address look-ups (Japan Post's data).

use serde::Serialize;

use crate::kernel::{App, AppError};

/// One town a postal code can mean.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Address {
    /// `980-0811`.
    pub postal_code: String,
    pub prefecture: String,
    pub city: String,
    pub town: String,
    pub prefecture_kana: String,
    pub city_kana: String,
    pub town_kana: String,
    /// 5-digit local-government code; for a designated city it names the ward (04101 =
    /// 仙台市青葉区), which is how filings are routed to ward offices.
    pub local_gov_code: String,
}

impl App {
    /// Every town a postal code means (none for an unknown or malformed code). Accepts what
    /// people type: `980-0811`, `9800811`, full-width digits.
    pub fn lookup_address(&self, postal_code: &str) -> Result<Vec<Address>, AppError> {
        let digits: String = madoguchi_forms::normalize::ascii_to_halfwidth(postal_code)
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        if digits.len() != 7 {
            return Ok(Vec::new());
        }
        let rows = self.read(|r| Ok(r.find_postal_code(&digits)?))?;
        Ok(rows
            .into_iter()
            .map(|r| Address {
                postal_code: format!("{}-{}", &r.postal_code[..3], &r.postal_code[3..]),
                prefecture: r.prefecture,
                city: r.city,
                town: r.town,
                prefecture_kana: r.prefecture_kana,
                city_kana: r.city_kana,
                town_kana: r.town_kana,
                local_gov_code: r.local_gov_code,
            })
            .collect())
    }
}
