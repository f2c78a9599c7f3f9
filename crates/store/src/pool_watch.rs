//! The pool's own events: how long callers wait for a connection (the same on both engines,
//! for `/metrics`), and how long each connection sat idle before it was lent (to decide
//! whether to try it first, see [`crate::Db::conn`]).

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use diesel::r2d2::HandleEvent;
use diesel::r2d2::event::{AcquireEvent, CheckinEvent, CheckoutEvent, ReleaseEvent, TimeoutEvent};

/// Counters shared by the pool (which adds) and the `Db` (which reads).
#[derive(Clone, Debug, Default)]
pub(crate) struct PoolWatch(Arc<Counts>);

#[derive(Debug, Default)]
struct Counts {
    checkouts: AtomicU64,
    wait_nanos: AtomicU64,
    timeouts: AtomicU64,
    /// Since when each connection in the pool has been idle (opened, or given back).
    idle_since: Mutex<HashMap<u64, Instant>>,
}

thread_local! {
    /// How long the connection this thread was last lent had been idle: the pool tells
    /// its event handler which connection it lends on the borrowing thread, just before
    /// `get` returns it.
    static LENT_IDLE: Cell<Duration> = const { Cell::new(Duration::ZERO) };
}

/// How long the connection this thread was just lent had been idle.
pub(crate) fn lent_idle() -> Duration {
    LENT_IDLE.with(Cell::get)
}

impl PoolWatch {
    /// `(checkouts, seconds waited in all, timeouts)`.
    pub(crate) fn read(&self) -> (u64, f64, u64) {
        let c = &self.0;
        (
            c.checkouts.load(Ordering::Relaxed),
            c.wait_nanos.load(Ordering::Relaxed) as f64 / 1e9,
            c.timeouts.load(Ordering::Relaxed),
        )
    }

    fn idle_since(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Instant>> {
        // A map of instants: consistent after every statement.
        self.0
            .idle_since
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl HandleEvent for PoolWatch {
    fn handle_acquire(&self, event: AcquireEvent) {
        self.idle_since()
            .insert(event.connection_id(), Instant::now());
    }

    fn handle_release(&self, event: ReleaseEvent) {
        self.idle_since().remove(&event.connection_id());
    }

    fn handle_checkout(&self, event: CheckoutEvent) {
        let nanos = u64::try_from(event.duration().as_nanos()).unwrap_or(u64::MAX);
        self.0.checkouts.fetch_add(1, Ordering::Relaxed);
        self.0.wait_nanos.fetch_add(nanos, Ordering::Relaxed);
        let since = self.idle_since().get(&event.connection_id()).copied();
        // A connection the handler never saw opened is treated as idle for ever: tried.
        let idle = since.map_or(Duration::MAX, |s| s.elapsed());
        LENT_IDLE.with(|l| l.set(idle));
    }

    fn handle_checkin(&self, event: CheckinEvent) {
        self.idle_since()
            .insert(event.connection_id(), Instant::now());
    }

    fn handle_timeout(&self, _event: TimeoutEvent) {
        self.0.timeouts.fetch_add(1, Ordering::Relaxed);
    }
}
