//! Lanes: one thread per background job, each running its job, then sleeping its
//! interval, until stopped.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

/// The running lanes of a process; `stop` ends them (each finishes the round it is in).
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
    pub fn stop(self) {
        self.stop.store(true, Ordering::SeqCst);
        for (name, handle) in self.running {
            if handle.join().is_err() {
                tracing::error!(lane = name, "a background lane panicked");
            }
        }
    }
}
