//! When a question is shown, and what that means for its being required: the conditions
//! the editor writes, and the check that an edit leaves every condition working.

use madoguchi_core::Localized;
use madoguchi_i18n::{msg, t};
use serde_json::{Value, json};

use super::definition::{
    array_mut, choice_values, find_question, kind_at, label_of, locate, object_mut, question_order,
    step_fields,
};
use super::{InputProblem, Problems};
use crate::authoring::structure::escape;
use crate::authoring::{KindOf, QuestionKind};

pub(in crate::authoring) fn set_condition(
    def: &mut Value,
    key: &str,
    field: &str,
    equals: &str,
) -> Result<(), Problems> {
    let (si, fi) = find_question(def, key)?;
    let wrong = || {
        vec![InputProblem::phrase(
            "when",
            msg::authoring_condition_wrong::text,
        )]
    };
    let position_ok = locate(def, field).is_some_and(|(s, f)| (s, f) < (si, fi));
    let value = match kind_at(def, field).and_then(KindOf::editable) {
        Some(QuestionKind::YesNo) => match equals {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(wrong()),
        },
        Some(k) if k.has_options() => {
            if !choice_values(def, field).iter().any(|v| v == equals) {
                return Err(wrong());
            }
            Value::from(equals)
        }
        _ => return Err(wrong()),
    };
    if !position_ok {
        return Err(wrong());
    }
    object_mut(def, &["ui", "fields", key])?.insert(
        "show_if".into(),
        json!({ "field": format!("/{}", escape(field)), "equals": value }),
    );
    if is_required(def, key) {
        set_required(def, key, true)?;
    }
    Ok(())
}

/// Required (always, or when its condition holds).
pub(in crate::authoring) fn is_required(def: &Value, key: &str) -> bool {
    let listed = |v: &Value| {
        v.as_array()
            .is_some_and(|r| r.iter().any(|k| k.as_str() == Some(key)))
    };
    listed(&def["schema"]["required"])
        || def["schema"]["allOf"]
            .as_array()
            .is_some_and(|all| all.iter().any(|e| listed(&e["then"]["required"])))
}

/// Takes `key` out of `required` and of the `then` of conditional requirements.
pub(in crate::authoring) fn unrequire(def: &mut Value, key: &str) -> Result<(), Problems> {
    array_mut(def, &["schema", "required"])?.retain(|k| k.as_str() != Some(key));
    let schema = object_mut(def, &["schema"])?;
    if let Some(Value::Array(all)) = schema.get_mut("allOf") {
        for entry in all.iter_mut() {
            if let Some(Value::Array(r)) = entry.pointer_mut("/then/required") {
                r.retain(|k| k.as_str() != Some(key));
            }
        }
        all.retain(|e| e["then"] != json!({ "required": [] }));
        if all.is_empty() {
            schema.remove("allOf");
        }
    }
    Ok(())
}

/// Makes `key` required or optional; a required question with a condition is required
/// only when the condition holds.
pub(in crate::authoring) fn set_required(
    def: &mut Value,
    key: &str,
    required: bool,
) -> Result<(), Problems> {
    unrequire(def, key)?;
    object_mut(def, &["ui", "fields", key])?.remove("required_when");
    if !required {
        return Ok(());
    }
    let Some((other, equals)) = simple_condition(def, key) else {
        array_mut(def, &["schema", "required"])?.push(key.into());
        return Ok(());
    };
    let test = if kind_at(def, &other) == Some(KindOf::Editable(QuestionKind::Checkboxes)) {
        json!({ "contains": { "const": equals } })
    } else {
        json!({ "const": equals })
    };
    let when = condition_text(def, &other, &equals);
    array_mut(def, &["schema", "allOf"])?.push(json!({
        "if": { "properties": { other.as_str(): test }, "required": [other] },
        "then": { "required": [key] }
    }));
    object_mut(def, &["ui", "fields", key])?.insert(
        "required_when".into(),
        json!(Localized::from_fn(|lang| {
            t!(lang, authoring_required_when, condition = when.get(lang))
        })),
    );
    Ok(())
}

/// "「犬の大きさ」が「大型犬」" / "“Size of the dog” is “Large”".
pub(in crate::authoring) fn condition_text(def: &Value, other: &str, equals: &Value) -> Localized {
    let label = label_of(def, other);
    let value = match equals {
        Value::Bool(true) => crate::kernel::words::localized(msg::authoring_answer_yes::text),
        Value::Bool(false) => crate::kernel::words::localized(msg::authoring_answer_no::text),
        Value::String(s) => def["ui"]["fields"][other]["options"]
            .get(s)
            .and_then(|l| serde_json::from_value(l.clone()).ok())
            .unwrap_or_else(|| Localized::new(s, s)),
        v => Localized::new(v.to_string(), v.to_string()),
    };
    Localized::from_fn(|lang| {
        t!(
            lang,
            authoring_condition,
            question = label.get(lang),
            answer = value.get(lang),
        )
    })
}

/// A condition the editor can show and write: one earlier answer equal to a value.
pub(in crate::authoring) fn simple_condition(def: &Value, key: &str) -> Option<(String, Value)> {
    let c = def["ui"]["fields"][key]["show_if"].as_object()?;
    if c.len() != 2 {
        return None;
    }
    let field = c.get("field")?.as_str()?.strip_prefix('/')?;
    let equals = c.get("equals")?;
    (!field.contains('/')).then(|| (field.to_string(), equals.clone()))
}

/// What conditions would no longer work, compared before and after an edit.
#[derive(Debug, PartialEq, Eq)]
pub(in crate::authoring) enum ConditionProblem {
    /// The question (or step) depends on one that is not there.
    Missing { of: String, on: String },
    /// It depends on a question placed after it.
    Before { of: String, on: String },
    /// It depends on an answer the other question no longer offers.
    Answer {
        of: String,
        on: String,
        value: Value,
    },
}

impl ConditionProblem {
    pub(in crate::authoring) fn message(&self, def: &Value) -> Localized {
        let name = |k: &str| label_of(def, k);
        match self {
            ConditionProblem::Missing { of, on } => {
                let (a, b) = (name(of), name(on));
                Localized::from_fn(|lang| {
                    t!(
                        lang,
                        authoring_condition_missing,
                        question = a.get(lang),
                        other = b.get(lang),
                    )
                })
            }
            ConditionProblem::Before { of, on } => {
                let (a, b) = (name(of), name(on));
                Localized::from_fn(|lang| {
                    t!(
                        lang,
                        authoring_condition_before,
                        question = a.get(lang),
                        other = b.get(lang),
                    )
                })
            }
            ConditionProblem::Answer { of, on, value } => {
                let (a, when) = (name(of), condition_text(def, on, value));
                Localized::from_fn(|lang| {
                    t!(
                        lang,
                        authoring_condition_answer,
                        question = a.get(lang),
                        condition = when.get(lang),
                    )
                })
            }
        }
    }
}

pub(in crate::authoring) fn condition_problems(def: &Value) -> Vec<ConditionProblem> {
    let order = question_order(def);
    let mut out = Vec::new();
    let mut check = |of: &str, on: &str, position: Option<usize>, equals: Option<&Value>| {
        let at = order.iter().position(|k| k == on);
        match (at, position) {
            (None, _) => out.push(ConditionProblem::Missing {
                of: of.into(),
                on: on.into(),
            }),
            (Some(a), Some(p)) if a >= p => out.push(ConditionProblem::Before {
                of: of.into(),
                on: on.into(),
            }),
            _ => {
                let kind = kind_at(def, on).and_then(KindOf::editable);
                let offered = match (kind, equals) {
                    (Some(QuestionKind::YesNo), Some(v)) => v.is_boolean(),
                    (Some(k), Some(Value::String(v))) if k.has_options() => {
                        choice_values(def, on).contains(v)
                    }
                    (Some(_), Some(_)) => false,
                    _ => true,
                };
                if !offered && let Some(v) = equals {
                    out.push(ConditionProblem::Answer {
                        of: of.into(),
                        on: on.into(),
                        value: v.clone(),
                    });
                }
            }
        }
    };
    for (i, key) in order.iter().enumerate() {
        let c = &def["ui"]["fields"][key]["show_if"];
        if let Some(on) = condition_target(c) {
            check(key, &on, Some(i), c.get("equals"));
        }
    }
    // A step's condition is on answers of earlier steps.
    for (si, step) in def["ui"]["steps"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        if let Some(on) = condition_target(&step["show_if"]) {
            let first = (0..si).map(|s| step_fields(def, s).len()).sum();
            let id = step["id"].as_str().unwrap_or_default();
            check(id, &on, Some(first), None);
        }
    }
    out
}

/// The top-level question a condition is on.
pub(in crate::authoring) fn condition_target(condition: &Value) -> Option<String> {
    let field = condition.get("field")?.as_str()?;
    field.strip_prefix('/').map(|f| {
        f.split('/')
            .next()
            .unwrap_or(f)
            .replace("~1", "/")
            .replace("~0", "~")
    })
}
