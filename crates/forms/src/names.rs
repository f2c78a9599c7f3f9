//! Names in the Latin alphabet. The resident register records a foreign resident's name in
//! the alphabet (住民基本台帳法施行令第30条の25), so where a procedure says so
//! (`ui.fields.<f>.latin_name: true`) a name — and its reading — may be written that way:
//! letters, spaces, hyphens, apostrophes and periods (`O'Brien-Smith`, `Jr.`), typed in
//! full or half width.

use serde_json::Value;

use crate::errors::{FieldError, FormErrorCode};
use crate::model::{Field, FieldKind};

/// The name in half width with single spaces, when it is written in the Latin alphabet
/// only; `None` otherwise (Japanese script, digits, other symbols, no letter at all).
pub fn latin_name(raw: &str) -> Option<String> {
    let folded: String = raw
        .chars()
        .map(|c| match c {
            // Full-width ASCII (Ｓｍｉｔｈ, －, ．, ＇) → ASCII.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .collect();
    let name = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    let latin_letter =
        |c: char| c.is_alphabetic() && (c.is_ascii() || ('\u{C0}'..'\u{250}').contains(&c));
    let allowed = |c: char| latin_letter(c) || matches!(c, ' ' | '-' | '\'' | '.');
    (name.chars().any(latin_letter) && name.chars().all(allowed)).then_some(name)
}

/// Does the text hold a letter of the Latin alphabet (a name written in it, or tried to be)?
pub fn has_latin_letters(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_ascii_alphabetic() || ('\u{FF21}'..='\u{FF5A}').contains(&c))
}

/// The answer as kept: a Latin name in its normal form when the field takes one, else
/// the kind's normalisation.
pub fn normalize(field: &Field, raw: &str) -> String {
    if field.latin_name
        && let Some(name) = latin_name(raw)
    {
        return name;
    }
    crate::normalize::normalize(&field.kind, raw)
}

/// Checks the names of `field` (and of its groups' fields) in `value`, at `at`:
/// - a reading (katakana) that may be a Latin name, and is one, is accepted: its
///   `not_katakana` error is taken back;
/// - a name that may be Latin and holds Latin letters with other characters is refused
///   (`not_latin_name`);
/// - a reading written in Latin letters where katakana is required is told so
///   (`not_katakana` with `related: "latin"`, for a message that shows how).
pub(crate) fn check(field: &Field, value: Option<&Value>, at: &str, errors: &mut Vec<FieldError>) {
    match (&field.kind, value) {
        (FieldKind::Group, Some(Value::Object(inner))) => {
            for child in &field.children {
                check(
                    child,
                    inner.get(child.key()),
                    &format!("{at}/{}", child.key()),
                    errors,
                );
            }
        }
        (FieldKind::Repeat, Some(Value::Array(items))) => {
            for (i, item) in items.iter().enumerate() {
                for child in &field.children {
                    let inner = item.get(child.key());
                    check(child, inner, &format!("{at}/{i}/{}", child.key()), errors);
                }
            }
        }
        (FieldKind::Katakana, Some(Value::String(s))) => {
            if field.latin_name && latin_name(s).is_some() {
                errors.retain(|e| !(e.pointer == at && e.code == FormErrorCode::NotKatakana));
            } else if has_latin_letters(s) {
                for e in errors.iter_mut() {
                    if e.pointer == at && e.code == FormErrorCode::NotKatakana {
                        e.related = Some("latin".into());
                    }
                }
            }
        }
        (FieldKind::Text, Some(Value::String(s)))
            if field.latin_name && has_latin_letters(s) && latin_name(s).is_none() =>
        {
            errors.push(FieldError::new(at, FormErrorCode::NotLatinName));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_names_are_accepted_in_either_width() {
        assert_eq!(latin_name("SMITH John").as_deref(), Some("SMITH John"));
        assert_eq!(
            latin_name("Ｏ’Ｂｒｉｅｎ－Ｓｍｉｔｈ　Ｍａｒｙ").as_deref(),
            Some("O'Brien-Smith Mary")
        );
        assert_eq!(
            latin_name("  NGUYEN   Van  A. ").as_deref(),
            Some("NGUYEN Van A.")
        );
        assert_eq!(latin_name("José ÁLVAREZ").as_deref(), Some("José ÁLVAREZ"));
    }

    #[test]
    fn other_characters_are_refused() {
        assert_eq!(
            latin_name("仙台 太郎"),
            None,
            "Japanese script is not a Latin name"
        );
        assert_eq!(latin_name("John2"), None);
        assert_eq!(latin_name("john@example.jp"), None);
        assert_eq!(latin_name("Smith スミス"), None);
        assert_eq!(latin_name("Иван"), None, "Cyrillic");
        assert_eq!(latin_name("-'."), None, "no letter");
        assert!(has_latin_letters("Sendai Taro"));
        assert!(has_latin_letters("ｓｅｎｄａｉ"));
        assert!(!has_latin_letters("センダイ"));
    }
}
