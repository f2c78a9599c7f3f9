//! Past dates are asked one way in every form: a date field whose words say it is a day that
//! has happened (a birth date, 「廃業した日」) must be bounded by today in `x-date-window`,
//! which makes it a 和暦-or-西暦 input, or choose its input with `widget`; and a 和暦-or-西暦
//! input's hint must not ask for 西暦. So a new form cannot bring back a 西暦-only birth date.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use madoguchi_forms::{FieldKind, Form, Problem};
use serde_json::{Value, json};

mod common;
use common::juminhyo;

fn load(definition: Value) -> Result<Form, Vec<Problem>> {
    Form::from_value(Path::new("forms/juminhyo-copy/form.json"), definition)
}

/// The problems at `pointer` (none when the form loads).
fn problems_at(definition: Value, pointer: &str) -> Vec<Problem> {
    match load(definition) {
        Ok(_) => Vec::new(),
        Err(p) => p.into_iter().filter(|p| p.pointer == pointer).collect(),
    }
}

/// juminhyo-copy without the window of its applicant's birth date.
fn without_birth_window() -> Value {
    let mut d = juminhyo();
    let windows = d["schema"]["x-date-window"].as_array_mut().unwrap();
    windows.retain(|w| w["field"] != "/applicant_birth_date");
    d
}

/// juminhyo-copy with one more date question, `closed_on`, labelled `label`.
fn with_date(label: &str, window: Option<Value>) -> Value {
    let mut d = juminhyo();
    d["schema"]["properties"]["closed_on"] = json!({"type": "string", "format": "date"});
    d["ui"]["fields"]["closed_on"] = json!({"label": {"ja": label, "en": "A day"}});
    d["ui"]["steps"][1]["fields"]
        .as_array_mut()
        .unwrap()
        .push(json!("closed_on"));
    if let Some(w) = window {
        d["schema"]["x-date-window"].as_array_mut().unwrap().push(w);
    }
    d
}

#[test]
fn a_birth_date_without_its_window_is_refused_with_the_rule_to_add() {
    let found = problems_at(without_birth_window(), "/ui/fields/applicant_birth_date");
    assert_eq!(found.len(), 1, "{found:?}");
    let message = &found[0].message;
    assert!(
        message
            .ja
            .contains(r#"{"field": "/applicant_birth_date", "not_after": "today"}"#),
        "{message:?}"
    );
    assert!(
        message.en.contains("is a past date") && message.en.contains("x-date-window"),
        "{message:?}"
    );

    // Asked 西暦-only on purpose, or 和暦 without a window: the author chose; accepted.
    for widget in ["date", "wareki-date"] {
        let mut d = without_birth_window();
        d["ui"]["fields"]["applicant_birth_date"]["widget"] = json!(widget);
        let form = load(d).unwrap_or_else(|p| panic!("{widget}: {p:?}"));
        let kind = form.field("/applicant_birth_date").unwrap().kind;
        let want = if widget == "date" {
            FieldKind::Date
        } else {
            FieldKind::WarekiDate
        };
        assert_eq!(kind, want, "{widget}");
    }
}

#[test]
fn a_day_that_has_happened_needs_the_past_window_and_a_planned_day_does_not() {
    let at = "/ui/fields/closed_on";
    assert_eq!(problems_at(with_date("廃業した日", None), at).len(), 1);
    assert_eq!(problems_at(with_date("変更があった日", None), at).len(), 1);
    // With the window it is a 和暦-or-西暦 question.
    let bounded = with_date(
        "廃業した日",
        Some(json!({"field": "/closed_on", "not_after": "today"})),
    );
    let form = load(bounded).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(
        form.field("/closed_on").unwrap().kind,
        FieldKind::WarekiDate
    );
    // A day still to come, or a plan, is not a past date.
    assert!(problems_at(with_date("引っ越しの予定日", None), at).is_empty());
    assert!(problems_at(with_date("来庁する日", None), at).is_empty());
}

#[test]
fn a_hint_asking_for_seireki_on_an_era_input_is_refused() {
    let mut d = juminhyo();
    d["ui"]["fields"]["applicant_birth_date"]["hint"] = json!({
        "ja": "西暦で入力してください。例: 1985年4月1日",
        "en": "For example: 1985 4 1"
    });
    let found = problems_at(d, "/ui/fields/applicant_birth_date/hint");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.en.contains("和暦 or 西暦"), "{found:?}");
    // The shipped hint says both calendars.
    assert!(
        problems_at(juminhyo(), "/ui/fields/applicant_birth_date/hint").is_empty(),
        "juminhyo-copy as shipped"
    );
}
