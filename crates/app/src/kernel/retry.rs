//! Retry with exponential backoff, for every job that talks to the outside (mail, webhooks, payments).

use chrono::Duration;

/// Wait before attempt `n + 1` after `n` failed attempts: `base`, 2×, 4× … capped at 1 h
/// (with the default 30 s: 30 s, 1 min, 2 min … 1 h; twelve attempts span about 6.5 hours).
pub fn backoff(failed_attempts: i32, base: Duration) -> Duration {
    let exponent = failed_attempts.clamp(1, 16) - 1;
    (base * (1_i32 << exponent)).min(Duration::hours(1))
}
