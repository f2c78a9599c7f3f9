//! Reads of tables that grow with every filing must not walk them: SQLite's plan for each
//! look-up of this shape searches an index (named here) and needs no sort step. A filing a
//! day is nothing; Sendai takes about 4 million a year, and these run on pages residents
//! and clerks open all day. (Each failed on the schema before its index: the resident's
//! look-ups walked the city's filings by date, the outbox's were `SCAN outbox`.)

#![allow(clippy::unwrap_used, clippy::expect_used)]

use diesel::prelude::*;
use diesel::sql_types::Text;
use madoguchi_store::DbConn;
use madoguchi_testkit::TestDb;

#[derive(QueryableByName)]
struct Step {
    #[diesel(sql_type = Text)]
    detail: String,
}

/// The steps of SQLite's plan for `query`, every parameter bound to a string.
fn plan(query: &str) -> Vec<String> {
    let db = TestDb::sqlite();
    let mut conn = db.db.conn().unwrap();
    let DbConn::Sqlite(c) = &mut *conn else {
        unreachable!("an SQLite test database")
    };
    let mut statement = diesel::sql_query(format!("EXPLAIN QUERY PLAN {query}")).into_boxed();
    for _ in 0..query.matches('?').count() {
        statement = statement.bind::<Text, _>("x");
    }
    let steps: Vec<Step> = statement.load(c).unwrap();
    steps.into_iter().map(|s| s.detail).collect()
}

/// The plan's first step searches `index`, and no step sorts or walks a table.
fn searches(query: &str, index: &str) {
    let steps = plan(query);
    assert!(
        steps[0].starts_with("SEARCH ") && steps[0].contains(&format!("INDEX {index} ")),
        "{query}\n{steps:#?}"
    );
    assert!(
        !steps
            .iter()
            .any(|s| s.starts_with("SCAN") || s.contains("TEMP B-TREE")),
        "{query}\n{steps:#?}"
    );
}

#[test]
fn a_residents_filings_are_read_by_session_and_by_account() {
    // `Submissions::submissions_of_resident`, its two look-ups.
    searches(
        "SELECT id FROM submissions WHERE tenant_id = ? AND resident_session_hash = ? \
         ORDER BY arrived_at DESC LIMIT 100",
        "submissions_resident_session",
    );
    searches(
        "SELECT id FROM submissions WHERE tenant_id = ? AND resident_account = ? \
         ORDER BY arrived_at DESC LIMIT 100",
        "submissions_resident_account",
    );
}

#[test]
fn a_filings_mails_and_a_departments_failed_mails_are_read_by_index() {
    // `Outbox::mails_for_submission`: the clerk's view of a filing.
    searches(
        "SELECT id FROM outbox WHERE submission_id = ? ORDER BY created_at ASC",
        "outbox_of_submission",
    );
    // `Outbox::failed_mail_of_department`: the department's delivery problems.
    searches(
        "SELECT id FROM outbox WHERE tenant_id = ? AND failed_at IS NOT NULL AND submission_id \
         IN (SELECT id FROM submissions WHERE tenant_id = ? AND department_id = ?) \
         ORDER BY failed_at DESC LIMIT 50",
        "outbox_failed",
    );
}
