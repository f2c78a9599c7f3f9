//! What the lint tests share: the shipped 住民票 form as JSON to change, and reading the
//! problems the lint finds in a changed copy. Each test binary uses some of it.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use madoguchi_forms::{Form, Problem};
use serde_json::Value;

/// The shipped `juminhyo-copy` definition, to change in a test.
pub fn juminhyo() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms/juminhyo-copy/form.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
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
