//! Reading a definition as JSON, and writing into it: containers are created when absent;
//! one of the wrong type is a definition to fix in the JSON editor.

use madoguchi_core::Localized;
use madoguchi_i18n::{Phrase, msg, t};
use serde_json::{Map, Value};

use super::{InputProblem, Problems};
use crate::authoring::question::kind_of;
use crate::authoring::structure::escape;
use crate::authoring::{KindOf, question};

pub(in crate::authoring) fn steps_of(def: &Value) -> &[Value] {
    def["ui"]["steps"].as_array().map_or(&[], Vec::as_slice)
}

pub(in crate::authoring) fn step_fields(def: &Value, i: usize) -> Vec<String> {
    steps_of(def)
        .get(i)
        .and_then(|s| s["fields"].as_array())
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

/// Every question key, in the order residents meet them.
pub(in crate::authoring) fn question_order(def: &Value) -> Vec<String> {
    (0..steps_of(def).len())
        .flat_map(|i| step_fields(def, i))
        .collect()
}

pub(in crate::authoring) fn step_index(def: &Value, id: &str) -> Option<usize> {
    steps_of(def)
        .iter()
        .position(|s| s["id"].as_str() == Some(id))
}

/// (step, position) of a question.
pub(in crate::authoring) fn locate(def: &Value, key: &str) -> Option<(usize, usize)> {
    (0..steps_of(def).len()).find_map(|si| {
        step_fields(def, si)
            .iter()
            .position(|k| k == key)
            .map(|fi| (si, fi))
    })
}

/// `what`: `authoring-thing-step` or `authoring-thing-question`.
pub(in crate::authoring) fn not_found(what: Phrase) -> Problems {
    vec![InputProblem::new("", |lang| {
        t!(lang, authoring_not_found, what = what(lang))
    })]
}

pub(in crate::authoring) fn find_step(def: &Value, id: &str) -> Result<usize, Problems> {
    step_index(def, id).ok_or_else(|| not_found(msg::authoring_thing_step::text))
}

pub(in crate::authoring) fn find_question(
    def: &Value,
    key: &str,
) -> Result<(usize, usize), Problems> {
    locate(def, key).ok_or_else(|| not_found(msg::authoring_thing_question::text))
}

pub(in crate::authoring) fn key_taken(def: &Value, key: &str) -> bool {
    def["schema"]["properties"].get(key).is_some()
        || def["ui"]["fields"].get(key).is_some()
        || locate(def, key).is_some()
}

pub(in crate::authoring) fn kind_at(def: &Value, key: &str) -> Option<KindOf> {
    let prop = def["schema"]["properties"].get(key)?;
    Some(kind_of(&def["schema"], prop, &def["ui"]["fields"][key]))
}

pub(in crate::authoring) fn choice_values(def: &Value, key: &str) -> Vec<String> {
    let Some(kind) = kind_at(def, key) else {
        return Vec::new();
    };
    question::options_of(
        &def["schema"],
        &def["schema"]["properties"][key],
        &def["ui"]["fields"][key],
        kind,
    )
    .into_iter()
    .map(|o| o.value)
    .collect()
}

/// A question's label (its key when it has none).
pub(in crate::authoring) fn label_of(def: &Value, key: &str) -> Localized {
    serde_json::from_value(def["ui"]["fields"][key]["label"].clone())
        .ok()
        .filter(|l: &Localized| !l.ja.is_empty() || !l.en.is_empty())
        .unwrap_or_else(|| Localized::new(key, key))
}

pub(in crate::authoring) fn shape(at: &str) -> Problems {
    vec![InputProblem::new("", |lang| {
        t!(lang, authoring_shape, at = at)
    })]
}

pub(in crate::authoring) fn object_mut<'a>(
    root: &'a mut Value,
    path: &[&str],
) -> Result<&'a mut Map<String, Value>, Problems> {
    let mut at = String::new();
    let mut current = root;
    for segment in path {
        let map = current.as_object_mut().ok_or_else(|| shape(or_root(&at)))?;
        at.push('/');
        at.push_str(&escape(segment));
        let entry = map.entry(segment.to_string()).or_insert(Value::Null);
        if entry.is_null() {
            *entry = Value::Object(Map::new());
        }
        current = entry;
    }
    current.as_object_mut().ok_or_else(|| shape(or_root(&at)))
}

pub(in crate::authoring) fn array_mut<'a>(
    root: &'a mut Value,
    path: &[&str],
) -> Result<&'a mut Vec<Value>, Problems> {
    let (last, parent) = path.split_last().ok_or_else(|| shape("/"))?;
    let map = object_mut(root, parent)?;
    let entry = map.entry(last.to_string()).or_insert(Value::Null);
    if entry.is_null() {
        *entry = Value::Array(Vec::new());
    }
    entry
        .as_array_mut()
        .ok_or_else(|| shape(&format!("/{}", path.join("/"))))
}

pub(in crate::authoring) fn fields_mut(
    def: &mut Value,
    step: usize,
) -> Result<&mut Vec<Value>, Problems> {
    let at = format!("/ui/steps/{step}/fields");
    let s = array_mut(def, &["ui", "steps"])?
        .get_mut(step)
        .and_then(Value::as_object_mut)
        .ok_or_else(|| shape(&at))?;
    let entry = s.entry("fields").or_insert(Value::Array(Vec::new()));
    entry.as_array_mut().ok_or_else(|| shape(&at))
}

pub(in crate::authoring) fn or_root(at: &str) -> &str {
    if at.is_empty() { "/" } else { at }
}
