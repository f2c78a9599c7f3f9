//! 和暦 (Japanese era) dates as official documents write them: `令和8年11月23日`, with
//! `元年` for an era's first year. Eras from 明治6年 (1873-01-01, when Japan adopted the
//! Gregorian calendar) are known; earlier days are written in the Gregorian calendar.

use chrono::{Datelike, NaiveDate};

/// One era: its name and its first day (the day the previous era ended is the day before).
struct Era {
    name: &'static str,
    first_day: (i32, u32, u32),
    /// The Gregorian year of 元年 (明治 began in 1868, before the calendar change).
    first_year: i32,
}

/// Newest first.
const ERAS: [Era; 5] = [
    Era {
        name: "令和",
        first_day: (2019, 5, 1),
        first_year: 2019,
    },
    Era {
        name: "平成",
        first_day: (1989, 1, 8),
        first_year: 1989,
    },
    Era {
        name: "昭和",
        first_day: (1926, 12, 25),
        first_year: 1926,
    },
    Era {
        name: "大正",
        first_day: (1912, 7, 30),
        first_year: 1912,
    },
    Era {
        name: "明治",
        first_day: (1873, 1, 1),
        first_year: 1868,
    },
];

/// The era and era year of a day: `("令和", 8)` for 2026-11-23. `None` before 1873.
pub fn era_year(date: NaiveDate) -> Option<(&'static str, i32)> {
    ERAS.iter().find_map(|era| {
        let (y, m, d) = era.first_day;
        let first = NaiveDate::from_ymd_opt(y, m, d)?;
        (date >= first).then(|| (era.name, date.year() - era.first_year + 1))
    })
}

/// `令和8年11月23日`, `令和元年5月1日`, `平成31年4月30日`. Days before 1873 come out in the
/// Gregorian calendar (`1872年12月31日`).
pub fn format_wareki(date: NaiveDate) -> String {
    match era_year(date) {
        Some((era, 1)) => format!("{era}元年{}月{}日", date.month(), date.day()),
        Some((era, year)) => format!("{era}{year}年{}月{}日", date.month(), date.day()),
        None => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
    }
}

/// The era date followed by the ISO date: `令和8年11月23日 (2026-11-23)`.
pub fn format_wareki_iso(date: NaiveDate) -> String {
    format!("{} ({})", format_wareki(date), date.format("%Y-%m-%d"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn reiwa_starts_on_1_may_2019() {
        assert_eq!(format_wareki(day(2019, 4, 30)), "平成31年4月30日");
        assert_eq!(format_wareki(day(2019, 5, 1)), "令和元年5月1日");
        assert_eq!(format_wareki(day(2019, 12, 31)), "令和元年12月31日");
        assert_eq!(format_wareki(day(2020, 1, 1)), "令和2年1月1日");
    }

    #[test]
    fn the_notice_dates_of_the_design() {
        assert_eq!(format_wareki(day(2026, 11, 23)), "令和8年11月23日");
        assert_eq!(format_wareki(day(2026, 11, 20)), "令和8年11月20日");
        assert_eq!(
            format_wareki_iso(day(2026, 11, 23)),
            "令和8年11月23日 (2026-11-23)"
        );
    }

    #[test]
    fn heisei_starts_on_8_january_1989() {
        assert_eq!(format_wareki(day(1989, 1, 7)), "昭和64年1月7日");
        assert_eq!(format_wareki(day(1989, 1, 8)), "平成元年1月8日");
        assert_eq!(era_year(day(2019, 4, 30)), Some(("平成", 31)));
    }

    #[test]
    fn older_eras_and_before_the_gregorian_calendar() {
        assert_eq!(format_wareki(day(1926, 12, 24)), "大正15年12月24日");
        assert_eq!(format_wareki(day(1926, 12, 25)), "昭和元年12月25日");
        assert_eq!(format_wareki(day(1912, 7, 29)), "明治45年7月29日");
        assert_eq!(format_wareki(day(1873, 1, 1)), "明治6年1月1日");
        assert_eq!(format_wareki(day(1872, 12, 31)), "1872年12月31日");
    }
}
