//! `x-date-window` ends counted from another date of the same filing (a visit within 14
//! days of the move), on the 転入 form with the rule written here: the boundary days, the
//! message in both languages, and what the lint refuses.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use chrono::NaiveDate;
use madoguchi_core::Lang;
use madoguchi_forms::{Form, Problem};
use serde_json::{Value, json};

mod common;

fn definition() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms/tennyu-yoyaku/form.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn answers() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../forms/tennyu-yoyaku/examples/valid/family-from-abroad.json");
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let map = v.as_object_mut().unwrap();
    map.retain(|k, _| !k.starts_with('$'));
    v
}

/// The form with `rules` in place of its visit-date windows; its birth dates keep theirs
/// (the lint asks every past date for its window).
fn with_windows(rules: Value) -> Result<Form, Vec<Problem>> {
    windows_on(definition(), rules)
}

fn windows_on(mut d: Value, rules: Value) -> Result<Form, Vec<Problem>> {
    // The rules here are about counting: each carries a note where a deadline needs its
    // provenance (`provenance.rs` tests that).
    let mut windows: Vec<Value> = rules.as_array().unwrap().clone();
    for rule in &mut windows {
        if let Some(rule) = rule.as_object_mut().filter(|r| !r.contains_key("sources")) {
            rule.insert("to_confirm".into(), json!("a rule written for this test"));
        }
    }
    common::replace_windows_keeping_birth_dates(&mut d, windows);
    Form::from_value(Path::new("forms/tennyu-yoyaku/form.json"), d)
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The window errors (only) for a move on `moved` and a visit on `visit`, filed on `filed`.
fn window_errors(form: &Form, moved: &str, visit: &str, filed: &str) -> Vec<(String, String)> {
    let mut data = answers();
    data["residence_start_date"] = json!(moved);
    data["visit_date"] = json!(visit);
    form.validate(&data, day(filed))
        .into_iter()
        .filter(|e| e.code.code().starts_with("date_too"))
        .map(|e| (e.pointer.clone(), form.message_in(&e, Lang::Ja)))
        .collect()
}

fn within_14_days() -> Form {
    with_windows(json!([
        {"field": "/visit_date", "not_before": "today",
         "not_after": {"field": "/residence_start_date", "days": 14}}
    ]))
    .unwrap()
}

#[test]
fn day_14_after_the_move_is_accepted_and_day_15_refused_with_the_date() {
    let form = within_14_days();
    // Moved 1 April: 15 April is day 14, 16 April day 15.
    assert_eq!(
        window_errors(&form, "2027-04-01", "2027-04-15", "2027-04-02"),
        []
    );
    assert_eq!(
        window_errors(&form, "2027-04-01", "2027-04-01", "2027-04-01"),
        []
    );
    let late = window_errors(&form, "2027-04-01", "2027-04-16", "2027-04-02");
    assert_eq!(
        late,
        [(
            "/visit_date".to_string(),
            "来庁予定日は今日（2027年4月2日）から新しい住所に住み始めた日(予定日)の14日後（2027年4月15日）までの日付を入力してください".to_string()
        )]
    );
    let mut data = answers();
    data["residence_start_date"] = json!("2027-04-01");
    data["visit_date"] = json!("2027-04-16");
    let e = form
        .validate(&data, day("2027-04-02"))
        .into_iter()
        .find(|e| e.pointer == "/visit_date")
        .unwrap();
    assert_eq!(e.code.code(), "date_too_late");
    assert_eq!(e.related.as_deref(), Some("2027-04-02..2027-04-15"));
    assert_eq!((e.lower, e.limit), (Some(0), Some(14)));
    assert_eq!(e.limit_field.as_deref(), Some("/residence_start_date"));
    assert_eq!(e.lower_field, None);
    assert_eq!(
        form.message_in(&e, Lang::En),
        "Planned visit date must be between today (2 Apr 2027) and 14 days after Date you started (or will start) living there (15 Apr 2027)"
    );
}

#[test]
fn an_end_counted_from_an_unanswered_date_is_left_open() {
    let form = within_14_days();
    let mut data = answers();
    data.as_object_mut().unwrap().remove("residence_start_date");
    data["visit_date"] = json!("2027-12-31");
    let errors = form.validate(&data, day("2027-04-02"));
    assert!(
        errors.iter().all(|e| e.pointer != "/visit_date"),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.pointer == "/residence_start_date" && e.code.code() == "required"),
        "{errors:?}"
    );
}

#[test]
fn days_before_another_date_and_the_day_itself() {
    // A 転出-like rule: the visit at most 14 days before the move and not after it (the
    // form's own date order, visit not before the move, taken out for this).
    let mut d = definition();
    d["schema"].as_object_mut().unwrap().remove("x-date-order");
    let form = windows_on(
        d,
        json!([
            {"field": "/visit_date",
             "not_before": {"field": "/residence_start_date", "days": -14},
             "not_after": {"field": "/residence_start_date"}}
        ]),
    )
    .unwrap();
    assert_eq!(
        window_errors(&form, "2027-04-30", "2027-04-16", "2027-04-01"),
        []
    );
    assert_eq!(
        window_errors(&form, "2027-04-30", "2027-04-30", "2027-04-01"),
        []
    );
    assert_eq!(
        window_errors(&form, "2027-04-30", "2027-04-15", "2027-04-01"),
        [(
            "/visit_date".to_string(),
            "来庁予定日は新しい住所に住み始めた日(予定日)の14日前（2027年4月16日）から新しい住所に住み始めた日(予定日)（2027年4月30日）までの日付を入力してください".to_string()
        )]
    );
    assert_eq!(
        window_errors(&form, "2027-04-30", "2027-05-01", "2027-04-01").len(),
        1
    );
}

#[test]
fn every_item_counts_from_its_own_date() {
    // A made-up rule on the list (born at most 100 years before the notifier) that shows
    // each item judged on its own answer.
    let form = with_windows(json!([
        {"field": "/moving_persons/*/birth_date",
         "not_before": {"field": "/notifier_birth_date", "days": -36500}}
    ]))
    .unwrap();
    let mut data = answers();
    data["notifier_birth_date"] = json!("1990-02-02");
    data["moving_persons"][1]["birth_date"] = json!("1890-02-01");
    let errors: Vec<_> = form
        .validate(&data, day("2027-04-02"))
        .into_iter()
        .filter(|e| e.code.code() == "date_too_early")
        .map(|e| e.pointer)
        .collect();
    assert_eq!(errors, ["/moving_persons/1/birth_date"]);
}

fn refused(rules: Value) -> Vec<Problem> {
    with_windows(rules.clone())
        .map(|_| ())
        .expect_err(&rules.to_string())
}

fn says(problems: &[Problem], pointer: &str, words: &str) -> bool {
    problems
        .iter()
        .any(|p| p.pointer == pointer && p.message.en.contains(words))
}

#[test]
fn the_lint_refuses_a_missing_or_non_date_field_to_count_from() {
    let p = refused(json!([
        {"field": "/visit_date", "not_after": {"field": "/no_such_date", "days": 14}},
        {"field": "/visit_date", "not_before": {"field": "/notifier_name"}}
    ]));
    assert!(
        says(
            &p,
            "/schema/x-date-window/0/not_after/field",
            "not a date or month field"
        ),
        "{p:?}"
    );
    assert!(
        says(
            &p,
            "/schema/x-date-window/1/not_before/field",
            "not a date or month field"
        ),
        "{p:?}"
    );
}

#[test]
fn the_lint_refuses_dates_that_count_from_each_other() {
    for rules in [
        json!([{"field": "/visit_date", "not_after": {"field": "/visit_date", "days": 1}}]),
        json!([
            {"field": "/visit_date", "not_after": {"field": "/residence_start_date", "days": 14}},
            {"field": "/residence_start_date", "not_before": {"field": "/visit_date", "days": -30}}
        ]),
        json!([
            {"field": "/visit_date", "not_after": {"field": "/residence_start_date", "days": 14}},
            {"field": "/residence_start_date", "not_after": {"field": "/notifier_birth_date", "days": 36500}},
            {"field": "/notifier_birth_date", "not_before": {"field": "/visit_date", "days": -36500}}
        ]),
    ] {
        let p = refused(rules.clone());
        assert!(says(&p, "/schema", "in a circle"), "{rules}: {p:?}");
    }
}

#[test]
fn badly_written_ends_are_refused() {
    for (rules, words) in [
        (
            json!([{"field": "/visit_date", "not_after": {"field": "visit", "days": 1}}]),
            "not a pointer",
        ),
        (
            json!([{"field": "/visit_date", "not_after": {"field": "/moving_persons/*/birth_date"}}]),
            "same list item",
        ),
        (
            json!([{"field": "/visit_date", "not_before": {"field": "/residence_start_date", "days": 3},
                    "not_after": {"field": "/residence_start_date", "days": 2}}]),
            "no day would be accepted",
        ),
        (
            json!([{"field": "/visit_date", "not_after": {"field": "/residence_start_date", "weeks": 2}}]),
            "x-date-window",
        ),
    ] {
        let p = refused(rules.clone());
        assert!(says(&p, "/schema", words), "{rules}: {p:?}");
    }
    // Ends from different days are judged on the answers, not refused.
    assert!(
        with_windows(json!([{"field": "/visit_date", "not_before": "today",
            "not_after": {"field": "/residence_start_date", "days": -1}}]))
        .is_ok()
    );
}

#[test]
fn the_lint_refuses_a_condition_on_no_answer_or_a_value_never_given() {
    let p = refused(json!([
        {"field": "/visit_date", "not_after": {"field": "/residence_start_date", "days": 14},
         "when": {"field": "/no_such_answer", "is": "x"}},
        {"field": "/visit_date", "not_after": {"field": "/residence_start_date", "days": 14},
         "unless": {"field": "/moving_out_method", "is": "by_pigeon"}},
        {"field": "/visit_date", "not_after": {"field": "/residence_start_date", "days": 14},
         "when": {"field": "/honseki_in_sendai", "is": "yes"}}
    ]));
    assert!(
        says(
            &p,
            "/schema/x-date-window/0/when/field",
            "not a field of this form"
        ),
        "{p:?}"
    );
    assert!(
        says(
            &p,
            "/schema/x-date-window/1/unless/is",
            "never takes the value \"by_pigeon\""
        ),
        "{p:?}"
    );
    assert!(
        says(
            &p,
            "/schema/x-date-window/2/when/is",
            "never takes the value \"yes\""
        ),
        "{p:?}"
    );
    // Values the answers take pass.
    with_windows(json!([
        {"field": "/visit_date", "not_after": {"field": "/residence_start_date", "days": 14},
         "unless": {"field": "/moving_out_method", "is": "abroad"}},
        {"field": "/visit_date", "not_after": {"field": "/residence_start_date", "days": 14},
         "when": {"field": "/honseki_in_sendai", "is": true}}
    ]))
    .unwrap();
}
