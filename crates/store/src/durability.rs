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
