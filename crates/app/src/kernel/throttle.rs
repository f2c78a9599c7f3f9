//! Counting sign-in attempts so that parallel guesses see each other.
//!
//! An attempt is written down (committed) as a failure *before* its password or code is
//! checked, then the window's attempts are counted, and it is taken back only when it
//! succeeds; a refused one stays counted. Counting first and writing afterwards would let a burst of simultaneous guesses
//! all see the count from before the burst. Committed first, the k-th attempt to count sees
//! at least k attempts (each of the first k committed its own before counting), so no more
//! than the limit pass however many arrive at once, on any isolation level.
//!
//! Guesses at one secret-guarded thing (an account's password, a filing's look-up key) are
//! counted so that nobody can lock its owner out ([`App::begin_guess`]): first per client
//! (its address, and the thing from that address, strictly), and only the attempts the
//! client's own limits let through count against the thing itself (loosely). A client that
//! keeps guessing pauses itself; pausing the thing for everyone takes failures from many
//! clients, while guessing from many clients is still capped by the thing's own limit.

use chrono::Duration;
use madoguchi_core::{LoginFailureId, TenantId};

use crate::kernel::{App, AppError};

/// Failed attempts are counted over this window, for staff and residents alike. A paused
/// step lets the next attempt through at the latest this long after the last refused one
/// (what `Retry-After` says: a refused attempt counts too).
pub const THROTTLE_WINDOW: Duration = Duration::minutes(15);

/// The limits on guesses at one thing within [`THROTTLE_WINDOW`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct GuessLimits {
    /// At the thing from one client: the owner's own budget, which others cannot use up.
    pub per_client: i64,
    /// At the thing from all clients together (counting only what the clients' own limits
    /// let through): guessing from many addresses.
    pub per_thing: i64,
    /// From one client at anything of the kind (a household or an office shares one).
    pub per_address: i64,
}

/// Whom a client's attempts are counted under: its IP address, or for IPv6 its /64 (one
/// subscriber's network, whose 2^64 addresses would otherwise each get their own count).
pub fn client_group(address: &str) -> String {
    match address.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        _ => address.to_string(),
    }
}

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

    /// Writes down a guess at `thing` of the city `tenant` (`scope` names the kind: staff,
    /// resident, status) from `address`, or `None` when it must be refused unchecked: the
    /// client's own limits first (its address, and the thing from that address), then,
    /// only for a guess those let through, the thing's. A client refused by its own limits
    /// has not counted against the thing, so one client cannot pause the thing for its
    /// owner. The thing is counted under its city: the same login or number in another
    /// city is another thing.
    pub(crate) fn begin_guess(
        &self,
        tenant: &TenantId,
        scope: &str,
        thing: &str,
        address: &str,
        limits: GuessLimits,
    ) -> Result<Option<Attempt>, AppError> {
        let client = client_group(address);
        let thing = &format!("{tenant}\n{thing}");
        let key = |what: &str, value: &str| {
            crate::kernel::tokens::sha256_hex(format!("{scope}-{what}:{value}").as_bytes())
        };
        let (by_address, by_pair, by_thing) = (
            key("address", &client),
            key("guess", &format!("{thing}\n{client}")),
            key("thing", thing),
        );
        // The table has two kinds of key; the hashes keep the thing's and the pair's apart.
        let Some(mut attempt) = self.begin_attempt(
            &[
                ("address", &by_address, limits.per_address),
                ("login", &by_pair, limits.per_client),
            ],
            THROTTLE_WINDOW,
        )?
        else {
            return Ok(None);
        };
        let Some(more) =
            self.begin_attempt(&[("login", &by_thing, limits.per_thing)], THROTTLE_WINDOW)?
        else {
            return Ok(None);
        };
        attempt.0.extend(more.0);
        Ok(Some(attempt))
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
