//! A resident's filings (`submissions_of_resident`): the browser session's and the
//! account's, newest first, merged (both engines; PostgreSQL needs TEST_DATABASE_URL at
//! build time). That each is read by an index of its own: `plans.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use madoguchi_store::DbConn;
use madoguchi_store::prelude::*;
use madoguchi_testkit::db_test;

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
