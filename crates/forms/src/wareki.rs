//! 和暦 (Japanese era) dates: era + year (元年 allowed) + month + day ⇄ ISO dates, with the
//! era boundaries enforced (平成31年4月30日 exists, 平成31年5月1日 does not: that day is
//! 令和元年5月1日).
//!
//! Eras from 明治6年 (1873-01-01, when Japan adopted the Gregorian calendar) are supported;
//! earlier 明治 dates were in the lunisolar calendar and are refused.

use chrono::{Datelike, NaiveDate};
use madoguchi_core::Localized;
use madoguchi_i18n::t;

/// One era: its code (as posted by forms), names and first and last day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Era {
    pub code: &'static str,
    pub kanji: &'static str,
    pub romaji: &'static str,
    pub first_day: (i32, u32, u32),
    /// The day before the next era's first day; `None` for the current era.
    pub last_day: Option<(i32, u32, u32)>,
    /// The Gregorian year of 元年.
    pub first_year: i32,
}

/// Newest first, as era selects list them.
pub const ERAS: [Era; 5] = [
    Era {
        code: "reiwa",
        kanji: "令和",
        romaji: "Reiwa",
        first_day: (2019, 5, 1),
        last_day: None,
        first_year: 2019,
    },
    Era {
        code: "heisei",
        kanji: "平成",
        romaji: "Heisei",
        first_day: (1989, 1, 8),
        last_day: Some((2019, 4, 30)),
        first_year: 1989,
    },
    Era {
        code: "showa",
        kanji: "昭和",
        romaji: "Showa",
        first_day: (1926, 12, 25),
        last_day: Some((1989, 1, 7)),
        first_year: 1926,
    },
    Era {
        code: "taisho",
        kanji: "大正",
        romaji: "Taisho",
        first_day: (1912, 7, 30),
        last_day: Some((1926, 12, 24)),
        first_year: 1912,
    },
    // 明治 began in 1868, but only dates from the Gregorian calendar's adoption are accepted.
    Era {
        code: "meiji",
        kanji: "明治",
        romaji: "Meiji",
        first_day: (1873, 1, 1),
        last_day: Some((1912, 7, 29)),
        first_year: 1868,
    },
];

impl Era {
    pub fn by_code(code: &str) -> Option<&'static Era> {
        ERAS.iter().find(|e| e.code == code)
    }

    pub fn label(&self) -> Localized {
        Localized::new(self.kanji, self.romaji)
    }

    fn first(&self) -> NaiveDate {
        let (y, m, d) = self.first_day;
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    fn last(&self) -> NaiveDate {
        self.last_day
            .and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
            .unwrap_or(NaiveDate::MAX)
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first() <= date && date <= self.last()
    }
}

/// The code the era select posts for the Western (Gregorian) calendar: the year is then
/// written with four digits (1950). It is offered beside the eras so one input takes either.
pub const SEIREKI: &str = "seireki";

/// The label of the 西暦 choice.
pub fn seireki_label() -> Localized {
    Localized::new("西暦", "Western calendar")
}

/// Why era parts do not make a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WarekiError {
    /// Not numbers, or no such day on the calendar (2月30日).
    NotADate,
    /// A real day, but not in that era (平成31年5月1日); carries the era it is in, if any.
    OutsideEra {
        era: &'static Era,
        actual: Option<&'static Era>,
    },
}

/// Reads an era year as typed: digits (full or half width) or 元 (the first year).
pub fn parse_era_year(text: &str) -> Option<i32> {
    let t = text.trim().trim_end_matches('年');
    if t == "元" {
        return Some(1);
    }
    let digits: String = t
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect();
    digits.parse::<i32>().ok().filter(|y| *y >= 1)
}

/// Reads the year of a 西暦 date: four digits (full or half width), 1873 or later (earlier
/// dates have no era to be shown in).
pub fn parse_western_year(text: &str) -> Option<i32> {
    let t = text.trim().trim_end_matches('年');
    let digits: String = t
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect();
    if digits.len() != 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse::<i32>().ok()
}

/// The last year of an era as written in it (平成 → 31), `None` for the current era.
pub fn last_year(era: &Era) -> Option<i32> {
    era.last_day.map(|(y, _, _)| y - era.first_year + 1)
}

/// Era + year + month + day → the ISO date, checking that the day belongs to the era.
pub fn to_date(
    era: &'static Era,
    year: i32,
    month: u32,
    day: u32,
) -> Result<NaiveDate, WarekiError> {
    let gregorian = era.first_year + year - 1;
    let date = NaiveDate::from_ymd_opt(gregorian, month, day).ok_or(WarekiError::NotADate)?;
    if era.contains(date) {
        Ok(date)
    } else {
        Err(WarekiError::OutsideEra {
            era,
            actual: era_of(date),
        })
    }
}

/// The era a date belongs to (`None` before 1873).
pub fn era_of(date: NaiveDate) -> Option<&'static Era> {
    ERAS.iter().find(|e| e.contains(date))
}

/// The date in era form: (era, year, month, day).
pub fn from_date(date: NaiveDate) -> Option<(&'static Era, i32, u32, u32)> {
    let era = era_of(date)?;
    Some((
        era,
        date.year() - era.first_year + 1,
        date.month(),
        date.day(),
    ))
}

/// An answer as the resident reads it back: `昭和25年3月1日（1950年3月1日）` /
/// `1 Mar 1950 (Showa 25)` (catalogue: `forms-wareki-date-answer`), so a date entered in
/// either calendar is recognised.
pub fn format_answer(date: NaiveDate) -> Option<Localized> {
    let (era, year, month, day) = from_date(date)?;
    Some(Localized::from_fn(|lang| {
        t!(
            lang,
            forms_wareki_date_answer,
            era = era.label().get(lang).to_owned(),
            year = year,
            month = month,
            day = day,
            western = date.year(),
            date = madoguchi_core::jst::format_date(date, lang)
        )
    }))
}

/// `令和元年5月1日` / `1 May 2019 (Reiwa 1)` (catalogue: `forms-wareki-date`).
pub fn format(date: NaiveDate) -> Option<Localized> {
    let (era, year, month, day) = from_date(date)?;
    Some(Localized::from_fn(|lang| {
        t!(
            lang,
            forms_wareki_date,
            era = era.label().get(lang).to_owned(),
            year = year,
            month = month,
            day = day,
            date = madoguchi_core::jst::format_date(date, lang)
        )
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn era(code: &str) -> &'static Era {
        Era::by_code(code).unwrap()
    }

    #[test]
    fn era_boundaries_are_enforced() {
        assert_eq!(to_date(era("heisei"), 31, 4, 30), Ok(d(2019, 4, 30)));
        assert_eq!(
            to_date(era("heisei"), 31, 5, 1),
            Err(WarekiError::OutsideEra {
                era: era("heisei"),
                actual: Some(era("reiwa"))
            })
        );
        assert_eq!(to_date(era("reiwa"), 1, 5, 1), Ok(d(2019, 5, 1)));
        assert!(matches!(
            to_date(era("reiwa"), 1, 4, 30),
            Err(WarekiError::OutsideEra { .. })
        ));
        assert_eq!(to_date(era("showa"), 64, 1, 7), Ok(d(1989, 1, 7)));
        assert!(to_date(era("showa"), 64, 1, 8).is_err());
        assert_eq!(to_date(era("heisei"), 1, 1, 8), Ok(d(1989, 1, 8)));
        assert_eq!(to_date(era("taisho"), 15, 12, 24), Ok(d(1926, 12, 24)));
        assert_eq!(to_date(era("showa"), 1, 12, 25), Ok(d(1926, 12, 25)));
        assert_eq!(to_date(era("heisei"), 2, 2, 30), Err(WarekiError::NotADate));
        assert!(
            to_date(era("meiji"), 5, 12, 31).is_err(),
            "before the Gregorian calendar"
        );
    }

    #[test]
    fn gannen_and_full_width_years_are_read() {
        assert_eq!(parse_era_year("元"), Some(1));
        assert_eq!(parse_era_year("元年"), Some(1));
        assert_eq!(parse_era_year("３１"), Some(31));
        assert_eq!(parse_era_year("0"), None);
        assert_eq!(parse_era_year("x"), None);
    }

    #[test]
    fn western_years_need_four_digits() {
        assert_eq!(parse_western_year("1950"), Some(1950));
        assert_eq!(parse_western_year("１９５０年"), Some(1950));
        assert_eq!(
            parse_western_year("50"),
            None,
            "two digits could be any century"
        );
        assert_eq!(parse_western_year("元"), None);
        assert_eq!(last_year(era("heisei")), Some(31));
        assert_eq!(last_year(era("showa")), Some(64));
        assert_eq!(last_year(era("reiwa")), None);
    }

    #[test]
    fn answers_show_both_calendars() {
        let shown = format_answer(d(1950, 3, 1)).unwrap();
        assert_eq!(shown.ja, "昭和25年3月1日（1950年3月1日）");
        assert_eq!(shown.en, "1 Mar 1950 (Showa 25)");
        assert_eq!(
            format_answer(d(1989, 1, 8)).unwrap().ja,
            "平成元年1月8日（1989年1月8日）"
        );
    }

    #[test]
    fn dates_format_in_era_form() {
        assert_eq!(format(d(2019, 5, 1)).unwrap().ja, "令和元年5月1日");
        assert_eq!(format(d(1985, 4, 1)).unwrap().ja, "昭和60年4月1日");
        assert_eq!(format(d(2026, 11, 22)).unwrap().en, "22 Nov 2026 (Reiwa 8)");
        assert_eq!(
            from_date(d(1989, 1, 7)).map(|(e, y, _, _)| (e.code, y)),
            Some(("showa", 64))
        );
    }
}
