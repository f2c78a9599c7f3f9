//! Provenance on the schema's rules. A filing deadline is a fact of law as a fee is: an
//! `x-date-window` rule counted from another answer's date or moved past closed days
//! (「出生の日を含めて14日以内」, 「翌開庁日まで」) carries `sources`, a `to_confirm` note, or
//! both, on the rule itself. `x-age` rules and `x-from-date` entries may carry them too.
//! A window counted only from the filing day (not in the future, at most 60 days ahead) is
//! a plausibility or booking horizon: its provenance is optional.

use madoguchi_core::Localized;
use serde_json::{Map, Value};

use super::{Provenance, ToConfirm, check_one};
use crate::rules::DateWindows;
use crate::rules::from_date::FROM_DATE;

/// The keywords whose rules (objects in a list) may carry `sources` and `to_confirm`.
/// (`x-closed-on` is a list of days, with no room for them.)
const CARRIERS: [&str; 3] = ["x-date-window", "x-age", FROM_DATE];

/// Each rule of `schema` (at the pointer `at`) that may carry provenance: its pointer and
/// its object.
fn rules<'a>(schema: &'a Value, at: &str, out: &mut Vec<(String, &'a Map<String, Value>)>) {
    match schema {
        Value::Object(map) => {
            for (key, value) in map {
                let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                match value {
                    Value::Array(items) if CARRIERS.contains(&key.as_str()) => {
                        for (i, item) in items.iter().enumerate() {
                            if let Value::Object(rule) = item {
                                out.push((format!("{here}/{i}"), rule));
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

/// The lint: each deadline carries its provenance; every provenance a rule carries is
/// checked as a fact's is.
pub(crate) fn check_rules(
    schema: &Value,
    windows: &DateWindows,
    push: &mut impl FnMut(String, Localized),
) {
    let mut found = Vec::new();
    rules(schema, "/schema", &mut found);
    for (at, rule) in &found {
        match carried(rule) {
            Some(Ok(provenance)) => check_one(at, &provenance, push),
            Some(Err(e)) => push(
                at.clone(),
                lint_text!(forms_lint_format, error = e.to_string()),
            ),
            None => {}
        }
    }
    for (i, field) in windows.unsourced_deadlines() {
        push(
            format!("/schema/x-date-window/{i}"),
            lint_text!(forms_lint_deadline_unsourced, field = field),
        );
    }
}

/// The notes of what the city has to confirm that the schema's rules carry, in the order
/// they are written.
pub(crate) fn rule_notes(schema: &Value) -> Vec<ToConfirm> {
    let mut found = Vec::new();
    rules(schema, "/schema", &mut found);
    found
        .into_iter()
        .filter_map(|(at, rule)| {
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
