//! Rules across fields, as custom JSON Schema keywords placed on an object schema (usually
//! the root). Pointers are relative to that object; `*` stands for every item of an array
//! (`/children/*/birth_date`).
//!
//! | keyword | value | fails when |
//! |---|---|---|
//! | `x-date-order` | `[{"earlier": ptr, "later": ptr, "allow_same": bool}]` | both dates are given and `later` is not after `earlier` |
//! | `x-at-least-one-of` | `[[ptr, ptr, …]]` | none of the fields in a group is answered |
//! | `x-age` | `[{"field": ptr, "min": n, "max": n, "as_of": {"date": "YYYY-MM-DD"} \| {"field": ptr} \| {"fiscal_year_of": ptr}}]` | the person born on `field` is younger than `min` or older than `max` on the reference date |
//!
//! Ages follow the 年齢計算ニ関スル法律: a year of age is completed at the end of the day
//! before the birthday, so a child born on 1 April is already one year older on 31 March —
//! the rule behind 早生まれ and school-year cut-offs.

use chrono::{Datelike, Days, NaiveDate};
use jsonschema::paths::Location;
use jsonschema::{Keyword, ValidationError};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::errors::FormErrorCode;

/// Keywords the engine registers, for the lint.
pub const KEYWORDS: [&str; 3] = ["x-date-order", "x-at-least-one-of", "x-age"];

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
                let (Some(a), Some(b)) =
                    (date_at(instance, &rule.earlier), date_at(instance, &later))
                else {
                    continue;
                };
                if b < a || (b == a && !rule.allow_same) {
                    let limit = Some(i64::from(rule.allow_same));
                    out.push(encode(
                        &later,
                        FormErrorCode::DateOrder,
                        Some(rule.earlier.clone()),
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
pub fn legal_age(birth: NaiveDate, on: NaiveDate) -> i64 {
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
            let on = match &rule.as_of {
                AsOf::Date(d) => Some(*d),
                AsOf::Field(p) => date_at(instance, p),
                AsOf::FiscalYearOf(p) => date_at(instance, p).and_then(fiscal_year_start),
            };
            let Some(on) = on else { continue };
            for at in expand(instance, &rule.field) {
                let Some(birth) = date_at(instance, &at) else {
                    continue;
                };
                let age = legal_age(birth, on);
                if rule.min.is_some_and(|m| age < m) || rule.max.is_some_and(|m| age > m) {
                    out.push(encode(
                        &at,
                        FormErrorCode::AgeOutOfRange,
                        Some(on.format("%Y-%m-%d").to_string()),
                        Some(rule.min.unwrap_or(0)),
                        rule.max.or(Some(150)),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn ages_are_counted_as_the_law_counts_them() {
        // Born 1 April 2020: already 1 on 31 March 2021 (the day before the birthday ends).
        assert_eq!(legal_age(d(2020, 4, 1), d(2021, 3, 31)), 1);
        assert_eq!(legal_age(d(2020, 4, 2), d(2021, 3, 31)), 0);
        assert_eq!(legal_age(d(2020, 4, 2), d(2021, 4, 1)), 1);
        assert_eq!(legal_age(d(1985, 4, 1), d(2026, 11, 22)), 41);
        // 29 February birthdays complete a year at the end of 28 February.
        assert_eq!(legal_age(d(2020, 2, 29), d(2021, 2, 28)), 1);
    }

    #[test]
    fn fiscal_years_start_in_april() {
        assert_eq!(fiscal_year_start(d(2027, 3, 31)), Some(d(2026, 4, 1)));
        assert_eq!(fiscal_year_start(d(2027, 4, 1)), Some(d(2027, 4, 1)));
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
