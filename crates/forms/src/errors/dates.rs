//! The messages of dates: a 和暦/西暦 date that could not be read, a date outside its era,
//! and a date outside its window (the window's ends as the resident reads them).

use madoguchi_core::Lang;
use madoguchi_i18n::t;

use super::FieldError;
use crate::model::{Field, FieldKind};

/// A 和暦/西暦 date that could not be read: which part (`related` says, as the era inputs
/// found it: `calendar`, `year:<era code>`) and how to write it.
pub(super) fn calendar_text(error: &FieldError, label: &str, lang: Lang) -> String {
    let related = error.related.as_deref().unwrap_or_default();
    match related.strip_prefix("year:") {
        Some(crate::wareki::SEIREKI) => t!(lang, forms_western_year, label = label),
        Some(code) => match crate::wareki::Era::by_code(code) {
            Some(era) => t!(
                lang,
                forms_era_year,
                label = label,
                era = era.label().get(lang)
            ),
            None => t!(lang, forms_date_no_calendar, label = label),
        },
        None if related == "calendar" => t!(lang, forms_date_no_calendar, label = label),
        None => t!(lang, forms_calendar_not_date, label = label),
    }
}

/// A day outside the chosen era: when the era ended or began, and the era to choose
/// (「平成は31年(2019年4月30日)までです」).
pub(super) fn outside_era_text(error: &FieldError, label: &str, lang: Lang) -> String {
    use crate::wareki::{ERAS, Era, last_year};
    let (era, actual) = error
        .related
        .as_deref()
        .unwrap_or_default()
        .split_once('>')
        .unwrap_or_default();
    let (Some(era), Some(actual_era)) = (Era::by_code(era), Era::by_code(actual)) else {
        return t!(lang, forms_outside_era_unknown, label = label);
    };
    let day = |(y, m, d): (i32, u32, u32)| {
        chrono::NaiveDate::from_ymd_opt(y, m, d)
            .map(|d| madoguchi_core::jst::format_date(d, lang))
            .unwrap_or_default()
    };
    let name = era.label().get(lang).to_owned();
    let actual = actual_era.label().get(lang).to_owned();
    // ERAS lists the newest first: a newer era than the one chosen means the chosen one ended.
    let newest_first = |e: &Era| ERAS.iter().position(|x| x.code == e.code);
    match (era.last_day, last_year(era)) {
        (Some(last), Some(year)) if newest_first(actual_era) < newest_first(era) => t!(
            lang,
            forms_outside_era_ended,
            label = label,
            era = name.as_str(),
            last = t!(lang, forms_era_last, year = year, date = day(last)),
            actual = actual
        ),
        _ => t!(
            lang,
            forms_outside_era_not_begun,
            label = label,
            era = name.as_str(),
            first = t!(lang, forms_era_first, date = day(era.first_day)),
            actual = actual
        ),
    }
}

/// "must be today (24 Nov 2026) or earlier", "between 25 Nov 2026 and 23 Jan 2027": the
/// window's ends in the way the field is answered (和暦 for an era date), the filing day
/// called today.
pub(super) fn window_text(
    error: &FieldError,
    field: Option<&Field>,
    label: &str,
    lang: Lang,
    lookup: &dyn Fn(&str) -> Option<Field>,
) -> String {
    let ends = window_ends(error, field, lang, lookup);
    // A month is inside a window when one of its days is: name the months of the ends.
    if field.is_some_and(crate::registry::is_month) {
        return match ends {
            (Some(from), Some(to)) => t!(
                lang,
                forms_month_between,
                label = label,
                from = from,
                to = to
            ),
            (Some(from), None) => t!(lang, forms_month_not_before, label = label, date = from),
            (None, Some(to)) => t!(lang, forms_month_not_after, label = label, date = to),
            (None, None) => t!(lang, forms_check_and_enter_again, label = label),
        };
    }
    match ends {
        (Some(from), Some(to)) => t!(
            lang,
            forms_date_between,
            label = label,
            from = from,
            to = to
        ),
        (Some(from), None) => t!(lang, forms_date_not_before, label = label, date = from),
        (None, Some(to)) => t!(lang, forms_date_not_after, label = label, date = to),
        (None, None) => t!(lang, forms_check_and_enter_again, label = label),
    }
}

/// The two ends of a date window as a message names them: 「今日（…）」, a date, or
/// 「転入日の14日後（2026年4月16日）」; an open end is `None`.
pub(crate) fn window_ends(
    error: &FieldError,
    field: Option<&Field>,
    lang: Lang,
    lookup: &dyn Fn(&str) -> Option<Field>,
) -> (Option<String>, Option<String>) {
    let (from, to) = error
        .related
        .as_deref()
        .unwrap_or_default()
        .split_once("..")
        .unwrap_or_default();
    let wareki = field.is_some_and(|f| f.kind == FieldKind::WarekiDate);
    let end = |iso: &str, offset: Option<i64>, other: Option<&str>| -> Option<String> {
        let d = chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok()?;
        let written = match crate::wareki::format(d) {
            Some(w) if wareki => w.get(lang).to_owned(),
            _ => madoguchi_core::jst::format_date(d, lang),
        };
        let days = offset.unwrap_or_default();
        Some(match other {
            // Counted from another date: name it ("転入日の14日後（2026年4月16日）").
            Some(other) => {
                let other = lookup(other)
                    .map(|f| f.message_label().get(lang).to_owned())
                    .unwrap_or_else(|| other.to_owned());
                match days {
                    0 => t!(lang, forms_date_field, field = other, date = written),
                    n if n > 0 => t!(
                        lang,
                        forms_date_days_after_field,
                        field = other,
                        days = n,
                        date = written
                    ),
                    n => t!(
                        lang,
                        forms_date_days_before_field,
                        field = other,
                        days = -n,
                        date = written
                    ),
                }
            }
            None if offset == Some(0) => t!(lang, forms_date_today, date = written),
            None => written,
        })
    };
    (
        end(from, error.lower, error.lower_field.as_deref()),
        end(to, error.limit, error.limit_field.as_deref()),
    )
}
