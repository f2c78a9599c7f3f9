//! `x-date-window`: dates bounded by the filing day (a birth date not after today, a visit
//! not before today and at most 60 days ahead) or by another date of the same filing (a
//! visit within 14 days of the move). The validator has no clock, so the rule is not
//! checked by the compiled schema: the keyword only refuses a badly written value when the
//! schema compiles, and `Form::validate` checks the rules against the filing day it is
//! given (`DateWindows::failures`). A rule with `"severity": "warning"` does not refuse:
//! a date outside it is reported by `DateWindows::warnings`, with the rule's `message`
//! saying what it means (a notification past its legal period is still accepted).

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};
use jsonschema::paths::Location;
use jsonschema::{Keyword, ValidationError};
use madoguchi_core::Localized;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::{bind, config_error, date_at, expand};
use crate::errors::{FieldError, FormErrorCode};

const KEYWORD: &str = "x-date-window";

/// One end of the window: the filing day itself, a number of days from it, or a number of
/// days from another date of the filing.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
enum Bound {
    Today(TodayWord),
    Days(DaysFromFilingDay),
    Field(DaysFromField),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct DaysFromFilingDay {
    days: i64,
}

/// `{"field": "/move_date", "days": 14}`: 14 days after the answer to `/move_date`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct DaysFromField {
    field: String,
    #[serde(default)]
    days: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum TodayWord {
    Today,
}

impl Bound {
    /// Days from the day the end is counted from (0 is that day itself).
    fn offset(&self) -> i64 {
        match self {
            Bound::Today(_) => 0,
            Bound::Days(d) => d.days,
            Bound::Field(f) => f.days,
        }
    }

    /// The other date this end is counted from, if it is not the filing day.
    fn field(&self) -> Option<&str> {
        match self {
            Bound::Field(f) => Some(&f.field),
            _ => None,
        }
    }

    /// The end for the date at `at`: `None` when it counts from another date that is not
    /// answered (or not a date), which leaves that end open — the other date's own checks
    /// say what is wrong with it.
    fn resolve(
        &self,
        instance: &Value,
        at: &str,
        filed_on: NaiveDate,
    ) -> Option<(NaiveDate, Option<String>)> {
        match self {
            Bound::Field(f) => {
                let other = bind(&f.field, at);
                // A month counts from its first day.
                let (day, _) = period_at(instance, &other)?;
                Some((shift(day, f.days)?, Some(other)))
            }
            _ => Some((shift(filed_on, self.offset())?, None)),
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
    /// Whether a date outside the window is refused (the default) or only warned about.
    #[serde(default)]
    severity: Severity,
    /// For a warning: what being outside the window means for the resident, shown after
    /// the sentence naming the field and the window.
    #[serde(default)]
    message: Option<Localized>,
    /// Where the window comes from (the law's article, the city's page), for authors.
    #[serde(default, rename = "$comment")]
    _source: Option<String>,
}

/// What a date outside a window does to the filing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The filing is refused until the date is inside the window.
    #[default]
    Error,
    /// The filing is accepted; the resident and the clerk are told.
    Warning,
}

/// A date outside a warning rule's window: where and how (as a [`FieldError`] would say),
/// and what it means in the rule's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateWarning {
    pub outside: FieldError,
    pub message: Localized,
}

impl DateWindowRule {
    fn ends(&self) -> impl Iterator<Item = (&'static str, &Bound)> {
        [
            ("not_before", &self.not_before),
            ("not_after", &self.not_after),
        ]
        .into_iter()
        .filter_map(|(name, b)| b.as_ref().map(|b| (name, b)))
    }
}

/// The `x-date-window` rules of a form.
#[derive(Clone, Debug, Default)]
pub struct DateWindows(Vec<DateWindowRule>);

/// Days further than this from the day counted from are not a window anyone means (and
/// keep the date arithmetic far from chrono's limits).
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

    /// The other dates the rules count from: the rule's index, the end (`not_before` or
    /// `not_after`) and the pointer (for the lint).
    pub fn references(&self) -> impl Iterator<Item = (usize, &'static str, &str)> {
        self.0.iter().enumerate().flat_map(|(i, r)| {
            r.ends()
                .filter_map(move |(end, b)| b.field().map(|f| (i, end, f)))
        })
    }

    /// Every date outside a refusing window when filed on `filed_on`: `date_too_early` or
    /// `date_too_late` on the date, with the window's two ends as ISO dates in `related`
    /// (`"2026-11-24..2027-01-23"`, an open end empty) and each end's distance in days in
    /// `lower` and `limit` — from the filing day (0 is the filing day itself) or, when
    /// `lower_field` / `limit_field` name another date of the filing, from that date.
    pub fn failures(&self, instance: &Value, filed_on: NaiveDate) -> Vec<FieldError> {
        self.outside(Severity::Error, instance, filed_on)
            .map(|(_, e)| e)
            .collect()
    }

    /// Every date outside a warning rule's window, said as [`Self::failures`] says it, with
    /// the rule's message. They do not stop the filing.
    pub fn warnings(&self, instance: &Value, filed_on: NaiveDate) -> Vec<DateWarning> {
        self.outside(Severity::Warning, instance, filed_on)
            .map(|(rule, outside)| DateWarning {
                outside,
                message: rule.message.clone().unwrap_or_default(),
            })
            .collect()
    }

    fn outside<'a>(
        &'a self,
        severity: Severity,
        instance: &'a Value,
        filed_on: NaiveDate,
    ) -> impl Iterator<Item = (&'a DateWindowRule, FieldError)> + 'a {
        self.0
            .iter()
            .filter(move |r| r.severity == severity)
            .flat_map(move |rule| {
                expand(instance, &rule.field)
                    .into_iter()
                    .filter_map(move |at| rule.check(instance, &at, filed_on))
                    .map(move |e| (rule, e))
            })
    }
}

impl DateWindowRule {
    /// The date at `at` against this rule's window: the error when it is outside.
    fn check(&self, instance: &Value, at: &str, filed_on: NaiveDate) -> Option<FieldError> {
        let (first, last) = period_at(instance, at)?;
        let end = |b: &Option<Bound>| {
            b.as_ref()
                .and_then(|b| b.resolve(instance, at, filed_on).map(|r| (b.clone(), r)))
        };
        let (from, to) = (end(&self.not_before), end(&self.not_after));
        // A month is inside when one of its days is: too early when its last day is
        // before the window, too late when its first day is after it.
        let code = if from.as_ref().is_some_and(|(_, (f, _))| last < *f) {
            FormErrorCode::DateTooEarly
        } else if to.as_ref().is_some_and(|(_, (t, _))| first > *t) {
            FormErrorCode::DateTooLate
        } else {
            return None;
        };
        let iso = |e: &Option<(Bound, (NaiveDate, Option<String>))>| {
            e.as_ref()
                .map(|(_, (d, _))| d.to_string())
                .unwrap_or_default()
        };
        let mut e = FieldError::new(at.to_string(), code);
        e.related = Some(format!("{}..{}", iso(&from), iso(&to)));
        if let Some((b, (_, other))) = from {
            e.lower = Some(b.offset());
            e.lower_field = other;
        }
        if let Some((b, (_, other))) = to {
            e.limit = Some(b.offset());
            e.limit_field = other;
        }
        Some(e)
    }
}

/// The days an answer spans: a date (`2026-11-24`) is one day, a month (`2026-11`) runs
/// from its first day to its last. Anything else is left to the field's own checks.
fn period_at(instance: &Value, pointer: &str) -> Option<(NaiveDate, NaiveDate)> {
    if let Some(day) = date_at(instance, pointer) {
        return Some((day, day));
    }
    let text = instance.pointer(pointer)?.as_str()?;
    let (y, m) = text.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    let first = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1)?;
    let last = first
        .checked_add_months(chrono::Months::new(1))?
        .pred_opt()?;
    Some((first, last))
}

fn is_pointer(p: &str) -> bool {
    p.starts_with('/') && !p.ends_with('/') && !p.contains("//")
}

/// A `*` in the other date must stand for the same list item as in the rule's date
/// (`/persons/*/arrival` counted from `/persons/*/birth_date`): another list has no item
/// that goes with this one.
fn same_items(field: &str, other: &str) -> bool {
    let (f, o): (Vec<&str>, Vec<&str>) = (field.split('/').collect(), other.split('/').collect());
    o.iter()
        .enumerate()
        .filter(|(_, s)| **s == "*")
        .all(|(i, _)| f.get(i) == Some(&"*") && f.get(..i) == o.get(..i))
}

fn parse(value: &Value) -> Result<Vec<DateWindowRule>, String> {
    let rules: Vec<DateWindowRule> =
        serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    for rule in &rules {
        let field = &rule.field;
        if !is_pointer(field) {
            return Err(format!(
                "`{field}` is not a pointer to a field: write it as `/birth_date` or `/children/*/birth_date`"
            ));
        }
        match (rule.severity, &rule.message) {
            (Severity::Warning, None) => {
                return Err(format!(
                    "the warning on `{field}` needs a `message` ({{\"ja\": …, \"en\": …}}) saying what a date outside the window means for the resident"
                ));
            }
            (Severity::Warning, Some(m)) if m.ja.trim().is_empty() || m.en.trim().is_empty() => {
                return Err(format!(
                    "the warning on `{field}` needs its `message` in Japanese and English"
                ));
            }
            (Severity::Error, Some(_)) => {
                return Err(format!(
                    "the rule on `{field}` refuses, so its `message` would never be shown: the refusal names the window itself (a `message` is for `\"severity\": \"warning\"`)"
                ));
            }
            _ => {}
        }
        let (from, to) = (&rule.not_before, &rule.not_after);
        if from.is_none() && to.is_none() {
            return Err(format!(
                "the rule on `{field}` needs `not_before`, `not_after` or both"
            ));
        }
        for (_, b) in rule.ends() {
            if b.offset().abs() > MAX_DAYS {
                return Err(format!(
                    "the rule on `{field}` reaches more than {MAX_DAYS} days from the day it counts from"
                ));
            }
            if let Some(other) = b.field() {
                if !is_pointer(other) {
                    return Err(format!(
                        "the rule on `{field}` counts from `{other}`, which is not a pointer to a field"
                    ));
                }
                if !same_items(field, other) {
                    return Err(format!(
                        "the rule on `{field}` counts from `{other}`: a `*` there must stand for the same list item as in `{field}`"
                    ));
                }
            }
        }
        // Ends counted from the same day can be compared; from different days they can
        // only be judged on the answers.
        if let (Some(from), Some(to)) = (from, to)
            && from.field() == to.field()
            && from.offset() > to.offset()
        {
            return Err(format!(
                "the rule on `{field}` has `not_before` later than `not_after`: no day would be accepted"
            ));
        }
    }
    if let Some(cycle) = cycle(&rules) {
        return Err(format!(
            "the dates count from each other in a circle ({}): one of them must count from the filing day or be left unbounded",
            cycle.join(" → ")
        ));
    }
    Ok(rules)
}

/// A chain of dates each bounded by the next that comes back to the first, if there is one.
fn cycle(rules: &[DateWindowRule]) -> Option<Vec<String>> {
    let mut next: HashMap<&str, Vec<&str>> = HashMap::new();
    for rule in rules {
        for (_, b) in rule.ends() {
            if let Some(other) = b.field() {
                next.entry(rule.field.as_str()).or_default().push(other);
            }
        }
    }
    fn walk<'a>(
        at: &'a str,
        next: &HashMap<&'a str, Vec<&'a str>>,
        path: &mut Vec<&'a str>,
        done: &mut HashSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| *p == at) {
            let mut c: Vec<String> = path[i..].iter().map(|s| s.to_string()).collect();
            c.push(at.to_string());
            return Some(c);
        }
        if !done.insert(at) {
            return None;
        }
        path.push(at);
        for other in next.get(at).into_iter().flatten() {
            if let Some(c) = walk(other, next, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut done = HashSet::new();
    let mut starts: Vec<&str> = next.keys().copied().collect();
    starts.sort_unstable();
    starts
        .into_iter()
        .find_map(|s| walk(s, &next, &mut Vec::new(), &mut done))
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
    fn a_warning_rule_warns_and_never_refuses() {
        let w = windows(json!([
            {"field": "/visit", "not_before": "today"},
            {"field": "/visit", "not_after": {"field": "/moved", "days": 14},
             "severity": "warning", "message": {"ja": "期限を過ぎています。", "en": "It is late."}}
        ]));
        let data = |visit: &str| json!({"moved": "2026-11-01", "visit": visit});
        // Day 14 after the move: neither refused nor warned.
        let day_14 = d(2026, 11, 15);
        assert!(w.failures(&data("2026-11-15"), day_14).is_empty());
        assert!(w.warnings(&data("2026-11-15"), day_14).is_empty());
        // Day 15 and later: warned, not refused.
        assert!(w.failures(&data("2026-11-24"), today()).is_empty());
        assert_eq!(w.warnings(&data("2026-11-24"), today()).len(), 1);
        let warned = w.warnings(&data("2026-11-16"), d(2026, 11, 16));
        assert_eq!(warned.len(), 1);
        assert_eq!(warned[0].outside.code, FormErrorCode::DateTooLate);
        assert_eq!(warned[0].outside.pointer, "/visit");
        assert_eq!(warned[0].outside.limit_field.as_deref(), Some("/moved"));
        assert_eq!(warned[0].message.en, "It is late.");
        // The refusing rule still refuses: a visit before the filing day.
        assert_eq!(
            codes(&w, data("2026-11-23"), today()),
            [("/visit".to_string(), "date_too_early")]
        );
        assert_eq!(w.warnings(&data("2026-11-23"), today()).len(), 1);
    }

    #[test]
    fn a_warning_needs_its_meaning_in_both_languages_and_a_refusal_none() {
        for rules in [
            json!([{"field": "/a", "not_after": "today", "severity": "warning"}]),
            json!([{"field": "/a", "not_after": "today", "severity": "warning",
                    "message": {"ja": "遅れています。", "en": " "}}]),
            json!([{"field": "/a", "not_after": "today", "message": {"ja": "あ", "en": "a"}}]),
            json!([{"field": "/a", "not_after": "today", "severity": "notice"}]),
        ] {
            assert!(
                DateWindows::from_schema(&json!({ KEYWORD: rules })).is_err(),
                "{rules}"
            );
        }
        assert!(
            DateWindows::from_schema(&json!({ KEYWORD: [{"field": "/a", "not_after": "today",
                "severity": "error"}] }))
            .is_ok()
        );
    }

    #[test]
    fn a_month_is_inside_when_one_of_its_days_is() {
        // Claims for a month of care within 2 years of the filing day (any day of it).
        let w = windows(
            json!([{"field": "/month", "not_before": {"days": -730}, "not_after": "today"}]),
        );
        let at = |m: &str| codes(&w, json!({"month": m}), today());
        // 730 days before 2026-11-24 is 2024-11-24: November 2024 still has days inside.
        assert!(at("2024-11").is_empty());
        assert_eq!(at("2024-10"), [("/month".into(), "date_too_early")]);
        // The filing day's own month is inside; the next is not.
        assert!(at("2026-11").is_empty());
        assert_eq!(at("2026-12"), [("/month".into(), "date_too_late")]);
        // Not a month: left to the field's own checks.
        assert!(at("2026-13").is_empty());
        assert!(at("202611").is_empty());
        // Counted from a month: from its first day (1 February + 58 days is 31 March).
        let from = windows(json!([{"field": "/paid", "not_before": {"field": "/month"},
            "not_after": {"field": "/month", "days": 58}}]));
        let paid = |d: &str| codes(&from, json!({"month": "2026-02", "paid": d}), today());
        assert!(paid("2026-02-01").is_empty());
        assert_eq!(paid("2026-01-31"), [("/paid".into(), "date_too_early")]);
        assert!(paid("2026-03-31").is_empty());
        assert_eq!(paid("2026-04-01"), [("/paid".into(), "date_too_late")]);
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
