//! Provenance on the schema's rules. An eligibility rule or a deadline is a fact of law (or
//! of the city's practice) as a fee is, and carries `sources`, a `to_confirm` note, or both,
//! on the rule itself:
//! - every `x-age` rule that states a limit (「満15歳以上」, 「年度末に40歳以上」), that is
//!   all but a lone `"min": 0` (born by the day the age is counted on);
//! - every `x-from-date` entry (a change of law from a day);
//! - every `x-date-window` rule that states a period: an end counted from another answer's
//!   date or moved past closed days (「出生の日を含めて14日以内」, 「翌開庁日まで」), or an end
//!   some days, months or years from the filing day (a move date from 10 days before it,
//!   a time bar of 2 years, a booking horizon of 60 days).
//!
//! A window whose ends are only the filing day itself (a birth date not in the future, a
//! visit not in the past) is a plausibility bound: it states nothing to source.

use madoguchi_core::Localized;
use serde_json::{Map, Value};

use super::{Provenance, ToConfirm, check_one};
use crate::rules::DateWindows;
use crate::rules::from_date::FROM_DATE;

/// The keywords whose rules (objects in a list) may carry `sources` and `to_confirm`.
/// (`x-closed-on` is a list of days, with no room for them.)
const CARRIERS: [&str; 3] = [WINDOW, AGE, FROM_DATE];
const WINDOW: &str = "x-date-window";
const AGE: &str = "x-age";

/// One rule that may carry provenance: its keyword, its pointer and its object.
type Rule<'a> = (&'static str, String, &'a Map<String, Value>);

/// Each rule of `schema` (at the pointer `at`) that may carry provenance, the rules inside
/// an `x-from-date` entry's schema included.
fn rules<'a>(schema: &'a Value, at: &str, out: &mut Vec<Rule<'a>>) {
    match schema {
        Value::Object(map) => {
            for (key, value) in map {
                let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                let carrier = CARRIERS.iter().find(|c| **c == key.as_str());
                match (carrier, value) {
                    (Some(keyword), Value::Array(items)) => {
                        for (i, item) in items.iter().enumerate() {
                            if let Value::Object(rule) = item {
                                out.push((keyword, format!("{here}/{i}"), rule));
                                if let Some(schema) = rule.get("schema") {
                                    rules(schema, &format!("{here}/{i}/schema"), out);
                                }
                            }
                        }
                    }
                    _ => rules(value, &here, out),
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                rules(item, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The provenance a rule carries, read as a fact's is; `None` when it carries none.
fn carried(rule: &Map<String, Value>) -> Option<Result<Provenance, serde_json::Error>> {
    let keys: Map<String, Value> = ["sources", "to_confirm"]
        .into_iter()
        .filter_map(|k| rule.get(k).map(|v| (k.to_string(), v.clone())))
        .collect();
    (!keys.is_empty()).then(|| serde_json::from_value(Value::Object(keys)))
}

/// The lint: each age rule, change of law and window that states a period carries its
/// provenance; every provenance a rule carries is checked as a fact's is.
pub(crate) fn check_rules(
    schema: &Value,
    windows: &DateWindows,
    push: &mut impl FnMut(String, Localized),
) {
    let mut found = Vec::new();
    rules(schema, "/schema", &mut found);
    for (keyword, at, rule) in &found {
        match carried(rule) {
            Some(Ok(provenance)) => check_one(at, &provenance, push),
            Some(Err(e)) => push(
                at.clone(),
                lint_text!(forms_lint_format, error = e.to_string()),
            ),
            None if *keyword == FROM_DATE => {
                let day = rule.get("from").and_then(Value::as_str).unwrap_or_default();
                push(
                    at.clone(),
                    lint_text!(forms_lint_change_unsourced, day = day),
                );
            }
            None if *keyword == AGE && states_a_limit(rule) => {
                let field = rule
                    .get("field")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                push(
                    at.clone(),
                    lint_text!(forms_lint_rule_unsourced, rule = AGE, field = field),
                );
            }
            // A window without provenance is judged below, read as the engine reads it.
            None => {}
        }
    }
    for w in windows.unsourced() {
        let at = format!("/schema/x-date-window/{}", w.index);
        let text = if w.deadline {
            lint_text!(forms_lint_deadline_unsourced, field = w.field)
        } else {
            lint_text!(forms_lint_rule_unsourced, rule = WINDOW, field = w.field)
        };
        push(at, text);
    }
}

/// Whether an `x-age` rule states an age limit. A lower limit of 0 alone (`"min": 0`,
/// `"min_months": 0`) says only that the person is born by the day the age is counted on,
/// a plausibility bound as a birth date not in the future is: it states nothing to source.
fn states_a_limit(rule: &Map<String, Value>) -> bool {
    ["min", "max", "min_months", "max_months"]
        .into_iter()
        .filter_map(|k| rule.get(k).map(|v| (k, v)))
        .any(|(k, v)| k.starts_with("max") || v.as_i64() != Some(0))
}

/// The notes of what the city has to confirm that the schema's rules carry, in the order
/// they are written.
pub(crate) fn rule_notes(schema: &Value) -> Vec<ToConfirm> {
    let mut found = Vec::new();
    rules(schema, "/schema", &mut found);
    found
        .into_iter()
        .filter_map(|(_, at, rule)| {
            let note = carried(rule)?.ok()?.to_confirm?;
            let field = rule
                .get("field")
                .and_then(Value::as_str)
                .map(str::to_string);
            Some(ToConfirm { at, field, note })
        })
        .collect()
}

/// Takes out of a definition (the JSON of `forms/<id>/form.json`) every note of what the
/// city has yet to confirm: the facts' and the rules'. What is shown to residents and
/// published through the API carries the sources, never the notes.
pub fn without_notes(definition: &mut Value) {
    if let Some(Value::Object(facts)) = definition.pointer_mut("/procedure/facts") {
        for fact in facts.values_mut() {
            if let Value::Object(fact) = fact {
                fact.remove("to_confirm");
            }
        }
    }
    if let Some(schema) = definition.get_mut("schema") {
        strip_rules(schema);
    }
}

/// [`without_notes`] for the rules of a schema (the keywords [`rules`] reads).
fn strip_rules(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                match value {
                    Value::Array(items) if CARRIERS.contains(&key.as_str()) => {
                        for item in items {
                            if let Value::Object(rule) = item {
                                rule.remove("to_confirm");
                            }
                            // An `x-from-date` entry's schema may hold rules of its own.
                            strip_rules(item);
                        }
                    }
                    _ => strip_rules(value),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(strip_rules),
        _ => {}
    }
}
