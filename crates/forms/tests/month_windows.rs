//! `x-date-window` on a month field (`YYYY-MM`, a text field whose pattern is the month
//! pattern): a month is inside the window when one of its days is. On the 高額療養費 form's
//! `treatment_month` with a window written here in days in place of the form's own (in
//! years, tested by its examples): the boundary months, the lint accepting a month field
//! and refusing other text.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use chrono::NaiveDate;
use madoguchi_core::Lang;
use madoguchi_forms::Form;
use serde_json::{Value, json};

const ID: &str = "kokuho-kogaku-ryoyohi";

fn folder() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../forms")
        .join(ID)
}

fn with_window(rule: Value) -> Result<Form, Vec<madoguchi_forms::Problem>> {
    let path = folder().join("form.json");
    let mut d: Value = common::read_as_sendai(&path);
    let rules = d["schema"]["x-date-window"].as_array_mut().unwrap();
    rules.retain(|r| r["field"] != "/treatment_month");
    rules.push(rule);
    Form::from_value(&path, d)
}

fn answers(month: &str) -> Value {
    let path = folder().join("examples/valid/inpatient-bank-account.json");
    let (_, mut data) = madoguchi_forms::examples::read_valid(&path).unwrap();
    data["treatment_month"] = json!(month);
    data
}

#[test]
fn a_month_window_refuses_the_months_with_no_day_inside() {
    // A period counted from the filing day carries its provenance (here a note).
    let form = with_window(json!({"field": "/treatment_month",
        "not_before": {"days": -730}, "not_after": "today",
        "to_confirm": "the 2 years written in days, for this test"}))
    .unwrap_or_else(|p| panic!("{p:?}"));
    let on = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let errors = |month: &str| -> Vec<(String, String)> {
        form.validate(&form.normalize_json(answers(month)), on)
            .into_iter()
            .map(|e| (e.pointer.clone(), form.message_in(&e, Lang::Ja)))
            .collect()
    };
    // 730 days before 22 November 2026 is 22 November 2024.
    for inside in ["2024-11", "2026-08", "2026-11"] {
        assert_eq!(errors(inside), [], "{inside}");
    }
    let early = errors("2024-10");
    assert_eq!(early.len(), 1);
    assert_eq!(early[0].0, "/treatment_month");
    assert!(early[0].1.contains("2024年11月22日"), "{}", early[0].1);
    let late = errors("2026-12");
    assert_eq!(late.len(), 1);
    assert!(
        late[0].1.contains("今日（2026年11月22日）"),
        "{}",
        late[0].1
    );
    // The message asks for a month, the one holding the window's end or another on its side.
    assert!(
        early[0].1.contains("2024年11月22日を含む月から")
            && early[0].1.ends_with("までの月を入力してください"),
        "{}",
        early[0].1
    );
    let late_en: Vec<String> = form
        .validate(&form.normalize_json(answers("2026-12")), on)
        .iter()
        .map(|e| form.message_in(e, Lang::En))
        .collect();
    assert!(
        late_en[0].contains("must be a month from the month of"),
        "{}",
        late_en[0]
    );
}

#[test]
fn the_lint_takes_a_month_field_and_refuses_other_text() {
    assert!(with_window(json!({"field": "/treatment_month", "not_after": "today"})).is_ok());
    let Err(problems) = with_window(json!({"field": "/notice_reference", "not_after": "today"}))
    else {
        panic!("a window on text that is not a month is refused");
    };
    assert!(
        problems
            .iter()
            .any(|p| p.pointer.ends_with("/field") && p.message.en.contains("notice_reference")),
        "{problems:?}"
    );
}
