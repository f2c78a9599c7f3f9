//! Files the service writes are its own: the database, attachments, keys and mail files
//! hold residents' personal data, readable by no other account on the machine.

/// Sets the process's file-creation mask to 0077: whatever it creates from now on — the
/// SQLite database and its journal, attached files, `.eml` files, keys, folders — is
/// 0600 (folders 0700), with or without systemd's `UMask=`. Returns the mask it replaced.
pub fn keep_new_files_private() -> u32 {
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077)).as_raw_mode()
}
