//! The pre-entry code: 10 characters from a visit and a server key, its QR form with an
//! expiry and a signature, and the forgiving reading of a typed code.

use crate::kernel::AppError;
use hmac::{Hmac, KeyInit, Mac};
use madoguchi_core::VisitId;

/// Crockford's base-32 alphabet: no I, L, O or U, so a typed code is hard to get wrong.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Characters in a code (50 bits).
const CODE_LEN: usize = 10;

pub(super) const QR_PREFIX: &str = "MDG1";

type HmacSha256 = Hmac<sha2::Sha256>;

fn mac(key: &[u8; 32], parts: &[&str]) -> Result<Vec<u8>, AppError> {
    let mut m = <HmacSha256 as KeyInit>::new_from_slice(key)
        .map_err(|e| AppError::internal("counter key", e))?;
    for p in parts {
        m.update(p.as_bytes());
        m.update(b"\n");
    }
    Ok(m.finalize().into_bytes().to_vec())
}

/// The first `n` base-32 characters of `bytes`.
fn base32(bytes: &[u8], n: usize) -> String {
    let mut out = String::with_capacity(n);
    let (mut acc, mut bits) = (0u32, 0u32);
    for b in bytes {
        acc = (acc << 8) | u32::from(*b);
        bits += 8;
        while bits >= 5 && out.len() < n {
            bits -= 5;
            out.push(char::from(ALPHABET[((acc >> bits) & 31) as usize]));
        }
        acc &= (1 << bits) - 1;
        if out.len() == n {
            break;
        }
    }
    out
}

/// The code of a visit with this expiry (a new expiry makes a new code).
pub(super) fn code_of(
    key: &[u8; 32],
    visit_id: &VisitId,
    expires: i64,
) -> Result<String, AppError> {
    Ok(base32(
        &mac(key, &["code", visit_id.as_str(), &expires.to_string()])?,
        CODE_LEN,
    ))
}

pub(super) fn signature(key: &[u8; 32], code: &str, expires: i64) -> Result<String, AppError> {
    Ok(base32(&mac(key, &["qr", code, &expires.to_string()])?, 16))
}

/// A typed code, cleaned: spaces and hyphens dropped, case and width ignored, the letters
/// people confuse with digits (O, I, L) read as the digits.
pub fn clean_code(typed: &str) -> Option<String> {
    let mut out = String::new();
    for ch in typed.chars() {
        // Full-width ASCII (ＡＢＣ１２３) as typed on a Japanese keyboard.
        let ch = match ch {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
            _ => ch,
        };
        let ch = match ch.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if ch == '-' || ch == 'ー' || ch == '－' || ch.is_whitespace() {
            continue;
        }
        if !ALPHABET.contains(&(ch as u8)) || !ch.is_ascii() {
            return None;
        }
        out.push(ch);
    }
    (out.len() == CODE_LEN).then_some(out)
}

pub(super) fn display_code(code: &str) -> String {
    format!("{}-{}", &code[..5], &code[5..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_ten_unambiguous_characters_and_typing_slips_are_forgiven() {
        let key = [7u8; 32];
        let code = code_of(&key, &"visit-1".into(), 1_800_000_000).unwrap();
        assert_eq!(code.len(), CODE_LEN);
        assert!(code.bytes().all(|b| ALPHABET.contains(&b)));
        assert_ne!(
            code,
            code_of(&key, &"visit-1".into(), 1_800_000_001).unwrap()
        );
        assert_ne!(
            code,
            code_of(&[8u8; 32], &"visit-1".into(), 1_800_000_000).unwrap()
        );
        let shown = display_code(&code);
        assert_eq!(clean_code(&shown).as_deref(), Some(code.as_str()));
        assert_eq!(
            clean_code(&shown.to_lowercase()).as_deref(),
            Some(code.as_str())
        );
        assert_eq!(clean_code("7KQM2 XDP9R").as_deref(), Some("7KQM2XDP9R"));
        assert_eq!(
            clean_code("ｏｉＬ２３-45678").as_deref(),
            Some("0112345678")
        );
        assert_eq!(clean_code("7KQM2-XDP9"), None);
        assert_eq!(clean_code("7KQM2-XDP9U"), None, "U is not in the alphabet");
        assert_eq!(clean_code("仙台"), None);
    }

    #[test]
    fn signatures_bind_the_code_and_its_expiry() {
        let key = [7u8; 32];
        let s = signature(&key, "0123456789", 100).unwrap();
        assert_eq!(s.len(), 16);
        assert_ne!(s, signature(&key, "0123456789", 101).unwrap());
        assert_ne!(s, signature(&key, "0123456788", 100).unwrap());
    }
}
