//! When a slot may be booked: not in the past, not before the window opens (N days ahead),
//! not after it closes (M business days before the day, or on the day after its cut-off).
//! Changes and cancellations keep to the same close.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use madoguchi_workflow::BusinessCalendar;
use serde::{Deserialize, Serialize};

use crate::clock_time::ClockTime;

/// A resource's booking window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    /// A day may be booked from this many days before it (Sendai's counters: 31–45).
    pub opens_days_ahead: u32,
    /// Booking closes at the end of the business day this many business days before the
    /// slot's day (0: it may be booked on the day itself).
    #[serde(default)]
    pub closes_business_days_before: u32,
    /// With booking on the day allowed, the time on the day after which it is not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_day_cutoff: Option<ClockTime>,
}

/// Why a slot cannot be booked (or changed, or cancelled online) now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// It has begun or is over.
    Past,
    /// Its day may be booked from `opens_on`.
    NotOpenYet { opens_on: NaiveDate },
    /// Booking it closed at the end of `closed_on` (or at the day's cut-off).
    Closed { closed_on: NaiveDate },
}

impl Window {
    /// Whether a slot starting at `starts` may be booked at `now` (both Japan time), with
    /// business days counted on `calendar`.
    pub fn allows(
        &self,
        now: NaiveDateTime,
        starts: NaiveDateTime,
        calendar: &BusinessCalendar,
    ) -> Result<(), Refusal> {
        let (today, day) = (now.date(), starts.date());
        if starts <= now {
            return Err(Refusal::Past);
        }
        let opens_on = day - Duration::days(i64::from(self.opens_days_ahead));
        if today < opens_on {
            return Err(Refusal::NotOpenYet { opens_on });
        }
        let before = self.closes_business_days_before;
        if before == 0 {
            let after_cutoff = self.same_day_cutoff.is_some_and(|c| now.time() > c.0);
            if today == day && after_cutoff {
                return Err(Refusal::Closed { closed_on: day });
            }
            return Ok(());
        }
        let last = self.last_day(day, calendar);
        if today > last {
            return Err(Refusal::Closed { closed_on: last });
        }
        Ok(())
    }

    /// The last day a slot on `day` may be booked: with a close of M business days, the
    /// M-th business day before the day (2 before a Thursday is the Tuesday; 2 before a
    /// Tuesday after a holiday Monday is the Thursday before); with none, the day itself.
    pub fn last_day(&self, day: NaiveDate, calendar: &BusinessCalendar) -> NaiveDate {
        let mut last = day;
        let mut counted = 0;
        while counted < self.closes_business_days_before {
            match last.pred_opt() {
                Some(d) => last = d,
                None => return NaiveDate::MIN,
            }
            if calendar.is_business_day(last) {
                counted += 1;
            }
        }
        last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, time: &str) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_time(time.parse::<ClockTime>().unwrap().0)
    }

    fn window(before: u32, cutoff: Option<&str>) -> Window {
        Window {
            opens_days_ahead: 31,
            closes_business_days_before: before,
            same_day_cutoff: cutoff.map(|c| c.parse().unwrap()),
        }
    }

    #[test]
    fn a_slot_opens_n_days_ahead_and_closes_m_business_days_before() {
        let cal = BusinessCalendar::japan();
        let w = window(2, None);
        // Thursday 4 March 2027 at 10:00.
        let slot = at(2027, 3, 4, "10:00");
        assert_eq!(
            w.allows(at(2027, 1, 31, "12:00"), slot, &cal),
            Err(Refusal::NotOpenYet {
                opens_on: NaiveDate::from_ymd_opt(2027, 2, 1).unwrap()
            })
        );
        assert_eq!(w.allows(at(2027, 2, 1, "00:01"), slot, &cal), Ok(()));
        assert_eq!(
            w.allows(at(2027, 3, 2, "23:59"), slot, &cal),
            Ok(()),
            "Tuesday: two business days before"
        );
        let closed = Refusal::Closed {
            closed_on: NaiveDate::from_ymd_opt(2027, 3, 2).unwrap(),
        };
        assert_eq!(w.allows(at(2027, 3, 3, "08:00"), slot, &cal), Err(closed));
        assert_eq!(
            w.allows(at(2027, 3, 4, "11:00"), slot, &cal),
            Err(Refusal::Past)
        );
    }

    #[test]
    fn a_close_skips_the_weekend_and_holidays() {
        let cal = BusinessCalendar::japan();
        // Tuesday 23 March 2027 follows a weekend and the substitute holiday (Monday 22
        // March): one business day before it is Friday 19, two is Thursday 18.
        let slot = at(2027, 3, 23, "09:00");
        let w = window(2, None);
        assert_eq!(
            w.last_day(slot.date(), &cal),
            NaiveDate::from_ymd_opt(2027, 3, 18).unwrap()
        );
        assert_eq!(w.allows(at(2027, 3, 18, "17:00"), slot, &cal), Ok(()));
        assert!(matches!(
            w.allows(at(2027, 3, 19, "09:00"), slot, &cal),
            Err(Refusal::Closed { .. })
        ));
        assert!(matches!(
            w.allows(at(2027, 3, 20, "09:00"), slot, &cal),
            Err(Refusal::Closed { .. })
        ));
    }

    #[test]
    fn on_the_day_until_the_cutoff() {
        let cal = BusinessCalendar::japan();
        let w = window(0, Some("12:00"));
        let slot = at(2027, 3, 4, "15:00");
        assert_eq!(w.allows(at(2027, 3, 4, "11:59"), slot, &cal), Ok(()));
        assert!(matches!(
            w.allows(at(2027, 3, 4, "12:01"), slot, &cal),
            Err(Refusal::Closed { .. })
        ));
        assert_eq!(
            window(0, None).allows(at(2027, 3, 4, "14:59"), slot, &cal),
            Ok(())
        );
    }
}
