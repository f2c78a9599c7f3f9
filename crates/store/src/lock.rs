//! One process at a time: migrations, and whatever a starting process sets up in the
//! database (the municipality, the demo, postal codes), run under a database-wide lock, so
//! several processes started at once on an empty database wait their turn instead of
//! failing on each other's half-made tables and rows.
//!
//! PostgreSQL: a session advisory lock, held by a connection of its own (not the pool's, so
//! the work under the lock may use every pooled connection), released when the work ends or
//! the connection drops. SQLite: an exclusive `flock` of `<database file>.lock` beside the
//! database; a SQLite file is only ever shared by processes of one machine, which all see
//! that lock (SQLite's own locks cannot serve: a migration that switches foreign keys off
//! must run outside any transaction).

use std::path::PathBuf;

use diesel::{Connection, PgConnection, QueryableByName, RunQueryDsl, sql_types::Bool};

use crate::{Backend, Db, Error};

/// The advisory-lock key of Madoguchi's start-up ("mdg_setup").
const SETUP_LOCK: i64 = 0x6d64_675f_7365_7475;

#[derive(QueryableByName)]
struct Taken {
    #[diesel(sql_type = Bool)]
    taken: bool,
}

/// Holds the lock until dropped.
enum Held {
    Postgres(PgConnection),
    Sqlite(std::fs::File),
    /// An in-memory SQLite database has no other process to wait for.
    Nothing,
}

impl Drop for Held {
    fn drop(&mut self) {
        match self {
            Held::Postgres(c) => {
                let _ = diesel::sql_query(format!("SELECT pg_advisory_unlock({SETUP_LOCK})"))
                    .execute(c);
            }
            Held::Sqlite(f) => {
                let _ = f.unlock();
            }
            Held::Nothing => {}
        }
    }
}

impl Db {
    /// Runs `work` while no other process runs its own `exclusively` on this database;
    /// waits for the lock as long as it takes (another process's migrations).
    pub fn exclusively<T, E: From<Error>>(
        &self,
        work: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, E> {
        let held = self.take_lock()?;
        let result = work();
        drop(held);
        result
    }

    fn take_lock(&self) -> Result<Held, Error> {
        match self.backend() {
            Backend::Postgres => {
                let mut c = PgConnection::establish(self.target())
                    .map_err(|e| Error::Connect(format!("for the start-up lock: {e}")))?;
                let taken = diesel::sql_query(format!(
                    "SELECT pg_try_advisory_lock({SETUP_LOCK}) AS taken"
                ))
                .get_result::<Taken>(&mut c)?
                .taken;
                if !taken {
                    tracing::info!(
                        "another process is migrating or setting up the database: waiting for it"
                    );
                    diesel::sql_query(format!("SELECT pg_advisory_lock({SETUP_LOCK})"))
                        .execute(&mut c)?;
                }
                Ok(Held::Postgres(c))
            }
            Backend::Sqlite => {
                let Some(path) = sqlite_lock_file(self.target()) else {
                    return Ok(Held::Nothing);
                };
                let cannot = |e: std::io::Error| {
                    Error::Config(format!("cannot lock {}: {e}", path.display()))
                };
                let file = {
                    use std::os::unix::fs::OpenOptionsExt;
                    std::fs::OpenOptions::new()
                        .create(true)
                        .truncate(false)
                        .write(true)
                        .mode(0o600)
                        .open(&path)
                        .map_err(cannot)?
                };
                match file.try_lock() {
                    Ok(()) => {}
                    Err(std::fs::TryLockError::WouldBlock) => {
                        tracing::info!(
                            "another process is migrating or setting up the database: waiting for it"
                        );
                        file.lock().map_err(cannot)?;
                    }
                    Err(std::fs::TryLockError::Error(e)) => return Err(cannot(e)),
                }
                Ok(Held::Sqlite(file))
            }
        }
    }
}

/// `<file>.lock` for a SQLite database file (none for an in-memory database).
fn sqlite_lock_file(target: &str) -> Option<PathBuf> {
    let file = target.split('?').next().unwrap_or_default();
    (!file.is_empty() && file != ":memory:" && !file.starts_with("file::memory:"))
        .then(|| PathBuf::from(format!("{file}.lock")))
}

#[cfg(test)]
mod tests {
    use super::sqlite_lock_file;

    #[test]
    fn the_sqlite_lock_is_a_file_beside_the_database() {
        assert_eq!(
            sqlite_lock_file("data/madoguchi.db"),
            Some("data/madoguchi.db.lock".into())
        );
        assert_eq!(
            sqlite_lock_file("/var/lib/m.db?mode=rwc"),
            Some("/var/lib/m.db.lock".into())
        );
        assert_eq!(sqlite_lock_file(":memory:"), None);
    }
}
