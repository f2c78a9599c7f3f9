//! `routing.office_field` and `routing.offices`: the office a resident chooses is tied to
//! the ward their filing is routed to, so the lint wants every option of a one-choice
//! question to have a ward, and no ward for what is not an option.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use madoguchi_forms::{Form, Problem};
use serde_json::{Value, json};

/// The shipped 転入 form, whose visit office is tied to the ward of the new address.
fn tennyu() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms/tennyu-yoyaku/form.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn load(definition: Value) -> Result<Form, Vec<Problem>> {
    Form::from_value(Path::new("forms/tennyu-yoyaku/form.json"), definition)
}

fn has(problems: &[Problem], pointer: &str, words: &str) -> bool {
    problems
        .iter()
        .any(|p| p.pointer == pointer && p.message.en.contains(words))
}

#[test]
fn the_shipped_form_ties_every_visit_office_to_a_ward() {
    let form = load(tennyu()).unwrap();
    let routing = form.settings().routing.as_ref().unwrap();
    assert_eq!(routing.office_field.as_deref(), Some("/visit_office"));
    assert_eq!(routing.offices["miyagi_branch"], routing.offices["aoba"]);
    assert_eq!(routing.offices["akiu_branch"], routing.offices["taihaku"]);
}

#[test]
fn an_option_without_a_ward_is_refused() {
    let mut d = tennyu();
    d["procedure"]["routing"]["offices"]
        .as_object_mut()
        .unwrap()
        .remove("akiu_branch");
    let p = load(d).unwrap_err();
    assert!(
        has(
            &p,
            "/procedure/routing/offices",
            "`akiu_branch` of `/visit_office` has no ward"
        ),
        "{p:?}"
    );
}

#[test]
fn a_ward_for_what_is_not_an_option_is_refused() {
    let mut d = tennyu();
    d["procedure"]["routing"]["offices"]["ekimae"] = json!("04101");
    let p = load(d).unwrap_err();
    assert!(
        has(
            &p,
            "/procedure/routing/offices/ekimae",
            "`ekimae` is not an option of `/visit_office`"
        ),
        "{p:?}"
    );
}

#[test]
fn an_office_field_that_is_not_a_one_choice_question_is_refused() {
    for pointer in ["/visit_date", "/related_procedures", "/no_such_question"] {
        let mut d = tennyu();
        d["procedure"]["routing"]["office_field"] = json!(pointer);
        let p = load(d).unwrap_err();
        assert!(
            has(
                &p,
                "/procedure/routing/office_field",
                "is not a question with one choice"
            ),
            "{pointer}: {p:?}"
        );
    }
}

#[test]
fn offices_without_their_question_are_refused() {
    let mut d = tennyu();
    d["procedure"]["routing"]
        .as_object_mut()
        .unwrap()
        .remove("office_field");
    let p = load(d).unwrap_err();
    assert!(
        has(
            &p,
            "/procedure/routing/offices",
            "needs `routing.office_field`"
        ),
        "{p:?}"
    );
}
