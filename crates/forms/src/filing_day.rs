//! The day answers are judged on, and which days the receiving office is closed.
//!
//! The engine has no clock and no calendar: the caller gives the filing day (the JST date
//! of the filing) and, where it has one, the office's closed days (weekends, national
//! holidays and 12/29–1/3 from `madoguchi_workflow::BusinessCalendar`, plus the city's own
//! closing days). A window end written with `"if_closed": "next_opening_day"` moves past
//! them. Without a calendar no day is closed, so such an end does not move.

use std::sync::Arc;

use chrono::NaiveDate;

/// How far a closed stretch may run before the end is taken as it is (a calendar that
/// closes every day is a mistake, not a reason to loop).
const MAX_CLOSED_RUN: u32 = 366;

/// The filing day and, when the caller knows it, the office calendar it is filed under.
#[derive(Clone)]
pub struct FilingDay {
    /// The JST date of the filing ("today" in window rules).
    pub date: NaiveDate,
    closed: Option<ClosedDays>,
}

/// The days an office is closed, as the caller's calendar says
/// (`ClosedDays::new(move |d| !calendar.is_business_day(d))`).
#[derive(Clone)]
pub struct ClosedDays(Arc<dyn Fn(NaiveDate) -> bool + Send + Sync>);

impl ClosedDays {
    pub fn new(closed: impl Fn(NaiveDate) -> bool + Send + Sync + 'static) -> Self {
        Self(Arc::new(closed))
    }

    pub fn is_closed(&self, day: NaiveDate) -> bool {
        (self.0)(day)
    }
}

impl std::fmt::Debug for ClosedDays {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClosedDays")
    }
}

impl std::fmt::Debug for FilingDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FilingDay")
            .field("date", &self.date)
            .field("calendar", &self.closed.is_some())
            .finish()
    }
}

impl FilingDay {
    /// A filing on `date` with no office calendar: no day is closed.
    pub fn new(date: NaiveDate) -> Self {
        Self { date, closed: None }
    }

    /// The same day, under an office calendar.
    pub fn with_closed_days(self, closed: ClosedDays) -> Self {
        Self {
            closed: Some(closed),
            ..self
        }
    }

    /// The same day under `closed` when there is one.
    pub fn under(self, closed: Option<&ClosedDays>) -> Self {
        Self {
            closed: closed.cloned(),
            ..self
        }
    }

    /// `day`, or the first day after it the office is open.
    pub fn next_opening_day(&self, day: NaiveDate) -> NaiveDate {
        let Some(closed) = &self.closed else {
            return day;
        };
        let mut d = day;
        for _ in 0..MAX_CLOSED_RUN {
            if !closed.is_closed(d) {
                return d;
            }
            match d.succ_opt() {
                Some(next) => d = next,
                None => return day,
            }
        }
        day
    }
}

impl From<NaiveDate> for FilingDay {
    fn from(date: NaiveDate) -> Self {
        Self::new(date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_closed_day_moves_to_the_next_opening_day() {
        let weekends = |d: NaiveDate| chrono::Datelike::weekday(&d).number_from_monday() > 5;
        let day = FilingDay::new(d(2027, 1, 20)).with_closed_days(ClosedDays::new(weekends));
        // 31 January 2027 is a Sunday.
        assert_eq!(day.next_opening_day(d(2027, 1, 31)), d(2027, 2, 1));
        assert_eq!(day.next_opening_day(d(2027, 1, 30)), d(2027, 2, 1));
        assert_eq!(day.next_opening_day(d(2027, 1, 29)), d(2027, 1, 29));
        // Without a calendar nothing moves.
        assert_eq!(
            FilingDay::new(d(2027, 1, 20)).next_opening_day(d(2027, 1, 31)),
            d(2027, 1, 31)
        );
        // A calendar that never opens leaves the day as it is.
        let never = |_: NaiveDate| true;
        let shut = FilingDay::new(d(2027, 1, 20)).with_closed_days(ClosedDays::new(never));
        assert_eq!(shut.next_opening_day(d(2027, 1, 31)), d(2027, 1, 31));
    }
}
