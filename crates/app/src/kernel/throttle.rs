//! Counting sign-in attempts so that parallel guesses see each other.
//!
//! An attempt is written down (committed) as a failure *before* its password or code is
//! checked, then the window's attempts are counted, and it is taken back only when it
//! succeeds; a refused one stays counted. Counting first and writing afterwards would let a burst of simultaneous guesses
//! all see the count from before the burst. Committed first, the k-th attempt to count sees
//! at least k attempts (each of the first k committed its own before counting), so no more
//! than the limit pass however many arrive at once, on any isolation level.

use chrono::Duration;
use madoguchi_core::LoginFailureId;

use crate::kernel::{App, AppError};

/// Failed attempts are counted over this window, for staff and residents alike. A paused
/// step lets the next attempt through at the latest this long after the last refused one
/// (what `Retry-After` says: a refused attempt counts too).
pub const THROTTLE_WINDOW: Duration = Duration::minutes(15);

/// One key to count under: (kind, hashed key, most attempts in the window).
pub(crate) type Limit<'a> = (&'a str, &'a str, i64);

/// An attempt being checked: its rows, to take back if it succeeds.
#[must_use = "an attempt is a failure unless `succeeded` takes it back"]
pub(crate) struct Attempt(Vec<LoginFailureId>);

impl App {
    /// Writes the attempt under every key, then counts the window's attempts. Over a limit
    /// the answer is `None`: the caller refuses without checking anything (and the attempt
    /// counts, as a failure would).
    pub(crate) fn begin_attempt(
        &self,
        limits: &[Limit<'_>],
        window: Duration,
    ) -> Result<Option<Attempt>, AppError> {
        let now = self.now().naive_utc();
        let since = now - window;
        let ids = self.write(|c| {
            limits
                .iter()
                .map(|(kind, key, _)| Ok(c.record_login_failure(kind, key, now)?))
                .collect::<Result<Vec<_>, AppError>>()
        })?;
        // This attempt is among those counted.
        let over = self.read(|c| {
            for (kind, key, max) in limits {
                if c.count_login_failures(kind, key, since)? > *max {
                    return Ok(true);
                }
            }
            Ok(false)
        })?;
        // A refused attempt stays counted: taking it back could take back every attempt of
        // a burst (all written before any counted), leaving nothing paused.
        Ok((!over).then_some(Attempt(ids)))
    }

    /// The attempt succeeded: it is not a failure.
    pub(crate) fn attempt_succeeded(&self, attempt: Attempt) -> Result<(), AppError> {
        self.write(|c| Ok(c.forget_login_failures(&attempt.0)?))
    }
}

impl App {
    /// Adds `requests` from `address` in the minute starting at `window_start` to the count
    /// every node shares, and returns that count (the anonymous API's rate limit; the
    /// address is stored hashed).
    pub fn count_requests(
        &self,
        address: &str,
        window_start: chrono::NaiveDateTime,
        requests: i64,
    ) -> Result<i64, AppError> {
        let key = crate::kernel::tokens::sha256_hex(format!("api-address:{address}").as_bytes());
        self.write(|c| Ok(c.add_requests(&key, window_start, requests)?))
    }
}
