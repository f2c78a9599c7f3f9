//! The expected wait at a counter, from how fast its numbers were called in the last hour.

use chrono::{Duration, NaiveDateTime};

/// How far back the calls that set the pace are read.
pub const PACE_WINDOW: Duration = Duration::minutes(60);

/// The wait, in whole minutes (rounded up), of one who takes a number now with `waiting`
/// people ahead, at the pace the counter called numbers in the last hour: the time from
/// the first call of that hour until now, over the calls made in it (a counter that
/// stopped calling grows slower as time passes). `Some(0)` with no one waiting; `None`
/// while fewer than two calls in the hour give a pace (the page says so rather than guess).
/// `calls` are the day's call times, in any order.
pub fn expected_wait(waiting: u32, calls: &[NaiveDateTime], now: NaiveDateTime) -> Option<u32> {
    if waiting == 0 {
        return Some(0);
    }
    let since = now - PACE_WINDOW;
    let recent: Vec<_> = calls
        .iter()
        .filter(|at| **at > since && **at <= now)
        .collect();
    let first = **recent.iter().min()?;
    if recent.len() < 2 {
        return None;
    }
    let per_call = (now - first).num_seconds().max(1) as u64 / recent.len() as u64;
    let seconds = per_call.max(1) * u64::from(waiting);
    Some(seconds.div_ceil(60).try_into().unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn no_one_waiting_is_no_wait() {
        assert_eq!(expected_wait(0, &[], at(10, 0)), Some(0));
    }

    #[test]
    fn no_pace_yet_is_no_guess() {
        assert_eq!(expected_wait(3, &[], at(10, 0)), None);
        assert_eq!(expected_wait(3, &[at(9, 55)], at(10, 0)), None);
        // Calls older than the hour set no pace.
        assert_eq!(expected_wait(3, &[at(8, 0), at(8, 30)], at(10, 0)), None);
    }

    #[test]
    fn the_pace_of_the_last_hour_times_those_waiting() {
        // Four calls since 9:40, now 10:00: one every 5 minutes; 3 ahead → 15 minutes.
        let calls = [at(9, 40), at(9, 45), at(9, 50), at(9, 55)];
        assert_eq!(expected_wait(3, &calls, at(10, 0)), Some(15));
        // The order of the calls does not matter.
        let mut shuffled = calls;
        shuffled.reverse();
        assert_eq!(expected_wait(3, &shuffled, at(10, 0)), Some(15));
        // A counter that stopped calling grows slower: at 10:20, 40 minutes over 4 calls.
        assert_eq!(expected_wait(3, &calls, at(10, 20)), Some(30));
        // Part of a minute counts as a minute.
        assert_eq!(
            expected_wait(1, &[at(9, 59), at(10, 0)], at(10, 0)),
            Some(1)
        );
    }
}
