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
