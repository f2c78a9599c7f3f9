//! What an operator watches, read when `/metrics` is scraped: small aggregate queries.

use crate::{StoreError, Timestamp};

/// A queue of deliveries (the mail outbox, webhook deliveries) as it stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueueVitals {
    /// Not yet delivered and not given up.
    pub backlog: i64,
    /// When the oldest of those was queued.
    pub oldest: Option<Timestamp>,
    /// Of the backlog: tried at least once and failed (waiting to be retried).
    pub retrying: i64,
    /// Given up after the last attempt (kept for clerks to see).
    pub given_up: i64,
}

/// The figures of the platform as it stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Vitals {
    pub outbox: QueueVitals,
    pub webhooks: QueueVitals,
    /// Payments whose last call to the provider failed (cleared by the next success).
    pub payments_failing: i64,
    /// Submissions by procedure and state: `(procedure, state, count)`.
    pub submissions: Vec<(String, String, i64)>,
}

/// Reads the vitals (every tenant: one database is one deployment).
pub trait VitalSigns {
    fn vitals(&mut self) -> Result<Vitals, StoreError>;
}

/// The connection pool of this process, as it stands and since it opened.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PoolVitals {
    /// Connections open, idle among them, and the most the pool opens.
    pub connections: u32,
    pub idle: u32,
    pub max: u32,
    /// Connections handed out, the seconds callers waited for them in all, and the times
    /// a caller gave up waiting (the pool's timeout).
    pub checkouts: u64,
    pub wait_seconds: f64,
    pub timeouts: u64,
}
