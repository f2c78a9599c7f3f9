//! Random tokens and their stored form.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use crate::kernel::AppError;

/// 256 random bits, URL-safe base64 (43 characters).
pub fn new_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::internal("no randomness", e))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// A random 64-bit number (arrival numbers take 35 bits of it).
pub fn random_u64() -> Result<u64, AppError> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| AppError::internal("no randomness", e))?;
    Ok(u64::from_le_bytes(bytes))
}

/// What is stored instead of a token: its SHA-256, hex.
pub fn token_hash(token: &str) -> String {
    sha256_hex(token.as_bytes())
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Tokens we issued are 43 URL-safe characters; anything else is refused before a lookup.
pub fn looks_like_token(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The characters of a status look-up key: digits and capitals without look-alikes
/// (no 0, 1, I, L, O), read aloud or typed from paper without doubt.
const STATUS_KEY_ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// Characters of a status look-up key (about 59 bits; guessing is also throttled).
const STATUS_KEY_LEN: usize = 12;

/// A new status look-up key, printed in groups of four: `ABCD-EFGH-JKMN`.
pub fn new_status_key() -> Result<String, AppError> {
    let mut key = String::with_capacity(STATUS_KEY_LEN + 2);
    let mut bytes = [0u8; 64];
    getrandom::fill(&mut bytes).map_err(|e| AppError::internal("no randomness", e))?;
    // Rejection sampling: 248 = 8 × 31, so every character is equally likely.
    let mut chars = bytes
        .iter()
        .filter(|b| **b < 248)
        .map(|b| char::from(STATUS_KEY_ALPHABET[usize::from(*b) % STATUS_KEY_ALPHABET.len()]));
    for i in 0..STATUS_KEY_LEN {
        if i > 0 && i % 4 == 0 {
            key.push('-');
        }
        key.push(
            chars
                .next()
                .ok_or_else(|| AppError::broken("too few random bytes"))?,
        );
    }
    Ok(key)
}

/// The stored form of a status look-up key as a person typed it (full-width, lower case,
/// spaces and hyphens allowed); `None` when it cannot be one.
pub fn status_key_hash(typed: &str) -> Option<String> {
    let key: String = typed
        .chars()
        .map(|c| match c {
            // Full-width ASCII (Ａ, ３…) as typed with a Japanese input method.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !matches!(c, '-' | ' ' | '\u{3000}' | 'ー' | '−' | '‐'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (key.len() == STATUS_KEY_LEN && key.bytes().all(|b| STATUS_KEY_ALPHABET.contains(&b)))
        .then(|| sha256_hex(format!("status-key:{key}").as_bytes()))
}

/// Idempotency keys: 16–128 characters of letters, digits, `-` and `_` (UUIDs fit).
pub fn valid_idempotency_key(key: &str) -> bool {
    (16..=128).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_keys_are_typed_back_in_any_width_and_case() {
        let key = new_status_key().unwrap();
        assert_eq!(key.len(), 14);
        assert_eq!(key.matches('-').count(), 2);
        let hash = status_key_hash(&key).unwrap();
        let typed: String = key
            .replace('-', " ")
            .to_lowercase()
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    char::from_u32(u32::from(c) + 0xFEE0).unwrap()
                } else {
                    c
                }
            })
            .collect();
        assert_eq!(status_key_hash(&typed).as_deref(), Some(hash.as_str()));
        assert_ne!(status_key_hash(&new_status_key().unwrap()), Some(hash));
        assert_eq!(
            status_key_hash("ABCD-EFGH-JKM0"),
            None,
            "0 is not in the alphabet"
        );
        assert_eq!(status_key_hash("ABCD-EFGH"), None);
    }

    #[test]
    fn tokens_are_long_random_and_recognisable() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_ne!(a, b);
        assert!(looks_like_token(&a));
        assert!(!looks_like_token("short"));
        assert_eq!(token_hash(&a).len(), 64);
        assert!(valid_idempotency_key(
            "0f8fad5b-d9cb-469f-a165-70867728950e"
        ));
        assert!(!valid_idempotency_key("x"));
        assert!(!valid_idempotency_key(
            "0f8fad5b d9cb 469f a165 70867728950e"
        ));
    }
}
