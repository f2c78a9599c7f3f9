//! Which questions apply: conditions derived from the schema's `if`/`then`, the steps they
//! leave out, the answers they drop.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use madoguchi_forms::Form;
use madoguchi_forms::definition::Condition;
use madoguchi_forms::examples::FILED_ON;
use madoguchi_forms::model::derived_conditions;
use serde_json::{Map, Value, json};

fn form(id: &str) -> Form {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../forms/{id}/form.json"));
    Form::from_value(&path, common::read_as_sendai(&path)).unwrap_or_else(|p| panic!("{p:?}"))
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn when(field: &str, one_of: Value, not_in: Value) -> Condition {
    Condition {
        field: field.into(),
        one_of: serde_json::from_value(one_of).unwrap(),
        not_in: serde_json::from_value(not_in).unwrap(),
        ..Condition::default()
    }
}

#[test]
fn a_question_required_under_one_condition_applies_only_then() {
    let schema = json!({
        "type": "object",
        "required": ["kind", "always"],
        "properties": {},
        "allOf": [
            {"if": {"properties": {"kind": {"const": "other"}}, "required": ["kind"]},
             "then": {"required": ["kind_other", "always"]}},
            {"if": {"properties": {"kind": {"enum": ["a", "b"]}}, "required": ["kind"]},
             "then": {"required": ["ab_detail"]}},
            {"if": {"properties": {"relation": {"not": {"const": "self"}}}, "required": ["relation"]},
             "then": {"required": ["subject_name"]}},
            {"if": {"properties": {"items": {"contains": {"const": "sofa"}}}, "required": ["items"]},
             "then": {"required": ["sofa_size"]}},
            {"if": {"properties": {"method": {"const": "email"}}, "required": ["method"]},
             "then": {"required": ["contact"]}},
            {"if": {"properties": {"method": {"const": "post"}}, "required": ["method"]},
             "then": {"required": ["contact"]}}
        ]
    });
    let derived = derived_conditions(&schema);
    assert_eq!(
        derived["kind_other"],
        when("/kind", json!(["other"]), json!([]))
    );
    assert_eq!(
        derived["ab_detail"],
        when("/kind", json!(["a", "b"]), json!([]))
    );
    assert_eq!(
        derived["subject_name"],
        when("/relation", json!([]), json!(["self"]))
    );
    assert_eq!(
        derived["sofa_size"],
        when("/items", json!(["sofa"]), json!([]))
    );
    // Required by two clauses on the same question: either choice picks it.
    assert_eq!(
        derived["contact"],
        when("/method", json!(["email", "post"]), json!([]))
    );
    // Required for everyone anyway.
    assert!(!derived.contains_key("always"));
    assert_eq!(derived.len(), 5, "{derived:?}");
}

#[test]
fn conditions_no_page_can_test_leave_the_question_for_everyone() {
    let schema = json!({
        "type": "object",
        "properties": {},
        "x-at-least-one-of": [["/phone", "/email"]],
        "allOf": [
            // Two questions in one test.
            {"if": {"properties": {"a": {"const": 1}, "b": {"const": 2}}, "required": ["a", "b"]},
             "then": {"required": ["both"]}},
            // Not a value test.
            {"if": {"properties": {"n": {"minimum": 2}}, "required": ["n"]},
             "then": {"required": ["many"]}},
            // Required when the test fails, unanswered included.
            {"if": {"properties": {"k": {"const": "x"}}, "required": ["k"]},
             "else": {"required": ["not_x"]}},
            // Two different questions pick it.
            {"if": {"properties": {"k": {"const": "x"}}, "required": ["k"]},
             "then": {"required": ["mixed"]}},
            {"if": {"properties": {"j": {"const": "y"}}, "required": ["j"]},
             "then": {"required": ["mixed"]}},
            // Another rule counts on it.
            {"if": {"properties": {"k": {"const": "x"}}, "required": ["k"]},
             "then": {"required": ["phone"]}},
            // Unanswered would match: no `required` in the test.
            {"if": {"properties": {"k": {"const": "z"}}},
             "then": {"required": ["loose"]}}
        ]
    });
    let derived = derived_conditions(&schema);
    assert!(derived.is_empty(), "{derived:?}");
}

#[test]
fn a_step_whose_questions_depend_on_an_earlier_answer_is_skipped_when_none_applies() {
    let form = form("seikatsu-hogo-shinsei");
    let (_, person) = form.step("person").unwrap();
    for field in &person.fields {
        assert_eq!(
            field.show_if,
            Some(when("/applicant_relation", json!([]), json!(["self"]))),
            "{}",
            field.name
        );
    }
    let myself = json!({"applicant_relation": "self"});
    let relative = json!({"applicant_relation": "cohabiting_relative"});
    assert!(!person.is_shown(&myself));
    assert!(person.is_shown(&relative));
    assert_eq!(
        form.next_step("applicant", &myself).unwrap().id,
        "situation"
    );
    assert_eq!(form.next_step("applicant", &relative).unwrap().id, "person");
    assert_eq!(
        form.previous_step("situation", &myself).unwrap().id,
        "applicant"
    );
}

#[test]
fn a_changed_answer_drops_the_answers_that_no_longer_apply() {
    let form = form("seikatsu-hogo-shinsei");
    let mut data: Map<String, Value> = serde_json::from_value(json!({
        "applicant_relation": "cohabiting_relative",
        "person_name": "仙台　花子",
        "person_name_kana": "センダイ　ハナコ"
    }))
    .unwrap();
    let (_, applicant) = form.step("applicant").unwrap();
    form.answer_step(
        applicant,
        &pairs(&[("applicant_relation", "self")]),
        &mut data,
        FILED_ON,
    );
    assert_eq!(data["applicant_relation"], "self");
    assert!(!data.contains_key("person_name"), "{data:?}");
    assert!(!data.contains_key("person_name_kana"), "{data:?}");
    // Nor does the check page list them.
    let data = Value::Object(data);
    let asked: Vec<&str> = form
        .answers(&data, madoguchi_core::Lang::Ja)
        .into_iter()
        .map(|(s, _)| s.id.as_str())
        .collect();
    assert!(!asked.contains(&"person"), "{asked:?}");
}

#[test]
fn a_question_depending_on_its_own_step_stays_on_the_page_under_its_controller() {
    let form = form("juminhyo-copy");
    let (_, request) = form.step("request").unwrap();
    let subject = request
        .fields
        .iter()
        .find(|f| f.name == "subject_name")
        .unwrap();
    assert_eq!(
        subject.show_if,
        Some(when("/relation_to_subject", json!([]), json!(["self"])))
    );
    assert!(request.asks(subject, &json!({"relation_to_subject": "self"})));
    assert_eq!(
        request.controller_of(subject).unwrap().name,
        "relation_to_subject"
    );
    // A question asked before its controller keeps no derived condition.
    let relation = request
        .fields
        .iter()
        .find(|f| f.name == "relation_to_subject")
        .unwrap();
    assert!(relation.show_if.is_none());
}

#[test]
fn a_show_if_that_hides_a_question_where_the_schema_requires_it_is_refused() {
    // 葬祭費: the account is required for both "an account" choices; a `show_if` naming only
    // one of them left whoever chose the other unable to file (the page dropped the account,
    // then the schema asked for it).
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms/kouki-sosaihi/form.json");
    let mut definition: Value = common::read_as_sendai(&path);
    assert!(Form::from_json(&path, &definition.to_string()).is_ok());
    definition["ui"]["fields"]["bank_account"]["show_if"] =
        json!({"field": "/payout_method", "equals": "bank_account"});
    let Err(problems) = Form::from_json(&path, &definition.to_string()) else {
        panic!("a show_if hiding a required question must be refused");
    };
    let text = format!("{problems:?}");
    assert!(
        text.contains("bank_account") && text.contains("other_person_account"),
        "the question and the answer that hides it are named: {text}"
    );
}
