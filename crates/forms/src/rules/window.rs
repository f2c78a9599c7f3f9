//! `x-date-window`: dates bounded by the filing day (a birth date not after today, a visit
//! not before today and at most 60 days ahead). The validator has no clock, so the rule is
//! not checked by the compiled schema: the keyword only refuses a badly written value when
//! the schema compiles, and `Form::validate` checks the rules against the filing day it is
//! given (`DateWindows::failures`).

use chrono::{Days, NaiveDate};
use jsonschema::paths::Location;
use jsonschema::{Keyword, ValidationError};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::{config_error, date_at, expand};
use crate::errors::{FieldError, FormErrorCode};

const KEYWORD: &str = "x-date-window";

/// One end of the window: the filing day itself or a number of days from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
enum Bound {
    Today(TodayWord),
    Days(DaysFromFilingDay),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct DaysFromFilingDay {
    days: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum TodayWord {
    Today,
}

impl Bound {
    /// Days from the filing day (0 is the filing day).
    fn offset(self) -> i64 {
        match self {
            Bound::Today(_) => 0,
            Bound::Days(d) => d.days,
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateWindowRule {
    /// Pointer of the date, relative to the root; `*` for every item of a list.
    pub field: String,
    #[serde(default)]
    not_before: Option<Bound>,
    #[serde(default)]
    not_after: Option<Bound>,
}

/// The `x-date-window` rules of a form.
#[derive(Clone, Debug, Default)]
pub struct DateWindows(Vec<DateWindowRule>);

/// Days further than this from the filing day are not a window anyone means (and keep the
/// date arithmetic far from chrono's limits).
const MAX_DAYS: i64 = 36_600;

fn shift(day: NaiveDate, offset: i64) -> Option<NaiveDate> {
    let n = Days::new(offset.unsigned_abs());
    if offset >= 0 {
        day.checked_add_days(n)
    } else {
        day.checked_sub_days(n)
    }
}

impl DateWindows {
    /// The rules written on the root schema, checked as the keyword checks them.
    pub fn from_schema(schema: &Value) -> Result<Self, String> {
        match schema.get(KEYWORD) {
            None => Ok(Self::default()),
            Some(value) => parse(value).map(Self),
        }
    }

    /// The dates each rule is about, as pointers with `*` (for the lint).
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|r| r.field.as_str())
    }

    /// Every date outside its window when filed on `filed_on`: `date_too_early` or
    /// `date_too_late` on the date, with the window's two ends as ISO dates in `related`
    /// (`"2026-11-24..2027-01-23"`, an open end empty) and their distance from the filing
    /// day in `lower` and `limit` (0 is the filing day itself).
    pub fn failures(&self, instance: &Value, filed_on: NaiveDate) -> Vec<FieldError> {
        let mut out = Vec::new();
        for rule in &self.0 {
            let from = rule.not_before.and_then(|b| shift(filed_on, b.offset()));
            let to = rule.not_after.and_then(|b| shift(filed_on, b.offset()));
            for at in expand(instance, &rule.field) {
                let Some(date) = date_at(instance, &at) else {
                    continue;
                };
                let code = if from.is_some_and(|f| date < f) {
                    FormErrorCode::DateTooEarly
                } else if to.is_some_and(|t| date > t) {
                    FormErrorCode::DateTooLate
                } else {
                    continue;
                };
                let iso = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
                let mut e = FieldError::new(at, code);
                e.related = Some(format!("{}..{}", iso(from), iso(to)));
                e.lower = rule.not_before.map(Bound::offset);
                e.limit = rule.not_after.map(Bound::offset);
                out.push(e);
            }
        }
        out
    }
}

fn parse(value: &Value) -> Result<Vec<DateWindowRule>, String> {
    let rules: Vec<DateWindowRule> =
        serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    for rule in &rules {
        let field = &rule.field;
        if !field.starts_with('/') || field.ends_with('/') || field.contains("//") {
            return Err(format!(
                "`{field}` is not a pointer to a field: write it as `/birth_date` or `/children/*/birth_date`"
            ));
        }
        let (from, to) = (rule.not_before, rule.not_after);
        if from.is_none() && to.is_none() {
            return Err(format!(
                "the rule on `{field}` needs `not_before`, `not_after` or both"
            ));
        }
        if [from, to]
            .into_iter()
            .flatten()
            .any(|b| b.offset().abs() > MAX_DAYS)
        {
            return Err(format!(
                "the rule on `{field}` reaches more than {MAX_DAYS} days from the filing day"
            ));
        }
        if let (Some(from), Some(to)) = (from, to)
            && from.offset() > to.offset()
        {
            return Err(format!(
                "the rule on `{field}` has `not_before` later than `not_after`: no day would be accepted"
            ));
        }
    }
    Ok(rules)
}

/// The keyword as the schema compiler sees it: a badly written value, or one placed below
/// the root (where `Form::validate` would not find it), refuses the schema. Checking is
/// `DateWindows::failures`, which knows the filing day.
struct Declared;

impl<'i> Keyword<'i> for Declared {
    fn validate(&self, _instance: &'i Value) -> Result<(), ValidationError<'i>> {
        Ok(())
    }

    fn is_valid(&self, _instance: &'i Value) -> bool {
        true
    }
}

pub(crate) fn date_window_factory<'a>(
    _parent: &'a Map<String, Value>,
    value: &'a Value,
    path: Location,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    let at = path.as_str();
    if at != format!("/{KEYWORD}") {
        return Err(config_error(
            KEYWORD,
            format!("it is at `{at}`: write it on the root schema, with pointers from the root"),
        ));
    }
    parse(value).map_err(|e| config_error(KEYWORD, e))?;
    Ok(Box::new(Declared))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn windows(rules: Value) -> DateWindows {
        DateWindows::from_schema(&json!({ KEYWORD: rules })).unwrap()
    }

    fn codes(w: &DateWindows, data: Value, on: NaiveDate) -> Vec<(String, &'static str)> {
        w.failures(&data, on)
            .into_iter()
            .map(|e| (e.pointer, e.code.code()))
            .collect()
    }

    const TODAY: (i32, u32, u32) = (2026, 11, 24);

    fn today() -> NaiveDate {
        d(TODAY.0, TODAY.1, TODAY.2)
    }

    #[test]
    fn not_after_today_accepts_today_and_refuses_tomorrow() {
        let w = windows(json!([{"field": "/birth_date", "not_after": "today"}]));
        for ok in ["1950-01-01", "2026-11-23", "2026-11-24"] {
            assert!(
                codes(&w, json!({"birth_date": ok}), today()).is_empty(),
                "{ok}"
            );
        }
        for late in ["2026-11-25", "2099-01-01"] {
            assert_eq!(
                codes(&w, json!({"birth_date": late}), today()),
                [("/birth_date".to_string(), "date_too_late")],
                "{late}"
            );
        }
        let e = &w.failures(&json!({"birth_date": "2026-11-25"}), today())[0];
        assert_eq!(e.related.as_deref(), Some("..2026-11-24"));
        assert_eq!((e.lower, e.limit), (None, Some(0)));
    }

    #[test]
    fn not_before_today_accepts_today_and_refuses_yesterday() {
        let w = windows(json!([{"field": "/visit", "not_before": "today"}]));
        assert!(codes(&w, json!({"visit": "2026-11-24"}), today()).is_empty());
        assert!(codes(&w, json!({"visit": "2030-01-01"}), today()).is_empty());
        assert_eq!(
            codes(&w, json!({"visit": "2026-11-23"}), today()),
            [("/visit".to_string(), "date_too_early")]
        );
    }

    #[test]
    fn a_window_of_days_counts_from_the_filing_day_at_both_ends() {
        let w = windows(json!([{
            "field": "/visit", "not_before": {"days": 1}, "not_after": {"days": 60}
        }]));
        let at = |date: &str| codes(&w, json!({"visit": date}), today());
        assert_eq!(at("2026-11-24"), [("/visit".into(), "date_too_early")]);
        assert!(at("2026-11-25").is_empty());
        // 60 days after 24 November is 23 January.
        assert!(at("2027-01-23").is_empty());
        assert_eq!(at("2027-01-24"), [("/visit".into(), "date_too_late")]);
        let e = &w.failures(&json!({"visit": "2027-01-24"}), today())[0];
        assert_eq!(e.related.as_deref(), Some("2026-11-25..2027-01-23"));
        assert_eq!((e.lower, e.limit), (Some(1), Some(60)));
        // Negative days look back: a notice due within 14 days of the event.
        let back = windows(
            json!([{"field": "/event", "not_before": {"days": -14}, "not_after": "today"}]),
        );
        let at = |date: &str| codes(&back, json!({"event": date}), today());
        assert!(at("2026-11-10").is_empty());
        assert_eq!(at("2026-11-09"), [("/event".into(), "date_too_early")]);
    }

    #[test]
    fn the_same_answer_is_judged_by_the_day_it_is_filed() {
        let w = windows(json!([{"field": "/visit", "not_before": "today"}]));
        let data = json!({"visit": "2026-12-01"});
        assert!(codes(&w, data.clone(), d(2026, 12, 1)).is_empty());
        assert_eq!(codes(&w, data, d(2026, 12, 2)).len(), 1);
    }

    #[test]
    fn every_item_of_a_list_is_checked() {
        let w = windows(json!([{"field": "/children/*/birth_date", "not_after": "today"}]));
        let data = json!({"children": [
            {"birth_date": "2020-01-01"},
            {"birth_date": "2026-11-25"},
            {"name": "no date yet"},
            {"birth_date": "2099-03-31"}
        ]});
        assert_eq!(
            codes(&w, data, today()),
            [
                ("/children/1/birth_date".to_string(), "date_too_late"),
                ("/children/3/birth_date".to_string(), "date_too_late")
            ]
        );
    }

    #[test]
    fn unanswered_and_malformed_dates_are_left_to_their_own_checks() {
        let w = windows(json!([{"field": "/a", "not_after": "today"}]));
        for data in [
            json!({}),
            json!({"a": null}),
            json!({"a": "2099-02-30"}),
            json!({"a": 5}),
        ] {
            assert!(codes(&w, data.clone(), today()).is_empty(), "{data}");
        }
    }

    #[test]
    fn badly_written_rules_are_refused() {
        for rules in [
            json!({"field": "/a"}),
            json!([{"field": "/a"}]),
            json!([{"field": "a", "not_after": "today"}]),
            json!([{"field": "/a/", "not_after": "today"}]),
            json!([{"field": "/a", "not_after": "tomorrow"}]),
            json!([{"field": "/a", "not_after": {"weeks": 2}}]),
            json!([{"field": "/a", "not_after": {"days": 2, "weeks": 2}}]),
            json!([{"field": "/a", "not_after": {"days": 1.5}}]),
            json!([{"field": "/a", "not_after": "today", "max": 3}]),
            json!([{"field": "/a", "not_before": {"days": 2}, "not_after": {"days": 1}}]),
            json!([{"field": "/a", "not_after": {"days": 100_000}}]),
        ] {
            assert!(
                DateWindows::from_schema(&json!({ KEYWORD: rules })).is_err(),
                "{rules}"
            );
        }
    }
}
