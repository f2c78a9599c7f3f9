//! The per-address rate limit of the anonymous API (validate, file, postal codes) and of
//! the status look-up page. This is the count (`admit`); who refuses, and how, is each
//! caller's: the API's middleware in `routes/api/rate_limit.rs`, the look-up page itself.
//!
//! Requests are counted per client address (per /64 network for IPv6, which a single
//! household or phone is given whole) and clock minute. Each node counts in memory and
//! adds its count to the database (`request_counts`, one upsert) on an address's first
//! request of a minute, then at least every [`SYNC_EVERY`] or every tenth of the limit,
//! whichever comes first; what comes back is the count of every node. A request is refused
//! when the shared count plus what this node has not yet added passes the limit. So one node
//! holds the limit exactly, and `n` nodes together let through at most the limit plus about
//! `n` tenths of it in a minute — without a database write per request.
//!
//! Memory is bounded: at most [`MAX_TRACKED`] addresses are held; past it, minutes that are
//! over are dropped, and an address that still finds no room is counted straight in the
//! database.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::web;
use chrono::{DateTime, DurationRound, NaiveDateTime, TimeDelta, Utc};

use crate::WebState;
use crate::extract::client_address;
use madoguchi_app::kernel::client_group;

/// The longest a node keeps counts to itself.
pub const SYNC_EVERY: Duration = Duration::from_secs(1);
/// Addresses held in memory at most.
pub const MAX_TRACKED: usize = 100_000;

/// The limit and this node's counts (cheap to clone: shared).
#[derive(Clone)]
pub struct ApiRateLimit {
    per_minute: u32,
    counts: Arc<Mutex<HashMap<String, Local>>>,
}

impl std::fmt::Debug for ApiRateLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiRateLimit")
            .field("per_minute", &self.per_minute)
            .finish_non_exhaustive()
    }
}

/// One address's minute on this node.
struct Local {
    window: NaiveDateTime,
    /// Every node's count, as the database last said.
    shared: i64,
    /// Counted here, not yet added to the database.
    pending: i64,
    synced: Option<Instant>,
}

/// What to do with a request.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    Admit,
    /// Refuse; the minute ends in this many seconds.
    Refuse(u64),
    /// Admit or refuse once `pending` requests are added to the shared count.
    Sync(i64),
}

impl ApiRateLimit {
    /// `per_minute` requests per address and minute (above 0).
    pub fn new(per_minute: u32) -> Self {
        ApiRateLimit {
            per_minute: per_minute.max(1),
            counts: Arc::default(),
        }
    }

    fn limit(&self) -> i64 {
        i64::from(self.per_minute)
    }

    /// Requests counted here before they are added to the database (a tenth of the limit).
    fn batch(&self) -> i64 {
        (self.limit() / 10).max(1)
    }

    /// Counts one request from `address` at `now` and says what to do with it.
    fn count(&self, address: &str, now: DateTime<Utc>) -> Verdict {
        let window = minute_of(now);
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        if counts.len() >= MAX_TRACKED && !counts.contains_key(address) {
            counts.retain(|_, c| c.window == window);
            if counts.len() >= MAX_TRACKED {
                return Verdict::Sync(1);
            }
        }
        let local = counts.entry(address.to_string()).or_insert(Local {
            window,
            shared: 0,
            pending: 0,
            synced: None,
        });
        if local.window != window {
            *local = Local {
                window,
                shared: 0,
                pending: 0,
                synced: None,
            };
        }
        local.pending += 1;
        if local.shared + local.pending > self.limit() {
            // Refused requests are not added: they cost nothing but this check.
            local.pending -= 1;
            return Verdict::Refuse(seconds_left(now));
        }
        let due = local.synced.is_none_or(|t| t.elapsed() >= SYNC_EVERY);
        if due || local.pending >= self.batch() {
            let pending = std::mem::take(&mut local.pending);
            local.synced = Some(Instant::now());
            return Verdict::Sync(pending);
        }
        Verdict::Admit
    }

    /// Takes the shared count the database answered; the request is admitted if it is
    /// within the limit (the requests added include this one).
    fn settle(&self, address: &str, now: DateTime<Utc>, shared: i64) -> Verdict {
        let window = minute_of(now);
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        let pending = match counts.get_mut(address) {
            Some(local) if local.window == window => {
                local.shared = local.shared.max(shared);
                local.pending
            }
            _ => 0,
        };
        if shared + pending > self.limit() {
            Verdict::Refuse(seconds_left(now))
        } else {
            Verdict::Admit
        }
    }
}

/// The start of `now`'s clock minute.
fn minute_of(now: DateTime<Utc>) -> NaiveDateTime {
    now.duration_trunc(TimeDelta::minutes(1))
        .unwrap_or(now)
        .naive_utc()
}

/// Seconds until the next minute begins (at least 1).
fn seconds_left(now: DateTime<Utc>) -> u64 {
    let into = now.naive_utc() - minute_of(now);
    u64::try_from(60 - into.num_seconds()).unwrap_or(60).max(1)
}

/// Counts a request from the client's address against the per-minute limit (the same
/// count the anonymous API keeps): `Err(seconds)` when it is over, with the seconds left
/// in the minute. Pages that answer people (the status look-up) call it themselves, to
/// answer in HTML.
pub(crate) async fn admit(
    req: &actix_web::HttpRequest,
) -> Result<Result<(), u64>, actix_web::Error> {
    let Some(st) = req.app_data::<web::Data<WebState>>().cloned() else {
        return Ok(Ok(()));
    };
    let address = client_group(&client_address(req));
    let limit = &st.config.api_rate;
    let now = st.app.now();
    let mut verdict = limit.count(&address, now);
    if let Verdict::Sync(pending) = verdict {
        let (app, key) = (st.app.clone(), address.clone());
        let window = minute_of(now);
        let shared =
            crate::blocking::run_blocking(move || app.count_requests(&key, window, pending)).await;
        verdict = match shared {
            Ok(Ok(shared)) => limit.settle(&address, now, shared),
            // The database is what the request would need anyway: let the route answer
            // (and fail) as it would without the limit.
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "the rate limit could not add its count");
                Verdict::Admit
            }
            Err(e) => return Err(actix_web::error::ErrorServiceUnavailable(e)),
        };
    }
    Ok(match verdict {
        Verdict::Refuse(seconds) => Err(seconds),
        _ => Ok(()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    #[test]
    fn one_node_holds_the_limit_exactly_and_a_new_minute_starts_afresh() {
        let limit = ApiRateLimit::new(20);
        let now = at("2026-11-24T09:00:15Z");
        let mut admitted = 0;
        let mut database = 0;
        for _ in 0..50 {
            let verdict = match limit.count("192.0.2.1", now) {
                Verdict::Sync(n) => {
                    database += n;
                    limit.settle("192.0.2.1", now, database)
                }
                v => v,
            };
            match verdict {
                Verdict::Admit => admitted += 1,
                Verdict::Refuse(seconds) => assert_eq!(seconds, 45),
                Verdict::Sync(_) => unreachable!("settled above"),
            }
        }
        assert_eq!(admitted, 20);
        assert!(database <= 20, "refused requests are not added: {database}");
        // Another address has its own count; the next minute is a new one.
        assert_ne!(
            limit.count("192.0.2.2", now),
            Verdict::Refuse(45),
            "another address"
        );
        let next = at("2026-11-24T09:01:00Z");
        assert!(matches!(limit.count("192.0.2.1", next), Verdict::Sync(1)));
    }

    #[test]
    fn what_other_nodes_added_counts_here() {
        let limit = ApiRateLimit::new(20);
        let now = at("2026-11-24T09:00:59Z");
        let Verdict::Sync(1) = limit.count("192.0.2.1", now) else {
            panic!("the first request of a minute is added at once")
        };
        // The other nodes have filed 19 already: this one is the 20th, the next is over.
        assert_eq!(limit.settle("192.0.2.1", now, 20), Verdict::Admit);
        assert_eq!(limit.count("192.0.2.1", now), Verdict::Refuse(1));
    }

    #[test]
    fn an_ipv6_client_is_counted_by_its_64_network() {
        assert_eq!(client_group("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(client_group("2001:db8:1:2:bbbb::9"), "2001:db8:1:2::/64");
        assert_ne!(client_group("2001:db8:1:3::1"), "2001:db8:1:2::/64");
        assert_eq!(client_group("192.0.2.1"), "192.0.2.1");
        assert_eq!(client_group("unknown"), "unknown");
    }

    #[test]
    fn memory_stays_bounded() {
        let limit = ApiRateLimit::new(5);
        let now = at("2026-11-24T09:00:00Z");
        let earlier = at("2026-11-24T08:59:00Z");
        for i in 0..MAX_TRACKED {
            let _ = limit.count(&format!("a{i}"), earlier);
        }
        // Past minutes make room.
        assert!(matches!(limit.count("new", now), Verdict::Sync(1)));
        assert_eq!(limit.counts.lock().unwrap().len(), 1);
        for i in 1..MAX_TRACKED {
            let _ = limit.count(&format!("b{i}"), now);
        }
        // Full of this minute's addresses: a new one is counted straight in the database.
        assert_eq!(limit.count("one more", now), Verdict::Sync(1));
        assert_eq!(limit.counts.lock().unwrap().len(), MAX_TRACKED);
    }
}
