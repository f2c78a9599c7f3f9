//! Checks of the field model the pages rely on: messages for keywords a field really uses,
//! and answers the pages can show.
//!
//! **Schemas the pages cannot render are refused, not rendered.** The pages draw an
//! object's `properties` (in the order of its UI hints) and nothing else: a property or a
//! `required` name that appears only inside `oneOf`, `anyOf`, `allOf`, `if`/`then`/`else`
//! or `dependentSchemas` has no label and no input, so a branch that requires it could
//! never be satisfied; so such a name must also be a property of the object, where the
//! page shows it, and the branch may then constrain it. (A choice between sets of
//! questions on the root schema is unfolded into such properties before this check:
//! `registry/choices.rs`.)

use std::collections::BTreeSet;

use serde_json::Value;

use super::build::{Ctx, resolve};
use super::{FieldKind, ModelProblem};
use crate::definition::FieldUi;
use crate::registry::nearest;
use crate::rules;

/// Keywords whose value is one subschema applying to the same instance.
const IN_PLACE: [&str; 4] = ["if", "then", "else", "not"];
/// Keywords whose value is a list of subschemas applying to the same instance.
const IN_PLACE_LISTS: [&str; 3] = ["allOf", "anyOf", "oneOf"];
/// Deepest nesting followed through references (a reference may point at itself).
const MAX_NESTING: usize = 32;

/// Refuses `errors` keys for keywords the field does not use: such a message is never
/// shown. A field uses the keywords of its own schema (and of its items), those a
/// condition of the enclosing object puts on it, the rules of the form that name fields,
/// and those every field can fail (`required`, `type`, `invalid`, `x-hidden-character`).
pub(super) fn check_error_keys(
    ctx: &Ctx<'_>,
    name: &str,
    schema: &Value,
    ui: &FieldUi,
    kind: &FieldKind,
    problems: &mut Vec<ModelProblem>,
) {
    if ui.errors.is_empty() {
        return;
    }
    let mut used: BTreeSet<String> = ["required", "type", "invalid", "x-hidden-character"]
        .into_iter()
        .map(String::from)
        .collect();
    keywords_of(ctx.root, schema, &mut used, 0);
    let key = name.rsplit('.').next().unwrap_or(name);
    conditions_on(ctx.root, ctx.parent, key, &mut used, 0);
    let mut everywhere = BTreeSet::new();
    all_keys(ctx.root, &mut everywhere);
    for rule in rules::KEYWORDS {
        if everywhere.contains(rule) {
            used.insert(rule.to_string());
        }
    }
    if *kind == FieldKind::PostalCode {
        used.insert("postal-code".into());
    }
    if matches!(kind, FieldKind::Date | FieldKind::WarekiDate) {
        used.insert("format".into());
    }
    // A value outside the allowed ones fails `enum`, or `const` on a yes/no question that
    // must be answered one way: either key holds the message (see `errors::message`).
    if used.contains("enum") || used.contains("const") {
        used.extend(["enum".to_string(), "const".to_string()]);
    }
    let known: Vec<&str> = used.iter().map(String::as_str).collect();
    for key in ui.errors.keys() {
        if used.contains(key) {
            continue;
        }
        let message = match nearest(key, &known) {
            Some(near) => lint_text!(
                forms_lint_unknown_error_key_near,
                key = key,
                field = name,
                near = near,
            ),
            None => lint_text!(
                forms_lint_unknown_error_key,
                key = key,
                field = name,
                keywords = known.join(", "),
            ),
        };
        problems.push(ModelProblem {
            at: format!("{}/errors/{key}", ctx.ui_at),
            message,
        });
    }
}

/// The keywords of `schema` and of the subschemas that apply to the same value or to its
/// items — not its properties, which are fields of their own.
fn keywords_of(root: &Value, schema: &Value, out: &mut BTreeSet<String>, depth: usize) {
    let schema = resolve(root, schema);
    let Value::Object(map) = schema else {
        return;
    };
    if depth > MAX_NESTING {
        return;
    }
    for (key, value) in map {
        out.insert(key.clone());
        match key.as_str() {
            k if IN_PLACE.contains(&k) || k == "items" || k == "contains" => {
                keywords_of(root, value, out, depth + 1)
            }
            k if IN_PLACE_LISTS.contains(&k) => {
                for sub in value.as_array().into_iter().flatten() {
                    keywords_of(root, sub, out, depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// The keywords the conditions of an object (`if`/`then`, `allOf`…) put on its property
/// `key`.
fn conditions_on(
    root: &Value,
    object: &Value,
    key: &str,
    out: &mut BTreeSet<String>,
    depth: usize,
) {
    if depth > MAX_NESTING {
        return;
    }
    for sub in in_place_subschemas(root, object) {
        if let Some(prop) = sub.get("properties").and_then(|p| p.get(key)) {
            keywords_of(root, prop, out, depth + 1);
        }
        conditions_on(root, sub, key, out, depth + 1);
    }
}

fn in_place_subschemas<'a>(root: &'a Value, object: &'a Value) -> Vec<&'a Value> {
    let object = resolve(root, object);
    let mut subs: Vec<&Value> = IN_PLACE.iter().filter_map(|k| object.get(*k)).collect();
    for k in IN_PLACE_LISTS {
        subs.extend(
            object
                .get(k)
                .and_then(Value::as_array)
                .into_iter()
                .flatten(),
        );
    }
    subs.into_iter().map(|s| resolve(root, s)).collect()
}

fn all_keys(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                out.insert(k.clone());
                all_keys(v, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| all_keys(v, out)),
        _ => {}
    }
}

/// Refuses names an object's branches declare or require that the object itself does not
/// have as properties (the pages show only properties), and `required` names that are no
/// property at all. See the module's documentation for why this is refused, not rendered.
pub(super) fn check_unrendered(
    root: &Value,
    object: &Value,
    at: &str,
    problems: &mut Vec<ModelProblem>,
) {
    let object = resolve(root, object);
    let shown: BTreeSet<&str> = object
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let mut missing = BTreeSet::new();
    for name in names(object, "required") {
        if !shown.contains(name) {
            missing.insert((name.to_string(), "required"));
        }
    }
    branch_names(root, object, &shown, None, &mut missing, 0);
    for (name, keyword) in missing {
        problems.push(ModelProblem {
            at: at.to_string(),
            message: lint_text!(forms_lint_unrendered, name = name, keyword = keyword),
        });
    }
}

fn branch_names(
    root: &Value,
    object: &Value,
    shown: &BTreeSet<&str>,
    keyword: Option<&'static str>,
    missing: &mut BTreeSet<(String, &'static str)>,
    depth: usize,
) {
    if depth > MAX_NESTING {
        return;
    }
    if let Some(keyword) = keyword {
        let declared = object
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|p| p.keys().map(String::as_str));
        for name in declared.chain(names(object, "required")) {
            if !shown.contains(name) {
                missing.insert((name.to_string(), keyword));
            }
        }
    }
    for k in IN_PLACE {
        if let Some(sub) = object.get(k) {
            let k = keyword.unwrap_or(k);
            branch_names(root, resolve(root, sub), shown, Some(k), missing, depth + 1);
        }
    }
    for k in IN_PLACE_LISTS {
        for sub in object
            .get(k)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let k = keyword.unwrap_or(k);
            branch_names(root, resolve(root, sub), shown, Some(k), missing, depth + 1);
        }
    }
    if let Some(deps) = object.get("dependentSchemas").and_then(Value::as_object) {
        for sub in deps.values() {
            let k = keyword.unwrap_or("dependentSchemas");
            branch_names(root, resolve(root, sub), shown, Some(k), missing, depth + 1);
        }
    }
}

fn names<'a>(object: &'a Value, keyword: &str) -> impl Iterator<Item = &'a str> {
    object
        .get(keyword)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
}
