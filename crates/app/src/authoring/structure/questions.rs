//! The question edits of the structured editor: add, change, move and remove a question,
//! and the checks of what an author typed for one.

use super::conditions::{is_required, set_required, unrequire};
use super::definition::{array_mut, fields_mut, find_question, key_taken, object_mut, step_index};
use super::past_dates;
use super::*;
use crate::authoring::question;
use crate::authoring::question::{
    ChoiceOption, KindOf, OptionsMistake, QuestionKind, escape, parse_options,
};
use crate::authoring::structure::text::HINT;
use crate::authoring::structure::text::LABEL;
use crate::authoring::structure::text::both_or_none;
use crate::authoring::structure::text::valid_key;
use serde_json::{Map, Value};

/// The kind and choices a question will have after `q` is applied (`current`: its kind
/// now, when editing), or the problems with what was typed.
pub(super) fn check_question(
    q: &QuestionInput,
    current: Option<KindOf>,
    problems: &mut Problems,
) -> (Option<QuestionKind>, Vec<ChoiceOption>) {
    let kind = match (QuestionKind::from_code(&q.kind), current) {
        (Some(k), _) => Some(KindOf::Editable(k)),
        (None, Some(cur)) if cur.code() == q.kind => Some(cur),
        _ => {
            problems.push(InputProblem::phrase(
                "kind",
                msg::authoring_kind_choose::text,
            ));
            None
        }
    };
    both(problems, &q.label, LABEL);
    both_or_none(problems, &q.hint, HINT);
    let mut options = Vec::new();
    if let Some(KindOf::Editable(k)) = kind
        && k.has_options()
    {
        match parse_options(&q.options) {
            Ok(o) => options = o,
            Err(mistake) => problems.push(options_problem(mistake)),
        }
    }
    (kind.and_then(KindOf::editable), options)
}

/// What is wrong with a new question's key: not snake_case, or `taken` already.
pub(super) fn key_problem(key: &str, taken: impl Fn(&str) -> bool) -> Option<InputProblem> {
    if !valid_key(key) {
        Some(InputProblem::phrase(
            "key",
            msg::authoring_key_invalid::text,
        ))
    } else if taken(key) {
        Some(InputProblem::new("key", |lang| {
            t!(lang, authoring_key_taken, key = key)
        }))
    } else {
        None
    }
}

pub(super) fn options_problem(mistake: OptionsMistake) -> InputProblem {
    InputProblem::new("options", |lang| {
        let problem = match &mistake {
            OptionsMistake::None => t!(lang, authoring_options_none).to_string(),
            OptionsMistake::Line(n) => t!(lang, authoring_options_line, line = *n),
            OptionsMistake::Twice(v) => t!(lang, authoring_options_twice, value = v),
        };
        t!(lang, authoring_options, problem = problem)
    })
}

pub(super) fn add_question(
    def: &mut Value,
    step: &str,
    key: &str,
    q: &QuestionInput,
) -> Result<(), Problems> {
    let mut problems = Vec::new();
    let si = step_index(def, step);
    if si.is_none() {
        problems.push(InputProblem::phrase(
            "step",
            msg::authoring_step_choose::text,
        ));
    }
    problems.extend(key_problem(key, |k| key_taken(def, k)));
    let (kind, options) = check_question(q, None, &mut problems);
    let (Some(si), Some(kind)) = (si, kind) else {
        return Err(problems);
    };
    done(problems)?;
    object_mut(def, &["schema", "properties"])?.insert(key.into(), kind.schema(&options));
    object_mut(def, &["ui", "fields"])?.insert(key.into(), new_ui(q, kind, &options));
    fields_mut(def, si)?.push(key.into());
    if q.required {
        array_mut(def, &["schema", "required"])?.push(key.into());
    }
    past_dates::keep_window(def, key);
    Ok(())
}

/// The `ui.fields` entry of a new question: its texts and what its kind needs.
pub(super) fn new_ui(q: &QuestionInput, kind: QuestionKind, options: &[ChoiceOption]) -> Value {
    let mut ui = Map::new();
    set_texts(&mut ui, q);
    question::write_kind_hints(&mut ui, kind, options);
    Value::Object(ui)
}

/// A question's label and hint as typed (no hint when both are empty).
pub(super) fn set_texts(ui: &mut Map<String, Value>, q: &QuestionInput) {
    ui.insert("label".into(), localized(&q.label));
    if q.hint.ja.trim().is_empty() {
        ui.remove("hint");
    } else {
        ui.insert("hint".into(), localized(&q.hint));
    }
}

pub(super) fn edit_question(def: &mut Value, key: &str, q: &QuestionInput) -> Result<(), Problems> {
    find_question(def, key)?;
    in_root(def, key)?;
    let current = kind_at(def, key);
    let mut problems = Vec::new();
    let (kind, options) = check_question(q, current, &mut problems);
    done(problems)?;
    let ui = object_mut(def, &["ui", "fields", key])?;
    set_texts(ui, q);
    if let Some(kind) = kind {
        if current == Some(KindOf::Editable(kind)) {
            if kind.has_options() {
                question::write_options(ui, &options);
                let prop = with_choices(def, key, kind, &options);
                object_mut(def, &["schema", "properties"])?.insert(key.into(), prop);
            }
        } else {
            // Another kind: a new schema (its old limits do not apply to the new kind).
            question::write_kind_hints(ui, kind, &options);
            object_mut(def, &["schema", "properties"])?.insert(key.into(), kind.schema(&options));
        }
    }
    if q.required != is_required(def, key) {
        set_required(def, key, q.required)?;
    }
    past_dates::keep_window(def, key);
    Ok(())
}

/// The question's schema property with new choices (a shared `$ref` is copied, not
/// changed for every question using it).
pub(super) fn with_choices(
    def: &Value,
    key: &str,
    kind: QuestionKind,
    options: &[ChoiceOption],
) -> Value {
    let root = &def["schema"];
    choices_in(root, &root["properties"][key], kind, options)
}

/// `prop` (a property of the schema `root`) with new choices; a `$ref` is copied.
pub(super) fn choices_in(
    root: &Value,
    prop: &Value,
    kind: QuestionKind,
    options: &[ChoiceOption],
) -> Value {
    let mut prop = question::resolve(root, prop).clone();
    let values: Vec<Value> = options
        .iter()
        .map(|o| Value::from(o.value.as_str()))
        .collect();
    if kind == QuestionKind::Checkboxes {
        let mut items = question::resolve(root, &prop["items"]).clone();
        items["enum"] = Value::Array(values);
        prop["items"] = items;
    } else {
        prop["enum"] = Value::Array(values);
    }
    prop
}

pub(super) fn move_question(
    def: &mut Value,
    key: &str,
    direction: Direction,
) -> Result<(), Problems> {
    let (si, fi) = find_question(def, key)?;
    let count = array_mut(def, &["ui", "steps"])?.len();
    let len = fields_mut(def, si)?.len();
    match direction {
        Direction::Up if fi > 0 => fields_mut(def, si)?.swap(fi, fi - 1),
        Direction::Up if si > 0 => {
            let k = fields_mut(def, si)?.remove(fi);
            fields_mut(def, si - 1)?.push(k);
        }
        Direction::Down if fi + 1 < len => fields_mut(def, si)?.swap(fi, fi + 1),
        Direction::Down if si + 1 < count => {
            let k = fields_mut(def, si)?.remove(fi);
            fields_mut(def, si + 1)?.insert(0, k);
        }
        _ => {}
    }
    Ok(())
}

pub(super) fn remove_question(def: &mut Value, key: &str) -> Result<(), Problems> {
    find_question(def, key)?;
    in_root(def, key)?;
    let pointer = format!("/{}", escape(key));
    if def.get("procedure").is_some_and(|p| mentions(p, &pointer)) {
        return Err(vec![InputProblem::phrase(
            "",
            msg::authoring_question_in_settings::text,
        )]);
    }
    for i in 0..array_mut(def, &["ui", "steps"])?.len() {
        fields_mut(def, i)?.retain(|k| k != key);
    }
    object_mut(def, &["schema", "properties"])?.remove(key);
    object_mut(def, &["ui", "fields"])?.remove(key);
    past_dates::drop_window(def, key);
    unrequire(def, key)
}

/// A question of a branch of the root's choices (`oneOf`) is changed in the JSON editor: the
/// structured editor writes the root's properties.
fn in_root(def: &Value, key: &str) -> Result<(), Problems> {
    if crate::authoring::choice_outline::json_only(def, key) {
        return Err(vec![InputProblem::phrase(
            "",
            msg::authoring_question_in_choice::text,
        )]);
    }
    Ok(())
}

/// Whether a string in `v` is `pointer` or points inside it.
pub(super) fn mentions(v: &Value, pointer: &str) -> bool {
    let is = |s: &str| s == pointer || s.starts_with(&format!("{pointer}/"));
    match v {
        Value::String(s) => is(s),
        Value::Array(items) => items.iter().any(|i| mentions(i, pointer)),
        Value::Object(map) => map.iter().any(|(k, v)| is(k) || mentions(v, pointer)),
        _ => false,
    }
}
