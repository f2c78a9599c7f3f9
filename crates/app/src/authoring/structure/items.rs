//! The questions of a repeatable group's items (each child's name, birth date…): added to
//! the group, edited, moved within it and removed, as the step's questions are. Such a
//! question is named `<group>.<key>` (`children.name`); it lives in the group's item schema
//! (`schema.properties.<group>.items`, or the `$defs` entry it refers to), its texts in
//! `ui.fields.<group>.fields.<key>`, its place in `ui.fields.<group>.order`, and whether it
//! must be answered in the item schema's `required`. Conditions are not set on them here.

use serde_json::Value;

use super::definition::{array_mut, not_found, object_mut};
use super::questions::{check_question, choices_in, key_problem, new_ui, set_texts};
use super::text::done;
use super::{Direction, InputProblem, Problems, QuestionInput, past_dates};
use crate::authoring::question::{self, KindOf, QuestionKind, kind_of};
use madoguchi_i18n::msg;

/// `children.name` → (`children`, `name`): a question of a group's items.
pub(in crate::authoring) fn in_item(key: &str) -> Option<(&str, &str)> {
    key.split_once('.')
}

/// The path to the group's item schema: its `$defs` entry when it refers to one.
fn item_path(def: &Value, group: &str) -> Vec<String> {
    let items = &def["schema"]["properties"][group]["items"];
    match items.get("$ref").and_then(Value::as_str) {
        Some(r) if r.starts_with("#/") => std::iter::once("schema".to_string())
            .chain(
                r[2..]
                    .split('/')
                    .map(|s| s.replace("~1", "/").replace("~0", "~")),
            )
            .collect(),
        _ => ["schema", "properties", group, "items"]
            .map(String::from)
            .to_vec(),
    }
}

fn item_schema<'a>(def: &'a Value, group: &str) -> &'a Value {
    item_path(def, group)
        .iter()
        .fold(def, |v, segment| &v[segment.as_str()])
}

fn with<'a>(path: &'a [String], more: &[&'a str]) -> Vec<&'a str> {
    path.iter()
        .map(String::as_str)
        .chain(more.iter().copied())
        .collect()
}

/// The group is a repeatable group of the definition.
fn is_group(def: &Value, group: &str) -> bool {
    super::definition::kind_at(def, group) == Some(KindOf::Editable(QuestionKind::Repeat))
}

/// The group's questions in the order residents meet them.
pub(in crate::authoring) fn item_keys(def: &Value, group: &str) -> Vec<String> {
    let listed: Vec<String> = def["ui"]["fields"][group]["order"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    if !listed.is_empty() {
        return listed;
    }
    item_schema(def, group)["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// The kind of a question of the group's items.
pub(in crate::authoring) fn item_kind(def: &Value, group: &str, key: &str) -> Option<KindOf> {
    let prop = item_schema(def, group)["properties"].get(key)?;
    Some(kind_of(
        &def["schema"],
        prop,
        &def["ui"]["fields"][group]["fields"][key],
    ))
}

/// The choices of a question of the group's items.
pub(in crate::authoring) fn item_options(
    def: &Value,
    group: &str,
    key: &str,
    kind: KindOf,
) -> Vec<question::ChoiceOption> {
    question::options_of(
        &def["schema"],
        &item_schema(def, group)["properties"][key],
        &def["ui"]["fields"][group]["fields"][key],
        kind,
    )
}

pub(in crate::authoring) fn item_required(def: &Value, group: &str, key: &str) -> bool {
    item_schema(def, group)["required"]
        .as_array()
        .is_some_and(|r| r.iter().any(|k| k.as_str() == Some(key)))
}

fn exists(def: &Value, group: &str, key: &str) -> Result<(), Problems> {
    if is_group(def, group) && item_kind(def, group, key).is_some() {
        Ok(())
    } else {
        Err(not_found(msg::authoring_thing_question::text))
    }
}

fn not_in_item() -> InputProblem {
    InputProblem::phrase("kind", msg::authoring_kind_not_in_item::text)
}

pub(super) fn add_item_question(
    def: &mut Value,
    group: &str,
    key: &str,
    q: &QuestionInput,
) -> Result<(), Problems> {
    let mut problems = Vec::new();
    if !is_group(def, group) {
        problems.push(InputProblem::phrase(
            "step",
            msg::authoring_step_choose::text,
        ));
    }
    problems.extend(key_problem(key, |k| {
        is_group(def, group)
            && (item_kind(def, group, k).is_some()
                || def["ui"]["fields"][group]["fields"].get(k).is_some())
    }));
    let (kind, options) = check_question(q, None, &mut problems);
    if kind.is_some_and(|k| !k.can_be_in_item()) {
        problems.push(not_in_item());
    }
    let Some(kind) = kind else {
        return Err(problems);
    };
    done(problems)?;
    let path = item_path(def, group);
    object_mut(def, &with(&path, &["properties"]))?.insert(key.into(), kind.schema(&options));
    object_mut(def, &["ui", "fields", group, "fields"])?
        .insert(key.into(), new_ui(q, kind, &options));
    let order = item_keys(def, group);
    let list = array_mut(def, &["ui", "fields", group, "order"])?;
    if list.is_empty() {
        // Written out when the group had none, so the new question comes last.
        list.extend(order.into_iter().filter(|k| k != key).map(Value::from));
    }
    list.push(key.into());
    if q.required {
        array_mut(def, &with(&path, &["required"]))?.push(key.into());
    }
    keep_window(def, group, key);
    Ok(())
}

pub(super) fn edit_item_question(
    def: &mut Value,
    group: &str,
    key: &str,
    q: &QuestionInput,
) -> Result<(), Problems> {
    exists(def, group, key)?;
    let current = item_kind(def, group, key);
    let mut problems = Vec::new();
    let (kind, options) = check_question(q, current, &mut problems);
    if kind.is_some_and(|k| !k.can_be_in_item()) {
        problems.push(not_in_item());
    }
    done(problems)?;
    let path = item_path(def, group);
    let prop = item_schema(def, group)["properties"][key].clone();
    let root = def["schema"].clone();
    let ui = object_mut(def, &["ui", "fields", group, "fields", key])?;
    set_texts(ui, q);
    if let Some(kind) = kind {
        let new = if current == Some(KindOf::Editable(kind)) {
            kind.has_options().then(|| {
                question::write_options(ui, &options);
                choices_in(&root, &prop, kind, &options)
            })
        } else {
            question::write_kind_hints(ui, kind, &options);
            Some(kind.schema(&options))
        };
        if let Some(new) = new {
            object_mut(def, &with(&path, &["properties"]))?.insert(key.into(), new);
        }
    }
    let required = array_mut(def, &with(&path, &["required"]))?;
    required.retain(|k| k.as_str() != Some(key));
    if q.required {
        required.push(key.into());
    }
    keep_window(def, group, key);
    Ok(())
}

pub(super) fn move_item_question(
    def: &mut Value,
    group: &str,
    key: &str,
    direction: Direction,
) -> Result<(), Problems> {
    exists(def, group, key)?;
    let mut order = item_keys(def, group);
    if let Some(i) = order.iter().position(|k| k == key) {
        match direction {
            Direction::Up if i > 0 => order.swap(i, i - 1),
            Direction::Down if i + 1 < order.len() => order.swap(i, i + 1),
            _ => {}
        }
    }
    object_mut(def, &["ui", "fields", group])?.insert(
        "order".into(),
        Value::Array(order.into_iter().map(Value::from).collect()),
    );
    Ok(())
}

pub(super) fn remove_item_question(
    def: &mut Value,
    group: &str,
    key: &str,
) -> Result<(), Problems> {
    exists(def, group, key)?;
    let path = item_path(def, group);
    object_mut(def, &with(&path, &["properties"]))?.remove(key);
    array_mut(def, &with(&path, &["required"]))?.retain(|k| k.as_str() != Some(key));
    object_mut(def, &["ui", "fields", group, "fields"])?.remove(key);
    array_mut(def, &["ui", "fields", group, "order"])?.retain(|k| k.as_str() != Some(key));
    past_dates::drop_window_at(def, &pointer(group, key));
    Ok(())
}

/// The question in every item: `/children/*/birth_date`.
fn pointer(group: &str, key: &str) -> String {
    format!("/{}/*/{}", question::escape(group), question::escape(key))
}

fn keep_window(def: &mut Value, group: &str, key: &str) {
    let is_date = item_kind(def, group, key)
        .and_then(KindOf::editable)
        .is_some_and(QuestionKind::is_date);
    let label = def["ui"]["fields"][group]["fields"][key]["label"]["ja"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    past_dates::keep_window_at(def, &pointer(group, key), key, &label, is_date);
}
