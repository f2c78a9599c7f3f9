//! What `/metrics` reports of the platform: the queues' backlog, failing payment calls,
//! submissions by procedure and state, and this process's connection pool and jobs.

use madoguchi_records::{PoolVitals, Vitals};

use crate::kernel::{App, AppError};

/// The vitals at one moment.
#[derive(Clone, Debug)]
pub struct OperationalVitals {
    pub vitals: Vitals,
    pub pool: PoolVitals,
    /// `SQLite` or `PostgreSQL`.
    pub engine: &'static str,
    /// Background jobs run in this process: `(job, runs, failed runs)`.
    pub jobs: Vec<(&'static str, u64, u64)>,
    /// The batches this process wrote the API's filings in, and the filings they took.
    pub filing_batches: crate::kernel::combine::BatchCounts,
    /// The free space of each folder this process writes to, and the floor under which
    /// `/readyz` says not ready (0: none).
    pub disk: Vec<crate::kernel::FreeSpace>,
    pub disk_floor_bytes: u64,
    pub now: chrono::NaiveDateTime,
}

impl OperationalVitals {
    /// Seconds since `at` (0 when nothing waits).
    pub fn age_seconds(&self, at: Option<chrono::NaiveDateTime>) -> f64 {
        at.map(|t| (self.now - t).num_milliseconds().max(0) as f64 / 1000.0)
            .unwrap_or(0.0)
    }
}

impl App {
    /// Reads the vitals: a handful of aggregate queries on one connection.
    pub fn vitals(&self) -> Result<OperationalVitals, AppError> {
        let vitals = self.read(|r| Ok(r.vitals()?))?;
        let (pool, engine) = self.pool_vitals();
        Ok(OperationalVitals {
            vitals,
            pool,
            engine,
            jobs: self.job_counts(),
            filing_batches: self.filing_batches.counts(),
            disk: self.free_space(),
            disk_floor_bytes: self.config.disk.floor_bytes,
            now: self.now().naive_utc(),
        })
    }
}
