//! A resident's filings (`submissions_of_resident`): the browser session's and the
//! account's, newest first, each read by an index of its own (both engines; PostgreSQL
//! needs TEST_DATABASE_URL at build time).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use diesel::prelude::*;
use diesel::sql_types::Text;
use madoguchi_store::DbConn;
use madoguchi_store::prelude::*;
use madoguchi_testkit::{TestDb, db_test};

mod rows;
use rows::{seed, submission};

/// A filing at `at` of the session `session`, signed in as `account` or not.
fn filed(conn: &mut DbConn, id: &str, at: &str, session: &str, account: Option<&str>) {
    let mut row = submission(id, &format!("A-{id}"), at);
    row.resident_session_hash = Some(session.into());
    row.resident_account = account.map(Into::into);
    conn.insert_submission(&row).unwrap();
}

fn ids(conn: &mut DbConn, session: &str, account: Option<&str>) -> Vec<String> {
    conn.submissions_of_resident(&"041009".into(), session, account)
        .unwrap()
        .into_iter()
        .map(|r| r.id.into_inner())
        .collect()
}

db_test!(fn the_session_and_the_account_are_merged_newest_first_each_once(db) {
    let mut conn = db.db.conn().unwrap();
    seed(&mut conn);
    filed(&mut conn, "a-early", "2026-11-20 10:00:00", "session-a", None);
    // Filed from this browser while signed in: in both look-ups, listed once.
    filed(&mut conn, "a-signed-in", "2026-11-20 12:00:00", "session-a", Some("account-1"));
    // The same account on another device.
    filed(&mut conn, "b-signed-in", "2026-11-20 11:00:00", "session-b", Some("account-1"));
    // Somebody else.
    filed(&mut conn, "x", "2026-11-20 13:00:00", "session-x", Some("account-2"));
    assert_eq!(ids(&mut conn, "session-a", Some("account-1")), ["a-signed-in", "b-signed-in", "a-early"]);
    assert_eq!(ids(&mut conn, "session-a", None), ["a-signed-in", "a-early"]);
    assert_eq!(ids(&mut conn, "session-b", None), ["b-signed-in"]);
    assert!(ids(&mut conn, "session-none", Some("account-none")).is_empty());
    let other_city = conn.submissions_of_resident(&"other-tenant".into(), "session-a", Some("account-1")).unwrap();
    assert!(other_city.is_empty(), "scoped by the city");
});

db_test!(fn at_most_the_hundred_newest_are_listed(db) {
    let mut conn = db.db.conn().unwrap();
    seed(&mut conn);
    for i in 0..70 {
        filed(&mut conn, &format!("s{i:03}"), &format!("2026-11-20 10:{:02}:{:02}", i / 60, i % 60), "session-a", None);
        filed(&mut conn, &format!("t{i:03}"), &format!("2026-11-21 10:{:02}:{:02}", i / 60, i % 60), "session-b", Some("account-1"));
    }
    let listed = ids(&mut conn, "session-a", Some("account-1"));
    assert_eq!(listed.len(), 100);
    // The account's 70 are the newest, then the session's 30 newest.
    assert_eq!(listed[0], "t069");
    assert_eq!(listed[69], "t000");
    assert_eq!(listed[70], "s069");
    assert_eq!(listed[99], "s040");
});

#[derive(QueryableByName)]
struct Step {
    #[diesel(sql_type = Text)]
    detail: String,
}

/// Look-ups of the shape the store makes (the city, the session or the account, newest
/// first) each search an index of the resident's own filings in date order instead of
/// walking the city's: SQLite's plan names the index and has no sort step. (Before, one
/// query with `OR` could only use the city's filings by date.)
#[test]
fn each_look_up_reads_its_own_index_in_date_order() {
    let db = TestDb::sqlite();
    let mut conn = db.db.conn().unwrap();
    let DbConn::Sqlite(c) = &mut *conn else {
        unreachable!("an SQLite test database")
    };
    for (column, index) in [
        ("resident_session_hash", "submissions_resident_session"),
        ("resident_account", "submissions_resident_account"),
    ] {
        let plan: Vec<Step> = diesel::sql_query(format!(
            "EXPLAIN QUERY PLAN SELECT id FROM submissions WHERE tenant_id = ? AND {column} = ? \
             ORDER BY arrived_at DESC LIMIT 100"
        ))
        .bind::<Text, _>("041009")
        .bind::<Text, _>("x")
        .load(c)
        .unwrap();
        let steps: Vec<&str> = plan.iter().map(|s| s.detail.as_str()).collect();
        assert_eq!(steps.len(), 1, "{steps:?}");
        assert!(
            steps[0].starts_with("SEARCH submissions USING INDEX") && steps[0].contains(index),
            "{steps:?}"
        );
    }
}
