//! After the storm, from the database itself: is every 到達番号 a resident was given stored
//! exactly once, and is anything stored that nobody was given?

use std::collections::{BTreeSet, HashMap};

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use diesel::sqlite::SqliteConnection;

#[derive(Debug, QueryableByName)]
struct Row {
    #[diesel(sql_type = Text)]
    arrival_number: String,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

const QUERY: &str = "SELECT arrival_number, COUNT(*) AS n FROM submissions \
                     WHERE procedure_id = '{procedure}' GROUP BY arrival_number";

/// The stored filings of `procedure`: 到達番号 → rows with it.
pub fn stored(database_url: &str, procedure: &str) -> Result<HashMap<String, i64>, String> {
    if procedure
        .chars()
        .any(|c| !(c.is_ascii_alphanumeric() || c == '-'))
    {
        return Err(format!("not a procedure id: {procedure}"));
    }
    let query = QUERY.replace("{procedure}", procedure);
    let rows: Vec<Row> = match database_url.strip_prefix("sqlite://") {
        Some(path) => {
            let mut conn = SqliteConnection::establish(path).map_err(|e| e.to_string())?;
            conn.batch_execute("PRAGMA busy_timeout = 15000;")
                .map_err(|e| e.to_string())?;
            diesel::sql_query(query).load(&mut conn)
        }
        None => {
            let mut conn = PgConnection::establish(database_url).map_err(|e| e.to_string())?;
            diesel::sql_query(query).load(&mut conn)
        }
    }
    .map_err(|e| e.to_string())?;
    Ok(rows.into_iter().map(|r| (r.arrival_number, r.n)).collect())
}

/// The acknowledged filings against the stored ones.
#[derive(Debug, PartialEq, Eq)]
pub struct Tally {
    pub acknowledged: usize,
    /// Acknowledged, stored once.
    pub once: usize,
    /// Acknowledged, not stored.
    pub missing: usize,
    /// Stored more than once under one number (acknowledged or not).
    pub duplicated: usize,
    /// Stored, never acknowledged (a submit whose answer did not arrive).
    pub unacknowledged: usize,
    /// A number given to two residents.
    pub given_twice: usize,
}

pub fn tally(acknowledged: &[String], stored: &HashMap<String, i64>) -> Tally {
    let given: BTreeSet<&str> = acknowledged.iter().map(String::as_str).collect();
    let count = |n: &str| stored.get(n).copied().unwrap_or(0);
    Tally {
        acknowledged: acknowledged.len(),
        once: given.iter().filter(|n| count(n) == 1).count(),
        missing: given.iter().filter(|n| count(n) == 0).count(),
        duplicated: stored.values().filter(|n| **n > 1).count(),
        unacknowledged: stored
            .keys()
            .filter(|n| !given.contains(n.as_str()))
            .count(),
        given_twice: acknowledged.len() - given.len(),
    }
}

impl Tally {
    /// Every acknowledged filing stored exactly once, nothing stored twice.
    pub fn exact(&self) -> bool {
        self.once == self.acknowledged && self.duplicated == 0 && self.given_twice == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tally_finds_missing_duplicated_and_unacknowledged_filings() {
        let given: Vec<String> = ["A-1", "A-2", "A-3"].map(String::from).to_vec();
        let stored: HashMap<String, i64> = [("A-1", 1), ("A-2", 1), ("A-3", 1)]
            .map(|(k, v)| (k.to_string(), v))
            .into();
        assert!(tally(&given, &stored).exact());
        let stored: HashMap<String, i64> = [("A-1", 1), ("A-2", 2), ("B-9", 1)]
            .map(|(k, v)| (k.to_string(), v))
            .into();
        let t = tally(&given, &stored);
        assert_eq!(
            t,
            Tally {
                acknowledged: 3,
                once: 1,
                missing: 1,
                duplicated: 1,
                unacknowledged: 1,
                given_twice: 0,
            }
        );
        assert!(!t.exact());
        let twice: Vec<String> = ["A-1", "A-1"].map(String::from).to_vec();
        assert!(!tally(&twice, &stored).exact());
    }
}
