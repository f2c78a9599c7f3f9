//! `x-age`: the age of the person born on a date of the filing, on a reference day, in
//! completed years (`min`, `max`) or completed months (`min_months`, `max_months`), counted
//! as the law counts ages (see the keyword table in `rules.rs` and `rules::period`).

use chrono::{Datelike, Days, NaiveDate};
use jsonschema::paths::Location;
use jsonschema::{Keyword, ValidationError};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::period::{MAX_MONTHS, age_in_months};
use super::{config_error, date_at, encode, expand};
use crate::errors::FormErrorCode;

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
    /// Completed months of age, counted as years are (`rules::period`): 1歳6か月 is 18.
    #[serde(default)]
    min_months: Option<i64>,
    #[serde(default)]
    max_months: Option<i64>,
    as_of: AsOf,
    /// Where the limits come from, as a fact's provenance (read and checked by
    /// `provenance::check_rules`).
    #[serde(default, rename = "sources")]
    _sources: Vec<crate::provenance::Source>,
    #[serde(default, rename = "to_confirm")]
    _to_confirm: Option<String>,
    /// The author's reasoning.
    #[serde(default, rename = "$comment")]
    _comment: Option<String>,
}

/// What a rule counts in: its limits, and the unit written after the date in `related`
/// (`"2026-05-09;months"`) so the message can say "months".
impl AgeRule {
    fn limits(&self) -> (Option<i64>, Option<i64>, bool) {
        if self.min_months.is_some() || self.max_months.is_some() {
            (self.min_months, self.max_months, true)
        } else {
            (self.min, self.max, false)
        }
    }
}

pub use crate::errors::MONTHS_SUFFIX;

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

pub(super) struct Age(Vec<AgeRule>);

impl Age {
    pub(super) fn failures(&self, instance: &Value) -> Vec<String> {
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
                let (min, max, in_months) = rule.limits();
                let age = if in_months {
                    age_in_months(birth, on)
                } else {
                    legal_age(birth, on)
                };
                if min.is_some_and(|m| age < m) || max.is_some_and(|m| age > m) {
                    let unit = if in_months { MONTHS_SUFFIX } else { "" };
                    out.push(encode(
                        &at,
                        FormErrorCode::AgeOutOfRange,
                        Some(format!("{}{unit}", named.format("%Y-%m-%d"))),
                        min,
                        max,
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
        let years = rule.min.is_some() || rule.max.is_some();
        let months = rule.min_months.is_some() || rule.max_months.is_some();
        if years && months {
            return Err(config_error(
                "x-age",
                format!(
                    "the rule on `{}` counts in both years and months: write it in months only (under 2 years is `\"max_months\": 23`)",
                    rule.field
                ),
            ));
        }
        let (min, max, _) = rule.limits();
        match (min, max) {
            (None, None) => {
                return Err(config_error(
                    "x-age",
                    "a rule needs `min`, `max` or both (in years), or `min_months`, `max_months` or both",
                ));
            }
            (Some(min), Some(max)) if min > max => {
                return Err(config_error(
                    "x-age",
                    "the lower age is greater than the upper age",
                ));
            }
            (Some(m), _) | (_, Some(m)) if months && m > MAX_MONTHS => {
                return Err(config_error(
                    "x-age",
                    format!(
                        "{m} months is more than {MAX_MONTHS}: write ages over 100 years in years"
                    ),
                ));
            }
            (Some(m), _) | (_, Some(m)) if m < 0 => {
                return Err(config_error("x-age", "ages cannot be negative"));
            }
            _ => {}
        }
    }
    Ok(Box::new(Age(rules)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
    fn ages_in_months_refuse_the_day_before_and_after_the_window() {
        // 1歳6か月児 (18 to 23 months) on the session day: born 10 May 2024.
        let rule = json!([{"field": "/b", "min_months": 18, "max_months": 23,
            "as_of": {"field": "/on"}}]);
        let at = |on: &str| age_errors(rule.clone(), json!({"b": "2024-05-10", "on": on}));
        assert_eq!(at("2025-11-08").len(), 1);
        assert!(at("2025-11-09").is_empty());
        assert!(at("2026-05-08").is_empty());
        let late = at("2026-05-09");
        assert_eq!(late.len(), 1);
        assert_eq!(late[0]["related"], "2026-05-09;months");
        assert_eq!(
            (late[0]["lower"].as_i64(), late[0]["limit"].as_i64()),
            (Some(18), Some(23))
        );
        // Born 29 February 2024: 18 months on 28 August 2025, 24 on 28 February 2026.
        let leap = |on: &str| age_errors(rule.clone(), json!({"b": "2024-02-29", "on": on}));
        assert_eq!(leap("2025-08-27").len(), 1);
        assert!(leap("2025-08-28").is_empty());
        assert!(leap("2026-02-27").is_empty());
        assert_eq!(leap("2026-02-28").len(), 1);
    }

    #[test]
    fn an_age_rule_counts_in_years_or_in_months() {
        let parent = Map::new();
        for rules in [
            json!([{"field": "/b", "min_months": 18, "max": 1, "as_of": {"field": "/on"}}]),
            json!([{"field": "/b", "min_months": 24, "max_months": 18, "as_of": {"field": "/on"}}]),
            json!([{"field": "/b", "min_months": -1, "as_of": {"field": "/on"}}]),
            json!([{"field": "/b", "max_months": 5000, "as_of": {"field": "/on"}}]),
            json!([{"field": "/b", "as_of": {"field": "/on"}}]),
            json!([{"field": "/b", "months": 18, "as_of": {"field": "/on"}}]),
        ] {
            assert!(
                age_factory(&parent, &rules, Location::new()).is_err(),
                "{rules}"
            );
        }
        let ok = json!([{"field": "/b", "min_months": 18, "as_of": {"field": "/on"}}]);
        assert!(age_factory(&parent, &ok, Location::new()).is_ok());
    }
}
