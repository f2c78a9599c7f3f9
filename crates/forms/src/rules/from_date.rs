//! `x-from-date`: parts of the schema that apply from a day on, so a law change can be
//! written before it takes effect. The day is the filing day (the JST date the answers are
//! validated on, the one `x-date-window` counts from), never a date the resident answers.
//!
//! ```json
//! "slip_count": {"type": "integer", "minimum": 0,
//!   "x-from-date": [
//!     {"from": "2021-01-01", "schema": {"maximum": 99}},
//!     {"from": "2027-01-01", "schema": {"maximum": 29}, "$comment": "令和3年度改正"}]}
//! ```
//!
//! On a filing day, the `schema` of the last entry whose `from` is on or before it applies
//! where the block is, as if it were one more item of `allOf`; before the first `from`
//! none does. The engine compiles the schema once for each period (before the first day,
//! then from each day), and validation picks the period of the filing day.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use madoguchi_core::Localized;
use serde_json::{Map, Value};

/// The keyword.
pub const FROM_DATE: &str = "x-from-date";

/// Rules that cannot sit inside a dated part: they are read once from the root schema.
const NOT_INSIDE: [&str; 2] = [FROM_DATE, "x-date-window"];

/// The keys of an entry: its day and schema, the author's comment, and its provenance
/// (`sources`, `to_confirm`, checked as a fact's are).
const ENTRY_KEYS: [&str; 5] = ["from", "schema", "$comment", "sources", "to_confirm"];

/// A day as the definition writes it: `YYYY-MM-DD`, a day that exists.
fn day(text: &str) -> Option<NaiveDate> {
    let d = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    (d.format("%Y-%m-%d").to_string() == text).then_some(d)
}

/// Every day on which a part of `schema` starts to apply, each once, in order. Blocks not
/// written as the format says are reported through `push` (pointer, message) and left out.
pub fn starts(
    schema: &Value,
    at: &str,
    push: &mut impl FnMut(String, Localized),
) -> Vec<NaiveDate> {
    let mut days = BTreeSet::new();
    walk(schema, at, false, push, &mut days);
    days.into_iter().collect()
}

fn walk(
    v: &Value,
    at: &str,
    inside: bool,
    push: &mut impl FnMut(String, Localized),
    days: &mut BTreeSet<NaiveDate>,
) {
    match v {
        Value::Object(map) => {
            for (key, value) in map {
                let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                if inside && NOT_INSIDE.contains(&key.as_str()) {
                    push(
                        here.clone(),
                        lint_text!(forms_lint_from_date_inside, rule = key.as_str()),
                    );
                    continue;
                }
                if key == FROM_DATE {
                    block(value, &here, push, days);
                } else {
                    walk(value, &here, inside, push, days);
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &format!("{at}/{i}"), inside, push, days);
            }
        }
        _ => {}
    }
}

/// One `x-from-date` block: a list of `{"from", "schema", "$comment"?, "sources"?,
/// "to_confirm"?}`, days in order (the provenance is checked by `provenance::check_rules`).
fn block(
    value: &Value,
    at: &str,
    push: &mut impl FnMut(String, Localized),
    days: &mut BTreeSet<NaiveDate>,
) {
    let Some(entries) = value.as_array().filter(|e| !e.is_empty()) else {
        push(at.to_string(), lint_text!(forms_lint_from_date_format));
        return;
    };
    let mut previous: Option<(NaiveDate, &str)> = None;
    for (i, entry) in entries.iter().enumerate() {
        let here = format!("{at}/{i}");
        let well_formed = entry.as_object().filter(|o| {
            o.keys().all(|k| ENTRY_KEYS.contains(&k.as_str()))
                && o.get("schema").is_some_and(Value::is_object)
        });
        let Some(entry) = well_formed else {
            push(here, lint_text!(forms_lint_from_date_format));
            continue;
        };
        let text = entry
            .get("from")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let Some(d) = day(text) else {
            push(
                format!("{here}/from"),
                lint_text!(forms_lint_from_date_day, day = text),
            );
            continue;
        };
        if let Some((before, before_text)) = previous
            && d <= before
        {
            push(
                format!("{here}/from"),
                lint_text!(
                    forms_lint_from_date_order,
                    day = text,
                    previous = before_text
                ),
            );
        }
        previous = Some((d, text));
        days.insert(d);
        if let Some(schema) = entry.get("schema") {
            walk(schema, &format!("{here}/schema"), true, push, days);
        }
    }
}

/// The schema as it applies on `on`: each block replaced by the part in force that day
/// (one more item of `allOf`), or dropped when none is; with `None`, every block dropped
/// (the period before the first day). Blocks that are not well formed are dropped.
pub fn on_day(schema: &Value, on: Option<NaiveDate>) -> Value {
    rewrite(schema, &|entries| {
        let on = on?;
        entries
            .iter()
            .rev()
            .find(|e| {
                e.get("from")
                    .and_then(Value::as_str)
                    .and_then(day)
                    .is_some_and(|d| d <= on)
            })
            .and_then(|e| e.get("schema"))
            .map(|s| vec![s.clone()])
    })
}

/// The schema with every dated part in place, whatever its day: what a field can be asked
/// on some day (the keywords its `errors` messages may be for).
pub fn every_part(schema: &Value) -> Value {
    rewrite(schema, &|entries| {
        Some(
            entries
                .iter()
                .filter_map(|e| e.get("schema"))
                .cloned()
                .collect(),
        )
    })
}

fn rewrite(v: &Value, pick: &dyn Fn(&[Value]) -> Option<Vec<Value>>) -> Value {
    match v {
        Value::Object(map) => {
            let mut out = Map::new();
            let mut parts = Vec::new();
            for (key, value) in map {
                if key == FROM_DATE {
                    if let Some(entries) = value.as_array() {
                        parts = pick(entries).unwrap_or_default();
                    }
                    continue;
                }
                out.insert(key.clone(), rewrite(value, pick));
            }
            if !parts.is_empty() {
                let all = out
                    .entry("allOf")
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(items) = all {
                    items.extend(parts.iter().map(|p| rewrite(p, pick)));
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(|i| rewrite(i, pick)).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn problems(schema: Value) -> (Vec<NaiveDate>, Vec<String>) {
        let mut found = Vec::new();
        let days = starts(&schema, "/schema", &mut |at, _| found.push(at));
        (days, found)
    }

    fn slips() -> Value {
        json!({"properties": {"n": {"type": "integer", "x-from-date": [
            {"from": "2021-01-01", "schema": {"maximum": 99}},
            {"from": "2027-01-01", "schema": {"maximum": 29}, "$comment": "改正"}
        ]}}})
    }

    #[test]
    fn the_part_in_force_on_the_filing_day_applies() {
        let n = |s: Value| s.pointer("/properties/n").cloned().unwrap();
        assert_eq!(
            n(on_day(&slips(), None)),
            json!({"type": "integer"}),
            "before any day, no part"
        );
        assert_eq!(
            n(on_day(&slips(), Some(d(2026, 12, 31)))),
            json!({"type": "integer", "allOf": [{"maximum": 99}]})
        );
        assert_eq!(
            n(on_day(&slips(), Some(d(2027, 1, 1)))),
            json!({"type": "integer", "allOf": [{"maximum": 29}]})
        );
        assert_eq!(
            n(every_part(&slips())),
            json!({"type": "integer", "allOf": [{"maximum": 99}, {"maximum": 29}]})
        );
    }

    #[test]
    fn days_are_well_formed_and_in_order() {
        assert_eq!(
            problems(slips()),
            (vec![d(2021, 1, 1), d(2027, 1, 1)], vec![])
        );
        let (_, at) = problems(json!({"x-from-date": [
            {"from": "2027-01-01", "schema": {}},
            {"from": "2021-01-01", "schema": {}},
            {"from": "2027-02-30", "schema": {}},
            {"from": "2027-3-1", "schema": {}},
            {"from": "2028-01-01", "schema": {}, "form": 1},
            {"from": "2029-01-01"}
        ]}));
        assert_eq!(
            at,
            [
                "/schema/x-from-date/1/from",
                "/schema/x-from-date/2/from",
                "/schema/x-from-date/3/from",
                "/schema/x-from-date/4",
                "/schema/x-from-date/5"
            ]
        );
        let (_, at) = problems(json!({"x-from-date": {"2027-01-01": {}}}));
        assert_eq!(at, ["/schema/x-from-date"]);
    }

    #[test]
    fn a_dated_part_holds_no_dated_part_nor_window() {
        let (_, at) = problems(json!({"x-from-date": [{"from": "2027-01-01", "schema": {
            "x-from-date": [{"from": "2028-01-01", "schema": {}}],
            "x-date-window": []
        }}]}));
        assert_eq!(
            at,
            [
                "/schema/x-from-date/0/schema/x-date-window",
                "/schema/x-from-date/0/schema/x-from-date"
            ]
        );
    }
}
