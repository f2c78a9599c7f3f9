//! Group commit: concurrent writes share one transaction and one commit (one fsync).
//!
//! A filing's cost on the write path was mostly its own commit: SQLite with
//! `synchronous=FULL` syncs the WAL on every commit, and a process's writers took turns one
//! commit at a time (issue 19). Here the writes of a process go through a *lane*: a queue of
//! writers in arrival order and one connection passed from writer to writer (the baton).
//!
//! - The writer holding the baton begins a transaction if none is open, runs its own work
//!   inside a `SAVEPOINT` of its own (the batch's first write runs in the transaction
//!   itself), and hands the baton, with the transaction still open, to the next writer in
//!   the queue. Work that fails rolls back to its savepoint (the first write: the whole
//!   transaction, which holds nothing else yet): it leaves nothing behind and its writer
//!   gets its own error; the others' work stays.
//! - When nobody is waiting (or the batch has [`MAX_BATCH`] writes), the writer holding the
//!   baton commits. Writers that arrive while the commit is in flight queue up and form the
//!   next batch: the batch grows with the load, and a lone writer commits at once (no timer,
//!   no waiting for company).
//! - Every writer of a batch returns only after its batch's `COMMIT` returned, with the
//!   commit's outcome: nothing is acknowledged before it is durable, and a write that failed
//!   answers after the others are committed, so a caller that then looks for what won a race
//!   (an idempotency key) finds it.
//!
//! Each writer runs its own closure on its own thread (nothing is sent to another thread):
//! the connection moves, the work does not. The queue is first come, first served; a waiting
//! writer holds no connection. SQLite has one lane (it has one writer); PostgreSQL has a few,
//! so its statements can run side by side while each lane still shares its commits.
//! Writes in one batch see each other as if they had run one after the other.
//!
//! A writer waits a bounded time ([`WAIT_LIMIT`]): for its turn, then for its batch's
//! commit. Out of time in the queue, it leaves the queue and its work never runs (nothing
//! stored). Out of time after its work ran, it answers `Unavailable` (503) while its work
//! stays in the open batch, which may still commit: a filing's retry with the same
//! idempotency key then finds it and replays its receipt, and if the batch fails the retry
//! files it anew — either way the resident ends with one filing. And a writer that panics
//! while it holds the baton outside its own work (opening, committing) fails its batch's
//! waiting writers and hands the lane on, instead of leaving everyone behind it waiting.

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use diesel::Connection;
use diesel::connection::{AnsiTransactionManager, TransactionManager};
use madoguchi_records::{StoreError, Work};

use crate::conn::{Db, DbConn, PooledConn};

/// The most writes one transaction takes before it commits, so that a writer at the head of
/// a long queue is not kept waiting for everyone behind it.
pub const MAX_BATCH: usize = 64;

/// How long a writer waits for its turn and then for its batch's commit before it answers
/// `Unavailable`: as long as a request waits for a pooled connection (the pool's checkout
/// timeout), so a write is never held longer than a read would be.
pub const WAIT_LIMIT: Duration = Duration::from_secs(15);

/// The writers of one process, in one or more lanes.
#[derive(Debug)]
pub(crate) struct GroupCommit {
    lanes: Box<[Lane]>,
    /// See [`WAIT_LIMIT`].
    wait_limit: Duration,
    /// Transactions committed (or tried), and the writes they carried: the mean batch size.
    batches: AtomicU64,
    writes: AtomicU64,
}

/// How many transactions the writes of a process took (for tests and figures).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BatchFigures {
    /// Batches that reached their commit.
    pub batches: u64,
    /// Writes that ran in them.
    pub writes: u64,
    /// Writers queued for a lane now.
    pub waiting: usize,
}

/// A queue of writers and the one connection they pass along.
#[derive(Debug, Default)]
struct Lane {
    state: Mutex<LaneState>,
    /// The connection stays with the lane between batches instead of going back to the
    /// pool (SQLite: a connection that alone writes keeps its page cache, which SQLite
    /// drops whenever another connection wrote since, and its prepared statements).
    keeps_connection: bool,
}

#[derive(Debug, Default)]
struct LaneState {
    /// A writer holds the baton (running its work or committing).
    busy: bool,
    /// Writers waiting for the baton, first come first served.
    waiting: VecDeque<Arc<Mailbox<Baton>>>,
    /// The lane's connection while nobody writes, where the lane keeps one (SQLite).
    parked: Option<PooledConn>,
}

/// The lane's connection as it goes from writer to writer, with the batch whose transaction
/// is open on it.
#[derive(Debug, Default)]
struct Baton {
    conn: Option<PooledConn>,
    batch: Option<Arc<Mailbox<Result<(), StoreError>>>>,
    /// Writes in the open batch so far.
    members: usize,
}

/// What a writer's own work came to, before the batch commits.
enum Ran {
    Done(Result<(), StoreError>),
    Panicked(Box<dyn std::any::Any + Send>),
}

impl GroupCommit {
    /// `lanes` lanes; `keep_connection`: each keeps its connection between batches (see
    /// [`Lane::keeps_connection`]).
    pub(crate) fn new(lanes: usize, wait_limit: Duration, keep_connection: bool) -> GroupCommit {
        GroupCommit {
            lanes: (0..lanes.max(1))
                .map(|_| Lane {
                    keeps_connection: keep_connection,
                    ..Lane::default()
                })
                .collect(),
            wait_limit,
            batches: AtomicU64::new(0),
            writes: AtomicU64::new(0),
        }
    }

    pub(crate) fn lane_count(&self) -> usize {
        self.lanes.len()
    }

    pub(crate) fn figures(&self) -> BatchFigures {
        BatchFigures {
            batches: self.batches.load(Ordering::Relaxed),
            writes: self.writes.load(Ordering::Relaxed),
            waiting: self.lanes.iter().map(|l| l.lock().waiting.len()).sum(),
        }
    }

    /// Runs `work` all or nothing, in a batch's transaction; returns once that transaction
    /// has committed (or failed), or `Unavailable` when the writer's turn or its batch's
    /// commit does not come within the wait limit. Blocking: call it off the async runtime.
    pub(crate) fn write(&self, db: &Db, work: Work<'_>) -> Result<(), StoreError> {
        let deadline = Instant::now() + self.wait_limit;
        let lane = self.pick();
        // Declared before the baton, so that unwinding drops the baton (and its connection,
        // with the open transaction) first, then hands the lane on.
        let mut duty = Duty {
            lane,
            batch: None,
            armed: false,
        };
        let mut baton = lane.enter(deadline)?;
        duty.armed = true;
        duty.batch = baton.batch.clone();
        let ran = baton.run(db, work);
        duty.batch = baton.batch.clone();
        let Some(batch) = baton.batch.clone() else {
            // No transaction could be opened: nothing of this work is anywhere.
            duty.armed = false;
            lane.leave(baton);
            return finish(ran, Ok(()));
        };
        if let Some(mut baton) = lane.pass_on(baton) {
            self.batches.fetch_add(1, Ordering::Relaxed);
            self.writes
                .fetch_add(baton.members as u64, Ordering::Relaxed);
            baton.commit();
            duty.armed = false;
            lane.leave(baton);
        }
        duty.armed = false;
        let committed = batch.wait_clone_until(deadline).unwrap_or_else(|| {
            Err(StoreError::Unavailable(format!(
                "the write's batch did not commit within {} s; it may still commit",
                self.wait_limit.as_secs_f64()
            )))
        });
        finish(ran, committed)
    }

    /// An idle lane if there is one, otherwise the one with the shortest queue.
    fn pick(&self) -> &Lane {
        let mut best = (usize::MAX, 0);
        for (i, lane) in self.lanes.iter().enumerate() {
            let state = lane.lock();
            let load = usize::from(state.busy) + state.waiting.len();
            if load < best.0 {
                best = (load, i);
            }
            if load == 0 {
                break;
            }
        }
        &self.lanes[best.1]
    }
}

/// The lane while a writer holds its baton. Should the writer unwind (a panic outside its
/// own work, which is caught: in opening or committing the batch), the batch's writers are
/// told it failed and the next writer in the queue gets a fresh baton; without this they
/// would wait forever, and so would every later write.
struct Duty<'a> {
    lane: &'a Lane,
    batch: Option<Arc<Mailbox<Result<(), StoreError>>>>,
    armed: bool,
}

impl Drop for Duty<'_> {
    fn drop(&mut self) {
        if !self.armed {
            return;
        }
        if let Some(batch) = self.batch.take() {
            // The connection with the batch's transaction was dropped while panicking: the
            // pool discards it, and the transaction ends uncommitted.
            batch.put_if_empty(Err(StoreError::Unavailable(
                "the batch was abandoned uncommitted: its writer panicked".into(),
            )));
        }
        self.lane.leave(Baton::default());
    }
}

/// The writer's own outcome once its batch is settled: its own error if its work failed
/// (or the panic, carried on on the writer's thread), otherwise the commit's.
fn finish(ran: Ran, committed: Result<(), StoreError>) -> Result<(), StoreError> {
    match ran {
        Ran::Panicked(payload) => resume_unwind(payload),
        Ran::Done(Err(e)) => Err(e),
        Ran::Done(Ok(())) => committed,
    }
}

impl Lane {
    fn lock(&self) -> MutexGuard<'_, LaneState> {
        // A queue and a flag, consistent after every statement: a panic elsewhere while it
        // was locked leaves nothing half-done in it.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits for the baton: at once when the lane is idle, otherwise behind those who
    /// asked before, until `deadline`; past it the writer leaves the queue, unless the
    /// baton is being handed to it already.
    fn enter(&self, deadline: Instant) -> Result<Baton, StoreError> {
        let mut state = self.lock();
        if !state.busy {
            state.busy = true;
            return Ok(Baton {
                conn: state.parked.take(),
                ..Baton::default()
            });
        }
        let mailbox = Arc::new(Mailbox::default());
        state.waiting.push_back(Arc::clone(&mailbox));
        drop(state);
        if let Some(baton) = mailbox.wait_take_until(deadline) {
            return Ok(baton);
        }
        let mut state = self.lock();
        if let Some(at) = state.waiting.iter().position(|m| Arc::ptr_eq(m, &mailbox)) {
            state.waiting.remove(at);
            return Err(StoreError::Unavailable(
                "no turn to write within the wait limit; nothing was written".into(),
            ));
        }
        drop(state);
        // Taken off the queue by the writer handing the baton over: it is on its way.
        Ok(mailbox.wait_take())
    }

    /// Hands the open batch to the next writer, or gives the baton back when this writer
    /// must commit (nobody is waiting, or the batch is full).
    fn pass_on(&self, baton: Baton) -> Option<Baton> {
        let mut state = self.lock();
        if baton.members >= MAX_BATCH {
            return Some(baton);
        }
        match state.waiting.pop_front() {
            Some(next) => {
                drop(state);
                next.put(baton);
                None
            }
            None => Some(baton),
        }
    }

    /// Hands a baton with no open batch to the next writer, or leaves the lane idle (the
    /// connection goes back to the pool).
    fn leave(&self, baton: Baton) {
        let mut state = self.lock();
        match state.waiting.pop_front() {
            Some(next) => {
                drop(state);
                next.put(baton);
            }
            None => {
                state.busy = false;
                let mut baton = baton;
                if self.keeps_connection {
                    state.parked = baton.conn.take();
                }
                drop(state);
                drop(baton);
            }
        }
    }
}

impl Baton {
    /// Runs the holder's work in its own savepoint, opening the batch's transaction first if
    /// none is open.
    fn run(&mut self, db: &Db, work: Work<'_>) -> Ran {
        if self.batch.is_none()
            && let Err(e) = self.begin(db)
        {
            return Ran::Done(Err(e));
        }
        let Some(conn) = self.conn.as_mut() else {
            return Ran::Done(Err(StoreError::Other(
                "group commit without a connection".into(),
            )));
        };
        let first = self.members == 0;
        self.members += 1;
        let mut panicked = None;
        let mut guarded = |c: &mut DbConn| match catch_unwind(AssertUnwindSafe(|| work(c))) {
            Ok(result) => result,
            Err(payload) => {
                panicked = Some(payload);
                Err(StoreError::RolledBack)
            }
        };
        let result = if first {
            // The batch's first write runs in the transaction itself: nothing else is in it
            // yet, so when it fails the whole transaction is rolled back. A savepoint would
            // cost it the statement journal (SQLite copies every page the savepoint changes),
            // and under load most batches have one write: a batch of filings.
            let result = guarded(conn);
            if result.is_err() {
                self.abandon();
            }
            result
        } else {
            // Nested in the open transaction, diesel's `transaction` is a savepoint:
            // released when the work succeeds, rolled back to when it fails.
            (**conn).transaction(|c: &mut DbConn| guarded(c))
        };
        match panicked {
            Some(payload) => Ran::Panicked(payload),
            None => Ran::Done(result),
        }
    }

    fn begin(&mut self, db: &Db) -> Result<(), StoreError> {
        let conn = match self.conn.as_mut() {
            Some(conn) => conn,
            None => self.conn.insert(db.conn()?),
        };
        // SQLite: the write lock up front (see `write_tx`).
        let begun = match &mut **conn {
            DbConn::Sqlite(c) => {
                AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")
            }
            DbConn::Postgres(c) => AnsiTransactionManager::begin_transaction(c),
        };
        if let Err(e) = begun {
            // The next writer starts from a fresh connection (the pool drops a broken one).
            self.conn = None;
            return Err(e.into());
        }
        self.batch = Some(Arc::new(Mailbox::default()));
        self.members = 0;
        Ok(())
    }

    /// Rolls back the open transaction, whose only write failed: no batch is open after
    /// it (its writer answers with its own error, and nobody else waits on the batch).
    fn abandon(&mut self) {
        if let Some(conn) = self.conn.as_mut() {
            let rolled = match &mut **conn {
                DbConn::Sqlite(c) => AnsiTransactionManager::rollback_transaction(c),
                DbConn::Postgres(c) => AnsiTransactionManager::rollback_transaction(c),
            };
            if rolled.is_err() {
                // The next writer starts from a fresh connection.
                self.conn = None;
            }
        }
        if let Some(batch) = self.batch.take() {
            batch.put(Err(StoreError::RolledBack));
        }
        self.members = 0;
    }

    /// Commits the open batch and tells its writers how it went.
    fn commit(&mut self) {
        let Some(batch) = self.batch.take() else {
            return;
        };
        #[cfg(test)]
        tests::maybe_panic_at_commit();
        let outcome = match self.conn.as_mut() {
            Some(conn) => commit(conn),
            None => Err(StoreError::Other(
                "group commit without a connection".into(),
            )),
        };
        if outcome.is_err() {
            self.conn = None;
        }
        self.members = 0;
        batch.put(outcome);
    }
}

/// `COMMIT`; when it fails, the transaction is rolled back so the connection holds none.
fn commit(conn: &mut PooledConn) -> Result<(), StoreError> {
    let committed = match &mut **conn {
        DbConn::Sqlite(c) => AnsiTransactionManager::commit_transaction(c),
        DbConn::Postgres(c) => AnsiTransactionManager::commit_transaction(c),
    };
    committed.map_err(|e| {
        // diesel's own transaction() does the same: try to leave no open transaction.
        let _ = match &mut **conn {
            DbConn::Sqlite(c) => AnsiTransactionManager::rollback_transaction(c),
            DbConn::Postgres(c) => AnsiTransactionManager::rollback_transaction(c),
        };
        StoreError::from(e)
    })
}

mod mailbox;
use mailbox::Mailbox;

#[cfg(test)]
mod tests;
