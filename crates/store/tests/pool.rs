//! The pool and PostgreSQL connections the server closed (a restart, an idle timeout, a
//! firewall): a connection used within the last second is lent without trying it, and once
//! a query finds it closed it is never lent again; one that sat idle longer is tried first
//! and replaced without the caller seeing anything. Each test ends a connection from the
//! server's side (`pg_terminate_backend`), as a restart would.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use diesel::sql_types::Integer;
use diesel::{QueryableByName, RunQueryDsl};
use madoguchi_records::StoreError;
use madoguchi_store::{Db, DbConn, PooledConn, TRY_AFTER_IDLE};
use madoguchi_testkit::TestDb;

#[derive(QueryableByName)]
struct Pid {
    #[diesel(sql_type = Integer)]
    pid: i32,
}

/// The server process of `conn`, or the error of asking, as the store reports errors.
fn pid_of(conn: &mut PooledConn) -> Result<i32, StoreError> {
    let DbConn::Postgres(pg) = &mut **conn else {
        panic!("not PostgreSQL")
    };
    diesel::sql_query("SELECT pg_backend_pid() AS pid")
        .get_result::<Pid>(pg)
        .map(|p| p.pid)
        .map_err(StoreError::from)
}

/// Opens two connections, ends the first from the server's side and gives both back: the
/// pool holds one live and one closed connection. Returns the closed one's process.
fn close_one(db: &Db) -> i32 {
    let mut victim = db.conn().unwrap();
    let mut other = db.conn().unwrap();
    let pid = pid_of(&mut victim).unwrap();
    let DbConn::Postgres(pg) = &mut *other else {
        panic!("not PostgreSQL")
    };
    diesel::sql_query(format!("SELECT pg_terminate_backend({pid})"))
        .execute(pg)
        .unwrap();
    // The server has ended it once it no longer lists it.
    let mut ended = false;
    for _ in 0..100 {
        let listed = diesel::sql_query(format!(
            "SELECT pid FROM pg_stat_activity WHERE pid = {pid}"
        ))
        .load::<Pid>(pg)
        .unwrap();
        if listed.is_empty() {
            ended = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(ended, "the server did not end process {pid}");
    drop(other);
    drop(victim);
    pid
}

/// Takes every idle connection at once and asks each for its process.
fn ask_all(db: &Db, count: usize) -> Vec<Result<i32, StoreError>> {
    let mut held: Vec<PooledConn> = (0..count).map(|_| db.conn().unwrap()).collect();
    held.iter_mut().map(pid_of).collect()
}

#[test]
fn a_connection_found_closed_under_a_query_is_never_lent_again() {
    let test = TestDb::postgres();
    let db = &test.db;
    let closed = close_one(db);
    // Used a moment ago: lent without a try, so exactly one of the two fails, as the
    // database being unavailable (a 503, to be retried).
    let first = ask_all(db, 2);
    let failed: Vec<&StoreError> = first.iter().filter_map(|r| r.as_ref().err()).collect();
    assert_eq!(failed.len(), 1, "{first:?}");
    assert!(failed[0].is_unavailable(), "{:?}", failed[0]);
    // Given back, it was discarded: every connection lent now works, none is the closed one.
    for _ in 0..3 {
        for answer in ask_all(db, 2) {
            assert_ne!(answer.unwrap(), closed);
        }
    }
}

#[test]
fn an_idle_connection_the_server_closed_is_tried_and_replaced_unseen() {
    let test = TestDb::postgres();
    let db = &test.db;
    let closed = close_one(db);
    std::thread::sleep(TRY_AFTER_IDLE + Duration::from_millis(200));
    for answer in ask_all(db, 2) {
        assert_ne!(answer.unwrap(), closed);
    }
    // And `ping`, which readiness uses, answers too.
    db.ping(Duration::from_secs(5)).unwrap();
}
