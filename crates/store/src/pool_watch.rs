//! How long callers wait for a pooled connection, counted from the pool's own events (the
//! same on both engines), for `/metrics`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use diesel::r2d2::HandleEvent;
use diesel::r2d2::event::{CheckoutEvent, TimeoutEvent};

/// Counters shared by the pool (which adds) and the `Db` (which reads).
#[derive(Clone, Debug, Default)]
pub(crate) struct PoolWatch(Arc<Counts>);

#[derive(Debug, Default)]
struct Counts {
    checkouts: AtomicU64,
    wait_nanos: AtomicU64,
    timeouts: AtomicU64,
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
}

impl HandleEvent for PoolWatch {
    fn handle_checkout(&self, event: CheckoutEvent) {
        let nanos = u64::try_from(event.duration().as_nanos()).unwrap_or(u64::MAX);
        self.0.checkouts.fetch_add(1, Ordering::Relaxed);
        self.0.wait_nanos.fetch_add(nanos, Ordering::Relaxed);
    }

    fn handle_timeout(&self, _event: TimeoutEvent) {
        self.0.timeouts.fetch_add(1, Ordering::Relaxed);
    }
}
