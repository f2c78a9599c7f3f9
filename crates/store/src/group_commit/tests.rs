//! A panic in a batch's writer outside its own work (here: as it commits) must fail the
//! batch's waiting writers and leave the lane usable. The panic is injected on one thread
//! only (`PANIC_AT_COMMIT`), so it needs the module's insides: a unit test. The wait limit
//! itself is tested on both engines in `tests/group_commit.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::cell::Cell;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc;

use madoguchi_records::TenantRecord;
use madoguchi_records::prelude::*;

use super::*;

thread_local! {
    static PANIC_AT_COMMIT: Cell<bool> = const { Cell::new(false) };
}

/// Called by `Baton::commit` in tests: panics once on a thread that asked for it.
pub(super) fn maybe_panic_at_commit() {
    if PANIC_AT_COMMIT.get() {
        PANIC_AT_COMMIT.set(false);
        panic!("injected: the batch's writer panics as it commits");
    }
}

fn tenant(id: &str) -> TenantRecord {
    TenantRecord {
        id: id.into(),
        name_ja: "テスト市".into(),
        name_en: "Test".into(),
        created_at: chrono::NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap(),
    }
}

fn stored(db: &Db, id: &str) -> bool {
    db.conn()
        .unwrap()
        .find_tenant(&id.into())
        .unwrap()
        .is_some()
}

fn wait_until(what: impl Fn() -> bool) {
    let until = Instant::now() + Duration::from_secs(30);
    while !what() {
        assert!(Instant::now() < until, "condition never came true");
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn a_panic_while_committing_fails_the_waiting_writes_and_the_lane_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&format!("sqlite://{}/t.db", dir.path().display()), 4).unwrap();
    db.migrate().unwrap();
    let lanes = Arc::new(GroupCommit::new(1, Duration::from_secs(60), true));

    // A's work waits until B queues behind it, so B joins A's batch, finds nobody behind
    // and commits it — and panics there.
    let a_in = Arc::new(AtomicBool::new(false));
    let (a_said, a_answer) = mpsc::channel();
    let a = {
        let (lanes, db, a_in) = (lanes.clone(), db.clone(), a_in.clone());
        std::thread::spawn(move || {
            let outcome = lanes.write(&db, &mut |c| {
                a_in.store(true, Ordering::SeqCst);
                wait_until(|| lanes.figures().waiting == 1);
                c.insert_tenant(&tenant("100001"))
            });
            a_said.send(outcome).unwrap();
        })
    };
    wait_until(|| a_in.load(Ordering::SeqCst));
    let b = {
        let (lanes, db) = (lanes.clone(), db.clone());
        std::thread::spawn(move || {
            PANIC_AT_COMMIT.set(true);
            lanes.write(&db, &mut |c| c.insert_tenant(&tenant("100002")))
        })
    };

    // A is told, instead of waiting for ever; B's panic stays B's.
    let outcome = a_answer
        .recv_timeout(Duration::from_secs(30))
        .expect("the waiting writer was never answered");
    assert!(
        matches!(&outcome, Err(e) if e.is_unavailable()),
        "{outcome:?}"
    );
    a.join().unwrap();
    assert!(b.join().is_err(), "the committing writer's panic goes on");
    assert!(
        !stored(&db, "100001") && !stored(&db, "100002"),
        "the batch was not committed"
    );
    assert!(
        lanes.lanes[0].lock().parked.is_none(),
        "the connection of the failed batch is not kept"
    );

    // The lane goes on: the next write gets a fresh transaction and commits.
    let (said, answer) = mpsc::channel();
    {
        let (lanes, db) = (lanes.clone(), db.clone());
        std::thread::spawn(move || {
            said.send(lanes.write(&db, &mut |c| c.insert_tenant(&tenant("100003"))))
                .unwrap();
        });
    }
    let outcome = answer
        .recv_timeout(Duration::from_secs(30))
        .expect("the lane stopped");
    assert_eq!(outcome, Ok(()));
    assert!(stored(&db, "100003"));
    assert_eq!(lanes.figures().waiting, 0);
}

#[test]
fn a_lane_that_keeps_its_connection_writes_on_the_same_one_between_batches() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&format!("sqlite://{}/t.db", dir.path().display()), 4).unwrap();
    db.migrate().unwrap();
    let parked = |lanes: &GroupCommit| lanes.lanes[0].lock().parked.is_some();

    let keeping = GroupCommit::new(1, Duration::from_secs(60), true);
    assert!(!parked(&keeping), "no connection before the first write");
    keeping
        .write(&db, &mut |c| c.insert_tenant(&tenant("100001")))
        .unwrap();
    assert!(parked(&keeping), "the lane keeps its connection while idle");
    keeping
        .write(&db, &mut |c| c.insert_tenant(&tenant("100002")))
        .unwrap();
    assert!(parked(&keeping));
    assert!(stored(&db, "100001") && stored(&db, "100002"));

    let lending = GroupCommit::new(1, Duration::from_secs(60), false);
    lending
        .write(&db, &mut |c| c.insert_tenant(&tenant("100003")))
        .unwrap();
    assert!(!parked(&lending), "the connection went back to the pool");
}
