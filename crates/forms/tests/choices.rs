//! A choice a department writes as `oneOf` / `anyOf` (an applicant who is a person OR a
//! company, each with questions of its own) is asked as a choice followed by that branch's
//! questions, checked against the chosen branch only; the answers of the branch not chosen
//! are dropped. What cannot be shown is told with what to write instead (issue 50, item 2).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use madoguchi_core::Lang;
use madoguchi_forms::examples::FILED_ON;
use madoguchi_forms::{FieldKind, Form, FormErrorCode, Problem};
use serde_json::{Value, json};

const ID: &str = "sodai-gomi-jiko-hannyu";

/// A small procedure of the catalogue whose applicant is a person or a company, written as
/// `keyword` (`oneOf` or `anyOf`) on the root schema.
fn with_choice(keyword: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../forms/{ID}/form.json"));
    let mut d: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    d["schema"][keyword] = json!([
        {
            "title": "個人",
            "properties": {
                "applicant_type": { "const": "person" },
                "occupation": { "type": "string", "maxLength": 40 }
            },
            "required": ["applicant_type", "occupation"]
        },
        {
            "title": "法人",
            "properties": {
                "applicant_type": { "const": "company" },
                "company_name": { "type": "string", "maxLength": 60 },
                "representative": { "type": "string", "maxLength": 40 }
            },
            "required": ["applicant_type", "company_name"]
        }
    ]);
    let label = |ja: &str, en: &str| json!({ "ja": ja, "en": en });
    d["ui"]["fields"]["applicant_type"] = json!({
        "label": label("申請する方", "Who is applying"),
        "widget": "radios",
        "options": {
            "person": label("個人", "A person"),
            "company": label("法人", "A company")
        }
    });
    d["ui"]["fields"]["occupation"] = json!({ "label": label("職業", "Occupation") });
    d["ui"]["fields"]["company_name"] = json!({ "label": label("法人名", "Company name") });
    d["ui"]["fields"]["representative"] = json!({ "label": label("代表者名", "Representative") });
    let fields = d["ui"]["steps"][0]["fields"].as_array_mut().unwrap();
    for name in [
        "applicant_type",
        "occupation",
        "company_name",
        "representative",
    ] {
        fields.push(json!(name));
    }
    d
}

fn load(definition: Value) -> Result<Form, Vec<Problem>> {
    Form::from_value(
        Path::new("forms/sodai-gomi-jiko-hannyu/form.json"),
        definition,
    )
}

/// A valid example of the procedure, with the given answers added.
fn answers(extra: Value) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!(
        "../../forms/{ID}/examples/valid/kuzuoka-morning.json"
    ));
    let (_, mut data) = madoguchi_forms::examples::read_valid(&path).unwrap();
    for (k, v) in extra.as_object().unwrap() {
        data[k] = v.clone();
    }
    data
}

fn errors(form: &Form, data: &Value) -> Vec<(String, FormErrorCode)> {
    let data = form.normalize_json(data.clone());
    form.validate(&data, FILED_ON)
        .into_iter()
        .map(|e| (e.pointer, e.code))
        .collect()
}

#[test]
fn a_choice_is_asked_as_a_question_followed_by_its_branch() {
    for keyword in ["oneOf", "anyOf"] {
        let form = load(with_choice(keyword)).unwrap_or_else(|p| panic!("{keyword}: {p:?}"));
        let which = form.field("/applicant_type").unwrap();
        assert_eq!(which.kind, FieldKind::Choice { select: false }, "{keyword}");
        let offered: Vec<&str> = which.options.iter().map(|o| o.value.as_str()).collect();
        assert_eq!(offered, ["person", "company"]);
        assert!(which.required, "every branch requires it");
        for (name, shown_for) in [
            ("/occupation", "person"),
            ("/company_name", "company"),
            ("/representative", "company"),
        ] {
            let condition = form.field(name).unwrap().show_if.unwrap();
            assert_eq!(condition.field, "/applicant_type", "{name}");
            assert_eq!(condition.equals, Some(json!(shown_for)), "{name}");
        }

        // Checked against the chosen branch only.
        let person = answers(json!({ "applicant_type": "person", "occupation": "会社員" }));
        assert_eq!(errors(&form, &person), [], "{keyword}");
        let company =
            answers(json!({ "applicant_type": "company", "company_name": "仙台商事株式会社" }));
        assert_eq!(errors(&form, &company), [], "{keyword}");
        let half = answers(json!({ "applicant_type": "company", "occupation": "会社員" }));
        assert_eq!(
            errors(&form, &half),
            [("/company_name".to_string(), FormErrorCode::Required)],
            "{keyword}"
        );
        let none = answers(json!({}));
        assert_eq!(
            errors(&form, &none),
            [("/applicant_type".to_string(), FormErrorCode::Required)],
            "{keyword}"
        );
        // The other branch's answers are not kept.
        let both = answers(json!({
            "applicant_type": "person",
            "occupation": "会社員",
            "company_name": "仙台商事株式会社"
        }));
        let kept = form.normalize_json(both);
        assert!(kept.get("company_name").is_none(), "{kept}");
        assert_eq!(kept["occupation"], "会社員");
    }
}

#[test]
fn what_cannot_be_shown_is_told_with_what_to_write_instead() {
    let told = |definition: Value| -> Vec<(String, String)> {
        let Err(problems) = load(definition) else {
            panic!("refused")
        };
        problems
            .into_iter()
            .map(|p| (p.pointer, p.message.get(Lang::En).to_string()))
            .collect()
    };
    // No question tells the branches apart.
    let mut d = with_choice("oneOf");
    d["schema"]["oneOf"][1]["properties"]["applicant_type"] = json!({ "type": "string" });
    let problems = told(d);
    assert!(
        problems.iter().any(|(at, m)| at == "/schema/oneOf"
            && m.contains("\"applicant_type\": {\"const\": \"person\"}")),
        "{problems:?}"
    );
    // A rule inside a branch.
    let mut d = with_choice("oneOf");
    d["schema"]["oneOf"][0]["minProperties"] = json!(3);
    let problems = told(d);
    assert!(
        problems
            .iter()
            .any(|(at, m)| at == "/schema/oneOf/0/minProperties" && m.contains("allOf")),
        "{problems:?}"
    );
    // One name, two definitions.
    let mut d = with_choice("oneOf");
    d["schema"]["oneOf"][0]["properties"]["representative"] = json!({ "type": "integer" });
    let problems = told(d);
    assert!(
        problems
            .iter()
            .any(|(at, m)| at == "/schema/oneOf/1/properties/representative"
                && m.contains("one definition")),
        "{problems:?}"
    );
    // A choice inside a group.
    let mut d = with_choice("oneOf");
    let choice = d["schema"]["oneOf"].take();
    d["schema"].as_object_mut().unwrap().remove("oneOf");
    d["schema"]["properties"]["inner"] = json!({ "type": "object", "oneOf": choice });
    let problems = told(d);
    assert!(
        problems
            .iter()
            .any(|(at, m)| at == "/schema/properties/inner/oneOf" && m.contains("root schema")),
        "{problems:?}"
    );
}

#[test]
fn branches_that_only_constrain_asked_questions_are_checked_as_written() {
    // "A phone number or an email address": both are questions of the form already.
    let mut d = with_choice("oneOf");
    d["schema"].as_object_mut().unwrap().remove("oneOf");
    for name in [
        "applicant_type",
        "occupation",
        "company_name",
        "representative",
    ] {
        let fields = d["ui"]["steps"][0]["fields"].as_array_mut().unwrap();
        fields.retain(|f| f != name);
        d["ui"]["fields"].as_object_mut().unwrap().remove(name);
    }
    d["schema"]["anyOf"] = json!([{ "required": ["phone"] }, { "required": ["email"] }]);
    let required = d["schema"]["required"].as_array_mut().unwrap();
    required.retain(|n| n != "phone");
    let form = load(d).unwrap_or_else(|p| panic!("{p:?}"));
    let mut data = answers(json!({}));
    data.as_object_mut().unwrap().remove("phone");
    data.as_object_mut().unwrap().remove("email");
    assert!(!errors(&form, &data).is_empty(), "neither is refused");
    data["email"] = json!("taro@example.jp");
    assert_eq!(errors(&form, &data), []);
}
