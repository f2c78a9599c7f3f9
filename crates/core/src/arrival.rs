//! 到達番号 (arrival number): the reference a resident is given when a filing arrives.
//!
//! Shape: `YYMMDD-XXXX-XXXC`
//! - `YYMMDD` is the arrival date in Japan time, so a clerk can tell the day at a glance;
//! - seven random symbols from Crockford's base-32 alphabet (no I, L, O or U, so nothing
//!   is confused with 1 or 0 when read aloud or handwritten);
//! - a check symbol computed with the Luhn mod-32 algorithm over everything before it,
//!   which catches every single mistyped symbol and most swaps of neighbours.
//!
//! Uniqueness is enforced by the database (a unique index); the 35 random bits make a
//! collision on one day rare, and the caller simply draws again when it happens.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RANDOM_SYMBOLS: usize = 7;
const DATE_DIGITS: usize = 6;
/// Length without separators: date, random part, check symbol.
const COMPACT_LEN: usize = DATE_DIGITS + RANDOM_SYMBOLS + 1;

/// A well-formed arrival number (the check symbol is right).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ArrivalNumber(String);

/// Why a text is not an arrival number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArrivalNumberError {
    #[error("an arrival number has 14 letters and digits (for example 261122-7KQ4-M3X5)")]
    WrongLength,
    #[error("an arrival number starts with six digits (the date)")]
    BadDate,
    #[error("an arrival number uses only digits and the letters A-Z without I, L, O and U")]
    BadSymbol,
    #[error("the check character does not match: a character is probably mistyped")]
    BadCheck,
}

fn value_of(symbol: u8) -> Option<u32> {
    ALPHABET.iter().position(|&c| c == symbol).map(|p| p as u32)
}

/// Luhn mod 32 over the symbol values, returning the check value.
fn luhn_check_value(values: &[u32]) -> u32 {
    let mut factor = 2;
    let mut sum = 0;
    for &v in values.iter().rev() {
        let addend = factor * v;
        sum += addend / 32 + addend % 32;
        factor = if factor == 2 { 1 } else { 2 };
    }
    (32 - sum % 32) % 32
}

impl ArrivalNumber {
    /// Builds the number for a filing that arrived on `date` (Japan time), from caller-supplied
    /// randomness (only the low 35 bits are used).
    pub fn generate(date: NaiveDate, random: u64) -> Self {
        let mut symbols = Vec::with_capacity(COMPACT_LEN);
        let yymmdd = format!(
            "{:02}{:02}{:02}",
            date.year().rem_euclid(100),
            date.month(),
            date.day()
        );
        symbols.extend(yymmdd.bytes());
        for i in (0..RANDOM_SYMBOLS).rev() {
            let index = ((random >> (5 * i)) & 31) as usize;
            symbols.push(ALPHABET[index]);
        }
        let values: Vec<u32> = symbols.iter().filter_map(|&s| value_of(s)).collect();
        let check = luhn_check_value(&values) as usize;
        symbols.push(ALPHABET[check]);
        Self(format_compact(&symbols))
    }

    /// The canonical text, with hyphens: `YYMMDD-XXXX-XXXC`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn format_compact(symbols: &[u8]) -> String {
    let text: String = symbols.iter().map(|&b| char::from(b)).collect();
    format!("{}-{}-{}", &text[..6], &text[6..10], &text[10..])
}

/// Reads what a person typed: any case, with or without hyphens or spaces, full-width
/// characters, and the look-alikes O (for 0) and I/L (for 1).
fn canonical_symbols(input: &str) -> Result<Vec<u8>, ArrivalNumberError> {
    let mut out = Vec::with_capacity(COMPACT_LEN);
    for ch in input.chars() {
        let ch = match ch {
            // Full-width ASCII block to ASCII.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
            _ => ch,
        };
        let ch = ch.to_ascii_uppercase();
        let byte = match ch {
            '-' | ' ' | '\u{3000}' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{30FC}' => continue,
            'O' => b'0',
            'I' | 'L' => b'1',
            c if c.is_ascii_alphanumeric() => c as u8,
            _ => return Err(ArrivalNumberError::BadSymbol),
        };
        out.push(byte);
    }
    Ok(out)
}

impl FromStr for ArrivalNumber {
    type Err = ArrivalNumberError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let symbols = canonical_symbols(input)?;
        if symbols.len() != COMPACT_LEN {
            return Err(ArrivalNumberError::WrongLength);
        }
        if !symbols[..DATE_DIGITS].iter().all(u8::is_ascii_digit) {
            return Err(ArrivalNumberError::BadDate);
        }
        let values = symbols
            .iter()
            .map(|&s| value_of(s).ok_or(ArrivalNumberError::BadSymbol))
            .collect::<Result<Vec<u32>, _>>()?;
        let (body, check) = values.split_at(COMPACT_LEN - 1);
        if luhn_check_value(body) != check[0] {
            return Err(ArrivalNumberError::BadCheck);
        }
        Ok(Self(format_compact(&symbols)))
    }
}

impl TryFrom<String> for ArrivalNumber {
    type Error = ArrivalNumberError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<ArrivalNumber> for String {
    fn from(value: ArrivalNumber) -> Self {
        value.0
    }
}

impl fmt::Display for ArrivalNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ArrivalNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ArrivalNumber({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn generated_number_has_the_documented_shape() {
        let n = ArrivalNumber::generate(day(), 0x7_1234_5678);
        let s = n.as_str();
        assert_eq!(s.len(), 16, "{s}");
        assert!(s.starts_with("261122-"), "{s}");
        assert_eq!(&s[11..12], "-");
        assert_eq!(s.parse::<ArrivalNumber>().unwrap(), n);
    }

    #[test]
    fn reads_what_people_type() {
        let n = ArrivalNumber::generate(day(), 0x1F_0F0F_0F0F);
        let lower = n.as_str().to_lowercase().replace('-', " ");
        assert_eq!(lower.parse::<ArrivalNumber>().unwrap(), n);
        let wide: String = n
            .as_str()
            .chars()
            .map(|c| {
                if c == '-' {
                    'ー'
                } else {
                    char::from_u32(c as u32 + 0xFEE0).unwrap()
                }
            })
            .collect();
        assert_eq!(wide.parse::<ArrivalNumber>().unwrap(), n);
    }

    #[test]
    fn rejects_wrong_length_and_symbols() {
        assert_eq!(
            "2611".parse::<ArrivalNumber>(),
            Err(ArrivalNumberError::WrongLength)
        );
        assert_eq!(
            "261122-7KQ4-M3X!".parse::<ArrivalNumber>(),
            Err(ArrivalNumberError::BadSymbol)
        );
        assert_eq!(
            "26112A-7KQ4-M3X5".parse::<ArrivalNumber>(),
            Err(ArrivalNumberError::BadDate)
        );
    }

    proptest! {
        #[test]
        fn every_single_symbol_change_is_caught(random in any::<u64>(), pos in 0usize..14, delta in 1u32..32) {
            let n = ArrivalNumber::generate(day(), random);
            let mut compact: Vec<u8> = n.as_str().bytes().filter(|&b| b != b'-').collect();
            let v = value_of(compact[pos]).unwrap();
            // Date positions only take digits; elsewhere any symbol.
            let modulus = if pos < 6 { 10 } else { 32 };
            prop_assume!(delta < modulus);
            compact[pos] = ALPHABET[((v + delta) % modulus) as usize];
            let typed: String = compact.iter().map(|&b| char::from(b)).collect();
            prop_assert_eq!(typed.parse::<ArrivalNumber>(), Err(ArrivalNumberError::BadCheck));
        }

        #[test]
        fn round_trips(random in any::<u64>()) {
            let n = ArrivalNumber::generate(day(), random);
            prop_assert_eq!(n.as_str().parse::<ArrivalNumber>().unwrap(), n);
        }
    }
}
