//! The statutory clock (標準処理期間, 行政手続法 第6条): how many business days the office
//! has used and when the filing is due, from what happened to it.
//!
//! - A filing that arrives outside office hours, or on a day the office is closed, counts as
//!   arriving at the next opening; the arrival day itself is not counted (初日不算入).
//! - While a correction is pending (補正, 第7条) the clock stops; it restarts when the
//!   applicant's correction arrives (outside office hours: at the next opening), and the
//!   days already used stay used.
//! - An extension adds business days (its reason is recorded by the caller).
//! - A decision or withdrawal stops the clock for good.
//!
//! Times are passed in; this module never reads the clock.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use madoguchi_core::jst::to_jst as jst;

use crate::BusinessCalendar;

/// When the office is open on a business day (JST).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OfficeHours {
    pub opens: NaiveTime,
    pub closes: NaiveTime,
}

impl Default for OfficeHours {
    /// 8:30–17:00, the hours of Sendai's ward offices.
    fn default() -> Self {
        Self {
            opens: NaiveTime::from_hms_opt(8, 30, 0).unwrap_or_default(),
            closes: NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default(),
        }
    }
}

/// What happened, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockEvent {
    /// The filing arrived (到達).
    Arrived(DateTime<Utc>),
    /// A correction was requested: the clock stops.
    Paused(DateTime<Utc>),
    /// The correction arrived: the clock runs again.
    Resumed(DateTime<Utc>),
    /// More business days were allowed.
    Extended(u32),
    /// Decided or withdrawn.
    Stopped(DateTime<Utc>),
}

/// Where the clock stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    /// The last business day for a decision, when the procedure has a period and the clock
    /// is running or stopped; `None` while paused (it depends on when the correction comes)
    /// or when the procedure has no period.
    pub due_on: Option<NaiveDate>,
    /// Business days allowed: the procedure's period plus extensions.
    pub allowed: u32,
    /// Business days used so far (up to `today`, or to the pause or stop).
    pub used: u32,
    pub phase: Phase,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Running,
    /// Waiting for the applicant's correction.
    Paused,
    Stopped,
}

impl Reading {
    /// Running and past its due date.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.phase == Phase::Running && self.due_on.is_some_and(|d| today > d)
    }

    /// Running, not yet overdue, with `margin` business days or fewer left.
    pub fn due_soon(&self, today: NaiveDate, margin: u32, calendar: &BusinessCalendar) -> bool {
        self.phase == Phase::Running
            && self
                .due_on
                .is_some_and(|d| today <= d && calendar.business_days_between(today, d) <= margin)
    }
}

/// The day from which a filing or correction received at `at` is counted: that day if it
/// came on a business day before closing time, else the next business day.
pub fn received_on(
    at: DateTime<Utc>,
    calendar: &BusinessCalendar,
    hours: OfficeHours,
) -> NaiveDate {
    let local = jst(at);
    let day = local.date_naive();
    if calendar.is_business_day(day) && local.time() < hours.closes {
        day
    } else {
        calendar.add_business_days(day + Duration::days(1), 0)
    }
}

/// Reads the clock of a filing whose procedure allows `period` business days (`None`: no
/// standard period), after `events`, on `today`.
pub fn read(
    calendar: &BusinessCalendar,
    hours: OfficeHours,
    period: Option<u32>,
    events: &[ClockEvent],
    today: NaiveDate,
) -> Reading {
    let mut allowed = period.unwrap_or(0);
    let mut used = 0;
    // The day counting runs from (exclusive), while running.
    let mut running_from: Option<NaiveDate> = None;
    let mut phase = Phase::Running;
    for event in events {
        match *event {
            ClockEvent::Arrived(at) => {
                running_from = Some(received_on(at, calendar, hours));
                phase = Phase::Running;
            }
            ClockEvent::Paused(at) => {
                if let (Phase::Running, Some(from)) = (phase, running_from) {
                    used += calendar.business_days_between(from, jst(at).date_naive());
                    phase = Phase::Paused;
                }
            }
            ClockEvent::Resumed(at) => {
                if phase == Phase::Paused {
                    running_from = Some(received_on(at, calendar, hours));
                    phase = Phase::Running;
                }
            }
            ClockEvent::Extended(days) => allowed += days,
            ClockEvent::Stopped(at) => {
                // A stopped clock keeps the due date it had when it stopped (for the
                // published figures); stopped during a correction, it has none.
                let due_on = match (phase, running_from, period) {
                    (Phase::Running, Some(from), Some(_)) => {
                        Some(calendar.add_business_days(from, allowed.saturating_sub(used)))
                    }
                    _ => None,
                };
                if let (Phase::Running, Some(from)) = (phase, running_from) {
                    used += calendar.business_days_between(from, jst(at).date_naive());
                }
                return Reading {
                    due_on,
                    allowed,
                    used,
                    phase: Phase::Stopped,
                };
            }
        }
    }
    let due_on = match (phase, running_from, period) {
        (Phase::Running, Some(from), Some(_)) => {
            Some(calendar.add_business_days(from, allowed.saturating_sub(used)))
        }
        _ => None,
    };
    if let (Phase::Running, Some(from)) = (phase, running_from) {
        used += calendar.business_days_between(from, today);
    }
    Reading {
        due_on,
        allowed,
        used,
        phase,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A JST wall-clock time as UTC.
    fn at(y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
        use chrono::TimeZone;
        chrono::FixedOffset::east_opt(9 * 3600)
            .unwrap()
            .with_ymd_and_hms(y, m, day, h, min, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn cal() -> BusinessCalendar {
        BusinessCalendar::new()
    }

    #[test]
    fn arrival_after_hours_or_on_a_closed_day_counts_from_the_next_opening() {
        let h = OfficeHours::default();
        // Thu 2026-11-19 10:00: that day.
        assert_eq!(
            received_on(at(2026, 11, 19, 10, 0), &cal(), h),
            d(2026, 11, 19)
        );
        // Before opening still counts as that day (it is there when the office opens).
        assert_eq!(
            received_on(at(2026, 11, 19, 6, 0), &cal(), h),
            d(2026, 11, 19)
        );
        // Fri 2026-11-20 17:30: Monday 23rd is 勤労感謝の日, so Tuesday 24th.
        assert_eq!(
            received_on(at(2026, 11, 20, 17, 30), &cal(), h),
            d(2026, 11, 24)
        );
        // Sunday: the next business day.
        assert_eq!(
            received_on(at(2026, 11, 22, 12, 0), &cal(), h),
            d(2026, 11, 24)
        );
        // 28 December evening: the office reopens on 4 January.
        assert_eq!(
            received_on(at(2026, 12, 28, 18, 0), &cal(), h),
            d(2027, 1, 4)
        );
    }

    #[test]
    fn a_correction_stops_the_clock_and_the_used_days_stay_used() {
        let h = OfficeHours::default();
        // 10 business days. Arrives Mon 2026-11-09 (counted from the 10th).
        let arrived = ClockEvent::Arrived(at(2026, 11, 9, 9, 0));
        let r = read(&cal(), h, Some(10), &[arrived], d(2026, 11, 9));
        assert_eq!(r.due_on, Some(d(2026, 11, 24)), "23rd is a holiday");
        // Correction requested Thu 12th (3 days used: 10, 11, 12).
        let paused = ClockEvent::Paused(at(2026, 11, 12, 15, 0));
        let r = read(&cal(), h, Some(10), &[arrived, paused], d(2026, 11, 30));
        assert_eq!((r.phase, r.used, r.due_on), (Phase::Paused, 3, None));
        assert!(
            !r.overdue(d(2026, 12, 31)),
            "a paused clock is never overdue"
        );
        // The applicant answers on Sunday 29th: counting resumes from Monday 30th with 7
        // days left: 1, 2, 3, 4, 7, 8, 9 December.
        let resumed = ClockEvent::Resumed(at(2026, 11, 29, 20, 0));
        let r = read(
            &cal(),
            h,
            Some(10),
            &[arrived, paused, resumed],
            d(2026, 11, 30),
        );
        assert_eq!(r.due_on, Some(d(2026, 12, 9)));
        assert_eq!(r.phase, Phase::Running);
        assert!(r.overdue(d(2026, 12, 10)) && !r.overdue(d(2026, 12, 9)));
        assert!(r.due_soon(d(2026, 12, 7), 2, &cal()));
        assert!(!r.due_soon(d(2026, 12, 1), 2, &cal()));
        // Extended by 5 days: 10, 11, 14, 15, 16.
        let r = read(
            &cal(),
            h,
            Some(10),
            &[arrived, paused, resumed, ClockEvent::Extended(5)],
            d(2026, 11, 30),
        );
        assert_eq!((r.allowed, r.due_on), (15, Some(d(2026, 12, 16))));
        // Decided on 3 December: stopped, 3 + 3 days used (30th, 1st, 2nd, 3rd minus the
        // resumption day itself), the due date kept for the figures.
        let r = read(
            &cal(),
            h,
            Some(10),
            &[
                arrived,
                paused,
                resumed,
                ClockEvent::Stopped(at(2026, 12, 3, 11, 0)),
            ],
            d(2027, 2, 1),
        );
        assert_eq!(r.phase, Phase::Stopped);
        assert_eq!(r.used, 6);
        assert_eq!(r.due_on, Some(d(2026, 12, 9)));
        assert!(!r.overdue(d(2027, 2, 1)));
    }

    #[test]
    fn no_period_means_no_due_date() {
        let r = read(
            &cal(),
            OfficeHours::default(),
            None,
            &[ClockEvent::Arrived(at(2026, 11, 9, 9, 0))],
            d(2026, 11, 20),
        );
        assert_eq!(r.due_on, None);
        assert!(!r.overdue(d(2027, 1, 1)));
    }

    fn any_day() -> impl Strategy<Value = NaiveDate> {
        (0i64..3650).prop_map(|n| d(2020, 1, 1) + Duration::days(n))
    }

    proptest! {
        #[test]
        fn due_dates_are_business_days_exactly_n_days_on(start in any_day(), n in 1u32..80) {
            let c = cal();
            let due = c.add_business_days(start, n);
            prop_assert!(c.is_business_day(due));
            prop_assert_eq!(c.business_days_between(start, due), n);
            prop_assert!(c.add_business_days(start, n + 1) > due);
        }

        #[test]
        fn closed_days_are_never_business_days(day in any_day()) {
            use chrono::Datelike;
            let closed = matches!(day.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun)
                || matches!((day.month(), day.day()), (12, 29..=31) | (1, 1..=3))
                || cal().is_holiday(day);
            prop_assert_eq!(cal().is_business_day(day), !closed);
        }

        #[test]
        fn a_pause_never_brings_the_due_date_forward(
            start in any_day(),
            n in 1u32..40,
            pause_after in 0i64..30,
            pause_len in 0i64..30,
        ) {
            let c = cal();
            let h = OfficeHours::default();
            let arrived = at_noon(start);
            let plain = read(&c, h, Some(n), &[ClockEvent::Arrived(arrived)], start);
            let paused_at = arrived + Duration::days(pause_after);
            let resumed_at = paused_at + Duration::days(pause_len);
            let events = [
                ClockEvent::Arrived(arrived),
                ClockEvent::Paused(paused_at),
                ClockEvent::Resumed(resumed_at),
            ];
            let with_pause = read(&c, h, Some(n), &events, start);
            prop_assert!(with_pause.due_on >= plain.due_on);
            prop_assert!(c.is_business_day(with_pause.due_on.unwrap()));
        }
    }

    fn at_noon(day: NaiveDate) -> DateTime<Utc> {
        use chrono::Datelike;
        at(day.year(), day.month(), day.day(), 12, 0)
    }
}
