//! One writer at a time on SQLite, in arrival order.
//!
//! SQLite has one writer. Without this, writers of one process wait for each other in
//! SQLite's busy handler, which sleeps and retries with growing pauses: whoever happens to
//! retry just after a commit wins, a writer can lose many times in a row, and under a burst
//! of filings the slowest waits are seconds (issue 19). Here writers of the process queue
//! first, in the order they asked, and each takes the write lock when its turn comes, so
//! SQLite's lock is always free when a writer of this process asks for it. Other processes
//! on the same file (a worker) still meet it in the busy handler, as before.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
struct Queue {
    held: bool,
    next: u64,
    waiting: VecDeque<u64>,
}

/// A first-come, first-served lock for the writers of one process.
#[derive(Debug, Default)]
pub struct FairWriter {
    queue: Mutex<Queue>,
    turn: Condvar,
}

/// A writer's turn; the next in line goes when it is dropped.
#[derive(Debug)]
pub struct Turn<'a> {
    writer: &'a FairWriter,
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        self.writer.lock().held = false;
        self.writer.turn.notify_all();
    }
}

impl FairWriter {
    fn lock(&self) -> MutexGuard<'_, Queue> {
        // The queue is a few integers, consistent after every statement: a panic elsewhere
        // while it was locked leaves nothing half-done in it.
        self.queue
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Waits for this writer's turn, behind those that asked before. After `patience`
    /// without a turn (a writer holding it far longer than any transaction should) it gives
    /// up its place and answers `None`: the caller then goes on without a turn and waits in
    /// SQLite's busy handler, as every writer did before, rather than hang.
    pub fn turn(&self, patience: Duration) -> Option<Turn<'_>> {
        let deadline = Instant::now() + patience;
        let mut queue = self.lock();
        let me = queue.next;
        queue.next += 1;
        queue.waiting.push_back(me);
        loop {
            if !queue.held && queue.waiting.front() == Some(&me) {
                queue.waiting.pop_front();
                queue.held = true;
                return Some(Turn { writer: self });
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                queue.waiting.retain(|w| *w != me);
                drop(queue);
                // The one behind may be first now.
                self.turn.notify_all();
                return None;
            }
            queue = self
                .turn
                .wait_timeout(queue, left)
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .0;
        }
    }

    /// How many writers wait for a turn (for tests and figures).
    pub fn waiting(&self) -> usize {
        self.lock().waiting.len()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use std::sync::Arc;

    fn wait_until(what: impl Fn() -> bool) {
        let until = Instant::now() + Duration::from_secs(30);
        while !what() {
            assert!(Instant::now() < until, "condition never came true");
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    #[test]
    fn writers_get_their_turn_in_the_order_they_asked() {
        let writer = Arc::new(FairWriter::default());
        let order = Arc::new(Mutex::new(Vec::new()));
        let first = writer.turn(Duration::from_secs(60)).unwrap();
        let mut threads = Vec::new();
        for n in 0..8 {
            let (mine, order) = (writer.clone(), order.clone());
            threads.push(std::thread::spawn(move || {
                let _turn = mine.turn(Duration::from_secs(60)).unwrap();
                order.lock().unwrap().push(n);
            }));
            // The next asks only once this one is in the queue.
            let writer = writer.clone();
            wait_until(move || writer.waiting() == n + 1);
        }
        drop(first);
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(*order.lock().unwrap(), (0..8).collect::<Vec<_>>());
        assert_eq!(writer.waiting(), 0);
    }

    #[test]
    fn a_writer_that_waits_too_long_leaves_the_queue_and_the_next_still_gets_its_turn() {
        let writer = Arc::new(FairWriter::default());
        let held = writer.turn(Duration::from_secs(1)).unwrap();
        assert!(
            writer.turn(Duration::from_millis(20)).is_none(),
            "no turn while held"
        );
        assert_eq!(writer.waiting(), 0, "the impatient writer left the queue");
        let next = {
            let writer = writer.clone();
            std::thread::spawn(move || writer.turn(Duration::from_secs(60)).is_some())
        };
        let w = writer.clone();
        wait_until(move || w.waiting() == 1);
        drop(held);
        assert!(next.join().unwrap(), "the writer behind got its turn");
        assert!(
            writer.turn(Duration::from_millis(10)).is_some(),
            "free again afterwards"
        );
    }
}
