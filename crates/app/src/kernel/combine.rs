//! Combining: concurrent requests of one kind hand their work to one thread, which does a
//! batch of them at once (flat combining).
//!
//! A filing's write is a handful of statements. Done one filing at a time, each pays for its
//! own round trips, its own savepoint and a hand-off of the connection between threads; done
//! by one thread for many filings at once, a batch writes each table in one multi-row
//! statement. Here a request puts its job in the queue; if fewer than the allowed number of
//! threads are leading, it leads: it takes the jobs queued so far (its own among them), runs
//! them as one batch, and gives each its outcome. When its own job is done it hands the lead
//! to the first job still queued (one wake-up per batch, not per job), so a leader's own
//! answer waits for at most the batch it was in.
//!
//! A job queued past its deadline leaves the queue without running ([`Queued::Expired`]).
//! A leader that unwinds (a panic in the batch) gives its batch's jobs back
//! ([`Queued::Abandoned`]: each runs on its own, on its own thread) and hands the lead on.
//!
//! Jobs and outcomes are typed by the caller (`Any`), so that the kernel keeps no knowledge of
//! what is combined: the filing context names both.

use std::any::Any;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

/// How many batches of writes may be in flight at once: one where writes take turns on one
/// connection (SQLite: a second batch would only queue for the turn), two where each write
/// is its own transaction (PostgreSQL: one batch's statements run while the other's commit
/// is flushed).
pub(crate) fn leaders_for(writes_take_turns: bool) -> usize {
    if writes_take_turns { 1 } else { 2 }
}

/// A job or an outcome, as the combiner carries it.
pub(crate) type Boxed = Box<dyn Any + Send>;

/// What became of a queued job.
#[derive(Debug)]
pub(crate) enum Queued {
    /// The batch it was in came to this.
    Done(Boxed),
    /// It waited past its deadline in the queue: it never ran.
    Expired,
    /// Its batch's leader unwound before the batch was settled: the job was taken but gave
    /// no outcome. Whatever it wrote was in the batch's transaction, which did not commit.
    Abandoned,
}

/// The queue of one kind of job.
#[derive(Debug)]
pub(crate) struct Combiner {
    state: Mutex<State>,
    /// How many threads may lead at once.
    leaders: usize,
    /// The most jobs one batch takes.
    max_batch: usize,
    /// Batches run and the jobs they took, since start (the mean batch size).
    batches: AtomicU64,
    jobs: AtomicU64,
}

/// How many batches a combiner ran, and the jobs they took.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BatchCounts {
    pub batches: u64,
    pub jobs: u64,
}

#[derive(Debug, Default)]
struct State {
    queue: VecDeque<Arc<Slot>>,
    leading: usize,
}

/// One job's place: its work until a leader takes it, then its outcome.
#[derive(Debug)]
struct Slot {
    job: Mutex<Option<Boxed>>,
    /// Written under the combiner's lock only, so that "still queued", "told to lead" and
    /// "given up" are decided in one place.
    mark: Mutex<Mark>,
    woken: Condvar,
}

#[derive(Debug)]
enum Mark {
    Waiting,
    Lead,
    Settled(Queued),
}

impl Combiner {
    pub(crate) fn new(leaders: usize, max_batch: usize) -> Combiner {
        Combiner {
            state: Mutex::default(),
            leaders: leaders.max(1),
            max_batch: max_batch.max(1),
            batches: AtomicU64::new(0),
            jobs: AtomicU64::new(0),
        }
    }

    pub(crate) fn counts(&self) -> BatchCounts {
        BatchCounts {
            batches: self.batches.load(Ordering::Relaxed),
            jobs: self.jobs.load(Ordering::Relaxed),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A queue and a count, consistent after every statement.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Queues `job` and returns its outcome. `run` does a batch (the jobs in queue order)
    /// and returns one outcome per job, in the same order; whichever caller leads uses its
    /// own `run`, so every caller passes the same function. Blocking.
    pub(crate) fn submit(
        &self,
        job: Boxed,
        deadline: Instant,
        run: &dyn Fn(Vec<Boxed>) -> Vec<Boxed>,
    ) -> Queued {
        let slot = Arc::new(Slot {
            job: Mutex::new(Some(job)),
            mark: Mutex::new(Mark::Waiting),
            woken: Condvar::new(),
        });
        let mut state = self.lock();
        state.queue.push_back(Arc::clone(&slot));
        let lead = state.leading < self.leaders;
        if lead {
            state.leading += 1;
        }
        drop(state);
        if !lead {
            match self.wait(&slot, deadline) {
                Mark::Lead => {}
                Mark::Settled(outcome) => return outcome,
                Mark::Waiting => unreachable!("wait returns a decided mark"),
            }
        }
        self.lead(&slot, run)
    }

    /// Waits until the slot is settled or told to lead; past `deadline` a job still queued
    /// leaves the queue (expired), while one a leader has taken waits for its batch.
    fn wait(&self, slot: &Arc<Slot>, deadline: Instant) -> Mark {
        let mut mark = slot.lock_mark();
        loop {
            match std::mem::replace(&mut *mark, Mark::Waiting) {
                Mark::Waiting => {}
                decided => return decided,
            }
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                break;
            };
            mark = slot
                .woken
                .wait_timeout(mark, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        drop(mark);
        // Out of time: leave the queue if still in it (under the combiner's lock, where a
        // leader takes jobs and hands the lead on, so neither can happen halfway).
        let mut state = self.lock();
        let queued = state.queue.iter().position(|s| Arc::ptr_eq(s, slot));
        let mut mark = slot.lock_mark();
        match std::mem::replace(&mut *mark, Mark::Waiting) {
            Mark::Waiting => {}
            decided => return decided,
        }
        if let Some(at) = queued {
            state.queue.remove(at);
            return Mark::Settled(Queued::Expired);
        }
        drop(state);
        // A leader has it: its batch is running and will settle it.
        loop {
            mark = slot
                .woken
                .wait(mark)
                .unwrap_or_else(PoisonError::into_inner);
            match std::mem::replace(&mut *mark, Mark::Waiting) {
                Mark::Waiting => {}
                decided => return decided,
            }
        }
    }

    /// Runs batches until `own` is settled, then hands the lead to the first job still
    /// queued, or gives it up.
    fn lead(&self, own: &Arc<Slot>, run: &dyn Fn(Vec<Boxed>) -> Vec<Boxed>) -> Queued {
        let mut duty = Duty {
            combiner: self,
            batch: Vec::new(),
            armed: true,
        };
        loop {
            let mut state = self.lock();
            let take = state.queue.len().min(self.max_batch);
            duty.batch = state.queue.drain(..take).collect();
            drop(state);
            let jobs: Vec<Boxed> = duty.batch.iter().filter_map(|s| s.take_job()).collect();
            let outcomes = if jobs.is_empty() {
                Vec::new()
            } else {
                self.batches.fetch_add(1, Ordering::Relaxed);
                self.jobs.fetch_add(jobs.len() as u64, Ordering::Relaxed);
                run(jobs)
            };
            let mut outcomes = outcomes.into_iter();
            for slot in std::mem::take(&mut duty.batch) {
                let outcome = match outcomes.next() {
                    Some(outcome) => Queued::Done(outcome),
                    None => Queued::Abandoned,
                };
                slot.settle(outcome);
            }
            if let Some(outcome) = own.take_settled() {
                duty.armed = false;
                duty.hand_on();
                return outcome;
            }
        }
    }
}

/// The lead while a thread holds it: should the thread unwind, its batch's jobs are given
/// back and the lead goes on, instead of leaving every later job waiting.
struct Duty<'a> {
    combiner: &'a Combiner,
    batch: Vec<Arc<Slot>>,
    armed: bool,
}

impl Duty<'_> {
    fn hand_on(&self) {
        let mut state = self.combiner.lock();
        match state.queue.front() {
            Some(next) => {
                let next = Arc::clone(next);
                // Marked under the combiner's lock: a job timing out sees it.
                *next.lock_mark() = Mark::Lead;
                next.woken.notify_all();
            }
            None => state.leading -= 1,
        }
    }
}

impl Drop for Duty<'_> {
    fn drop(&mut self) {
        if !self.armed {
            return;
        }
        for slot in self.batch.drain(..) {
            slot.settle(Queued::Abandoned);
        }
        self.hand_on();
    }
}

impl Slot {
    fn lock_mark(&self) -> MutexGuard<'_, Mark> {
        self.mark.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn take_job(&self) -> Option<Boxed> {
        self.job
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    fn settle(&self, outcome: Queued) {
        *self.lock_mark() = Mark::Settled(outcome);
        self.woken.notify_all();
    }

    /// The outcome, if settled (taken: asked once, by the slot's own thread).
    fn take_settled(&self) -> Option<Queued> {
        let mut mark = self.lock_mark();
        match std::mem::replace(&mut *mark, Mark::Waiting) {
            Mark::Settled(outcome) => Some(outcome),
            other => {
                *mark = other;
                None
            }
        }
    }
}

#[cfg(test)]
mod tests;
