//! Japan Standard Time. Instants are stored in UTC; people see them in JST (UTC+9, no
//! daylight saving), and the legal arrival date of a filing is its JST date.

use std::fmt::{self, Write as _};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};
use madoguchi_i18n::t;

use crate::Lang;

/// UTC+9.
pub const JST: FixedOffset = match FixedOffset::east_opt(9 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+9 is a valid offset"),
};

pub fn to_jst(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    at.with_timezone(&JST)
}

/// The calendar date in Japan at this instant.
/// 00:00 JST of a day as a UTC wall-clock time (15:00 the day before), the way timestamps
/// are stored: `[start_utc(d), start_utc(d + 1))` is the whole Japanese day.
pub fn start_utc(d: NaiveDate) -> NaiveDateTime {
    d.and_hms_opt(0, 0, 0).unwrap_or_default() - chrono::Duration::hours(9)
}

pub fn date(at: DateTime<Utc>) -> NaiveDate {
    to_jst(at).date_naive()
}

/// `2026年11月22日 20時01分` or `22 Nov 2026, 20:01 JST` (catalogue: `datetime-format`).
pub fn format_datetime(at: DateTime<Utc>, lang: Lang) -> String {
    let t = to_jst(at);
    written(t.format(t!(lang, datetime_format)))
        .unwrap_or_else(|| t.format("%Y-%m-%d %H:%M").to_string())
}

/// `2026年11月22日` or `22 Nov 2026` (catalogue: `date-format`).
pub fn format_date(d: NaiveDate, lang: Lang) -> String {
    written(d.format(t!(lang, date_format))).unwrap_or_else(|| d.format("%Y-%m-%d").to_string())
}

/// A Japan wall-clock time (already in JST) as `format_datetime` writes it.
pub fn format_local(t: NaiveDateTime, lang: Lang) -> String {
    written(t.format(t!(lang, datetime_format)))
        .unwrap_or_else(|| t.format("%Y-%m-%d %H:%M").to_string())
}

/// A date written with a pattern from a catalogue; `None` when a translator's pattern is
/// not one chrono knows (the catalogue test formats every pattern, so this is a last guard).
fn written(text: impl fmt::Display) -> Option<String> {
    let mut out = String::new();
    write!(out, "{text}").ok().map(|()| out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn late_evening_utc_is_the_next_day_in_japan() {
        let at = Utc.with_ymd_and_hms(2026, 11, 22, 15, 30, 0).unwrap();
        assert_eq!(date(at), NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        assert_eq!(format_datetime(at, Lang::Ja), "2026年11月23日 00時30分");
        assert_eq!(format_datetime(at, Lang::En), "23 Nov 2026, 00:30 JST");
    }

    #[test]
    fn every_language_has_date_patterns_chrono_can_write() {
        let at = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        for lang in Lang::ALL {
            assert!(
                written(at.format(t!(lang, datetime_format))).is_some(),
                "{lang}"
            );
            assert!(
                written(at.format(t!(lang, date_format))).is_some(),
                "{lang}"
            );
        }
        assert_eq!(written(at.format("%Q")), None);
    }
}
