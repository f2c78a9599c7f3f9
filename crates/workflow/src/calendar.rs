//! Business days of a Japanese city office.
//!
//! A day is a business day unless it is a Saturday or Sunday, a national holiday under the
//! 国民の祝日に関する法律 (including 振替休日 and 国民の休日), or part of the year-end closure
//! 12/29–1/3 that municipal ordinances (休日を定める条例) set. Rules are those in force since
//! 2020; the one-off moves of 2019–2021 (enthronement, Tokyo Olympics) are listed
//! explicitly. Equinox days use the standard approximation, valid 1980–2099; the
//! National Astronomical Observatory publishes the official date each February.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The statutory clock's calendar. A city may add its own closure days (e.g. a local
/// anniversary) on top of the national rules.
#[derive(Clone, Debug, Default)]
pub struct BusinessCalendar {
    extra_closed_days: Vec<NaiveDate>,
}

impl BusinessCalendar {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_closed_days(mut self, days: impl IntoIterator<Item = NaiveDate>) -> Self {
        self.extra_closed_days.extend(days);
        self.extra_closed_days.sort();
        self.extra_closed_days.dedup();
        self
    }

    pub fn is_business_day(&self, d: NaiveDate) -> bool {
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
            && !is_year_end_closure(d)
            && !is_holiday(d)
            && self.extra_closed_days.binary_search(&d).is_err()
    }

    /// The `n`-th business day after `start`; the start day itself is not counted
    /// (初日不算入, 民法 Art. 140). With `n = 0` it is the first business day on or after
    /// `start`.
    pub fn add_business_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut day = start;
        if n == 0 {
            while !self.is_business_day(day) {
                day = next(day);
            }
            return day;
        }
        let mut counted = 0;
        while counted < n {
            day = next(day);
            if self.is_business_day(day) {
                counted += 1;
            }
        }
        day
    }

    /// Business days strictly after `from` up to and including `to` (0 if `to <= from`).
    pub fn business_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut count = 0;
        let mut day = from;
        while day < to {
            day = next(day);
            if self.is_business_day(day) {
                count += 1;
            }
        }
        count
    }
}

fn next(d: NaiveDate) -> NaiveDate {
    d.checked_add_days(Days::new(1)).unwrap_or(d)
}

fn prev(d: NaiveDate) -> NaiveDate {
    d.checked_sub_days(Days::new(1)).unwrap_or(d)
}

fn is_year_end_closure(d: NaiveDate) -> bool {
    matches!((d.month(), d.day()), (12, 29..=31) | (1, 1..=3))
}

/// A national holiday, a substitute holiday or a citizens' holiday.
pub fn is_holiday(d: NaiveDate) -> bool {
    is_statutory_holiday(d) || is_substitute_holiday(d) || is_citizens_holiday(d)
}

/// The name of the statutory holiday (国民の祝日) on this day, if any.
pub fn statutory_holiday_name(d: NaiveDate) -> Option<&'static str> {
    let (y, m, day) = (d.year(), d.month(), d.day());
    if let Some(name) = special_year(y, m, day) {
        return name;
    }
    let name = match (m, day) {
        (1, 1) => "元日",
        (2, 11) => "建国記念の日",
        (2, 23) if y >= 2020 => "天皇誕生日",
        (12, 23) if y <= 2018 => "天皇誕生日",
        (4, 29) => "昭和の日",
        (5, 3) => "憲法記念日",
        (5, 4) => "みどりの日",
        (5, 5) => "こどもの日",
        (8, 11) if y >= 2016 => "山の日",
        (11, 3) => "文化の日",
        (11, 23) => "勤労感謝の日",
        (1, _) if is_nth_monday(d, 2) => "成人の日",
        (7, _) if is_nth_monday(d, 3) => "海の日",
        (9, _) if is_nth_monday(d, 3) => "敬老の日",
        (10, _) if is_nth_monday(d, 2) => {
            if y >= 2020 {
                "スポーツの日"
            } else {
                "体育の日"
            }
        }
        (3, _) if day == vernal_equinox_day(y) => "春分の日",
        (9, _) if day == autumnal_equinox_day(y) => "秋分の日",
        _ => return None,
    };
    Some(name)
}

fn is_statutory_holiday(d: NaiveDate) -> bool {
    statutory_holiday_name(d).is_some()
}

/// One-off changes by special laws. `Some(Some(name))`: a holiday that year only;
/// `Some(None)`: the usual holiday moved away from this day.
fn special_year(y: i32, m: u32, day: u32) -> Option<Option<&'static str>> {
    match (y, m, day) {
        (2019, 4, 30) | (2019, 5, 2) => Some(Some("国民の休日")),
        (2019, 5, 1) => Some(Some("天皇の即位の日")),
        (2019, 10, 22) => Some(Some("即位礼正殿の儀の行われる日")),
        (2020, 7, 23) | (2021, 7, 22) => Some(Some("海の日")),
        (2020, 7, 24) | (2021, 7, 23) => Some(Some("スポーツの日")),
        (2020, 8, 10) | (2021, 8, 8) => Some(Some("山の日")),
        (2020, 7, 20) | (2020, 8, 11) | (2020, 10, 12) => Some(None),
        (2021, 7, 19) | (2021, 8, 11) | (2021, 10, 11) => Some(None),
        _ => None,
    }
}

fn is_nth_monday(d: NaiveDate, n: u32) -> bool {
    d.weekday() == Weekday::Mon && (d.day() - 1) / 7 + 1 == n
}

/// 振替休日: when a holiday falls on a Sunday, the next day that is not a holiday.
fn is_substitute_holiday(d: NaiveDate) -> bool {
    if is_statutory_holiday(d) || d.weekday() == Weekday::Sun {
        return false;
    }
    let mut day = prev(d);
    while is_statutory_holiday(day) {
        if day.weekday() == Weekday::Sun {
            return true;
        }
        day = prev(day);
    }
    false
}

/// 国民の休日: an ordinary day with a statutory holiday on both sides.
fn is_citizens_holiday(d: NaiveDate) -> bool {
    !is_statutory_holiday(d) && is_statutory_holiday(prev(d)) && is_statutory_holiday(next(d))
}

fn equinox(y: i32, base: f64) -> u32 {
    let years = f64::from(y - 1980);
    let leap = f64::from((y - 1980).div_euclid(4));
    (base + 0.242194 * years - leap).floor() as u32
}

fn vernal_equinox_day(y: i32) -> u32 {
    equinox(y, 20.8431)
}

fn autumnal_equinox_day(y: i32) -> u32 {
    equinox(y, 23.2488)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// The Cabinet Office's published list for 2026 (内閣府「国民の祝日について」).
    #[test]
    fn holidays_of_2026_match_the_cabinet_office_list() {
        let expected = [
            d(2026, 1, 1),
            d(2026, 1, 12),
            d(2026, 2, 11),
            d(2026, 2, 23),
            d(2026, 3, 20),
            d(2026, 4, 29),
            d(2026, 5, 3),
            d(2026, 5, 4),
            d(2026, 5, 5),
            d(2026, 5, 6),
            d(2026, 7, 20),
            d(2026, 8, 11),
            d(2026, 9, 21),
            d(2026, 9, 22),
            d(2026, 9, 23),
            d(2026, 10, 12),
            d(2026, 11, 3),
            d(2026, 11, 23),
        ];
        let found: Vec<NaiveDate> = d(2026, 1, 1)
            .iter_days()
            .take_while(|day| day.year() == 2026)
            .filter(|&day| is_holiday(day))
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn substitute_and_citizens_holidays() {
        // 2027-03-21 (vernal equinox) is a Sunday, so Monday the 22nd is off.
        assert_eq!(statutory_holiday_name(d(2027, 3, 21)), Some("春分の日"));
        assert!(is_substitute_holiday(d(2027, 3, 22)));
        // 2026-09-22 lies between 敬老の日 and 秋分の日.
        assert!(is_citizens_holiday(d(2026, 9, 22)));
        // 2020 Olympic moves.
        assert_eq!(statutory_holiday_name(d(2020, 7, 24)), Some("スポーツの日"));
        assert_eq!(statutory_holiday_name(d(2020, 10, 12)), None);
    }

    #[test]
    fn business_days_skip_weekends_holidays_and_the_year_end_closure() {
        let cal = BusinessCalendar::new();
        // Fri 2026-12-25 + 3 business days: 28 (Mon), then 12/29–1/3 closed, 1/4 (Mon), 1/5.
        assert_eq!(cal.add_business_days(d(2026, 12, 25), 3), d(2027, 1, 5));
        // Arrival on Fri 2026-11-20: 11/23 is 勤労感謝の日, so 3 days end on Thu 11/26.
        assert_eq!(cal.add_business_days(d(2026, 11, 20), 3), d(2026, 11, 26));
        // Arrival on a Sunday, 0 days: the next business day.
        assert_eq!(cal.add_business_days(d(2026, 11, 22), 0), d(2026, 11, 24));
        assert_eq!(
            cal.business_days_between(d(2026, 11, 20), d(2026, 11, 26)),
            3
        );
        assert_eq!(
            cal.business_days_between(d(2026, 11, 26), d(2026, 11, 20)),
            0
        );
    }

    #[test]
    fn a_city_can_close_extra_days() {
        let cal = BusinessCalendar::new().with_closed_days([d(2026, 11, 24)]);
        assert!(!cal.is_business_day(d(2026, 11, 24)));
        assert_eq!(cal.add_business_days(d(2026, 11, 20), 1), d(2026, 11, 25));
    }
}
