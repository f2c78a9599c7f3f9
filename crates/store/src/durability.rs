//! Start-up guard: settings under which an acknowledged submission could be lost are
//! refused (the server only starts on them with an explicit `--unsafe-dev`).

use diesel::SqliteConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;

use crate::{DbConn, Error};

#[derive(QueryableByName)]
struct Setting {
    #[diesel(sql_type = Text)]
    value: String,
}

/// Returns one line per unsafe setting (empty when everything is safe).
pub fn check(conn: &mut DbConn) -> Result<Vec<String>, Error> {
    let mut problems = Vec::new();
    match conn {
        DbConn::Sqlite(c) => {
            let read = |c: &mut SqliteConnection, pragma: &str| -> Result<String, Error> {
                let rows: Vec<Setting> = diesel::sql_query(format!(
                    "SELECT CAST({pragma} AS TEXT) AS value FROM pragma_{pragma}()"
                ))
                .load(c)?;
                Ok(rows.into_iter().next().map(|s| s.value).unwrap_or_default())
            };
            let journal = read(c, "journal_mode")?;
            if !journal.eq_ignore_ascii_case("wal") {
                problems.push(format!("SQLite journal_mode is {journal}, expected wal"));
            }
            let sync = read(c, "synchronous")?;
            if sync != "2" && sync != "3" {
                problems.push(format!(
                    "SQLite synchronous is {sync}, expected 2 (FULL) or 3 (EXTRA)"
                ));
            }
            let fk = read(c, "foreign_keys")?;
            if fk != "1" {
                problems.push("SQLite foreign_keys is off".to_string());
            }
        }
        DbConn::Postgres(c) => {
            for (name, ok) in [
                ("fsync", &["on"][..]),
                ("full_page_writes", &["on"][..]),
                (
                    "synchronous_commit",
                    &["on", "remote_write", "remote_apply"][..],
                ),
            ] {
                let rows: Vec<Setting> = diesel::sql_query(format!(
                    "SELECT setting AS value FROM pg_settings WHERE name = '{name}'"
                ))
                .load(c)?;
                let value = rows.into_iter().next().map(|s| s.value).unwrap_or_default();
                if !ok.contains(&value.as_str()) {
                    problems.push(format!(
                        "PostgreSQL {name} is {value}, expected {}",
                        ok.join(" or ")
                    ));
                }
            }
        }
    }
    Ok(problems)
}

/// Does the SQLite library keep a statement's plan whatever its parameters are bound to
/// (built with `SQLITE_ENABLE_QPSG`, as `.cargo/config.toml` asks)? Without it, SQLite
/// plans a statement with a bound `LIMIT ?` again each time it is bound, so every look-up
/// made with `.first()` is parsed and planned again: correct, but slower writes (see
/// docs/performance.md). `None` on PostgreSQL, which this does not concern.
pub fn sqlite_plans_are_kept(conn: &mut DbConn) -> Result<Option<bool>, Error> {
    match conn {
        DbConn::Sqlite(c) => {
            let rows: Vec<Setting> = diesel::sql_query(
                "SELECT CAST(sqlite_compileoption_used('ENABLE_QPSG') AS TEXT) AS value",
            )
            .load(c)?;
            Ok(Some(rows.first().is_some_and(|s| s.value == "1")))
        }
        DbConn::Postgres(_) => Ok(None),
    }
}
