//! Booking questions in the definition format (issue 49): a slot of a resource the city
//! defines, answered `<resource>/<start>`; the lint says what a department got wrong, and
//! the answer reads as a date and time wherever it is shown.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use madoguchi_core::Lang;
use madoguchi_forms::{FieldKind, Form, FormErrorCode, Problem};
use serde_json::{Value, json};

mod common;
use common::juminhyo;

/// The resident-record request with a counter visit booked on its payment step: the
/// resource chosen by `relation_to_subject` (asked before it), as many units as copies.
fn with_booking(booking: Value) -> Value {
    let mut d = juminhyo();
    d["schema"]["properties"]["visit"] = json!({"type": "string", "format": "booking-slot"});
    let steps = d["ui"]["steps"].as_array_mut().unwrap();
    steps[2]["fields"]
        .as_array_mut()
        .unwrap()
        .push("visit".into());
    d["ui"]["fields"]["visit"] = json!({
        "label": {"ja": "来庁する日時", "en": "Date and time of your visit"},
        "booking": booking
    });
    d
}

fn options_of(d: &Value, question: &str) -> Vec<String> {
    d["schema"]["properties"][question]["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("{question} has options"))
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

fn options_of_relation() -> Vec<String> {
    options_of(&juminhyo(), "relation_to_subject")
}

fn load(d: Value) -> Result<Form, Vec<Problem>> {
    Form::from_value(Path::new("forms/juminhyo-copy/form.json"), d)
}

fn pointers(problems: &[Problem]) -> Vec<&str> {
    problems.iter().map(|p| p.pointer.as_str()).collect()
}

#[test]
fn a_booking_question_with_its_resource_loads_and_reads_as_a_time() {
    let resources: serde_json::Map<String, Value> = options_of_relation()
        .into_iter()
        .map(|o| (o, "aoba-counter".into()))
        .collect();
    let form = load(with_booking(json!({"resource_from": "/relation_to_subject", "resources": resources, "units_from": "/copies"}))).unwrap();
    let q = form.booking_questions().next().unwrap();
    assert_eq!(q.kind, FieldKind::Booking);
    let answers = json!({"relation_to_subject": options_of_relation()[0], "copies": 3, "visit": "aoba-counter/2027-03-02T09:30"});
    let booked = form.booking_answers(&answers);
    assert_eq!(booked[0].resource.as_deref(), Some("aoba-counter"));
    assert_eq!(booked[0].units, 3);
    assert_eq!(
        booked[0].slot.as_ref().unwrap().to_string(),
        "aoba-counter/2027-03-02T09:30"
    );
    // Shown as a date and time in each language, never as the stored key.
    let shown = madoguchi_forms::display::answer(q, &answers, Lang::Ja).value;
    assert!(
        shown.contains("2027年3月2日") && shown.contains("9時30分"),
        "{shown}"
    );
    let shown = madoguchi_forms::display::answer(q, &answers, Lang::En).value;
    assert!(
        shown.contains("2027") && !shown.contains("aoba-counter"),
        "{shown}"
    );
    // An answer that is no slot is refused on the question.
    let errors = form.validate(
        &json!({"visit": "3月2日の朝"}),
        madoguchi_forms::FilingDay::new(chrono::NaiveDate::from_ymd_opt(2027, 2, 1).unwrap()),
    );
    let e = errors
        .iter()
        .find(|e| e.pointer == "/visit")
        .expect("an error on the question");
    assert_eq!(e.code, FormErrorCode::SlotInvalid);
}

#[test]
fn the_lint_names_what_a_booking_question_lacks() {
    // No booking setting at all.
    let mut d = with_booking(json!({}));
    d["ui"]["fields"]["visit"]
        .as_object_mut()
        .unwrap()
        .remove("booking");
    assert!(pointers(&load(d).unwrap_err()).contains(&"/ui/fields/visit"));
    // Neither a resource nor a question choosing one.
    assert!(
        pointers(&load(with_booking(json!({}))).unwrap_err()).contains(&"/ui/fields/visit/booking")
    );
    // A resource id that cannot be one.
    assert!(
        pointers(&load(with_booking(json!({"resource": "青葉"}))).unwrap_err())
            .contains(&"/ui/fields/visit/booking")
    );
    // A chooser that is not a one-choice question, and an option without a resource.
    let p = load(with_booking(
        json!({"resource_from": "/purpose", "resources": {}}),
    ))
    .unwrap_err();
    assert!(
        pointers(&p).contains(&"/ui/fields/visit/booking/resource_from"),
        "{p:?}"
    );
    let p = load(with_booking(
        json!({"resource_from": "/relation_to_subject", "resources": {}}),
    ))
    .unwrap_err();
    let missing: Vec<_> = p
        .iter()
        .filter(|p| p.pointer == "/ui/fields/visit/booking/resources")
        .collect();
    assert_eq!(missing.len(), options_of_relation().len(), "{p:?}");
    assert!(missing[0].message.ja.contains(&options_of_relation()[0]));
    // A chooser on the booking question's own step: its times could not be listed yet.
    let payment = options_of(&juminhyo(), "payment_method");
    let resources: serde_json::Map<String, Value> = payment
        .into_iter()
        .map(|o| (o, "aoba-counter".into()))
        .collect();
    let p = load(with_booking(
        json!({"resource_from": "/payment_method", "resources": resources}),
    ))
    .unwrap_err();
    assert!(
        pointers(&p).contains(&"/ui/fields/visit/booking/resource_from"),
        "{p:?}"
    );
    // Units from a question that is no whole number.
    let p = load(with_booking(
        json!({"resource": "aoba-counter", "units_from": "/purpose"}),
    ))
    .unwrap_err();
    assert!(
        pointers(&p).contains(&"/ui/fields/visit/booking/units_from"),
        "{p:?}"
    );
    // A booking setting on a question that is not a booking question.
    let mut d = juminhyo();
    d["ui"]["fields"]["purpose"]["booking"] = json!({"resource": "aoba-counter"});
    assert!(pointers(&load(d).unwrap_err()).contains(&"/ui/fields/purpose/booking"));
    // A question named right passes.
    assert!(load(with_booking(json!({"resource": "aoba-counter"}))).is_ok());
}
