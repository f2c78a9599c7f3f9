use std::path::Path;

use serde_json::{Value, json};

use crate::Form;

fn form(duplicates: Value) -> Result<Form, Vec<String>> {
    let definition = json!({
        "procedure": {
            "id": "nursery-test", "title": {"ja": "t", "en": "t"}, "summary": {"ja": "s", "en": "s"},
            "category": "child-care", "department": "kodomo", "identity": "none",
            "processing_days": null, "legal_basis": "x",
            "facts": {"legal_basis": {"to_confirm": "which article"}},
            "retention": "5y", "who_may_file": {"ja": "w", "en": "w"}, "what_to_prepare": [],
            "result_delivery": {"ja": "r", "en": "r"},
            "duplicates": duplicates
        },
        "schema": {
            "type": "object", "additionalProperties": false,
            "properties": {
                "name": {"type": "string", "maxLength": 50},
                "birth": {"type": "string", "format": "date"},
                "child": {"type": "string", "maxLength": 50},
                "note": {"type": "string", "maxLength": 50},
                "others": {"type": "array", "maxItems": 3, "items": {"type": "object", "additionalProperties": false, "properties": {"who": {"type": "string", "maxLength": 10}}}}
            },
            "required": ["name", "birth", "child"]
        },
        "ui": {
            "steps": [{"id": "who", "title": {"ja": "a", "en": "a"}, "fields": ["name", "birth", "child", "note", "others"]}],
            "fields": {
                "name": {"label": {"ja": "氏名", "en": "Name"}, "meaning": "applicant.name"},
                "birth": {"label": {"ja": "生年月日", "en": "Date of birth"}, "meaning": "applicant.birth_date", "hint": {"ja": "例: 1990年4月1日", "en": "For example 1990 4 1"}, "autocomplete": "bday", "widget": "date"},
                "child": {"label": {"ja": "お子さんの氏名", "en": "Child's name"}},
                "note": {"label": {"ja": "備考", "en": "Note"}},
                "others": {"label": {"ja": "ほかの方", "en": "Others"}, "item_label": {"ja": "方", "en": "Person"},
                           "fields": {"who": {"label": {"ja": "氏名", "en": "Name"}}}}
            }
        }
    });
    Form::from_value(Path::new("nursery-test/form.json"), definition)
        .map_err(|ps| ps.into_iter().map(|p| p.pointer).collect())
}

#[test]
fn the_same_person_and_child_written_differently_are_the_same_filing() {
    let form = form(json!({"keys": ["/child"]})).expect("the rule passes the lint");
    let a =
        json!({"name": "山田 太郎", "birth": "1990-04-01", "child": "山田 はなこ", "note": "a"});
    let b =
        json!({"name": "山田　太郎", "birth": "1990-04-01", "child": "山田　ハナコ", "note": "b"});
    let other_child = json!({"name": "山田太郎", "birth": "1990-04-01", "child": "山田 じろう"});
    let other_person = json!({"name": "山田太郎", "birth": "1991-04-01", "child": "山田 はなこ"});
    let basis = form.duplicate_basis(&a).expect("the applicant is named");
    assert!(basis.starts_with("nursery-test\n"), "{basis}");
    // Widths, spaces and kana are folded; a note the rule does not name plays no part.
    assert_eq!(form.duplicate_basis(&b), Some(basis.clone()));
    assert_ne!(form.duplicate_basis(&other_child), Some(basis.clone()));
    assert_ne!(form.duplicate_basis(&other_person), Some(basis));
    assert_eq!(form.duplicate_pointer().as_deref(), Some("/child"));
}

#[test]
fn without_an_applicant_there_is_nothing_to_compare() {
    let by_meaning = form(json!({})).expect("the meanings name the applicant");
    assert_eq!(
        by_meaning.duplicate_basis(&json!({"name": " ", "birth": "1990-04-01"})),
        None
    );
    assert_eq!(by_meaning.duplicate_pointer().as_deref(), Some("/name"));
    let plain = form(Value::Null).expect("no rule");
    assert_eq!(
        plain.duplicate_basis(&json!({"name": "a", "birth": "1990-04-01"})),
        None
    );
}

#[test]
fn the_lint_refuses_what_cannot_be_compared() {
    let problems = form(json!({"keys": ["/nothing", "/others"], "applicant": ["/name"]}))
        .expect_err("two faults");
    assert_eq!(
        problems,
        vec![
            "/procedure/duplicates/keys/0".to_string(),
            "/procedure/duplicates/keys/1".to_string()
        ]
    );
    let wrong = form(json!({"second_filing": "refused"})).expect_err("an unknown mode");
    assert!(!wrong.is_empty());
}
