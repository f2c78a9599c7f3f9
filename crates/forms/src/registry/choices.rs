//! Choices a department writes as `oneOf` / `anyOf` on the root schema: an applicant who is
//! a person OR a company, each with questions of its own. The pages draw properties, so a
//! choice is unfolded into what they already render and check:
//!
//! - the question that tells the branches apart (the *discriminator*: a property every
//!   branch fixes to a value of its own with `const`) becomes a choice among those values
//!   (a property of the root, added as `{"type": "string", "enum": […]}` unless the author
//!   wrote it there; its labels are `ui.fields.<name>.options` as for any choice);
//! - each branch's other properties become properties of the root, asked only when their
//!   branch is chosen (`show_if` on the discriminator, unless the author wrote one);
//! - each branch's `required` becomes "required when this branch is chosen" (an `allOf`
//!   of `if`/`then`), so answers are checked against the chosen branch only, and the
//!   answers of a branch not chosen are dropped like any question that does not apply.
//!
//! A branch that exactly one value selects makes `oneOf` and `anyOf` alike. What cannot be
//! unfolded is told at its place, with what to write instead: branches without a
//! discriminator, a branch with keywords other than `properties` and `required`, one
//! property with two different definitions, a choice inside a question (a group).

use std::collections::BTreeMap;

use madoguchi_core::Localized;
use serde_json::{Map, Value, json};

use crate::definition::{Condition, UiSpec};

/// What a branch may hold besides its properties and required names.
const BRANCH_WORDS: [&str; 6] = [
    "properties",
    "required",
    "type",
    "title",
    "description",
    "$comment",
];

/// Unfolds the root schema's `oneOf` / `anyOf` choices (see the module's documentation);
/// each one that cannot be unfolded is a problem at its pointer, and stays as written.
pub(super) fn unfold(
    schema: &mut Value,
    ui: &mut UiSpec,
    push: &mut impl FnMut(String, Localized),
) {
    for keyword in ["oneOf", "anyOf"] {
        let Some(branches) = schema.get(keyword).and_then(Value::as_array).cloned() else {
            continue;
        };
        // Branches that only constrain questions the schema asks anyway (`"anyOf":
        // [{"required": ["phone"]}, {"required": ["email"]}]`) are checked as written.
        if !adds_questions(schema, &branches) {
            continue;
        }
        let at = format!("/schema/{keyword}");
        match Choice::read(&branches, &at) {
            Ok(choice) => {
                if choice.apply(schema, ui, &at, push)
                    && let Some(root) = schema.as_object_mut()
                {
                    root.remove(keyword);
                }
            }
            Err((pointer, message)) => push(pointer, message),
        }
    }
    nested_choices(schema, "/schema", true, push);
}

/// A choice read from its branches.
struct Choice {
    /// The question that tells the branches apart.
    discriminator: String,
    /// Each branch: its value of the discriminator, its other properties, its required
    /// names (without the discriminator), and whether it requires the discriminator.
    branches: Vec<Branch>,
}

struct Branch {
    value: Value,
    properties: Map<String, Value>,
    required: Vec<String>,
    requires_discriminator: bool,
}

impl Choice {
    fn read(branches: &[Value], at: &str) -> Result<Choice, (String, Localized)> {
        if branches.len() < 2 {
            return Err((at.to_string(), lint_text!(forms_lint_choice_one_branch)));
        }
        for (i, branch) in branches.iter().enumerate() {
            let Some(map) = branch.as_object() else {
                return Err((format!("{at}/{i}"), lint_text!(forms_lint_choice_no_object)));
            };
            if let Some(word) = map.keys().find(|k| !BRANCH_WORDS.contains(&k.as_str())) {
                return Err((
                    format!("{at}/{i}/{word}"),
                    lint_text!(forms_lint_choice_keyword, keyword = word.as_str()),
                ));
            }
            if map.get("type").is_some_and(|t| t != "object") {
                return Err((
                    format!("{at}/{i}/type"),
                    lint_text!(forms_lint_choice_no_object),
                ));
            }
        }
        let discriminator = discriminator_of(branches).ok_or_else(|| {
            (
                at.to_string(),
                lint_text!(forms_lint_choice_no_discriminator),
            )
        })?;
        let branches = branches
            .iter()
            .map(|b| {
                let mut properties = b
                    .get("properties")
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default();
                let value = properties
                    .remove(&discriminator)
                    .and_then(|p| p.get("const").cloned())
                    .unwrap_or(Value::Null);
                let named: Vec<String> = b
                    .get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|n| n.as_str().map(String::from))
                    .collect();
                Branch {
                    value,
                    properties,
                    requires_discriminator: named.contains(&discriminator),
                    required: named.into_iter().filter(|n| *n != discriminator).collect(),
                }
            })
            .collect();
        Ok(Choice {
            discriminator,
            branches,
        })
    }

    /// Writes the choice into the root schema and the questions' UI; false (and problems
    /// pushed) when a property of a branch clashes with another definition of it.
    fn apply(
        &self,
        schema: &mut Value,
        ui: &mut UiSpec,
        at: &str,
        push: &mut impl FnMut(String, Localized),
    ) -> bool {
        let Some(root) = schema.as_object_mut() else {
            return false;
        };
        let values: Vec<Value> = self.branches.iter().map(|b| b.value.clone()).collect();
        let mut properties = root
            .get("properties")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        // The discriminator: the author's question, or a choice among the branches' values.
        match properties.get(&self.discriminator) {
            Some(own) => {
                let offered: Vec<&Value> = match (own.get("enum"), own.get("const")) {
                    (Some(Value::Array(list)), _) => list.iter().collect(),
                    (_, Some(one)) => vec![one],
                    _ => Vec::new(),
                };
                if let Some(missing) = values.iter().find(|v| !offered.contains(v)) {
                    push(
                        format!("/schema/properties/{}", self.discriminator),
                        lint_text!(
                            forms_lint_choice_value_not_offered,
                            name = self.discriminator.as_str(),
                            value = missing.to_string()
                        ),
                    );
                    return false;
                }
            }
            None => {
                properties.insert(
                    self.discriminator.clone(),
                    json!({ "type": "string", "enum": values }),
                );
            }
        }
        // Each branch's own questions, and the values of the discriminator that ask them.
        let mut asked_by: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        let mut clashes = false;
        for (i, branch) in self.branches.iter().enumerate() {
            for (name, prop) in &branch.properties {
                let from_branch = asked_by.contains_key(name);
                match properties.get(name) {
                    Some(existing) if existing != prop => {
                        push(
                            format!("{at}/{i}/properties/{name}"),
                            lint_text!(forms_lint_choice_clash, name = name.as_str()),
                        );
                        clashes = true;
                        continue;
                    }
                    // A question of the root that a branch repeats is asked of everyone.
                    Some(_) if !from_branch => continue,
                    _ => {}
                }
                properties.insert(name.clone(), prop.clone());
                asked_by
                    .entry(name.clone())
                    .or_default()
                    .push(branch.value.clone());
            }
        }
        if clashes {
            return false;
        }
        root.insert("properties".into(), Value::Object(properties));
        if self.branches.iter().all(|b| b.requires_discriminator) {
            let required = root
                .entry("required")
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(list) = required
                && !list.iter().any(|n| n == self.discriminator.as_str())
            {
                list.push(Value::String(self.discriminator.clone()));
            }
        }
        // "Required when this branch is chosen".
        let conditions: Vec<Value> = self
            .branches
            .iter()
            .filter(|b| !b.required.is_empty())
            .map(|b| {
                json!({
                    "if": {
                        "properties": { (self.discriminator.clone()): { "const": b.value } },
                        "required": [self.discriminator],
                    },
                    "then": { "required": b.required },
                })
            })
            .collect();
        if let Value::Array(all) = root.entry("allOf").or_insert_with(|| json!([])) {
            all.extend(conditions);
        }
        // Asked only when their branch is chosen.
        for (name, values) in asked_by {
            if let Some(field) = ui.fields.get_mut(&name)
                && field.show_if.is_none()
            {
                let mut shown = Condition {
                    field: format!("/{}", self.discriminator),
                    equals: None,
                    one_of: Vec::new(),
                    not_in: Vec::new(),
                    answered: None,
                };
                match <[Value; 1]>::try_from(values) {
                    Ok([one]) => shown.equals = Some(one),
                    Err(several) => shown.one_of = several,
                }
                field.show_if = Some(shown);
            }
        }
        true
    }
}

/// Whether a branch declares a property that `object` itself does not have: a question
/// only the branch knows.
fn adds_questions(object: &Value, branches: &[Value]) -> bool {
    let own = object.get("properties").and_then(Value::as_object);
    branches
        .iter()
        .filter_map(|b| b.get("properties").and_then(Value::as_object))
        .flat_map(|p| p.keys())
        .any(|name| own.is_none_or(|own| !own.contains_key(name)))
}

/// The first property (by name) that every branch fixes with `const`, to values that
/// differ from branch to branch.
fn discriminator_of(branches: &[Value]) -> Option<String> {
    let fixed = |branch: &Value, name: &str| -> Option<Value> {
        branch.get("properties")?.get(name)?.get("const").cloned()
    };
    let first = branches.first()?.get("properties")?.as_object()?;
    first.keys().find_map(|name| {
        let values: Vec<Value> = branches
            .iter()
            .map(|b| fixed(b, name))
            .collect::<Option<_>>()?;
        let distinct = values
            .iter()
            .enumerate()
            .all(|(i, v)| !values[..i].contains(v));
        distinct.then(|| name.clone())
    })
}

/// A `oneOf` / `anyOf` anywhere but the root (in a question, a group, an item of a list)
/// is not unfolded: told where it is, and that the root's choices are.
fn nested_choices(schema: &Value, at: &str, root: bool, push: &mut impl FnMut(String, Localized)) {
    let Value::Object(map) = schema else {
        return;
    };
    for (key, value) in map {
        let here = format!("{at}/{key}");
        match key.as_str() {
            "oneOf" | "anyOf" if !root => {
                let branches = value.as_array().map(Vec::as_slice).unwrap_or_default();
                if adds_questions(schema, branches) {
                    push(here, lint_text!(forms_lint_choice_nested));
                }
            }
            "properties" | "$defs" | "definitions" => {
                if let Value::Object(children) = value {
                    for (name, child) in children {
                        nested_choices(child, &format!("{here}/{name}"), false, push);
                    }
                }
            }
            "items" | "then" | "else" | "if" | "not" => nested_choices(value, &here, false, push),
            "allOf" | "oneOf" | "anyOf" | "prefixItems" => {
                for (i, child) in value.as_array().into_iter().flatten().enumerate() {
                    nested_choices(child, &format!("{here}/{i}"), false, push);
                }
            }
            _ => {}
        }
    }
}
