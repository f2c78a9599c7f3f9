//! Rules across fields, as custom JSON Schema keywords placed on an object schema (usually
//! the root). Pointers are relative to that object; `*` stands for every item of an array
//! (`/children/*/birth_date`).
//!
//! | keyword | value | fails when |
//! |---|---|---|
//! | `x-date-order` | `[{"earlier": ptr, "later": ptr, "allow_same": bool}]` | both dates are given and `later` is not after `earlier` |
//! | `x-at-least-one-of` | `[[ptr, ptr, …]]` | none of the fields in a group is answered |
//! | `x-date-window` | `[{"field": ptr, "not_before": "today" \| {"days": n} \| {"field": ptr, "days": n}, "not_after": …}]` (root schema only) | the date is before `not_before` or after `not_after`, counted from the filing day or from another date of the filing |
//! | `x-closed-on` | `["MM-DD", …]` on a date field's schema | the date falls on one of these days of the year (see `closed_on.rs`) |
//! | `x-from-date` | `[{"from": "YYYY-MM-DD", "schema": {…}}, …]` (any subschema) | what the part in force on the filing day refuses (see `from_date.rs`) |
//! | `x-age` | `[{"field": ptr, "min": n, "max": n, "as_of": {"date": "YYYY-MM-DD"} \| {"field": ptr} \| {"fiscal_year_of": ptr} \| {"fiscal_year_end_of": ptr}}]` | the person born on `field` is younger than `min` or older than `max` on the reference date |
//!
//! `x-date-window` is the one rule that depends on the day: `{"days": n}` is n days after the
//! filing day (negative: before it), the JST date the answers are validated on, which
//! `Form::validate` is given (the engine has no clock). Either end may be left open; both
//! ends are included. It sits on the root schema and is checked outside the compiled schema
//! (see `window.rs`).
//!
//! Ages follow the 年齢計算ニ関スル法律: a year of age is completed (満N歳に達する) on the day
//! before the birthday, so someone whose 18th birthday is the day after an election is 18 on
//! election day. `{"date": …}` and `{"field": …}` count the age on that day.
//! `fiscal_year_of` counts it at the start of the date's fiscal year, as nursery age classes
//! do ("4月1日時点で5歳"): a child born on 2 April is still 5 on 1 April, one born on 1 April
//! is already 6 — the 4月2日〜4月1日 cohorts of school years. `fiscal_year_end_of` counts it
//! on 31 March closing the fiscal year (年度末時点の年齢, as health screenings and the
//! 18歳到達年度末 limit of child allowances do). Messages name 1 April and 31 March.

use chrono::{Datelike, Days, NaiveDate};
use jsonschema::paths::Location;
use jsonschema::{Keyword, ValidationError};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::errors::FormErrorCode;

/// Keywords the engine registers, for the lint.
pub const KEYWORDS: [&str; 6] = [
    "x-date-order",
    "x-at-least-one-of",
    "x-age",
    "x-date-window",
    from_date::FROM_DATE,
    closed_on::CLOSED_ON,
];

pub mod closed_on;
pub(crate) use closed_on::closed_on_factory;
pub mod from_date;
mod window;
pub(crate) use window::date_window_factory;
pub use window::{DateWarning, DateWindows, Severity};

/// What a rule reports, carried through the validator's message as JSON.
pub(crate) fn encode(
    at: &str,
    code: FormErrorCode,
    related: Option<String>,
    lower: Option<i64>,
    limit: Option<i64>,
) -> String {
    json!({ "at": at, "code": code.code(), "related": related, "lower": lower, "limit": limit })
        .to_string()
}

/// Expands `*` segments against the instance: every concrete pointer that exists.
fn expand(instance: &Value, pointer: &str) -> Vec<String> {
    let mut paths = vec![String::new()];
    for segment in pointer.split('/').skip(1) {
        let mut next = Vec::new();
        for path in paths {
            if segment == "*" {
                if let Some(Value::Array(items)) = instance.pointer(&path) {
                    next.extend((0..items.len()).map(|i| format!("{path}/{i}")));
                }
            } else {
                next.push(format!("{path}/{segment}"));
            }
        }
        paths = next;
    }
    paths
}

/// `pattern` with each `*` replaced by the index at the same place in `concrete`, so a rule
/// between two dates of one list item compares them item by item.
fn bind(pattern: &str, concrete: &str) -> String {
    if !pattern.contains('*') {
        return pattern.to_string();
    }
    let concrete: Vec<&str> = concrete.split('/').collect();
    pattern
        .split('/')
        .enumerate()
        .map(|(i, s)| match (s, concrete.get(i)) {
            ("*", Some(index)) => *index,
            _ => s,
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn date_at(instance: &Value, pointer: &str) -> Option<NaiveDate> {
    instance
        .pointer(pointer)?
        .as_str()
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

fn answered(instance: &Value, pointer: &str) -> bool {
    match instance.pointer(pointer) {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(_) => true,
    }
}

fn config_error(keyword: &str, e: impl std::fmt::Display) -> ValidationError<'static> {
    ValidationError::custom(format!("{keyword} is not written correctly: {e}"))
}

// --- x-date-order -------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DateOrderRule {
    earlier: String,
    later: String,
    #[serde(default)]
    allow_same: bool,
}

struct DateOrder(Vec<DateOrderRule>);

impl DateOrder {
    fn failures(&self, instance: &Value) -> Vec<String> {
        let mut out = Vec::new();
        for rule in &self.0 {
            for later in expand(instance, &rule.later) {
                let earlier = bind(&rule.earlier, &later);
                let (Some(a), Some(b)) = (date_at(instance, &earlier), date_at(instance, &later))
                else {
                    continue;
                };
                if b < a || (b == a && !rule.allow_same) {
                    let limit = Some(i64::from(rule.allow_same));
                    out.push(encode(
                        &later,
                        FormErrorCode::DateOrder,
                        Some(earlier),
                        None,
                        limit,
                    ));
                }
            }
        }
        out
    }
}

pub(crate) fn date_order_factory<'a>(
    _parent: &'a Map<String, Value>,
    value: &'a Value,
    _path: Location,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    let rules: Vec<DateOrderRule> =
        serde_json::from_value(value.clone()).map_err(|e| config_error("x-date-order", e))?;
    for rule in &rules {
        let earlier: Vec<&str> = rule.earlier.split('/').collect();
        let later: Vec<&str> = rule.later.split('/').collect();
        for (i, segment) in earlier.iter().enumerate() {
            if *segment == "*" && later.get(..=i) != Some(&earlier[..=i]) {
                return Err(config_error(
                    "x-date-order",
                    format!(
                        "`{}` has a `*` that `{}` does not share: an earlier date inside a list must be in the same item as the later one",
                        rule.earlier, rule.later
                    ),
                ));
            }
        }
    }
    Ok(Box::new(DateOrder(rules)))
}

// --- x-at-least-one-of ----------------------------------------------------------------------

struct AtLeastOne(Vec<Vec<String>>);

impl AtLeastOne {
    fn failures(&self, instance: &Value) -> Vec<String> {
        self.0
            .iter()
            .filter(|group| !group.iter().any(|p| answered(instance, p)))
            .filter_map(|group| {
                let (first, rest) = group.split_first()?;
                Some(encode(
                    first,
                    FormErrorCode::AtLeastOne,
                    Some(rest.join(",")),
                    None,
                    None,
                ))
            })
            .collect()
    }
}

pub(crate) fn at_least_one_factory<'a>(
    _parent: &'a Map<String, Value>,
    value: &'a Value,
    _path: Location,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    let groups: Vec<Vec<String>> =
        serde_json::from_value(value.clone()).map_err(|e| config_error("x-at-least-one-of", e))?;
    if groups.iter().any(|g| g.len() < 2) {
        return Err(config_error(
            "x-at-least-one-of",
            "each group needs two or more fields",
        ));
    }
    Ok(Box::new(AtLeastOne(groups)))
}

// --- x-age ----------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
enum AsOf {
    Date(NaiveDate),
    Field(String),
    /// 1 April of the fiscal year (April–March) that contains the date at this pointer.
    FiscalYearOf(String),
    /// The end of 31 March that closes the fiscal year containing the date at this pointer.
    FiscalYearEndOf(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AgeRule {
    field: String,
    #[serde(default)]
    min: Option<i64>,
    #[serde(default)]
    max: Option<i64>,
    as_of: AsOf,
}

/// Age in completed years on `on`, counted as the law counts it (see the module docs).
/// Someone not yet born on `on` is -1, so a lower limit of 0 refuses them.
pub fn legal_age(birth: NaiveDate, on: NaiveDate) -> i64 {
    if birth > on {
        return -1;
    }
    let on = on.checked_add_days(Days::new(1)).unwrap_or(on);
    let mut years = i64::from(on.year() - birth.year());
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years
}

fn fiscal_year_start(d: NaiveDate) -> Option<NaiveDate> {
    let year = if d.month() >= 4 {
        d.year()
    } else {
        d.year() - 1
    };
    NaiveDate::from_ymd_opt(year, 4, 1)
}

struct Age(Vec<AgeRule>);

impl Age {
    fn failures(&self, instance: &Value) -> Vec<String> {
        let mut out = Vec::new();
        for rule in &self.0 {
            // The day the age is counted on, and the date the message names: the start of
            // the fiscal year is the age reached by the 31 March before it.
            let on = match &rule.as_of {
                AsOf::Date(d) => Some((*d, *d)),
                AsOf::Field(p) => date_at(instance, p).map(|d| (d, d)),
                AsOf::FiscalYearOf(p) => date_at(instance, p)
                    .and_then(fiscal_year_start)
                    .and_then(|start| Some((start.pred_opt()?, start))),
                AsOf::FiscalYearEndOf(p) => date_at(instance, p)
                    .and_then(fiscal_year_start)
                    .and_then(|start| start.with_year(start.year() + 1)?.pred_opt())
                    .map(|end| (end, end)),
            };
            let Some((on, named)) = on else { continue };
            for at in expand(instance, &rule.field) {
                let Some(birth) = date_at(instance, &at) else {
                    continue;
                };
                let age = legal_age(birth, on);
                if rule.min.is_some_and(|m| age < m) || rule.max.is_some_and(|m| age > m) {
                    out.push(encode(
                        &at,
                        FormErrorCode::AgeOutOfRange,
                        Some(named.format("%Y-%m-%d").to_string()),
                        rule.min,
                        rule.max,
                    ));
                }
            }
        }
        out
    }
}

pub(crate) fn age_factory<'a>(
    _parent: &'a Map<String, Value>,
    value: &'a Value,
    _path: Location,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    let rules: Vec<AgeRule> =
        serde_json::from_value(value.clone()).map_err(|e| config_error("x-age", e))?;
    for rule in &rules {
        match (rule.min, rule.max) {
            (None, None) => return Err(config_error("x-age", "a rule needs `min`, `max` or both")),
            (Some(min), Some(max)) if min > max => {
                return Err(config_error("x-age", "`min` is greater than `max`"));
            }
            (Some(m), _) | (_, Some(m)) if m < 0 => {
                return Err(config_error("x-age", "ages cannot be negative"));
            }
            _ => {}
        }
    }
    Ok(Box::new(Age(rules)))
}

// --- the keyword plumbing, shared -----------------------------------------------------------

macro_rules! keyword {
    ($t:ty) => {
        impl<'i> Keyword<'i> for $t {
            fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
                match self.failures(instance).into_iter().next() {
                    Some(message) => Err(ValidationError::custom(message)),
                    None => Ok(()),
                }
            }

            fn is_valid(&self, instance: &'i Value) -> bool {
                self.failures(instance).is_empty()
            }

            fn iter_errors(
                &self,
                instance: &'i Value,
            ) -> Box<dyn Iterator<Item = ValidationError<'i>> + 'i> {
                let errors: Vec<ValidationError<'i>> = self
                    .failures(instance)
                    .into_iter()
                    .map(|m| ValidationError::custom(m))
                    .collect();
                Box::new(errors.into_iter())
            }
        }
    };
}

keyword!(DateOrder);
keyword!(AtLeastOne);
keyword!(Age);
keyword!(closed_on::ClosedOn);

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn ages_are_counted_as_the_law_counts_them() {
        // Born 1 April 2020: 1 on 31 March 2021, the day before the birthday.
        assert_eq!(legal_age(d(2020, 4, 1), d(2021, 3, 30)), 0);
        assert_eq!(legal_age(d(2020, 4, 1), d(2021, 3, 31)), 1);
        assert_eq!(legal_age(d(2020, 4, 2), d(2021, 3, 31)), 0);
        assert_eq!(legal_age(d(2020, 4, 2), d(2021, 4, 1)), 1);
        assert_eq!(legal_age(d(1985, 4, 1), d(2026, 11, 22)), 41);
        // 29 February birthdays complete a year on 28 February.
        assert_eq!(legal_age(d(2020, 2, 29), d(2021, 2, 27)), 0);
        assert_eq!(legal_age(d(2020, 2, 29), d(2021, 2, 28)), 1);
        // Born the day after: not yet born, not 0.
        assert_eq!(legal_age(d(2020, 4, 2), d(2020, 4, 1)), -1);
        assert_eq!(legal_age(d(2020, 4, 2), d(2020, 4, 2)), 0);
    }

    fn age_errors(rules: Value, data: Value) -> Vec<Value> {
        let rules: Vec<AgeRule> = serde_json::from_value(rules).unwrap();
        Age(rules)
            .failures(&data)
            .iter()
            .map(|m| serde_json::from_str(m).unwrap())
            .collect()
    }

    #[test]
    fn nursery_age_classes_follow_school_year_cohorts() {
        // 5 or under on 1 April 2027: born 2 April 2021 may still attend, 1 April 2021
        // starts primary school that April.
        let rule = json!([{"field": "/b", "max": 5, "as_of": {"fiscal_year_of": "/start"}}]);
        assert!(
            age_errors(
                rule.clone(),
                json!({"b": "2021-04-02", "start": "2027-06-01"})
            )
            .is_empty()
        );
        let errors = age_errors(rule, json!({"b": "2021-04-01", "start": "2027-06-01"}));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0]["related"], "2027-04-01");
        assert_eq!(errors[0]["lower"], Value::Null);
        assert_eq!(errors[0]["limit"], 5);
    }

    #[test]
    fn fiscal_year_end_ages_count_birthdays_up_to_31_march() {
        // 40 by the end of fiscal 2026 (31 March 2027): "born on or before 1 April 1987",
        // as screening notices put it.
        let rule = json!([{"field": "/b", "min": 40, "as_of": {"fiscal_year_end_of": "/on"}}]);
        let on = "2026-11-22";
        for born in ["1987-03-31", "1987-04-01"] {
            assert!(
                age_errors(rule.clone(), json!({"b": born, "on": on})).is_empty(),
                "{born}"
            );
        }
        let errors = age_errors(rule, json!({"b": "1987-04-02", "on": on}));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0]["related"], "2027-03-31");
        assert_eq!(errors[0]["lower"], 40);
        assert_eq!(errors[0]["limit"], Value::Null);
    }

    #[test]
    fn fiscal_years_start_in_april() {
        assert_eq!(fiscal_year_start(d(2027, 3, 31)), Some(d(2026, 4, 1)));
        assert_eq!(fiscal_year_start(d(2027, 4, 1)), Some(d(2027, 4, 1)));
    }

    #[test]
    fn date_order_inside_a_list_compares_each_item_with_itself() {
        let rules: Vec<DateOrderRule> =
            serde_json::from_value(json!([{"earlier": "/stays/*/from", "later": "/stays/*/to"}]))
                .unwrap();
        let data = json!({"stays": [
            {"from": "2026-01-01", "to": "2026-02-01"},
            {"from": "2026-05-01", "to": "2026-04-01"}
        ]});
        let errors: Vec<Value> = DateOrder(rules)
            .failures(&data)
            .iter()
            .map(|m| serde_json::from_str(m).unwrap())
            .collect();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0]["at"], "/stays/1/to");
        assert_eq!(errors[0]["related"], "/stays/1/from");
    }

    #[test]
    fn a_list_date_cannot_be_ordered_against_another_list() {
        let value = json!([{"earlier": "/a/*/d", "later": "/b/*/d"}]);
        let parent = Map::new();
        assert!(date_order_factory(&parent, &value, Location::new()).is_err());
    }

    #[test]
    fn wildcards_expand_over_array_items() {
        let v = json!({"children": [{"b": 1}, {"b": 2}]});
        assert_eq!(
            expand(&v, "/children/*/b"),
            ["/children/0/b", "/children/1/b"]
        );
        assert_eq!(expand(&v, "/x"), ["/x"]);
    }
}
