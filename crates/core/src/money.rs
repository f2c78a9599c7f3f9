//! Whole-yen amounts. Fees are computed elsewhere with `rust_decimal` and rounded to yen;
//! what is stored and shown is always an integer number of yen.

use std::fmt;
use std::ops::Add;

use serde::{Deserialize, Serialize};

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

    /// `1,200円` — the way amounts are written on Japanese forms.
    /// `1,200円` or `¥1,200`.
    pub fn format(self, lang: crate::Lang) -> String {
        match lang {
            crate::Lang::Ja => self.format_ja(),
            crate::Lang::En => self.format_en(),
        }
    }

    pub fn format_ja(self) -> String {
        format!("{}円", group_thousands(self.0))
    }

    /// `¥1,200`.
    pub fn format_en(self) -> String {
        format!("¥{}", group_thousands(self.0))
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

fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
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
