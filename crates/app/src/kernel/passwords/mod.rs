//! The password rule for staff and residents (NIST SP 800-63B): long rather than
//! complicated. 12 characters or more, no composition rules, and not a password everyone
//! tries first: the common words in `common.txt` (with digits or symbols around them),
//! one character repeated, a run along the keyboard or the alphabet, or the account's own
//! login or email.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use madoguchi_core::ErrorCode;

use crate::kernel::{AppError, new_token};

/// Fewer characters than this are refused.
pub const MIN_CHARS: usize = 12;
/// argon2 takes any length, but a megabyte "password" is an attack on the server.
pub const MAX_BYTES: usize = 1024;

const COMMON: &str = include_str!("common.txt");

fn common_words() -> impl Iterator<Item = &'static str> {
    COMMON
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Runs along a keyboard row, the digits or the alphabet (and back).
const RUNS: [&str; 6] = [
    "1234567890123456789012345678901234567890",
    "qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm",
    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
    "0987654321098765432109876543210987654321",
    "mnbvcxzlkjhgfdsapoiuytrewqmnbvcxzlkjhgfdsapoiuytrewq",
    "zyxwvutsrqponmlkjihgfedcbazyxwvutsrqponmlkjihgfedcba",
];

/// What is wrong with `password` for the account `login` (a login id or an email), if
/// anything: always `PasswordWeak`, whose message says how to choose one.
pub fn password_problem(password: &str, login: &str) -> Option<ErrorCode> {
    if password.chars().count() < MIN_CHARS || password.len() > MAX_BYTES {
        return Some(ErrorCode::PasswordWeak);
    }
    let lower = password.to_lowercase();
    let login = login.trim().to_lowercase();
    let local = login.split('@').next().unwrap_or_default();
    if lower == login || (local.chars().count() >= 4 && lower.contains(local)) {
        return Some(ErrorCode::PasswordWeak);
    }
    // The word inside digits and symbols: "!Password2026" is "password".
    let core = lower.trim_matches(|c: char| !c.is_alphabetic());
    let core_compact: String = core.chars().filter(|c| !c.is_whitespace()).collect();
    let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    if common_words().any(|w| w == core || w == core_compact || w == compact) {
        return Some(ErrorCode::PasswordWeak);
    }
    let mut chars = compact.chars();
    if let Some(first) = chars.next()
        && chars.all(|c| c == first)
    {
        return Some(ErrorCode::PasswordWeak);
    }
    if RUNS.iter().any(|run| run.contains(compact.as_str())) {
        return Some(ErrorCode::PasswordWeak);
    }
    None
}

pub(crate) fn hash_password(password: &str) -> Result<String, AppError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AppError::internal("password hashing failed", e))
}

/// The hash of a password this service made itself from 256 random bits (`new_token`),
/// never one a person chose: argon2id with a small memory and one pass. The slow hash
/// that protects chosen passwords protects nothing more here (2^256 guesses are out of
/// reach at any speed), and the first administrator of every city added to a deployment
/// would otherwise wait for it. The parameters are in the hash, so it verifies as any
/// other; a password the person sets later is hashed with the full cost.
pub(crate) fn hash_generated_password(password: &str) -> Result<String, AppError> {
    if password.len() < 43 {
        return Err(AppError::internal(
            "a generated password",
            "shorter than a 256-bit token",
        ));
    }
    let params = argon2::Params::new(64, 1, 1, None)
        .map_err(|e| AppError::internal("argon2 parameters", e))?;
    Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AppError::internal("password hashing failed", e))
}

pub(crate) fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A real argon2id hash of a random password, checked when the login is unknown so that
/// "no such clerk" takes as long as "wrong password".
pub(crate) fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| {
        let password = new_token().unwrap_or_else(|_| "dummy password for timing".into());
        hash_password(&password).unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weak(p: &str) -> bool {
        password_problem(p, "hanako@example.jp") == Some(ErrorCode::PasswordWeak)
    }

    #[test]
    fn short_passwords_and_absurd_lengths_are_refused() {
        assert!(weak("short"));
        assert!(weak("elevenchars"));
        assert!(!weak("twelve chars"));
        assert!(weak(&"x".repeat(MAX_BYTES + 1)));
    }

    #[test]
    fn common_words_with_digits_and_symbols_around_them_are_refused() {
        for p in [
            "Password1234",
            "!password2026!",
            "sakura123456",
            "1q2w3e4r5t6y",
            "madoguchi-demo",
            "Sendai 2026 !!",
            "I Love You 2026",
        ] {
            assert!(weak(p), "{p} should be refused");
        }
    }

    #[test]
    fn repeats_runs_and_the_login_are_refused() {
        for p in [
            "aaaaaaaaaaaa",
            "111111111111",
            "123456789012",
            "abcdefghijklm",
            "0987654321098",
            "hanako@example.jp",
            "my name is hanako",
        ] {
            assert!(weak(p), "{p} should be refused");
        }
    }

    #[test]
    fn phrases_pass_without_composition_rules() {
        for p in [
            "correct horse battery",
            "梅雨明けの青葉通りを歩く",
            "tanabata in august rain",
            "sakura and ramen at noon",
        ] {
            assert!(!weak(p), "{p} should be accepted");
        }
    }

    #[test]
    fn the_list_is_lower_case_and_without_duplicates() {
        let words: Vec<_> = common_words().collect();
        assert!(words.len() > 150);
        let mut sorted = words.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), words.len());
        assert!(words.iter().all(|w| *w == w.to_lowercase()));
    }

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let hash = hash_password("correct horse battery staple").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery staple", &hash));
        assert!(!verify_password("wrong", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }
    #[test]
    fn a_generated_password_hashes_cheaply_and_verifies_as_any_other() {
        let password = new_token().unwrap();
        let hash = hash_generated_password(&password).unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=64,t=1,p=1$"), "{hash}");
        assert!(verify_password(&password, &hash));
        assert!(!verify_password("wrong", &hash));
        assert!(
            hash_generated_password("a chosen password").is_err(),
            "only 256-bit tokens"
        );
    }

    #[test]
    fn the_dummy_hash_is_a_real_hash() {
        assert!(PasswordHash::new(dummy_hash()).is_ok());
        assert!(!verify_password("", dummy_hash()));
    }
}
