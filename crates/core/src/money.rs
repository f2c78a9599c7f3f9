//! Whole-yen amounts. Fees are computed elsewhere with `rust_decimal` and rounded to yen;
//! what is stored and shown is always an integer number of yen.

use std::fmt;
use std::ops::Add;

use serde::{Deserialize, Serialize};

use crate::Lang;

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Yen(i64);

impl Yen {
    pub const ZERO: Yen = Yen(0);

    pub const fn new(amount: i64) -> Self {
        Self(amount)
    }

    pub const fn amount(self) -> i64 {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// The amount as written in `lang` (catalogue message `money-yen`): `1,200円`, `¥1,200`.
    pub fn format(self, lang: Lang) -> String {
        madoguchi_i18n::t!(lang, money_yen, amount = self.0)
    }

    /// `1,200円` — the way amounts are written on Japanese forms.
    pub fn format_ja(self) -> String {
        self.format(Lang::Ja)
    }

    /// `¥1,200`.
    pub fn format_en(self) -> String {
        self.format(Lang::En)
    }
}

impl Add for Yen {
    type Output = Yen;
    fn add(self, rhs: Yen) -> Yen {
        Yen(self.0.saturating_add(rhs.0))
    }
}

impl fmt::Display for Yen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format_ja())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_a_japanese_form() {
        assert_eq!(Yen::new(300).format_ja(), "300円");
        assert_eq!(Yen::new(1_234_567).format_ja(), "1,234,567円");
        assert_eq!(Yen::new(1200).format_en(), "¥1,200");
        assert_eq!(Yen::new(-5000).format_en(), "¥-5,000");
        assert_eq!(Yen::ZERO.format_ja(), "0円");
    }
}
