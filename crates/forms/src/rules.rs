//! Rules across fields, as custom JSON Schema keywords placed on an object schema (usually
//! the root). Pointers are relative to that object; `*` stands for every item of an array
//! (`/children/*/birth_date`).
//!
//! | keyword | value | fails when |
//! |---|---|---|
//! | `x-date-order` | `[{"earlier": ptr, "later": ptr, "allow_same": bool}]` | both dates are given and `later` is not after `earlier` |
//! | `x-at-least-one-of` | `[[ptr, ptr, …]]` | none of the fields in a group is answered |
//! | `x-date-window` | `[{"field": ptr, "not_before": "today" \| {"days" \| "months" \| "years": n, "field": ptr?, "if_closed": "next_opening_day"?}, "not_after": …}]` (root schema only) | the date is before `not_before` or after `not_after`, counted from the filing day or from another date of the filing |
//! | `x-closed-on` | `["MM-DD", …]` on a date field's schema | the date falls on one of these days of the year (see `closed_on.rs`) |
//! | `x-from-date` | `[{"from": "YYYY-MM-DD", "schema": {…}}, …]` (any subschema) | what the part in force on the filing day refuses (see `from_date.rs`) |
//! | `x-age` | `[{"field": ptr, "min": n, "max": n \| "min_months": n, "max_months": n, "as_of": {"date": "YYYY-MM-DD"} \| {"field": ptr} \| {"fiscal_year_of": ptr} \| {"fiscal_year_end_of": ptr}}]` | the person born on `field` is younger than `min` or older than `max` (completed years, or months) on the reference date |
//!
//! `x-date-window` is the one rule that depends on the day: `{"days": n}` is n days after the
//! filing day (negative: before it), the JST date the answers are validated on, which
//! `Form::validate` is given (the engine has no clock). Either end may be left open; both
//! ends are included. `{"months": n}` and `{"years": n}` count as the 民法 counts periods
//! (`period.rs`): n months after 15 January is 15 February, after 31 January the end of
//! February; negative, the earliest day still within n months before (`not_before`) or the
//! latest day at least n months before (`not_after`). `"if_closed": "next_opening_day"`
//! moves a deadline that falls on a day the office is closed to its next opening day, by
//! the calendar the caller passes with the filing day (`FilingDay`). It sits on the root
//! schema and is checked outside the compiled schema (see `window/`).
//!
//! Ages follow the 年齢計算ニ関スル法律: a year of age is completed (満N歳に達する) on the day
//! before the birthday, so someone whose 18th birthday is the day after an election is 18 on
//! election day. `{"date": …}` and `{"field": …}` count the age on that day.
//! `fiscal_year_of` counts it at the start of the date's fiscal year, as nursery age classes
//! do ("4月1日時点で5歳"): a child born on 2 April is still 5 on 1 April, one born on 1 April
//! is already 6 — the 4月2日〜4月1日 cohorts of school years. `fiscal_year_end_of` counts it
//! on 31 March closing the fiscal year (年度末時点の年齢, as health screenings and the
//! 18歳到達年度末 limit of child allowances do). Messages name 1 April and 31 March.
//! `min_months` / `max_months` count completed months the same way (1歳6か月 is 18,
//! reached on the day before the day that corresponds to the birth date; under 2 years is
//! `"max_months": 23`); a rule counts in years or in months, not both (`age.rs`).

use chrono::NaiveDate;
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

mod age;
pub mod closed_on;
pub(crate) use closed_on::closed_on_factory;
pub mod from_date;
mod period;
mod window;
use age::Age;
pub(crate) use age::age_factory;
pub use age::{MONTHS_SUFFIX, legal_age};
pub use period::age_in_months;
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
