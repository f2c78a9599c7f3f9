//! Attached files in a local folder: `dir/<tenant_id>/ab/cd/<sha256>`, files 0600 and
//! folders 0700, written to a temporary file, synced and renamed, so a crash never leaves
//! half a file under a real name.
//!
//! Before files were kept by municipality they were at `dir/ab/cd/<sha256>`; such files
//! are moved to their municipality's folder by [`LocalFiles::adopt_unscoped`] (at start).

use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use madoguchi_core::TenantId;

use super::{FileContent, FileReader, FileStore, checked_key, sha256_of};
use crate::kernel::AppError;

/// Files in a local directory (the default store; one node, or a shared file system).
#[derive(Clone, Debug)]
pub struct LocalFiles {
    pub dir: PathBuf,
}

impl FileStore for LocalFiles {
    fn put(&self, tenant: &TenantId, content: &dyn FileContent) -> Result<String, AppError> {
        let io = |e: std::io::Error| {
            if storage_full(&e) {
                // Nothing kept (the temporary file is removed); tried again once there is
                // space: 503 with `Retry-After`, never an internal error.
                AppError::Unavailable(format!("the file store is full: {e}"))
            } else {
                AppError::internal("file store", e)
            }
        };
        let sha = sha256_of(content).map_err(io)?;
        let path = self.path_of(tenant, &sha)?;
        // The same bytes stored before: mark them as used now, so retention leaves them
        // (if they were just taken away, they are written again below).
        if std::fs::File::options()
            .append(true)
            .open(&path)
            .and_then(|f| f.set_modified(std::time::SystemTime::now()))
            .is_ok()
        {
            return Ok(sha);
        }
        let dir = path.parent().unwrap_or(&self.dir);
        private_dir(dir).map_err(io)?;
        let tmp = dir.join(format!(".{sha}.{}", uuid::Uuid::new_v4().simple()));
        let created = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp);
        let written = created.and_then(|mut f| {
            std::io::copy(&mut content.reader()?, &mut f)?;
            f.flush()?;
            f.sync_all()
        });
        if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, &path)) {
            let _ = std::fs::remove_file(&tmp);
            return Err(io(e));
        }
        Ok(sha)
    }

    fn get(&self, tenant: &TenantId, sha256: &str) -> Result<FileReader, AppError> {
        let file = std::fs::File::open(self.path_of(tenant, sha256)?)
            .map_err(|e| AppError::internal(format!("file store: {sha256}"), e))?;
        Ok(FileReader(Box::new(std::io::BufReader::with_capacity(
            64 * 1024,
            file,
        ))))
    }

    fn remove_unused(
        &self,
        tenant: &TenantId,
        sha256: &str,
        fresh_after: std::time::SystemTime,
        in_use: &dyn Fn() -> Result<bool, AppError>,
    ) -> Result<bool, AppError> {
        let path = self.path_of(tenant, sha256)?;
        let io = |e: std::io::Error| AppError::internal(format!("file store: {sha256}"), e);
        // Out of reach first (an upload of the same bytes now writes a new file), then
        // checked: reused meanwhile (touched by `put`) or named again, it goes back.
        let aside =
            path.with_file_name(format!(".{sha256}.{}.purge", uuid::Uuid::new_v4().simple()));
        match std::fs::rename(&path, &aside) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(io(e)),
        }
        let modified = std::fs::metadata(&aside)
            .and_then(|m| m.modified())
            .map_err(io)?;
        let keep = modified > fresh_after || in_use().unwrap_or(true);
        if keep {
            // Written again meanwhile: the new file has the same bytes, either is right.
            std::fs::rename(&aside, &path).map_err(io)?;
            return Ok(false);
        }
        std::fs::remove_file(&aside).map_err(io)?;
        Ok(true)
    }
}

impl LocalFiles {
    pub(crate) fn path_of(&self, tenant: &TenantId, sha256: &str) -> Result<PathBuf, AppError> {
        let (tenant, sha) = checked_key(tenant, sha256)?;
        Ok(self
            .dir
            .join(tenant)
            .join(&sha[..2])
            .join(&sha[2..4])
            .join(sha))
    }

    /// Moves files of the old layout (`dir/ab/cd/<sha256>`, before files were kept by
    /// municipality) to the folder of each municipality `tenants_of` names for their hash
    /// (a hard link per municipality, then the old name removed); a file nothing names
    /// goes to `fallback`'s. Safe to run in several processes at once, and again: a file
    /// another process moved first is skipped. Returns how many files were moved.
    pub fn adopt_unscoped(
        &self,
        tenants_of: &dyn Fn(&str) -> Result<Vec<TenantId>, AppError>,
        fallback: &TenantId,
    ) -> Result<usize, AppError> {
        let io = |e: std::io::Error| AppError::internal("file store: old layout", e);
        let is_hex = |p: &Path, len: usize| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.len() == len && n.bytes().all(|b| b.is_ascii_hexdigit()))
        };
        let mut moved = 0;
        for top in read_dir(&self.dir).map_err(io)? {
            // Municipalities' folders are named by their codes (6 digits), never 2 hex.
            if !is_hex(&top, 2) || !top.is_dir() {
                continue;
            }
            for second in read_dir(&top).map_err(io)? {
                if !is_hex(&second, 2) || !second.is_dir() {
                    continue;
                }
                for file in read_dir(&second).map_err(io)? {
                    let Some(sha) = file
                        .file_name()
                        .and_then(|n| n.to_str())
                        .filter(|_| is_hex(&file, 64))
                    else {
                        continue;
                    };
                    let mut tenants = tenants_of(sha)?;
                    if tenants.is_empty() {
                        tenants.push(fallback.clone());
                    }
                    for tenant in &tenants {
                        let to = self.path_of(tenant, sha)?;
                        private_dir(to.parent().unwrap_or(&self.dir)).map_err(io)?;
                        match std::fs::hard_link(&file, &to) {
                            Ok(()) => {}
                            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                            // Moved by another process meanwhile.
                            Err(e) if e.kind() == std::io::ErrorKind::NotFound => break,
                            Err(e) => return Err(io(e)),
                        }
                    }
                    match std::fs::remove_file(&file) {
                        Ok(()) => moved += 1,
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                        Err(e) => return Err(io(e)),
                    }
                }
                let _ = std::fs::remove_dir(&second);
            }
            let _ = std::fs::remove_dir(&top);
        }
        Ok(moved)
    }
}

/// The folders to `dir`, made readable by the service's account only (residents'
/// documents, whatever the process's umask).
fn private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

/// The entries of `dir` (none when it does not exist).
fn read_dir(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    match std::fs::read_dir(dir) {
        Ok(entries) => entries.map(|e| e.map(|e| e.path())).collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

/// The file system is out of space (or the user's quota): `ENOSPC`, `EDQUOT`.
fn storage_full(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::StorageFull
        || e.kind() == std::io::ErrorKind::QuotaExceeded
        || matches!(e.raw_os_error(), Some(28 | 122))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::tokens::sha256_hex;

    fn temp_store() -> LocalFiles {
        let dir = std::env::temp_dir().join(format!("mdg-files-{}", uuid::Uuid::new_v4().simple()));
        LocalFiles { dir }
    }

    #[test]
    fn files_are_stored_once_per_municipality() {
        let store = temp_store();
        let (sendai, akita) = (TenantId::new("041009"), TenantId::new("052019"));
        let a = store.put(&sendai, b"%PDF-1.4 same").unwrap();
        assert_eq!(store.put(&sendai, b"%PDF-1.4 same").unwrap(), a);
        assert_eq!(a, sha256_hex(b"%PDF-1.4 same"));
        let got = store.get(&sendai, &a).unwrap().into_bytes().unwrap();
        assert_eq!(got, b"%PDF-1.4 same");
        // Another city does not find them by their hash.
        assert!(matches!(
            store.get(&akita, &a),
            Err(AppError::Internal { .. })
        ));
        // From a file on disk, larger than a chunk: the same key and bytes as in memory.
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let on_disk = store.dir.join("upload");
        std::fs::write(&on_disk, &big).unwrap();
        let b = store.put(&sendai, &on_disk).unwrap();
        assert_eq!(b, sha256_hex(&big));
        assert_eq!(store.get(&sendai, &b).unwrap().into_bytes().unwrap(), big);
        assert!(matches!(
            store.get(&sendai, "../../x"),
            Err(AppError::NotFound)
        ));
        assert!(matches!(
            store.get(&TenantId::new("../041009"), &a),
            Err(AppError::NotFound)
        ));
        std::fs::remove_dir_all(&store.dir).unwrap();
    }

    #[test]
    fn stored_files_are_readable_by_the_service_only() {
        use std::os::unix::fs::PermissionsExt;
        let store = temp_store();
        let tenant = TenantId::new("041009");
        let sha = store
            .put(&tenant, b"%PDF-1.4 a resident's document")
            .unwrap();
        let file = store.path_of(&tenant, &sha).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&file), 0o600, "{}", file.display());
        // Every folder the store made, up to its root.
        let mut folder = file.parent().map(Path::to_path_buf);
        while let Some(f) = folder.filter(|f| f.starts_with(&store.dir)) {
            assert_eq!(mode(&f), 0o700, "{}", f.display());
            folder = f.parent().map(Path::to_path_buf);
        }
        std::fs::remove_dir_all(&store.dir).unwrap();
    }

    #[test]
    fn files_of_the_old_layout_move_to_their_municipality() {
        let store = temp_store();
        let (sendai, akita) = (TenantId::new("041009"), TenantId::new("052019"));
        let old = |bytes: &[u8]| {
            let sha = sha256_hex(bytes);
            let path = store.dir.join(&sha[..2]).join(&sha[2..4]).join(&sha);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, bytes).unwrap();
            sha
        };
        let both = old(b"%PDF-1.4 filed in two cities");
        let nobody = old(b"%PDF-1.4 named by no row");
        let tenants_of = |sha: &str| {
            Ok(if sha == both {
                vec![sendai.clone(), akita.clone()]
            } else {
                Vec::new()
            })
        };
        assert_eq!(store.adopt_unscoped(&tenants_of, &sendai).unwrap(), 2);
        for tenant in [&sendai, &akita] {
            let got = store.get(tenant, &both).unwrap().into_bytes().unwrap();
            assert_eq!(got, b"%PDF-1.4 filed in two cities");
        }
        assert!(store.get(&sendai, &nobody).is_ok());
        assert!(store.get(&akita, &nobody).is_err());
        // The old folders are gone; a second run finds nothing to move.
        assert!(!store.dir.join(&both[..2]).exists());
        assert_eq!(store.adopt_unscoped(&tenants_of, &sendai).unwrap(), 0);
        std::fs::remove_dir_all(&store.dir).unwrap();
    }
}

#[cfg(test)]
mod full_tests {
    use super::*;

    #[test]
    fn out_of_space_is_told_as_full() {
        for errno in [28, 122] {
            assert!(
                storage_full(&std::io::Error::from_raw_os_error(errno)),
                "{errno}"
            );
        }
        assert!(
            !storage_full(&std::io::Error::from_raw_os_error(13)),
            "permission denied"
        );
    }
}
