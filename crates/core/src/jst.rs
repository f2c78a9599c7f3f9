//! Japan Standard Time. Instants are stored in UTC; people see them in JST (UTC+9, no
//! daylight saving), and the legal arrival date of a filing is its JST date.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

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
pub fn start_utc(d: NaiveDate) -> chrono::NaiveDateTime {
    d.and_hms_opt(0, 0, 0).unwrap_or_default() - chrono::Duration::hours(9)
}

pub fn date(at: DateTime<Utc>) -> NaiveDate {
    to_jst(at).date_naive()
}

/// `2026年11月22日 20時01分` or `22 Nov 2026, 20:01 JST`.
pub fn format_datetime(at: DateTime<Utc>, lang: Lang) -> String {
    let t = to_jst(at);
    match lang {
        Lang::Ja => t.format("%Y年%-m月%-d日 %H時%M分").to_string(),
        Lang::En => t.format("%-d %b %Y, %H:%M JST").to_string(),
    }
}

/// `2026年11月22日` or `22 Nov 2026`.
pub fn format_date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Ja => d.format("%Y年%-m月%-d日").to_string(),
        Lang::En => d.format("%-d %b %Y").to_string(),
    }
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
}
