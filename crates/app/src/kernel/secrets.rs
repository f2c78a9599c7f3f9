//! Values kept encrypted at rest: My Number (個人番号) answers and staff TOTP secrets, each
//! purpose with its own 256-bit key (AES-256-GCM, a random 96-bit nonce per value, the
//! purpose bound in as associated data so a value sealed for one purpose cannot be opened
//! as another). A sealed value is text:
//!
//! ```text
//! sealed:v1:<purpose>:<key id>:<hex(nonce ‖ ciphertext ‖ tag)>
//! ```
//!
//! The key id (the first 8 hex digits of the key's SHA-256) lets a new key be added while
//! values sealed with an old one still open (`Sealer::with_old_key`).

use aes_gcm::aead::{Aead, Payload};
use aes_gcm::{Aes256Gcm, KeyInit};
use sha2::{Digest, Sha256};

use crate::kernel::AppError;

const PREFIX: &str = "sealed:v1:";

/// What a key protects; part of every sealed value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    MyNumber,
    Totp,
    Webhook,
}

impl Purpose {
    pub fn code(self) -> &'static str {
        match self {
            Purpose::MyNumber => "mynumber",
            Purpose::Totp => "totp",
            Purpose::Webhook => "webhook",
        }
    }
}

/// A key for `purpose` derived from another key: SHA-256(label ‖ 0 ‖ key). Values sealed
/// with it still carry their own purpose, so they cannot be opened as the parent's.
pub fn derive_key(key: &[u8; 32], purpose: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"madoguchi derived key: ");
    h.update(purpose.as_bytes());
    h.update([0]);
    h.update(key);
    h.finalize().into()
}

/// Seals and opens values of one purpose.
#[derive(Clone)]
pub struct Sealer {
    purpose: Purpose,
    current: (String, Aes256Gcm),
    old: Vec<(String, Aes256Gcm)>,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sealer")
            .field("purpose", &self.purpose)
            .field("key_id", &self.current.0)
            .finish_non_exhaustive()
    }
}

fn key_id(key: &[u8; 32]) -> String {
    Sha256::digest(key)[..4]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn cipher(key: &[u8; 32]) -> Aes256Gcm {
    // A 32-byte key is always the right length for AES-256.
    match Aes256Gcm::new_from_slice(key) {
        Ok(c) => c,
        Err(_) => unreachable!("AES-256 takes 32-byte keys"),
    }
}

impl Sealer {
    pub fn new(purpose: Purpose, key: &[u8; 32]) -> Self {
        Self {
            purpose,
            current: (key_id(key), cipher(key)),
            old: Vec::new(),
        }
    }

    /// A retired key whose values must still open (after a key rotation).
    pub fn with_old_key(mut self, key: &[u8; 32]) -> Self {
        self.old.push((key_id(key), cipher(key)));
        self
    }

    pub fn purpose(&self) -> Purpose {
        self.purpose
    }

    pub fn is_sealed(value: &str) -> bool {
        value.starts_with(PREFIX)
    }

    pub fn seal(&self, plaintext: &str) -> Result<String, AppError> {
        let mut nonce = [0u8; 12];
        getrandom::fill(&mut nonce).map_err(|e| AppError::internal("no randomness", e))?;
        let (id, cipher) = &self.current;
        let sealed = cipher
            .encrypt(
                (&nonce).into(),
                Payload {
                    msg: plaintext.as_bytes(),
                    aad: self.purpose.code().as_bytes(),
                },
            )
            .map_err(|_| AppError::broken("sealing failed"))?;
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        Ok(format!(
            "{PREFIX}{}:{id}:{}",
            self.purpose.code(),
            hex(&bytes)
        ))
    }

    /// The plaintext of a value sealed for this purpose with a known key.
    pub fn open(&self, sealed: &str) -> Result<String, AppError> {
        let broken = || {
            AppError::broken(format!(
                "a sealed {} value does not open",
                self.purpose.code()
            ))
        };
        let rest = sealed.strip_prefix(PREFIX).ok_or_else(broken)?;
        let mut parts = rest.splitn(3, ':');
        let (purpose, id, body) = (parts.next(), parts.next(), parts.next());
        if purpose != Some(self.purpose.code()) {
            return Err(broken());
        }
        let cipher = std::iter::once(&self.current)
            .chain(&self.old)
            .find(|(k, _)| Some(k.as_str()) == id)
            .map(|(_, c)| c)
            .ok_or_else(broken)?;
        let bytes = unhex(body.unwrap_or_default()).ok_or_else(broken)?;
        if bytes.len() < 12 + 16 {
            return Err(broken());
        }
        let (nonce, ciphertext) = bytes.split_at(12);
        let nonce: [u8; 12] = nonce.try_into().map_err(|_| broken())?;
        let plain = cipher
            .decrypt(
                (&nonce).into(),
                Payload {
                    msg: ciphertext,
                    aad: self.purpose.code().as_bytes(),
                },
            )
            .map_err(|_| broken())?;
        String::from_utf8(plain).map_err(|_| broken())
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Seals every My Number answer of `data` (values already sealed are left alone).
pub(crate) fn seal_my_numbers(
    sealer: &Sealer,
    form: &madoguchi_forms::Form,
    data: &mut serde_json::Value,
) -> Result<(), AppError> {
    form.map_my_numbers(data, &mut |v| {
        if Sealer::is_sealed(v) {
            Ok(v.to_string())
        } else {
            sealer.seal(v)
        }
    })
}

/// Opens every sealed My Number answer of `data`.
pub(crate) fn open_my_numbers(
    sealer: &Sealer,
    form: &madoguchi_forms::Form,
    data: &mut serde_json::Value,
) -> Result<(), AppError> {
    form.map_my_numbers(data, &mut |v| {
        if Sealer::is_sealed(v) {
            sealer.open(v)
        } else {
            Ok(v.to_string())
        }
    })
}

impl crate::App {
    /// Answers as stored (JSON text with sealed My Numbers) → answers to work with.
    pub(crate) fn open_data(
        &self,
        form: &madoguchi_forms::Form,
        stored: &str,
    ) -> Result<serde_json::Value, AppError> {
        let mut data: serde_json::Value =
            serde_json::from_str(stored).map_err(|e| AppError::internal("stored answers", e))?;
        open_my_numbers(&self.sealers.my_number, form, &mut data)?;
        Ok(data)
    }

    /// Answers → the canonical JSON text to store, My Numbers sealed.
    pub(crate) fn seal_data(
        &self,
        form: &madoguchi_forms::Form,
        data: &serde_json::Value,
    ) -> Result<String, AppError> {
        let mut sealed = data.clone();
        seal_my_numbers(&self.sealers.my_number, form, &mut sealed)?;
        Ok(madoguchi_forms::registry::canonical_json(&sealed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_opens_only_with_its_key_and_purpose() {
        let sealer = Sealer::new(Purpose::MyNumber, &[1; 32]);
        let sealed = sealer.seal("123456789018").unwrap();
        assert!(Sealer::is_sealed(&sealed));
        assert!(!sealed.contains("123456789018"));
        assert_eq!(sealer.open(&sealed).unwrap(), "123456789018");
        // Every sealing uses a new nonce.
        assert_ne!(sealer.seal("123456789018").unwrap(), sealed);
        // Another key, another purpose, or a changed byte: refused.
        assert!(
            Sealer::new(Purpose::MyNumber, &[2; 32])
                .open(&sealed)
                .is_err()
        );
        let relabelled = sealed.replacen("mynumber", "totp", 1);
        assert!(
            Sealer::new(Purpose::Totp, &[1; 32])
                .open(&relabelled)
                .is_err()
        );
        let mut tampered = sealed.clone();
        let last = tampered.pop().unwrap();
        tampered.push(if last == '0' { '1' } else { '0' });
        assert!(sealer.open(&tampered).is_err());
        assert!(sealer.open("123456789018").is_err());
    }

    #[test]
    fn values_sealed_before_a_key_rotation_still_open() {
        let old = Sealer::new(Purpose::Totp, &[3; 32]);
        let sealed = old.seal("JBSWY3DPEHPK3PXP").unwrap();
        let rotated = Sealer::new(Purpose::Totp, &[4; 32]).with_old_key(&[3; 32]);
        assert_eq!(rotated.open(&sealed).unwrap(), "JBSWY3DPEHPK3PXP");
        assert!(rotated.seal("x").unwrap().contains(&key_id(&[4; 32])));
    }
}
