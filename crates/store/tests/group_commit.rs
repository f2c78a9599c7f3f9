//! Group commit on both engines (PostgreSQL variants need TEST_DATABASE_URL at build time):
//! writes that share a transaction keep their own all-or-nothing outcome and their own error,
//! and a key claimed twice in one batch is stored once.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use madoguchi_records::{Database, IdempotencyRecord, Records, StoreError, SubmissionRecord};
use madoguchi_store::Db;
use madoguchi_store::prelude::*;
use madoguchi_testkit::db_test;

mod rows;
use rows::{seed, t};

const WRITERS: usize = 16;

/// A submission filed at one moment: only its id and number differ.
fn submission(id: &str, number: &str) -> SubmissionRecord {
    rows::submission(id, number, "2026-11-20 10:00:00")
}

fn wait_until(what: impl Fn() -> bool) {
    let until = Instant::now() + Duration::from_secs(60);
    while !what() {
        assert!(Instant::now() < until, "condition never came true");
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// Runs `WRITERS` writes at once in ONE batch: the first holds its batch open until all the
/// others queue behind it (one lane, so they cannot go elsewhere). Answers each write's
/// outcome, in the writers' order, and checks they took one commit.
fn in_one_batch(
    db: &Db,
    work: impl Fn(usize, &mut dyn Records) -> Result<(), StoreError> + Send + Sync + 'static,
) -> Vec<Result<(), StoreError>> {
    let db = db.clone().with_write_lanes(1);
    let before = db.write_batches();
    let work = Arc::new(work);
    let first_in = Arc::new(AtomicBool::new(false));
    let spawn = |i: usize| {
        let (db, work, first_in) = (db.clone(), work.clone(), first_in.clone());
        std::thread::spawn(move || {
            db.write(&mut |c| {
                if i == 0 {
                    first_in.store(true, Ordering::SeqCst);
                    wait_until(|| db.write_batches().waiting == WRITERS - 1);
                }
                work(i, c)
            })
        })
    };
    let first = spawn(0);
    wait_until(|| first_in.load(Ordering::SeqCst));
    let mut handles = vec![first];
    handles.extend((1..WRITERS).map(spawn));
    let outcomes: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let after = db.write_batches();
    assert_eq!(
        after.batches - before.batches,
        1,
        "one commit for all the writes"
    );
    assert_eq!(after.writes - before.writes, WRITERS as u64);
    outcomes
}

db_test!(fn a_failing_write_in_a_batch_rolls_back_alone_with_its_own_error(db) {
    seed(&mut db.db.conn().unwrap());
    const FAILING: usize = 7;
    let outcomes = in_one_batch(&db.db, |i, c| {
        c.insert_submission(&submission(&format!("s-{i}"), &format!("261120-AAAA-{i:04}")))?;
        if i == FAILING {
            // Its own first row is in; this one breaks the unique arrival number (on
            // PostgreSQL an error that aborts the transaction but for its savepoint).
            c.insert_submission(&submission("s-late", "261120-AAAA-0000"))?;
        }
        Ok(())
    });
    for (i, outcome) in outcomes.iter().enumerate() {
        if i == FAILING {
            assert!(outcome.as_ref().unwrap_err().is_unique_violation(), "{outcome:?}");
        } else {
            assert_eq!(outcome, &Ok(()), "writer {i}");
        }
    }
    let mut conn = db.db.conn().unwrap();
    assert_eq!(conn.count_submissions().unwrap(), (WRITERS - 1) as i64, "exactly the others are stored");
    let tenant = "041009".into();
    assert!(conn.find_submission(&tenant, &format!("s-{FAILING}").into()).unwrap().is_none(), "nothing of the failed write stays");
    assert!(conn.find_submission(&tenant, &"s-late".into()).unwrap().is_none());
    // A write that returns its own error (not the database's) is rolled back alone too.
    let outcomes = in_one_batch(&db.db, |i, c| {
        c.insert_submission(&submission(&format!("t-{i}"), &format!("261120-BBBB-{i:04}")))?;
        if i == 3 { Err(StoreError::Other("writer 3 changed its mind".into())) } else { Ok(()) }
    });
    assert_eq!(outcomes[3], Err(StoreError::Other("writer 3 changed its mind".into())));
    assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), WRITERS - 1);
    assert_eq!(conn.count_submissions().unwrap(), 2 * (WRITERS - 1) as i64);
});

db_test!(fn a_batch_whose_first_write_fails_rolls_back_only_that_write(db) {
    // The batch's first write runs in the transaction itself, without a savepoint: when it
    // fails the transaction is rolled back whole (it holds nothing else yet), and the
    // writers queued behind it commit in a batch of their own.
    seed(&mut db.db.conn().unwrap());
    let lane = db.db.clone().with_write_lanes(1);
    let before = lane.write_batches();
    let first_in = Arc::new(AtomicBool::new(false));
    let first = {
        let (lane, first_in) = (lane.clone(), first_in.clone());
        std::thread::spawn(move || {
            lane.write(&mut |c| {
                first_in.store(true, Ordering::SeqCst);
                wait_until(|| lane.write_batches().waiting == WRITERS - 1);
                c.insert_submission(&submission("f-0", "261120-CCCC-0000"))?;
                // The same arrival number again: the database refuses it.
                c.insert_submission(&submission("f-late", "261120-CCCC-0000"))
            })
        })
    };
    wait_until(|| first_in.load(Ordering::SeqCst));
    let others: Vec<_> = (1..WRITERS)
        .map(|i| {
            let lane = lane.clone();
            std::thread::spawn(move || {
                lane.write(&mut |c| c.insert_submission(&submission(&format!("f-{i}"), &format!("261120-CCCC-{i:04}"))))
            })
        })
        .collect();
    let failed = first.join().unwrap();
    assert!(failed.as_ref().unwrap_err().is_unique_violation(), "{failed:?}");
    for (i, h) in others.into_iter().enumerate() {
        assert_eq!(h.join().unwrap(), Ok(()), "writer {}", i + 1);
    }
    let mut conn = db.db.conn().unwrap();
    let tenant = "041009".into();
    assert!(conn.find_submission(&tenant, &"f-0".into()).unwrap().is_none(), "nothing of the failed write stays");
    assert_eq!(conn.count_submissions().unwrap(), (WRITERS - 1) as i64, "exactly the others are stored");
    let after = lane.write_batches();
    assert_eq!(after.writes - before.writes, (WRITERS - 1) as u64, "the failed write is in no committed batch");
    // And a lone write that fails leaves the lane as it found it.
    assert!(lane.write(&mut |c| c.insert_submission(&submission("g-0", "261120-CCCC-0001"))).unwrap_err().is_unique_violation());
    lane.write(&mut |c| c.insert_submission(&submission("g-1", "261120-DDDD-0001"))).unwrap();
    assert_eq!(conn.count_submissions().unwrap(), WRITERS as i64);
});

db_test!(fn one_key_claimed_by_every_write_of_a_batch_is_stored_once(db) {
    seed(&mut db.db.conn().unwrap());
    let tenant: madoguchi_core::TenantId = "041009".into();
    let answers = Arc::new(std::sync::Mutex::new(vec![None; WRITERS]));
    let seen = answers.clone();
    // What the app does: look the key up; if it is there, answer with its filing; if not,
    // store a filing and the key.
    let outcomes = in_one_batch(&db.db, move |i, c| {
        let filed = match c.find_idempotency(&tenant, "k-1")? {
            Some(key) => key.submission_id.to_string(),
            None => {
                let id = format!("s-{i}");
                c.insert_submission(&submission(&id, &format!("261120-CCCC-{i:04}")))?;
                c.insert_idempotency(&IdempotencyRecord { tenant_id: tenant.clone(), idem_key: "k-1".into(), request_hash: "h".into(), submission_id: id.clone().into(), created_at: t("2026-11-20 10:00:00") })?;
                id
            }
        };
        seen.lock().unwrap()[i] = Some(filed);
        Ok(())
    });
    assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
    let answers = answers.lock().unwrap();
    assert!(answers.iter().all(|a| a.as_deref() == Some("s-0")), "every writer answers with the first filing: {answers:?}");
    assert_eq!(db.db.conn().unwrap().count_submissions().unwrap(), 1);
});

db_test!(fn a_lone_write_commits_at_once_and_writes_from_many_threads_all_land(db) {
    seed(&mut db.db.conn().unwrap());
    // One lane, as SQLite always has (PostgreSQL groups writes only when asked).
    let grouped = db.db.clone().with_write_lanes(1);
    let before = grouped.write_batches();
    grouped.write(&mut |c| c.insert_submission(&submission("s-alone", "261120-DDDD-0000"))).unwrap();
    let after = grouped.write_batches();
    assert_eq!((after.batches - before.batches, after.writes - before.writes), (1, 1));
    // Many writers, no coordination: every write lands once.
    let handles: Vec<_> = (0..64)
        .map(|i| {
            let db = grouped.clone();
            std::thread::spawn(move || db.write(&mut |c| c.insert_submission(&submission(&format!("m-{i}"), &format!("261120-EEEE-{i:04}")))))
        })
        .collect();
    for h in handles {
        h.join().unwrap().unwrap();
    }
    assert_eq!(db.db.conn().unwrap().count_submissions().unwrap(), 65);
    assert_eq!(grouped.write_batches().writes - before.writes, 65);
});

/// A key and its filing, stored unless the key is there already: what the app's submit does
/// (a retry with the same key finds the first filing and replays its receipt).
fn file_once_per_key(
    c: &mut dyn Records,
    key: &str,
    id: &str,
    number: &str,
) -> Result<(), StoreError> {
    let tenant: madoguchi_core::TenantId = "041009".into();
    if c.find_idempotency(&tenant, key)?.is_some() {
        return Ok(());
    }
    c.insert_submission(&submission(id, number))?;
    c.insert_idempotency(&IdempotencyRecord {
        tenant_id: tenant,
        idem_key: key.into(),
        request_hash: "h".into(),
        submission_id: id.into(),
        created_at: t("2026-11-20 10:00:00"),
    })
}

const LIMIT: Duration = Duration::from_millis(300);

db_test!(fn a_writer_out_of_time_in_the_queue_leaves_it_and_writes_nothing(db) {
    seed(&mut db.db.conn().unwrap());
    let lane = db.db.clone().with_write_lanes(1).with_write_wait_limit(LIMIT);
    let (a_in, b_done, b_ran) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicBool::new(false)), Arc::new(AtomicBool::new(false)));
    // A holds the lane (its work runs) until B has given up waiting for its turn.
    let a = {
        let (lane, a_in, b_done) = (lane.clone(), a_in.clone(), b_done.clone());
        std::thread::spawn(move || lane.write(&mut |c| {
            a_in.store(true, Ordering::SeqCst);
            wait_until(|| b_done.load(Ordering::SeqCst));
            file_once_per_key(c, "k-a", "s-a", "261124-AAAA-0001")
        }))
    };
    wait_until(|| a_in.load(Ordering::SeqCst));
    let started = Instant::now();
    let b = {
        let b_ran = b_ran.clone();
        lane.write(&mut |c| {
            b_ran.store(true, Ordering::SeqCst);
            file_once_per_key(c, "k-b", "s-b", "261124-AAAA-0002")
        })
    };
    b_done.store(true, Ordering::SeqCst);
    assert!(b.as_ref().is_err_and(StoreError::is_unavailable), "{b:?}");
    assert!(started.elapsed() >= LIMIT, "it waited its limit first");
    assert!(!b_ran.load(Ordering::SeqCst), "its work never ran");
    assert_eq!(a.join().unwrap(), Ok(()));
    assert_eq!(lane.write_batches().waiting, 0, "it left the queue");
    let tenant = "041009".into();
    let mut conn = db.db.conn().unwrap();
    assert!(conn.find_submission(&tenant, &"s-b".into()).unwrap().is_none(), "nothing of it is stored");
    assert!(conn.find_submission(&tenant, &"s-a".into()).unwrap().is_some());
    // The lane goes on; B's retry files it now.
    lane.write(&mut |c| file_once_per_key(c, "k-b", "s-b", "261124-AAAA-0002")).unwrap();
    assert_eq!(conn.count_submissions().unwrap(), 2);
});

db_test!(fn a_writer_out_of_time_for_its_commit_is_told_and_its_retry_replays_the_stored_filing(db) {
    seed(&mut db.db.conn().unwrap());
    let lane = db.db.clone().with_write_lanes(1).with_write_wait_limit(LIMIT);
    let (a_in, a_done) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicBool::new(false)));
    // A's work runs and hands the open batch to B; B's work is slow (it lasts until A has
    // given up waiting for the commit), then B commits the batch, A's filing with it.
    let a = {
        let (lane, a_in) = (lane.clone(), a_in.clone());
        std::thread::spawn(move || lane.write(&mut |c| {
            a_in.store(true, Ordering::SeqCst);
            wait_until(|| lane.write_batches().waiting == 1);
            file_once_per_key(c, "k-a", "s-a", "261124-BBBB-0001")
        }))
    };
    wait_until(|| a_in.load(Ordering::SeqCst));
    let b = {
        let (lane, a_done) = (lane.clone(), a_done.clone());
        std::thread::spawn(move || lane.write(&mut |c| {
            wait_until(|| a_done.load(Ordering::SeqCst));
            file_once_per_key(c, "k-b", "s-b", "261124-BBBB-0002")
        }))
    };
    let a = a.join().unwrap();
    a_done.store(true, Ordering::SeqCst);
    assert!(a.as_ref().is_err_and(StoreError::is_unavailable), "A is told its write may not be stored: {a:?}");
    assert_eq!(b.join().unwrap(), Ok(()));
    // The batch committed after all: A's filing is there, once.
    let tenant = "041009".into();
    let mut conn = db.db.conn().unwrap();
    assert!(conn.find_submission(&tenant, &"s-a".into()).unwrap().is_some());
    // A's retry with its key finds it and stores nothing more.
    lane.write(&mut |c| file_once_per_key(c, "k-a", "s-a2", "261124-BBBB-0003")).unwrap();
    assert_eq!(conn.count_submissions().unwrap(), 2, "one filing each");
    assert!(conn.find_submission(&tenant, &"s-a2".into()).unwrap().is_none());
});
