//! What the lint tests share: the shipped 住民票 form as JSON to change, and reading the
//! problems the lint finds in a changed copy. Each test binary uses some of it.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use madoguchi_forms::{Form, Problem};
use serde_json::Value;

/// The shipped `juminhyo-copy` definition as Sendai serves it, to change in a test.
pub fn juminhyo() -> Value {
    catalogue_definition("juminhyo-copy")
}

/// A shipped catalogue definition as Sendai (the demo municipality) serves it: a procedure
/// written for every city completed with Sendai's values.
pub fn catalogue_definition(id: &str) -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    madoguchi_forms::template::read_as_city(
        &root.join(format!("forms/{id}/form.json")),
        &root.join("deploy/data/municipalities/sendai.json"),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// The definition in `path` as Sendai serves it (a template completed with its values).
pub fn read_as_sendai(path: &Path) -> Value {
    let sendai =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/data/municipalities/sendai.json");
    madoguchi_forms::template::read_as_city(path, &sendai).unwrap_or_else(|e| panic!("{e}"))
}

/// A shipped catalogue procedure as Sendai serves it.
pub fn catalogue_form(id: &str) -> Form {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../forms/{id}/form.json"));
    Form::from_value(&path, catalogue_definition(id)).unwrap_or_else(|p| panic!("{id}: {p:?}"))
}

/// The problems the lint finds in `definition` (which must have some).
pub fn problems(definition: Value) -> Vec<Problem> {
    Form::from_value(Path::new("forms/juminhyo-copy/form.json"), definition).unwrap_err()
}

/// Whether a problem at `pointer` says `words` in English.
pub fn has(problems: &[Problem], pointer: &str, words: &str) -> bool {
    problems
        .iter()
        .any(|p| p.pointer == pointer && p.message.en.contains(words))
}

/// `d` with `rules` in place of its date windows, except those on birth dates, which stay
/// (the lint asks every past date for its window).
pub fn replace_windows_keeping_birth_dates(d: &mut Value, rules: Vec<Value>) {
    let mut windows = rules;
    windows.extend(
        d["schema"]["x-date-window"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|w| w["field"].as_str().unwrap().ends_with("birth_date"))
            .cloned(),
    );
    d["schema"]["x-date-window"] = Value::Array(windows);
}
