//! Lanes: one thread per background job, each running its job, then sleeping its
//! interval, until stopped.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

/// The running lanes of a process; `stop` ends them (each finishes the round it is in) and
/// waits for them. Dropped without `stop` (the future of a server that is itself dropped, as
/// when a test's runtime ends), they are still told to stop, without waiting: a lane never
/// outlives what started it, holding its database pool and polling a database that may be
/// gone.
#[derive(Default)]
pub struct Lanes {
    stop: Arc<AtomicBool>,
    running: Vec<(&'static str, JoinHandle<()>)>,
}

impl std::fmt::Debug for Lanes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lanes")
            .field("lanes", &self.names())
            .finish_non_exhaustive()
    }
}

impl Lanes {
    /// Runs `round` now and then every `every`, in a thread named `lane-{name}`.
    pub fn start(
        &mut self,
        name: &'static str,
        every: Duration,
        mut round: impl FnMut() + Send + 'static,
    ) {
        let stop = Arc::clone(&self.stop);
        let spawned = std::thread::Builder::new()
            .name(format!("lane-{name}"))
            .spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    round();
                    // Sleep in small steps so a stop request is seen quickly.
                    let mut slept = Duration::ZERO;
                    while slept < every && !stop.load(Ordering::SeqCst) {
                        let step = Duration::from_millis(50).min(every - slept);
                        std::thread::sleep(step);
                        slept += step;
                    }
                }
            });
        match spawned {
            Ok(handle) => self.running.push((name, handle)),
            // Only when the system is out of threads; the lane's work then waits for
            // another process (or a restart), as before a worker exists.
            Err(e) => tracing::error!(lane = name, error = %e, "cannot start a background lane"),
        }
    }

    /// The lanes running, in the order they were started.
    pub fn names(&self) -> Vec<&'static str> {
        self.running.iter().map(|(name, _)| *name).collect()
    }

    /// Asks every lane to stop and waits for each to finish its round.
    pub fn stop(mut self) {
        self.stop.store(true, Ordering::SeqCst);
        for (name, handle) in std::mem::take(&mut self.running) {
            if handle.join().is_err() {
                tracing::error!(lane = name, "a background lane panicked");
            }
        }
    }
}

impl Drop for Lanes {
    fn drop(&mut self) {
        // Not joined here: a drop may run on an async runtime's thread, which must not wait
        // for a round in progress. Each lane sees the flag within 50 ms of its round.
        self.stop.store(true, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    /// Rounds counted by a lane started on `lanes`, every 10 ms.
    fn counting(lanes: &mut Lanes) -> Arc<AtomicUsize> {
        let rounds = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&rounds);
        lanes.start("count", Duration::from_millis(10), move || {
            counted.fetch_add(1, Ordering::SeqCst);
        });
        rounds
    }

    fn wait_for_rounds(rounds: &AtomicUsize, at_least: usize) {
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        while rounds.load(Ordering::SeqCst) < at_least {
            assert!(std::time::Instant::now() < deadline, "the lane never ran");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn a_dropped_set_of_lanes_stops_running() {
        let mut lanes = Lanes::default();
        let rounds = counting(&mut lanes);
        wait_for_rounds(&rounds, 2);
        drop(lanes);
        // A round already under way may finish; after that none starts.
        std::thread::sleep(Duration::from_millis(200));
        let after_drop = rounds.load(Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(300));
        assert_eq!(rounds.load(Ordering::SeqCst), after_drop);
    }

    #[test]
    fn stop_waits_for_every_lane() {
        let mut lanes = Lanes::default();
        let rounds = counting(&mut lanes);
        wait_for_rounds(&rounds, 1);
        lanes.stop();
        let stopped = rounds.load(Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(100));
        assert_eq!(rounds.load(Ordering::SeqCst), stopped);
    }
}
