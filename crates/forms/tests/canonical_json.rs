//! `canonical_json` is the text hashed for a form's version, a filing's digest and an API
//! request's key: it must stay byte for byte what it was (serde_json's compact text of the
//! value with its keys sorted at every level), or every stored hash would stop matching.
//! Checked against that definition on every form and example in `forms/` and on generated
//! values.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::Path;

use madoguchi_forms::registry::canonical_json;
use proptest::prelude::*;
use serde_json::{Map, Value};

/// The definition: a sorted copy, printed compactly by serde_json.
fn reference(v: &Value) -> String {
    fn sorted(v: &Value) -> Value {
        match v {
            Value::Object(map) => {
                let ordered: BTreeMap<&String, Value> =
                    map.iter().map(|(k, v)| (k, sorted(v))).collect();
                let mut out = Map::new();
                for (k, v) in ordered {
                    out.insert(k.clone(), v);
                }
                Value::Object(out)
            }
            Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    sorted(v).to_string()
}

fn json_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            json_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "json") {
            found.push(path);
        }
    }
}

#[test]
fn every_form_and_example_reads_the_same_as_before() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms");
    let mut files = Vec::new();
    json_files(&root, &mut files);
    assert!(
        files.len() > 500,
        "only {} JSON files under forms/",
        files.len()
    );
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let Ok(value) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        assert_eq!(
            canonical_json(&value),
            reference(&value),
            "{}",
            file.display()
        );
    }
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        // Quotes, back-slashes, control characters, non-ASCII and astral characters.
        "[\"\\\\\\x00-\\x1f\\u{7f}あ-ん😀a-z ]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("[\"\\\\\\x00-\\x1fa-zあ-ん]{0,6}", inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn any_value_reads_the_same_as_before(value in any_json()) {
        prop_assert_eq!(canonical_json(&value), reference(&value));
    }
}
