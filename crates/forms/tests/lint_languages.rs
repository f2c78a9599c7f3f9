//! Every lint problem speaks every language: the message is the catalogue's, with its
//! arguments, and each reader (the authoring pages, the API, `forms check --lang`) picks
//! theirs. A message written inline in one language would fail here.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use madoguchi_core::Lang;
use madoguchi_forms::guide::Guide;
use madoguchi_forms::registry::read_definition;
use madoguchi_forms::{Form, Problem};
use serde_json::{Value, json};

mod common;
use common::juminhyo;

fn file() -> &'static Path {
    Path::new("forms/juminhyo-copy/form.json")
}

fn problems(definition: Value) -> Vec<Problem> {
    Form::from_value(file(), definition).unwrap_err()
}

/// Definitions with mistakes found by every part of the lint: the document, the format,
/// keywords, the schema compiler, the field model, the settings, the facts' sources.
fn mistaken() -> Vec<(&'static str, Vec<Problem>)> {
    let mut out = Vec::new();
    for (what, text) in [
        ("a key twice", r#"{"procedure": {}, "procedure": {}}"#),
        ("not JSON", "{\"procedure\": "),
        ("trailing data", "{} {}"),
    ] {
        out.push((what, read_definition(file(), text).unwrap_err()));
    }
    let mut d = juminhyo();
    d["procedure"]["titel"] = json!("x");
    out.push(("an unknown setting", problems(d)));
    let mut d = juminhyo();
    d["schema"]["properties"]["purpose"]["maxLenght"] = json!(3);
    d["schema"]["properties"]["purpose"]["colour"] = json!("x");
    d["schema"]["properties"]["applicant_phone"]["format"] = json!("telephone");
    out.push(("keywords and formats", problems(d)));
    let mut d = juminhyo();
    d["schema"]["properties"]["purpose"]["minLength"] = json!("three");
    out.push(("a schema the compiler refuses", problems(d)));
    let mut d = juminhyo();
    d["ui"]["fields"]["applicant_name"]["label"]["en"] = json!("");
    d["ui"]["steps"][2]["id"] = json!("check");
    d["ui"]["steps"][0]["fields"]
        .as_array_mut()
        .unwrap()
        .push(json!("no_such_field"));
    d["ui"]["fields"].as_object_mut().unwrap().remove("purpose");
    d["schema"]["properties"]["not_on_a_step"] = json!({ "type": "string" });
    d["procedure"]["id"] = json!("another-id");
    out.push(("the field model and the settings", problems(d)));
    let guide = json!({ "events": [
        { "id": "moving", "title": { "ja": "引越し", "en": "Moving" }, "summary": { "ja": "引越し", "en": "Moving" }, "questions": [],
          "items": [{ "procedure": "no-such-procedure", "when": "no_question" }, {}] },
        { "id": "moving", "title": { "ja": "引越し", "en": "Moving" }, "summary": { "ja": "引越し", "en": "Moving" }, "questions": [], "items": [] }
    ]});
    let guide = Guide::from_json(
        Path::new("forms/guide.json"),
        &guide.to_string(),
        &Default::default(),
    );
    out.push(("the life-event guide", guide.unwrap_err()));
    // Examples: too few, one not JSON, invalid ones expecting nothing or the wrong errors.
    let form = Form::from_value(file(), juminhyo()).unwrap();
    let folder = tempfile::tempdir().unwrap();
    let examples = folder.path().join("examples");
    std::fs::create_dir_all(examples.join("valid")).unwrap();
    std::fs::create_dir_all(examples.join("invalid")).unwrap();
    std::fs::write(examples.join("valid/broken.json"), "{").unwrap();
    std::fs::write(examples.join("valid/empty.json"), "{}").unwrap();
    std::fs::write(examples.join("invalid/no-expect.json"), r#"{"data": {}}"#).unwrap();
    std::fs::write(
        examples.join("invalid/nothing.json"),
        r#"{"data": {}, "expect": []}"#,
    )
    .unwrap();
    std::fs::write(
        examples.join("invalid/wrong.json"),
        r#"{"data": {}, "expect": [{"pointer": "/purpose", "code": "too_long"}]}"#,
    )
    .unwrap();
    let (found, _) = madoguchi_forms::examples::check_examples(&form, folder.path());
    out.push(("the examples", found));
    out
}

#[test]
fn every_lint_problem_has_its_message_in_every_language() {
    let mut seen = 0;
    for (what, found) in mistaken() {
        assert!(!found.is_empty(), "{what}: no problem found");
        for p in &found {
            for lang in Lang::ALL {
                let text = p.message.get(lang);
                assert!(!text.trim().is_empty(), "{what}, {lang:?}: {p:?}");
                // A placeholder left unfilled or a message id shown instead of words.
                assert!(
                    !text.contains("{ $") && !text.contains("forms-lint-"),
                    "{what}, {lang:?}: {text}"
                );
            }
            assert_ne!(
                p.message.ja, p.message.en,
                "{what}: one language only: {p:?}"
            );
            assert!(
                !p.message.ja.is_ascii(),
                "{what}: the Japanese message is not Japanese: {}",
                p.message.ja
            );
            seen += 1;
        }
    }
    assert!(
        seen >= 20,
        "only {seen} problems: the mistakes are no longer found"
    );
}

#[test]
fn a_problem_is_shown_in_the_readers_language_with_file_and_pointer() {
    let mut d = juminhyo();
    d["ui"]["steps"][2]["id"] = json!("submit");
    let p = &problems(d)[0];
    assert_eq!(
        p.text(Lang::En),
        "forms/juminhyo-copy/form.json at /ui/steps/2/id: step id `submit` is reserved (it is a page of every form)"
    );
    let ja = p.text(Lang::Ja);
    assert!(
        ja.starts_with("forms/juminhyo-copy/form.json の /ui/steps/2/id: "),
        "{ja}"
    );
    assert!(ja.contains("`submit`") && ja.contains("使えません"), "{ja}");
    // The log of `serve` is in English.
    assert_eq!(p.to_string(), p.text(Lang::En));
}

#[test]
fn a_misspelt_keyword_is_explained_in_japanese_with_the_keyword_meant() {
    let mut d = juminhyo();
    d["schema"]["properties"]["purpose"]["maxLenght"] = json!(3);
    let p = problems(d);
    let found: Vec<_> = p
        .iter()
        .filter(|p| p.pointer == "/schema/properties/purpose/maxLenght")
        .collect();
    assert_eq!(found.len(), 1, "{p:?}");
    assert!(found[0].message.en.contains("Did you mean `maxLength`?"));
    let ja = found[0].message.get(Lang::Ja);
    assert!(
        ja.contains("`maxLenght`") && ja.contains("`maxLength`"),
        "{ja}"
    );
    assert!(!ja.contains("Did you mean"), "{ja}");
}
