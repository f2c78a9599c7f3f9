//! Time-based one-time passwords for staff sign-in (RFC 6238 with HMAC-SHA-1, 6 digits,
//! 30-second steps — what every authenticator app speaks). A code is accepted for the step
//! before and after the current one (clock drift), and never twice: the last step used is
//! stored and a code for it or an earlier step is refused.

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

const STEP_SECONDS: i64 = 30;
const DIGITS: u32 = 6;

/// A new random 160-bit secret, base32 (what authenticator apps take).
pub fn new_secret() -> Result<String, crate::AppError> {
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes)
        .map_err(|e| crate::kernel::AppError::internal("no randomness", e))?;
    Ok(base32_encode(&bytes))
}

/// The code for `secret` (base32) at the 30-second step `step`.
pub fn code_at_step(secret: &str, step: i64) -> Option<String> {
    let key = base32_decode(secret)?;
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(&key).ok()?;
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let bin = (u32::from(digest[offset]) & 0x7f) << 24
        | u32::from(digest[offset + 1]) << 16
        | u32::from(digest[offset + 2]) << 8
        | u32::from(digest[offset + 3]);
    Some(format!(
        "{:0width$}",
        bin % 10u32.pow(DIGITS),
        width = DIGITS as usize
    ))
}

/// The step a Unix time falls in.
pub fn step_of(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS)
}

/// The step `code` matches at `unix_seconds` (±1 step), if it is later than `last_used`.
pub fn verify(secret: &str, code: &str, unix_seconds: i64, last_used: Option<i64>) -> Option<i64> {
    let code: String = code
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    let code = code
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect::<String>();
    if code.len() != DIGITS as usize || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now = step_of(unix_seconds);
    [now - 1, now, now + 1]
        .into_iter()
        .filter(|s| last_used.is_none_or(|last| *s > last))
        .find(|s| {
            code_at_step(secret, *s).is_some_and(|expected| {
                subtle::ConstantTimeEq::ct_eq(expected.as_bytes(), code.as_bytes()).into()
            })
        })
}

/// The enrolment address authenticator apps read (as a QR code).
pub fn otpauth_uri(issuer: &str, account: &str, secret: &str) -> String {
    format!(
        "otpauth://totp/{}:{}?secret={secret}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
        percent(issuer),
        percent(account),
        percent(issuer)
    )
}

fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'@' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// Base32 of a secret's bytes.
pub fn encode_secret(bytes: &[u8]) -> String {
    base32_encode(bytes)
}

fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

fn base32_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in s.chars().filter(|c| *c != '=' && !c.is_whitespace()) {
        let v = ALPHABET
            .iter()
            .position(|a| char::from(*a) == c.to_ascii_uppercase())?;
        buffer = (buffer << 5) | v as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    Some(out)
}

/// A fixed authenticator secret for the demo accounts (never for real ones): the demo
/// sign-in page shows its current code.
pub const DEMO_TOTP_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B (SHA-1 key "12345678901234567890"), last 6 of the 8 digits.
    #[test]
    fn codes_match_the_rfc_test_vectors() {
        let secret = base32_encode(b"12345678901234567890");
        assert_eq!(secret, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        for (time, code) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_111_111_111, "050471"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
            (20_000_000_000, "353130"),
        ] {
            assert_eq!(
                code_at_step(&secret, step_of(time)).unwrap(),
                code,
                "{time}"
            );
        }
    }

    #[test]
    fn a_code_works_once_and_only_near_its_time() {
        let secret = base32_encode(b"12345678901234567890");
        let t = 1_234_567_890;
        let step = verify(&secret, "005924", t, None).unwrap();
        assert_eq!(verify(&secret, "005924", t, Some(step)), None, "replayed");
        assert_eq!(
            verify(&secret, "００５ ９２４", t + 30, None),
            Some(step),
            "previous step, typed loosely"
        );
        assert_eq!(verify(&secret, "005924", t + 120, None), None, "too old");
        assert_eq!(verify(&secret, "12345", t, None), None);
        assert_eq!(verify(&secret, "abcdef", t, None), None);
    }

    #[test]
    fn secrets_are_base32_of_160_bits() {
        let s = new_secret().unwrap();
        assert_eq!(s.len(), 32);
        assert_eq!(base32_decode(&s).unwrap().len(), 20);
        assert_eq!(
            otpauth_uri("Madoguchi 仙台", "a@b.example", "ABC"),
            "otpauth://totp/Madoguchi%20%E4%BB%99%E5%8F%B0:a@b.example?secret=ABC&issuer=Madoguchi%20%E4%BB%99%E5%8F%B0&algorithm=SHA1&digits=6&period=30"
        );
    }
}
