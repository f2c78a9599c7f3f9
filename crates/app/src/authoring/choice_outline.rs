//! A choice written as `oneOf` / `anyOf` on the root schema (an applicant who is a person OR
//! a company) as the structured editor shows it: the question that tells the branches apart
//! as a choice among the branches' values, and each branch's questions with the answer that
//! asks them. Their questions live in the branches, not among the root's properties, so they
//! are shown as written in JSON (the forms crate unfolds them for residents,
//! `registry/choices.rs`) and edited there.

use madoguchi_core::Localized;
use serde_json::Value;

use super::question::{self, ChoiceOption, KindOf};
use super::structure::condition_text;

/// Whether `key` is a question of the root's choices the structured editor does not change
/// (it is not among the root's properties).
pub(super) fn json_only(def: &Value, key: &str) -> bool {
    def["schema"]["properties"].get(key).is_none() && in_choice(def, key).is_some()
}

/// What the root's choices say about one question.
pub(super) struct InChoice {
    pub kind: KindOf,
    pub required: bool,
    pub options: Vec<ChoiceOption>,
    /// For a branch's question: when it is asked (「法人・個人の別」が「法人」).
    pub asked_when: Option<Localized>,
}

/// The root's branches, of `oneOf` then `anyOf`.
fn branches(def: &Value) -> impl Iterator<Item = &Value> {
    ["oneOf", "anyOf"]
        .into_iter()
        .filter_map(|k| def["schema"][k].as_array())
        .flatten()
}

/// The property every branch fixes with `const`: the question that tells them apart.
fn discriminator(def: &Value) -> Option<String> {
    let all: Vec<&Value> = branches(def).collect();
    let first = all.first()?.get("properties")?.as_object()?;
    first
        .keys()
        .find(|name| {
            all.iter()
                .all(|b| b["properties"][name.as_str()].get("const").is_some())
        })
        .cloned()
}

/// `key` as the root's choices define it, when the root's properties do not.
pub(super) fn in_choice(def: &Value, key: &str) -> Option<InChoice> {
    let ui = &def["ui"]["fields"][key];
    let disc = discriminator(def)?;
    if disc == key {
        let options = branches(def)
            .filter_map(|b| b["properties"][key]["const"].as_str())
            .map(|v| ChoiceOption {
                value: v.to_string(),
                label: ui["options"][v]
                    .as_object()
                    .and_then(|_| serde_json::from_value(ui["options"][v].clone()).ok())
                    .unwrap_or_else(|| Localized::new(v, v)),
            })
            .collect();
        return Some(InChoice {
            kind: KindOf::Other("radios"),
            required: true,
            options,
            asked_when: None,
        });
    }
    let branch = branches(def).find(|b| b["properties"].get(key).is_some())?;
    let kind = match question::kind_of(&def["schema"], &branch["properties"][key], ui) {
        KindOf::Editable(k) => KindOf::Other(k.code()),
        other => other,
    };
    let required = branch["required"]
        .as_array()
        .is_some_and(|r| r.iter().any(|k| k.as_str() == Some(key)));
    let equals = &branch["properties"][disc.as_str()]["const"];
    Some(InChoice {
        kind,
        required,
        options: Vec::new(),
        asked_when: Some(condition_text(def, &disc, equals)),
    })
}
