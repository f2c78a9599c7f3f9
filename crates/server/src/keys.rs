//! The service's keys. Each comes from, in order:
//!
//! 1. `MADOGUCHI_<NAME>_KEY`: 64 hex digits;
//! 2. `MADOGUCHI_<NAME>_KEY_FILE`: a file holding 32 bytes or 64 hex digits (container
//!    secrets, systemd's `LoadCredential=` under `$CREDENTIALS_DIRECTORY`);
//! 3. else a file in `data_dir`, created with 32 random bytes (owner-only) on first start.
//!
//! Every node of one database must have the same keys: the database keeps a check value of
//! each (`madoguchi_app::operations::key_check_value`), and a node with another key refuses
//! to start, naming it. Key bytes are never logged or printed.

use std::path::{Path, PathBuf};

use crate::StartError;

/// Every key: its name, its file under `data_dir`, and what it protects.
pub const KEYS: [(&str, &str, &str); 6] = [
    ("csrf", "csrf.key", "signs the forms' CSRF tokens"),
    (
        "totp",
        "keys/totp.key",
        "seals staff authenticator secrets (and webhook secrets)",
    ),
    ("mynumber", "keys/mynumber.key", "seals My Number answers"),
    (
        "enrolment",
        "keys/enrolment.key",
        "derives a first sign-in's authenticator secret",
    ),
    (
        "counter",
        "keys/counter.key",
        "signs counter pre-entry codes",
    ),
    (
        "stubpay",
        "keys/stubpay.key",
        "the mounted payment stub's API key and webhook secret",
    ),
];

/// The variable holding a key (`MADOGUCHI_MYNUMBER_KEY`); `_FILE` appended: its file.
pub fn variable(name: &str) -> String {
    format!("MADOGUCHI_{}_KEY", name.to_ascii_uppercase())
}

/// A key and where it came from (the source is named in messages; the bytes never are).
#[derive(Clone)]
pub struct LoadedKey {
    pub name: &'static str,
    pub bytes: [u8; 32],
    pub source: KeySource,
}

impl std::fmt::Debug for LoadedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadedKey")
            .field("name", &self.name)
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeySource {
    /// `MADOGUCHI_<NAME>_KEY`.
    Variable(String),
    /// `MADOGUCHI_<NAME>_KEY_FILE`, naming this file.
    File(String, PathBuf),
    /// The file in `data_dir`.
    DataDir(PathBuf),
}

impl std::fmt::Display for KeySource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeySource::Variable(var) => write!(f, "{var}"),
            KeySource::File(var, path) => write!(f, "{var}={}", path.display()),
            KeySource::DataDir(path) => write!(f, "{}", path.display()),
        }
    }
}

/// The key `name` (one of [`KEYS`]), from the environment as read by `get`, else from
/// `data_dir` (created there when missing).
pub fn load(
    name: &str,
    data_dir: &Path,
    get: impl Fn(&str) -> Option<String>,
) -> Result<LoadedKey, StartError> {
    let Some((name, file, _)) = KEYS.iter().find(|(n, _, _)| *n == name) else {
        return Err(StartError::Config(format!("no key is called {name}")));
    };
    let var = variable(name);
    let file_var = format!("{var}_FILE");
    let (value, path) = (get(&var), get(&file_var));
    let (bytes, source) = match (value, path) {
        (Some(_), Some(_)) => {
            return Err(StartError::Config(format!(
                "set {var} or {file_var}, not both"
            )));
        }
        (Some(hex), None) => (
            parse_hex(hex.trim()).ok_or_else(|| {
                StartError::Config(format!("{var} must be 64 hex digits (32 bytes)"))
            })?,
            KeySource::Variable(var),
        ),
        (None, Some(path)) => {
            let path = PathBuf::from(path);
            let bytes = std::fs::read(&path).map_err(|e| {
                StartError::Config(format!("{file_var}: cannot read {}: {e}", path.display()))
            })?;
            (
                key_of_file(&bytes).ok_or_else(|| {
                    StartError::Config(format!(
                        "{file_var}: {} must hold 32 bytes or 64 hex digits",
                        path.display()
                    ))
                })?,
                KeySource::File(file_var, path),
            )
        }
        (None, None) => {
            let path = data_dir.join(file);
            (key_file(&path)?, KeySource::DataDir(path))
        }
    };
    Ok(LoadedKey {
        name,
        bytes,
        source,
    })
}

/// 32 raw bytes, or 64 hex digits (a trailing newline allowed).
fn key_of_file(bytes: &[u8]) -> Option<[u8; 32]> {
    if let Ok(key) = <[u8; 32]>::try_from(bytes) {
        return Some(key);
    }
    parse_hex(std::str::from_utf8(bytes).ok()?.trim())
}

fn parse_hex(text: &str) -> Option<[u8; 32]> {
    if text.len() != 64 {
        return None;
    }
    let mut key = [0u8; 32];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(key)
}

/// A 32-byte key file, created (readable by the owner only) when missing.
pub fn key_file(path: &Path) -> Result<[u8; 32], StartError> {
    if let Ok(bytes) = std::fs::read(path) {
        return <[u8; 32]>::try_from(bytes.as_slice()).map_err(|_| {
            StartError::Config(format!("{} must hold exactly 32 bytes", path.display()))
        });
    }
    let key = random_key()?;
    write_key_file(path, &key, true)?;
    Ok(key)
}

pub fn random_key() -> Result<[u8; 32], StartError> {
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(|e| StartError::Config(format!("no randomness: {e}")))?;
    Ok(key)
}

/// Writes `key` to `path` (mode 0600), through a temporary file renamed into place unless
/// `new` (then the file must not exist yet).
pub fn write_key_file(path: &Path, key: &[u8; 32], new: bool) -> Result<(), StartError> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .map_err(|e| StartError::Config(format!("cannot create {}: {e}", dir.display())))?;
    let target = if new {
        path.to_path_buf()
    } else {
        path.with_extension("key.new")
    };
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&target)
        .and_then(|mut f| f.write_all(key).and_then(|()| f.sync_all()))
        .map_err(|e| StartError::Config(format!("cannot write {}: {e}", target.display())))?;
    if !new {
        std::fs::rename(&target, path)
            .map_err(|e| StartError::Config(format!("cannot replace {}: {e}", path.display())))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_comes_from_its_variable_its_file_or_the_data_dir() {
        let dir = tempfile::tempdir().unwrap();
        let hex = "00".repeat(31) + "ff";
        let from_var = load("mynumber", dir.path(), |k| {
            (k == "MADOGUCHI_MYNUMBER_KEY").then(|| hex.clone())
        })
        .unwrap();
        assert_eq!(from_var.bytes[31], 0xff);
        assert_eq!(
            from_var.source,
            KeySource::Variable("MADOGUCHI_MYNUMBER_KEY".into())
        );
        // Credentials files: raw bytes, or hex with a newline.
        let raw = dir.path().join("raw");
        std::fs::write(&raw, [7u8; 32]).unwrap();
        let text = dir.path().join("text");
        std::fs::write(&text, format!("{hex}\n")).unwrap();
        for (file, last) in [(&raw, 7), (&text, 0xff)] {
            let key = load("csrf", dir.path(), |k| {
                (k == "MADOGUCHI_CSRF_KEY_FILE").then(|| file.display().to_string())
            })
            .unwrap();
            assert_eq!(key.bytes[31], last);
        }
        // Neither: the data_dir file, created once and then read back.
        let created = load("totp", dir.path(), |_| None).unwrap();
        assert_eq!(
            created.source,
            KeySource::DataDir(dir.path().join("keys/totp.key"))
        );
        let again = load("totp", dir.path(), |_| None).unwrap();
        assert_eq!(created.bytes, again.bytes);
        // Wrong lengths and both sources at once are refused, naming the variable.
        for (var, value) in [
            ("MADOGUCHI_TOTP_KEY", "abcd".to_string()),
            ("MADOGUCHI_TOTP_KEY_FILE", "/no/such/key".to_string()),
        ] {
            let Err(e) = load("totp", dir.path(), |k| (k == var).then(|| value.clone())) else {
                panic!("{var}={value} accepted");
            };
            assert!(e.to_string().contains(var), "{e}");
        }
        let both = load("totp", dir.path(), |_| Some(hex.clone())).unwrap_err();
        assert!(both.to_string().contains("not both"), "{both}");
        // The bytes are never in what is printed of a key.
        assert!(!format!("{from_var:?}").contains("255"));
    }
}
