//! The keys as the database knows them: a check value stored at the first start with each
//! key (so a node given another key refuses to start, naming it), and the rotation of a
//! sealing key (every stored value re-sealed under the new key, in one transaction).

use hmac::{Hmac, KeyInit, Mac};
use madoguchi_records::{KeyCheckRecord, SealedPlace};

use crate::kernel::secrets::{Purpose, Sealer, derive_key};
use crate::kernel::{App, AppError};

/// What every sealed value starts with (`kernel::secrets`).
const SEALED: &str = "sealed:v1:";

/// The check value of a key: HMAC-SHA-256 under the key of a fixed label naming it. It
/// tells whether two keys are the same without telling anything of either.
pub fn key_check_value(name: &str, key: &[u8; 32]) -> String {
    let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(b"madoguchi key check: ");
    mac.update(name.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Keys that differ from the ones the database was first started with, by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyMismatch(pub Vec<String>);

/// A key whose stored values `madoguchi keys rotate` re-seals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RotatedKey {
    /// Staff authenticator secrets (and webhook secrets, sealed under a key derived from it).
    Totp,
    /// My Number answers.
    MyNumber,
}

impl RotatedKey {
    pub fn name(self) -> &'static str {
        match self {
            RotatedKey::Totp => "totp",
            RotatedKey::MyNumber => "mynumber",
        }
    }

    pub fn parse(name: &str) -> Option<RotatedKey> {
        [RotatedKey::Totp, RotatedKey::MyNumber]
            .into_iter()
            .find(|k| k.name() == name)
    }
}

impl App {
    /// Compares each named key with the check stored at the first start (storing the checks
    /// of keys seen for the first time). `Err(KeyMismatch)` names every key that differs.
    pub fn check_keys(&self, keys: &[(&str, &[u8; 32])]) -> Result<(), KeyCheckError> {
        let now = self.now().naive_utc();
        let store = || {
            self.write(|c| {
                for (name, key) in keys {
                    c.insert_key_check(&KeyCheckRecord {
                        name: (*name).to_string(),
                        check_value: key_check_value(name, key),
                        created_at: now,
                    })?;
                }
                Ok(c.key_checks()?)
            })
        };
        // Nodes started together on an empty database race to store the first checks: the
        // loser's insert fails, and its second look finds them stored.
        let stored = store().or_else(|_| store())?;
        let differ: Vec<String> = keys
            .iter()
            .filter(|(name, key)| {
                stored
                    .iter()
                    .any(|s| s.name == *name && s.check_value != key_check_value(name, key))
            })
            .map(|(name, _)| (*name).to_string())
            .collect();
        if differ.is_empty() {
            Ok(())
        } else {
            Err(KeyCheckError::Mismatch(KeyMismatch(differ)))
        }
    }

    /// Re-seals every stored value sealed under `which` (opened with the configured key)
    /// under `new_key`, and stores the new key's check, all in one transaction: a value
    /// that does not open leaves everything as it was. Returns how many values were
    /// re-sealed. Every node must then be given the new key.
    pub fn rotate_key(&self, which: RotatedKey, new_key: &[u8; 32]) -> Result<usize, AppError> {
        let pairs: Vec<(Sealer, Sealer)> = match which {
            RotatedKey::Totp => vec![
                (
                    self.sealers.totp.clone(),
                    Sealer::new(Purpose::Totp, new_key),
                ),
                (
                    self.sealers.webhook.clone(),
                    Sealer::new(Purpose::Webhook, &derive_key(new_key, "webhook")),
                ),
            ],
            RotatedKey::MyNumber => vec![(
                self.sealers.my_number.clone(),
                Sealer::new(Purpose::MyNumber, new_key),
            )],
        };
        let now = self.now().naive_utc();
        self.write(|c| {
            let mut count = 0;
            for place in SealedPlace::ALL {
                for (id, value) in c.sealed_values(place)? {
                    let (resealed, n) = reseal(&value, &pairs).map_err(|e| {
                        AppError::broken(format!(
                            "{place:?} {id}: {e}; nothing was changed (is the configured {} key the one these values were sealed with?)",
                            which.name()
                        ))
                    })?;
                    if n > 0 {
                        c.update_sealed_value(place, &id, &resealed)?;
                        count += n;
                    }
                }
            }
            c.replace_key_check(&KeyCheckRecord {
                name: which.name().into(),
                check_value: key_check_value(which.name(), new_key),
                created_at: now,
            })?;
            Ok(count)
        })
    }
}

/// Why the keys could not be checked.
#[derive(Debug, thiserror::Error)]
pub enum KeyCheckError {
    #[error("keys differ from the database's: {}", .0.0.join(", "))]
    Mismatch(KeyMismatch),
    #[error(transparent)]
    App(#[from] AppError),
}

/// `text` with every sealed value of a purpose in `pairs` opened with the first sealer of
/// its pair and sealed with the second; and how many were.
fn reseal(text: &str, pairs: &[(Sealer, Sealer)]) -> Result<(String, usize), AppError> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut count = 0;
    while let Some(start) = rest.find(SEALED) {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        // A sealed value is lower-case letters, hex digits and colons.
        let end = tail
            .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == ':'))
            .unwrap_or(tail.len());
        let sealed = &tail[..end];
        let purpose = sealed[SEALED.len()..].split(':').next().unwrap_or_default();
        match pairs
            .iter()
            .find(|(old, _)| old.purpose().code() == purpose)
        {
            Some((old, new)) => {
                out.push_str(&new.seal(&old.open(sealed)?)?);
                count += 1;
            }
            None => out.push_str(sealed),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    Ok((out, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_of_the_rotated_purpose_are_resealed_and_others_left_alone() {
        let old = Sealer::new(Purpose::MyNumber, &[1; 32]);
        let new = Sealer::new(Purpose::MyNumber, &[2; 32]);
        let totp = Sealer::new(Purpose::Totp, &[1; 32]);
        let a = old.seal("123456789018").unwrap();
        let b = totp.seal("JBSWY3DPEHPK3PXP").unwrap();
        let text = format!(r#"{{"my_number":"{a}","other":"{b}","name":"仙台"}}"#);
        let (resealed, n) = reseal(&text, &[(old.clone(), new.clone())]).unwrap();
        assert_eq!(n, 1);
        assert!(!resealed.contains(&a) && resealed.contains(&b));
        let value: serde_json::Value = serde_json::from_str(&resealed).unwrap();
        let sealed = value["my_number"].as_str().unwrap();
        assert_eq!(new.open(sealed).unwrap(), "123456789018");
        assert!(old.open(sealed).is_err());
        // A value the configured key does not open stops the rotation.
        let stranger = Sealer::new(Purpose::MyNumber, &[9; 32]).seal("1").unwrap();
        assert!(reseal(&stranger, &[(old, new)]).is_err());
    }

    #[test]
    fn a_check_value_tells_keys_apart_and_names_apart() {
        let check = key_check_value("mynumber", &[1; 32]);
        assert_eq!(check, key_check_value("mynumber", &[1; 32]));
        assert_ne!(check, key_check_value("mynumber", &[2; 32]));
        assert_ne!(check, key_check_value("totp", &[1; 32]));
        assert_eq!(check.len(), 64);
    }
}
