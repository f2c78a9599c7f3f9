//! Runs every example submission beside every form under `forms/` through the engine:
//! valid ones must pass, invalid ones must fail with exactly the errors they state.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use madoguchi_forms::{FormErrorCode, FormRegistry};
use serde_json::Value;

fn forms_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms")
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    files
}

#[test]
fn every_form_loads_and_every_example_behaves_as_stated() {
    let registry = FormRegistry::load_dir(&forms_dir()).unwrap_or_else(|e| panic!("{e}"));
    assert!(!registry.is_empty());
    let mut checked = 0;
    for form in registry.all() {
        let examples = forms_dir().join(form.id()).join("examples");
        let valid = json_files(&examples.join("valid"));
        let invalid = json_files(&examples.join("invalid"));
        assert!(!valid.is_empty(), "{} has no valid examples", form.id());
        assert!(!invalid.is_empty(), "{} has no invalid examples", form.id());
        for path in valid {
            let data: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let errors = form.validate(&data);
            assert!(
                errors.is_empty(),
                "{}: expected valid, got {errors:?}",
                path.display()
            );
            checked += 1;
        }
        for path in invalid {
            let example: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let errors = form.validate(&example["data"]);
            let got: Vec<(String, String)> = errors
                .iter()
                .map(|e| (e.pointer.clone(), e.code.code().to_string()))
                .collect();
            let want: Vec<(String, String)> = example["expect"]
                .as_array()
                .unwrap_or_else(|| panic!("{}: no expect list", path.display()))
                .iter()
                .map(|e| {
                    (
                        e["pointer"].as_str().unwrap().into(),
                        e["code"].as_str().unwrap().into(),
                    )
                })
                .collect();
            assert_eq!(got, want, "{}", path.display());
            for e in &errors {
                let m = form.message(e);
                assert!(
                    !m.ja.is_empty() && !m.en.is_empty(),
                    "{}: {e:?}",
                    path.display()
                );
                assert_ne!(
                    e.code,
                    FormErrorCode::WrongType,
                    "{}: {e:?}",
                    path.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 4);
}
