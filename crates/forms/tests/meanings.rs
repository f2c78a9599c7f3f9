//! Field meanings (`ui.fields.<f>.meaning`): the lint refuses a meaning it does not know, one
//! on a field that cannot hold it, one inside a group and one used twice; the catalogue's
//! applicant questions carry them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use madoguchi_forms::{Form, Meaning};
use serde_json::json;

mod common;
use common::{has, juminhyo, problems};

#[test]
fn the_catalogue_form_declares_the_applicants_meanings() {
    let form = Form::from_value(Path::new("forms/juminhyo-copy/form.json"), juminhyo()).unwrap();
    let meant: Vec<(String, Meaning)> = form
        .steps()
        .iter()
        .flat_map(|s| s.fields.iter())
        .filter_map(|f| f.meaning.map(|m| (f.name.clone(), m)))
        .collect();
    assert_eq!(meant.len(), Meaning::ALL.len(), "{meant:?}");
    assert!(meant.contains(&("applicant_birth_date".into(), Meaning::ApplicantBirthDate)));
    assert!(
        !meant.iter().any(|(name, _)| name.starts_with("subject_")),
        "the person the certificate is about is not the applicant: {meant:?}"
    );
}

#[test]
fn an_unknown_meaning_is_refused_with_the_known_ones() {
    let mut d = juminhyo();
    d["ui"]["fields"]["applicant_phone"]["meaning"] = json!("applicant.mobile");
    let p = problems(d);
    assert!(
        has(
            &p,
            "/ui/fields/applicant_phone/meaning",
            "not a known meaning. Use one of applicant.name,"
        ),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|p| p.message.ja.contains("定められた意味ではありません"))
    );
}

#[test]
fn a_meaning_on_a_field_that_cannot_hold_it_is_refused() {
    let mut d = juminhyo();
    // A birth date meaning on a text field, an address meaning on a phone number.
    d["ui"]["fields"]["purpose"]["meaning"] = json!("applicant.birth_date");
    d["ui"]["fields"]["applicant_birth_date"]
        .as_object_mut()
        .unwrap()
        .remove("meaning");
    d["ui"]["fields"]["applicant_phone"]["meaning"] = json!("applicant.address");
    d["ui"]["fields"]["applicant_address"]
        .as_object_mut()
        .unwrap()
        .remove("meaning");
    let p = problems(d);
    assert!(
        has(
            &p,
            "/ui/fields/purpose/meaning",
            "needs a field of kind date / wareki-date"
        ),
        "{p:?}"
    );
    assert!(
        has(&p, "/ui/fields/applicant_phone/meaning", "kind group"),
        "{p:?}"
    );
}

#[test]
fn a_meaning_used_twice_in_one_form_is_refused() {
    let mut d = juminhyo();
    d["ui"]["fields"]["subject_name"]["meaning"] = json!("applicant.name");
    let p = problems(d);
    assert!(
        has(
            &p,
            "/ui/fields/subject_name/meaning",
            "is on `applicant_name` already"
        ),
        "{p:?}"
    );
}

#[test]
fn a_meaning_inside_a_group_is_refused() {
    let mut d = juminhyo();
    d["ui"]["fields"]["applicant_address"]["fields"]["city"]["meaning"] =
        json!("applicant.address");
    let p = problems(d);
    assert!(
        has(
            &p,
            "/ui/fields/applicant_address/fields/city/meaning",
            "only a question of the form itself"
        ),
        "{p:?}"
    );
}
