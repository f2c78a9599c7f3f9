//! Business days of a Japanese city office.
//!
//! A day is a business day unless it is a Saturday or Sunday, a national holiday under the
//! 国民の祝日に関する法律 (including 振替休日 and 国民の休日), or part of the year-end closure
//! 12/29–1/3 that municipal ordinances (休日を定める条例) set.
//!
//! Holidays come from data first: the Cabinet Office's list (内閣府「国民の祝日について」,
//! `syukujitsu.csv`), embedded from `data/holidays.csv` or supplied by the operator. The
//! list is the legal answer, including one-off moves by special laws and the equinox days
//! the National Astronomical Observatory fixes each February, which no rule can predict.
//! For days outside the years the list covers, the rules below are the fallback: those in
//! force since 2020, the one-off moves of 2019–2021, and the standard equinox approximation
//! (valid 1980–2099). The rules are only an estimate for future years, which is why the
//! data has a documented update path (docs/operations.md, "Holidays") and
//! [`BusinessCalendar::holidays_cover_until`] tells when it is running out.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::sync::{Arc, OnceLock};

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The Cabinet Office list converted to UTF-8 (from 2016; it first ran to the end of 2027).
/// Replace it with the latest official file each February (docs/operations.md, "Holidays").
const EMBEDDED_HOLIDAYS_CSV: &str = include_str!("../../data/holidays.csv");

/// The header line of the Cabinet Office file, checked so that a wrong or still
/// Shift_JIS-encoded file is refused instead of silently read as "no holidays".
pub const CABINET_OFFICE_CSV_HEADER: &str = "国民の祝日・休日月日,国民の祝日・休日名称";

/// What is wrong with a holiday file. Every problem tied to a line names it (1-based, the
/// header being line 1), so an operator can fix the file without reading code.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HolidayDataError {
    #[error(
        "line 1: expected the header `{CABINET_OFFICE_CSV_HEADER}`, found `{found}` (the \
         Cabinet Office file is Shift_JIS; convert it first with `iconv -f SHIFT_JIS -t UTF-8`)"
    )]
    MissingHeader { found: String },
    #[error("line {line}: expected 2 columns (date,name), found {found}")]
    WrongColumnCount { line: usize, found: usize },
    #[error("line {line}: `{value}` is not a date in the form 2026/1/1")]
    BadDate { line: usize, value: String },
    #[error("line {line}: the holiday on {date} has no name")]
    MissingName { line: usize, date: NaiveDate },
    #[error("line {line}: {date} is listed twice (first on line {first_line})")]
    DuplicateDate {
        line: usize,
        date: NaiveDate,
        first_line: usize,
    },
    #[error("the file lists no holidays")]
    NoHolidays,
    #[error(
        "the file lists no holidays in {year}, although it covers years before and after it; \
         is it truncated or merged by hand?"
    )]
    MissingYear { year: i32 },
}

impl HolidayDataError {
    /// The line the problem is on, when it is on one line.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::MissingHeader { .. } => Some(1),
            Self::WrongColumnCount { line, .. }
            | Self::BadDate { line, .. }
            | Self::MissingName { line, .. }
            | Self::DuplicateDate { line, .. } => Some(*line),
            Self::NoHolidays | Self::MissingYear { .. } => None,
        }
    }
}

/// A parsed holiday list and the whole years it speaks for. A year that appears in the
/// list is taken to be complete: any day of it not listed is not a holiday.
#[derive(Debug)]
struct HolidayTable {
    names: BTreeMap<NaiveDate, String>,
    first_day: NaiveDate,
    last_day: NaiveDate,
}

impl HolidayTable {
    fn covers(&self, d: NaiveDate) -> bool {
        self.first_day <= d && d <= self.last_day
    }

    fn parse(text: &str) -> Result<Self, HolidayDataError> {
        // Editors on Windows like to add a byte-order mark; it is not part of the header.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = text.lines();
        let header = lines.next().unwrap_or("").trim();
        if header != CABINET_OFFICE_CSV_HEADER {
            return Err(HolidayDataError::MissingHeader {
                found: header.chars().take(80).collect(),
            });
        }
        let mut names = BTreeMap::new();
        let mut line_of = BTreeMap::new();
        for (index, raw) in lines.enumerate() {
            let line = index + 2;
            let raw = raw.trim();
            // The official file ends with a newline; a blank line carries nothing.
            if raw.is_empty() {
                continue;
            }
            let columns: Vec<&str> = raw.split(',').map(str::trim).collect();
            let [date, name] = columns[..] else {
                return Err(HolidayDataError::WrongColumnCount {
                    line,
                    found: columns.len(),
                });
            };
            let date = parse_date(date).ok_or_else(|| HolidayDataError::BadDate {
                line,
                value: date.to_owned(),
            })?;
            if name.is_empty() {
                return Err(HolidayDataError::MissingName { line, date });
            }
            match line_of.entry(date) {
                Entry::Occupied(first) => {
                    return Err(HolidayDataError::DuplicateDate {
                        line,
                        date,
                        first_line: *first.get(),
                    });
                }
                Entry::Vacant(slot) => {
                    slot.insert(line);
                }
            }
            names.insert(date, name.to_owned());
        }
        let (Some(first), Some(last)) = (names.keys().next(), names.keys().next_back()) else {
            return Err(HolidayDataError::NoHolidays);
        };
        let (first_year, last_year) = (first.year(), last.year());
        // A year with no rows at all would read as "no holidays that year"; every year has
        // at least 元日, so a gap means the file is damaged.
        for year in first_year..=last_year {
            let start = NaiveDate::from_ymd_opt(year, 1, 1);
            let end = NaiveDate::from_ymd_opt(year, 12, 31);
            if let (Some(start), Some(end)) = (start, end)
                && names.range(start..=end).next().is_none()
            {
                return Err(HolidayDataError::MissingYear { year });
            }
        }
        Ok(Self {
            first_day: NaiveDate::from_ymd_opt(first_year, 1, 1).unwrap_or(*first),
            last_day: NaiveDate::from_ymd_opt(last_year, 12, 31).unwrap_or(*last),
            names,
        })
    }
}

/// `2026/1/1` as the Cabinet Office writes it; zero-padded `2026/01/01` is accepted too,
/// since a spreadsheet may have re-saved the file that way.
fn parse_date(s: &str) -> Option<NaiveDate> {
    // Digits only: `str::parse` would also take a sign, which no date in the file has.
    fn number(part: &str, len: std::ops::RangeInclusive<usize>) -> Option<u32> {
        let digits = len.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
        digits.then(|| part.parse().ok()).flatten()
    }
    let mut parts = s.split('/');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let year = i32::try_from(number(y, 4..=4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(m, 1..=2)?, number(d, 1..=2)?)
}

/// The embedded list, parsed once per process. `None` only if the embedded file were
/// broken, which the test `embedded_holiday_data_parses` rules out before any release.
fn embedded_table() -> Option<Arc<HolidayTable>> {
    static TABLE: OnceLock<Option<Arc<HolidayTable>>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            HolidayTable::parse(EMBEDDED_HOLIDAYS_CSV)
                .ok()
                .map(Arc::new)
        })
        .clone()
}

/// Why an office is shut on a day ([`BusinessCalendar::closure`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Closure {
    /// A national holiday, substitute or citizens' holiday, by the Cabinet Office's name.
    Holiday(String),
    /// 12/29–1/3.
    YearEnd,
    /// A closing day of the city's own.
    CityClosed,
}

/// The statutory clock's calendar. A city may add its own closure days (e.g. a local
/// anniversary) on top of the national holidays.
#[derive(Clone, Debug)]
pub struct BusinessCalendar {
    /// Shared, because every clone of the calendar reads the same list.
    holidays: Option<Arc<HolidayTable>>,
    extra_closed_days: Vec<NaiveDate>,
}

impl Default for BusinessCalendar {
    fn default() -> Self {
        Self::japan()
    }
}

impl BusinessCalendar {
    /// Same as [`BusinessCalendar::japan`].
    pub fn new() -> Self {
        Self::japan()
    }

    /// National holidays from the embedded Cabinet Office list (`data/holidays.csv`) for
    /// the years it covers; the rules for any day outside them (see the module docs).
    pub fn japan() -> Self {
        Self {
            holidays: embedded_table(),
            extra_closed_days: Vec::new(),
        }
    }

    /// National holidays from an operator-supplied file in the Cabinet Office layout
    /// (header `国民の祝日・休日月日,国民の祝日・休日名称`, then `2026/1/1,元日` rows),
    /// instead of the embedded list. The file must be UTF-8: the official file is
    /// Shift_JIS, so convert it with `iconv -f SHIFT_JIS -t UTF-8 syukujitsu.csv`.
    /// The years the file lists are taken as complete; days outside them follow the rules.
    pub fn from_cabinet_office_csv(text: &str) -> Result<Self, HolidayDataError> {
        Ok(Self {
            holidays: Some(Arc::new(HolidayTable::parse(text)?)),
            extra_closed_days: Vec::new(),
        })
    }

    pub fn with_closed_days(mut self, days: impl IntoIterator<Item = NaiveDate>) -> Self {
        self.extra_closed_days.extend(days);
        self.extra_closed_days.sort();
        self.extra_closed_days.dedup();
        self
    }

    /// The last day the holiday data speaks for (31 December of its last year). After it
    /// the calendar falls back to the rules, so the server should warn well before.
    /// `NaiveDate::MIN` if the calendar has no data at all.
    pub fn holidays_cover_until(&self) -> NaiveDate {
        self.holidays
            .as_ref()
            .map_or(NaiveDate::MIN, |table| table.last_day)
    }

    /// The name of the national holiday on `d` as the Cabinet Office list gives it
    /// (振替休日 and 国民の休日 both read "休日"), or `None` on an ordinary day.
    pub fn holiday_name(&self, d: NaiveDate) -> Option<&str> {
        match &self.holidays {
            Some(table) if table.covers(d) => table.names.get(&d).map(String::as_str),
            _ => holiday_name_by_rules(d),
        }
    }

    /// A national holiday, substitute holiday or citizens' holiday (not the year-end
    /// closure or a city's own closure days).
    pub fn is_holiday(&self, d: NaiveDate) -> bool {
        self.holiday_name(d).is_some()
    }

    /// Why the office is shut on `d` though its weekday may be one it works (a session
    /// held on a Saturday is still not held on a holiday): a national holiday (with its
    /// name), the year-end closure, or a closing day of the city's own. `None` on any other
    /// day, weekends included: whether a weekend is worked is the caller's to say.
    pub fn closure(&self, d: NaiveDate) -> Option<Closure> {
        if let Some(name) = self.holiday_name(d) {
            return Some(Closure::Holiday(name.to_owned()));
        }
        if is_year_end_closure(d) {
            return Some(Closure::YearEnd);
        }
        self.extra_closed_days
            .binary_search(&d)
            .is_ok()
            .then_some(Closure::CityClosed)
    }

    pub fn is_business_day(&self, d: NaiveDate) -> bool {
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
            && !is_year_end_closure(d)
            && !self.is_holiday(d)
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

/// By the rules alone: a national holiday, a substitute holiday or a citizens' holiday.
/// [`BusinessCalendar::is_holiday`] is the answer to use; this is its fallback.
pub fn is_holiday(d: NaiveDate) -> bool {
    holiday_name_by_rules(d).is_some()
}

/// By the rules alone, the holiday's name as the Cabinet Office list would give it: the
/// statutory name, or "休日" for a substitute or citizens' holiday (the list does not tell
/// the two apart).
pub fn holiday_name_by_rules(d: NaiveDate) -> Option<&'static str> {
    statutory_holiday_name(d)
        .or_else(|| (is_substitute_holiday(d) || is_citizens_holiday(d)).then_some("休日"))
}

/// By the rules alone, the name of the statutory holiday (国民の祝日) on this day, if any.
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

/// One-off changes by special laws. `Some(Some(name))`: a holiday that year only (or a
/// name that year only); `Some(None)`: the usual holiday moved away from this day.
/// Names are those of the Cabinet Office list.
fn special_year(y: i32, m: u32, day: u32) -> Option<Option<&'static str>> {
    match (y, m, day) {
        // The enthronement days were made 休日 and treated as 国民の祝日 (平成30年法律第99号);
        // 4/30 and 5/2 then follow from the citizens' holiday rule, as they did in law.
        (2019, 5, 1) | (2019, 10, 22) => Some(Some("休日（祝日扱い）")),
        // The new name was already enacted, so the Cabinet Office list shows both.
        (2019, 10, 14) => Some(Some("体育の日（スポーツの日）")),
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
mod tests;
