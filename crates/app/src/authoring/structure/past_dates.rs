//! A date question whose words say it is a day that has happened (a birth date,
//! 「廃業した日」) is asked in 和暦 or 西暦 and bounded by today: the lint requires its
//! `x-date-window` entry (`madoguchi_forms::registry::reads_as_past`), which an author of
//! the structured editor cannot write. So the editor writes it: adding or changing such a
//! question gives it `{"field": "/<key>", "not_after": "today"}` unless it has a window
//! already, and a question that stops being a date, or is removed, loses its entries (a
//! window on a missing or non-date field is refused by the lint).

use madoguchi_forms::registry::reads_as_past;
use serde_json::{Value, json};

use super::definition::kind_at;
use crate::authoring::question::{KindOf, QuestionKind, escape};

/// After an add or an edit of the top-level question `key`.
pub(super) fn keep_window(def: &mut Value, key: &str) {
    let is_date = kind_at(def, key)
        .and_then(KindOf::editable)
        .is_some_and(QuestionKind::is_date);
    let label = def["ui"]["fields"][key]["label"]["ja"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    keep_window_at(def, &format!("/{}", escape(key)), key, &label, is_date);
}

/// After an add or an edit of the question at `pointer` (`/children/*/birth_date` for a
/// question of a repeatable group's items), keyed `key` and labelled `label` in Japanese.
pub(super) fn keep_window_at(
    def: &mut Value,
    pointer: &str,
    key: &str,
    label: &str,
    is_date: bool,
) {
    if !is_date {
        drop_window_at(def, pointer);
        return;
    }
    if !reads_as_past(key, label) || windows(def).iter().any(|w| w["field"] == *pointer) {
        return;
    }
    let Some(schema) = def.get_mut("schema").and_then(Value::as_object_mut) else {
        return;
    };
    let list = schema
        .entry("x-date-window")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Some(list) = list.as_array_mut() {
        list.push(json!({ "field": pointer, "not_after": "today" }));
    }
}

/// Removes the window entries of the top-level question `key` (and the list when empty).
pub(super) fn drop_window(def: &mut Value, key: &str) {
    drop_window_at(def, &format!("/{}", escape(key)));
}

/// Removes the window entries of the question at `pointer` (and the list when empty).
pub(super) fn drop_window_at(def: &mut Value, pointer: &str) {
    let Some(schema) = def.get_mut("schema").and_then(Value::as_object_mut) else {
        return;
    };
    let empty = match schema
        .get_mut("x-date-window")
        .and_then(Value::as_array_mut)
    {
        Some(list) => {
            list.retain(|w| w["field"] != *pointer);
            list.is_empty()
        }
        None => return,
    };
    if empty {
        schema.remove("x-date-window");
    }
}

fn windows(def: &Value) -> &[Value] {
    def["schema"]["x-date-window"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
}
