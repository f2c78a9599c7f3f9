//! Which questions apply only after some answer. Authors say "required when …" in plain
//! JSON Schema (`allOf` of `if`/`then`); a question that is required only under one such
//! condition, and nowhere else, is a question for the residents that condition picks out.
//! Its condition becomes the field's `show_if` (unless the author wrote one), so pages
//! leave it out, reveal it under its controlling choice, drop a stale answer and keep it
//! off the check page — as they do for an explicit `show_if`.
//!
//! Only conditions a page can test are taken: `const`, `enum`, `not` of either, and
//! `contains` of either (a multiple choice), on one top-level question asked before the
//! dependent one (an earlier step, or earlier on the same step). Anything else leaves the
//! question shown to everyone, as before.

use std::collections::BTreeMap;

use serde_json::Value;

use super::Step;
use super::build::resolve;
use crate::definition::Condition;

/// Sets the derived `show_if` of every top-level field the schema's `if`/`then` clauses
/// make conditional.
pub(super) fn derive(schema: &Value, steps: &mut [Step]) {
    let derived = conditions(schema);
    let order: Vec<String> = steps
        .iter()
        .flat_map(|s| s.fields.iter().map(|f| f.name.clone()))
        .collect();
    let place = |name: &str| order.iter().position(|n| n == name);
    for step in steps.iter_mut() {
        for field in &mut step.fields {
            if field.show_if.is_some() {
                continue;
            }
            let Some(condition) = derived.get(&field.name) else {
                continue;
            };
            let controller = condition.field.trim_start_matches('/');
            let asked_before = match (place(controller), place(&field.name)) {
                (Some(c), Some(f)) => c < f,
                _ => false,
            };
            if asked_before {
                field.show_if = Some(condition.clone());
            }
        }
    }
}

/// Questions whose own `show_if` hides them where the schema requires them: a resident who
/// gives that answer can never file (the page leaves the question out and drops its answer,
/// then the schema asks for it). Each value of the schema's condition on the controlling
/// question must show the question.
pub(super) fn hidden_when_required(
    schema: &Value,
    steps: &[Step],
    problems: &mut Vec<super::ModelProblem>,
) {
    let derived = conditions(schema);
    for (si, step) in steps.iter().enumerate() {
        for (fi, field) in step.fields.iter().enumerate() {
            let (Some(shown), Some(required)) = (&field.show_if, derived.get(&field.name)) else {
                continue;
            };
            if shown.field != required.field {
                continue;
            }
            let values: Vec<&Value> = required.equals.iter().chain(&required.one_of).collect();
            for value in values {
                let answers = answer_at(&required.field, value);
                if !shown.holds(&answers) {
                    problems.push(super::ModelProblem {
                        at: format!("/ui/steps/{si}/fields/{fi}"),
                        message: lint_text!(
                            forms_lint_hidden_when_required,
                            name = field.name.as_str(),
                            controller = required.field.trim_start_matches('/'),
                            value = value.to_string()
                        ),
                    });
                }
            }
        }
    }
}

/// `{"a": value}` for the pointer `/a`.
fn answer_at(pointer: &str, value: &Value) -> Value {
    let mut object = serde_json::Map::new();
    object.insert(pointer.trim_start_matches('/').to_string(), value.clone());
    Value::Object(object)
}

/// What a top-level name is required under: one condition each time a clause requires it,
/// `None` for a requirement no condition can express.
type Requirements = BTreeMap<String, Vec<Option<Condition>>>;

/// The condition under which each top-level question applies, for the questions the
/// root's clauses make conditional (see the module's documentation).
pub fn conditions(schema: &Value) -> BTreeMap<String, Condition> {
    let root = resolve(schema, schema);
    let mut requirements = Requirements::new();
    let always = names(root.get("required"));
    let clauses = root
        .get("allOf")
        .and_then(Value::as_array)
        .map(|a| a.iter().collect::<Vec<_>>())
        .unwrap_or_default();
    for clause in clauses.into_iter().chain(std::iter::once(root)) {
        let clause = resolve(schema, clause);
        let Some(test) = clause.get("if") else {
            continue;
        };
        let condition = condition_of(test);
        for name in names(clause.get("then").and_then(|t| t.get("required"))) {
            requirements
                .entry(name)
                .or_default()
                .push(condition.clone());
        }
        // Required when the test fails: unanswered counts as failing, which no `show_if`
        // can say, so such a question stays shown to everyone.
        for name in names(clause.get("else").and_then(|t| t.get("required"))) {
            requirements.entry(name).or_default().push(None);
        }
    }
    // A question another rule counts on ("phone or email") must stay on the page.
    let mut counted = Vec::new();
    for set in root
        .get("x-at-least-one-of")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        for p in set
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            counted.push(p.trim_start_matches('/').to_string());
        }
    }
    requirements
        .into_iter()
        .filter(|(name, _)| !always.contains(name) && !counted.contains(name))
        .filter_map(|(name, conditions)| Some((name, merge(conditions)?)))
        .filter(|(name, c)| c.field.trim_start_matches('/') != name)
        .collect()
}

/// One condition for every clause that requires a question: the clause's own when there
/// is one; when several, the union of their chosen values on the same question.
fn merge(conditions: Vec<Option<Condition>>) -> Option<Condition> {
    let conditions: Vec<Condition> = conditions.into_iter().collect::<Option<_>>()?;
    let [first, rest @ ..] = conditions.as_slice() else {
        return None;
    };
    if rest.is_empty() {
        return Some(first.clone());
    }
    let mut values = Vec::new();
    for c in &conditions {
        if c.field != first.field || !c.not_in.is_empty() {
            return None;
        }
        for v in c.equals.iter().chain(&c.one_of) {
            if !values.contains(v) {
                values.push(v.clone());
            }
        }
    }
    Some(Condition {
        field: first.field.clone(),
        one_of: values,
        ..Condition::default()
    })
}

/// The `if` of a clause as a condition: one top-level question, which must be answered
/// (`required`), tested with `const`, `enum`, `not` or `contains` of those.
fn condition_of(test: &Value) -> Option<Condition> {
    let props = test.get("properties")?.as_object()?;
    let [(name, schema)] = props.iter().collect::<Vec<_>>()[..] else {
        return None;
    };
    if test
        .as_object()?
        .keys()
        .any(|k| k != "properties" && k != "required")
        || !names(test.get("required")).contains(name)
    {
        return None;
    }
    let field = format!("/{name}");
    let (negated, inner) = match one_keyword(schema)? {
        ("not", inner) => (true, inner),
        _ => (false, schema),
    };
    // On a multiple choice: "one of the chosen values is" (or, negated, "none is").
    let inner = match one_keyword(inner)? {
        ("contains", inner) => inner,
        _ => inner,
    };
    let values = match one_keyword(inner)? {
        ("const", v) => vec![v.clone()],
        ("enum", Value::Array(vs)) => vs.clone(),
        _ => return None,
    };
    Some(if negated {
        Condition {
            field,
            not_in: values,
            ..Condition::default()
        }
    } else {
        Condition {
            field,
            one_of: values,
            ..Condition::default()
        }
    })
}

fn one_keyword(schema: &Value) -> Option<(&str, &Value)> {
    let map = schema.as_object()?;
    match map.iter().collect::<Vec<_>>()[..] {
        [(k, v)] => Some((k.as_str(), v)),
        _ => None,
    }
}

fn names(list: Option<&Value>) -> Vec<String> {
    list.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}
