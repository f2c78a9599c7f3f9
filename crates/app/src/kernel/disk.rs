//! The free space of the folders this process writes to (the SQLite database's folder,
//! the data folder, the files folder), against the operator's floor: below it `/readyz`
//! says not ready, so that a load balancer sends residents to a node that can still take
//! their filings while the operator makes room, and `/metrics` shows each folder's figure.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// The folders to watch and the floor under which the process is not ready.
#[derive(Clone, Debug, Default)]
pub struct DiskWatch {
    /// The folders, one per file system (a second folder on the same device is dropped).
    pub folders: Vec<PathBuf>,
    /// Free bytes a folder's file system must keep; 0: the floor is not watched.
    pub floor_bytes: u64,
}

/// One folder's free space at the moment it was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FreeSpace {
    pub folder: PathBuf,
    /// Bytes an unprivileged process may still write there.
    pub free_bytes: u64,
}

impl DiskWatch {
    /// Watches `folders` (one per device; a folder not made yet as its nearest existing
    /// parent) against `floor_bytes`.
    pub fn new(folders: impl IntoIterator<Item = PathBuf>, floor_bytes: u64) -> DiskWatch {
        let mut seen = Vec::new();
        let mut kept = Vec::new();
        for folder in folders {
            // A folder made later (the files folder before the first upload) is on its
            // nearest existing parent's file system.
            let Some((folder, meta)) = folder
                .ancestors()
                .find_map(|f| Some((f.to_path_buf(), std::fs::metadata(f).ok()?)))
            else {
                continue;
            };
            if !seen.contains(&meta.dev()) {
                seen.push(meta.dev());
                kept.push(folder);
            }
        }
        DiskWatch {
            folders: kept,
            floor_bytes,
        }
    }

    /// Each folder's free space now (a folder that cannot be asked is left out and logged).
    pub fn measure(&self) -> Vec<FreeSpace> {
        self.folders
            .iter()
            .filter_map(|folder| match free_bytes(folder) {
                Ok(free_bytes) => Some(FreeSpace {
                    folder: folder.clone(),
                    free_bytes,
                }),
                Err(e) => {
                    tracing::debug!(folder = %folder.display(), error = %e, "free space unknown");
                    None
                }
            })
            .collect()
    }

    /// The first folder whose free space is below the floor, with its figure.
    pub fn below_floor(&self) -> Option<FreeSpace> {
        if self.floor_bytes == 0 {
            return None;
        }
        self.measure()
            .into_iter()
            .find(|f| f.free_bytes < self.floor_bytes)
    }
}

/// Why a process is not ready to serve (`/readyz`).
#[derive(Debug)]
pub enum NotReady {
    /// The database does not answer.
    Database(crate::kernel::AppError),
    /// A folder it writes to has less free space than the floor.
    LowDisk { low: FreeSpace, floor_bytes: u64 },
}

impl std::fmt::Display for NotReady {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotReady::Database(e) => f.write_str(&madoguchi_core::error_chain(e)),
            NotReady::LowDisk { low, floor_bytes } => write!(
                f,
                "{} MiB free on the file system of {}, below the floor of {} MiB (min_free_mb)",
                mib(low.free_bytes),
                low.folder.display(),
                mib(*floor_bytes)
            ),
        }
    }
}

/// Bytes an unprivileged process may still write on the file system of `folder`
/// (`statvfs`: available blocks times the fragment size).
pub fn free_bytes(folder: &Path) -> std::io::Result<u64> {
    let stat = rustix::fs::statvfs(folder)?;
    Ok(stat.f_bavail.saturating_mul(stat.f_frsize))
}

/// `bytes` as whole MiB, for messages.
pub fn mib(bytes: u64) -> u64 {
    bytes / (1024 * 1024)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_folder_on_a_file_system_with_room_is_above_a_small_floor_and_below_a_huge_one() {
        let dir = tempfile::tempdir().unwrap();
        let free = free_bytes(dir.path()).unwrap();
        assert!(free > 0, "a writable temporary folder has room");
        let roomy = DiskWatch::new([dir.path().to_path_buf()], 1);
        assert_eq!(roomy.below_floor(), None);
        let cramped = DiskWatch::new([dir.path().to_path_buf()], u64::MAX);
        let found = cramped.below_floor().unwrap();
        assert_eq!(found.folder, dir.path());
        let off = DiskWatch::new([dir.path().to_path_buf()], 0);
        assert_eq!(off.below_floor(), None, "a floor of 0 is not watched");
    }

    #[test]
    fn folders_on_one_device_are_watched_once_and_missing_ones_as_their_parent() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("files");
        std::fs::create_dir(&sub).unwrap();
        let watch = DiskWatch::new(
            [dir.path().to_path_buf(), sub, dir.path().join("missing")],
            1,
        );
        assert_eq!(watch.folders, vec![dir.path().to_path_buf()]);
        assert_eq!(watch.measure().len(), 1);
    }
}
