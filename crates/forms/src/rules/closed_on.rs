//! `x-closed-on`: a date may not fall on given days of any year (a crematorium closed on
//! 1 and 2 January). It sits on the date field's own schema; a rule that holds only for
//! some answers goes in the `then` of an `if` on them, as JSON Schema conditions do:
//!
//! ```json
//! {"if": {"properties": {"cremation_place": {"const": "kuzuoka"}}, "required": ["cremation_place"]},
//!  "then": {"properties": {"cremation_date": {"x-closed-on": ["01-01", "01-02"]}}}}
//! ```

use chrono::{Datelike, NaiveDate};
use jsonschema::paths::Location;
use jsonschema::{Keyword, ValidationError};

use serde_json::{Map, Value};

use super::{config_error, encode};
use crate::errors::FormErrorCode;
use crate::month_days::month_day;

/// The keyword.
pub const CLOSED_ON: &str = "x-closed-on";

/// Days of the year, `MM-DD`.
pub(crate) struct ClosedOn(Vec<(u32, u32)>);

impl ClosedOn {
    pub(super) fn failures(&self, instance: &Value) -> Vec<String> {
        let Some(date) = instance
            .as_str()
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        else {
            return Vec::new();
        };
        if !self.0.contains(&(date.month(), date.day())) {
            return Vec::new();
        }
        let days: Vec<String> = self
            .0
            .iter()
            .map(|(m, d)| format!("{m:02}-{d:02}"))
            .collect();
        vec![encode(
            "",
            FormErrorCode::ClosedDay,
            Some(days.join(",")),
            None,
            None,
        )]
    }
}

pub(crate) fn closed_on_factory<'a>(
    _parent: &'a Map<String, Value>,
    value: &'a Value,
    _path: Location,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    let texts: Vec<String> =
        serde_json::from_value(value.clone()).map_err(|e| config_error(CLOSED_ON, e))?;
    let mut days = Vec::new();
    for text in &texts {
        let day = month_day(text).ok_or_else(|| {
            config_error(
                CLOSED_ON,
                format!("`{text}` is not a day of the year written MM-DD"),
            )
        })?;
        if days.contains(&day) {
            return Err(config_error(CLOSED_ON, format!("`{text}` is listed twice")));
        }
        days.push(day);
    }
    if days.is_empty() {
        return Err(config_error(CLOSED_ON, "list one day or more"));
    }
    days.sort_unstable();
    Ok(Box::new(ClosedOn(days)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rule(days: Value) -> Result<Box<dyn for<'i> Keyword<'i>>, String> {
        let parent = Map::new();
        closed_on_factory(&parent, &days, Location::new()).map_err(|e| e.to_string())
    }

    #[test]
    fn a_date_on_a_closed_day_of_any_year_is_refused() {
        let closed = ClosedOn(vec![(1, 1), (1, 2)]);
        for open in ["2026-12-31", "2027-01-03", "not a date"] {
            assert!(closed.failures(&json!(open)).is_empty(), "{open}");
        }
        for shut in ["2027-01-01", "2027-01-02", "2031-01-02"] {
            let failures = closed.failures(&json!(shut));
            let error: Value = serde_json::from_str(&failures[0]).unwrap();
            assert_eq!(error["code"], "closed_day");
            assert_eq!(error["related"], "01-01,01-02");
        }
    }

    #[test]
    fn days_are_written_mm_dd_once_each() {
        assert!(rule(json!(["01-01", "02-29"])).is_ok());
        for bad in [
            json!([]),
            json!(["1-1"]),
            json!(["02-30"]),
            json!(["01-01", "01-01"]),
        ] {
            assert!(rule(bad.clone()).is_err(), "{bad}");
        }
    }
}
