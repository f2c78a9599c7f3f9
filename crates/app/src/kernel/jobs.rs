//! How often each background job ran in this process, and how often a round failed (for
//! `/metrics`). Counted where the jobs are (`App::deliver_due_mail` …), so whatever runs
//! them — a `serve`'s worker thread or a `worker` process — counts the same way.

use std::collections::BTreeMap;
use std::sync::Mutex;

use super::{App, AppError};

/// Runs and failed runs by job name.
#[derive(Debug, Default)]
pub(crate) struct JobCounters(Mutex<BTreeMap<&'static str, (u64, u64)>>);

impl App {
    /// Counts one round of `job`, failed when `result` is an error; returns `result`.
    /// Runs one round of a background job and counts it. The tenant registry is re-read
    /// first when it changed: a city's address, sender or suspension changed on another
    /// node reaches a worker's mails, links and waiting work within a recheck, whichever
    /// lanes that worker runs.
    pub(crate) fn run_job<T>(
        &self,
        job: &'static str,
        round: impl FnOnce() -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        if let Err(e) = self.refresh_tenants() {
            tracing::warn!(job, error = %e, "tenant registry not re-read; cities as last read");
        }
        self.count_job(job, round())
    }

    fn count_job<T>(&self, job: &'static str, result: Result<T, AppError>) -> Result<T, AppError> {
        let mut counts = match self.jobs.0.lock() {
            Ok(c) => c,
            Err(poisoned) => poisoned.into_inner(),
        };
        let entry = counts.entry(job).or_default();
        entry.0 += 1;
        if result.is_err() {
            entry.1 += 1;
        }
        result
    }

    /// `(job, runs, failed runs)` of every job that ran in this process.
    pub fn job_counts(&self) -> Vec<(&'static str, u64, u64)> {
        let counts = match self.jobs.0.lock() {
            Ok(c) => c,
            Err(poisoned) => poisoned.into_inner(),
        };
        counts
            .iter()
            .map(|(job, (runs, errors))| (*job, *runs, *errors))
            .collect()
    }
}
