//! Past dates (birth dates, events that happened) are asked in 和暦 or 西暦 with one input,
//! in every form: an era select (令和…明治, 西暦) + year + month + day, stored as ISO dates.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use madoguchi_core::Lang;
use madoguchi_forms::examples::FILED_ON;
use madoguchi_forms::{FieldKind, Form};
use serde_json::{Map, Value};

fn form(id: &str) -> Form {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../forms/{id}/form.json"));
    Form::from_value(&path, common::read_as_sendai(&path)).unwrap_or_else(|p| panic!("{p:?}"))
}

/// Posts the birth date of the juminhyo form's applicant step; returns the stored answer
/// and the messages (ja, en) about it.
fn birth_date(parts: &[(&str, &str)]) -> (Option<Value>, Option<(String, String)>) {
    let form = form("juminhyo-copy");
    let (_, step) = form.step("applicant").unwrap();
    let posted: Vec<(String, String)> = parts
        .iter()
        .map(|(k, v)| (format!("applicant_birth_date.{k}"), v.to_string()))
        .collect();
    let mut data = Map::new();
    let errors = form.answer_step(step, &posted, &mut data, FILED_ON);
    let error = errors
        .iter()
        .find(|e| e.pointer == "/applicant_birth_date")
        .map(|e| (form.message_in(e, Lang::Ja), form.message_in(e, Lang::En)));
    let stored = error
        .is_none()
        .then(|| data.get("applicant_birth_date").cloned())
        .flatten();
    (stored, error)
}

fn date(era: &str, year: &str, month: &str, day: &str) -> Vec<(&'static str, String)> {
    vec![
        ("era", era.to_string()),
        ("year", year.to_string()),
        ("month", month.to_string()),
        ("day", day.to_string()),
    ]
}

fn post(parts: Vec<(&'static str, String)>) -> (Option<Value>, Option<(String, String)>) {
    let parts: Vec<(&str, &str)> = parts.iter().map(|(k, v)| (*k, v.as_str())).collect();
    birth_date(&parts)
}

#[test]
fn past_dates_are_era_inputs_and_future_dates_stay_western() {
    let juminhyo = form("juminhyo-copy");
    let birth = juminhyo.field("/applicant_birth_date").unwrap();
    assert_eq!(
        birth.kind,
        FieldKind::WarekiDate,
        "bounded by today: a past date"
    );
    let works = form("doro-koji-shonin");
    let start = works.field("/period_start").unwrap();
    assert_eq!(
        start.kind,
        FieldKind::Date,
        "a date still to come stays 西暦"
    );
}

#[test]
fn both_calendars_store_the_same_iso_date() {
    let showa = post(date("showa", "25", "3", "1"));
    let western = post(date("seireki", "1950", "3", "1"));
    let full_width = post(date("seireki", "１９５０", "３", "１"));
    assert_eq!(showa.0, Some(Value::from("1950-03-01")), "{showa:?}");
    assert_eq!(western.0, showa.0);
    assert_eq!(full_width.0, showa.0);
}

#[test]
fn gannen_is_the_first_year() {
    assert_eq!(
        post(date("heisei", "元", "1", "8")).0,
        Some(Value::from("1989-01-08"))
    );
    assert_eq!(
        post(date("reiwa", "元年", "5", "1")).0,
        Some(Value::from("2019-05-01"))
    );
    assert_eq!(
        post(date("showa", "1", "12", "25")).0,
        Some(Value::from("1926-12-25"))
    );
}

#[test]
fn a_day_after_its_era_names_the_last_day_and_the_era_to_choose() {
    let (stored, error) = post(date("heisei", "31", "5", "1"));
    assert_eq!(stored, None);
    let (ja, en) = error.unwrap();
    assert_eq!(
        ja,
        "生年月日は平成にない日付です。平成は31年(2019年4月30日)までです。令和を選んでください"
    );
    assert_eq!(
        en,
        "Date of birth is not in the Heisei era: Heisei ended in year 31 (30 Apr 2019). Choose Reiwa"
    );
    assert_eq!(
        post(date("heisei", "31", "4", "30")).0,
        Some(Value::from("2019-04-30"))
    );
    assert!(post(date("showa", "64", "1", "8")).1.is_some());
}

#[test]
fn a_day_before_its_era_names_its_first_day() {
    let (_, error) = post(date("reiwa", "元", "4", "30"));
    let (ja, en) = error.unwrap();
    assert_eq!(
        ja,
        "生年月日は令和にない日付です。令和は元年(2019年5月1日)からです。平成を選んでください"
    );
    assert!(en.contains("Reiwa began in year 1 (1 May 2019)"), "{en}");
}

#[test]
fn unreadable_parts_say_which_calendar_and_how_to_write_the_year() {
    let (_, no_calendar) = post(date("", "25", "3", "1"));
    assert_eq!(
        no_calendar.unwrap().0,
        "生年月日の元号(令和・平成・昭和・大正・明治)か西暦を選んでください"
    );
    let (_, era_year) = post(date("showa", "二十五", "3", "1"));
    let (ja, en) = era_year.unwrap();
    assert_eq!(
        ja,
        "生年月日の年は昭和の年を数字で入力してください。1年目は「元」または1と入力してください"
    );
    assert!(en.contains("Showa era; the first year is 1"), "{en}");
    let (_, western_year) = post(date("seireki", "50", "3", "1"));
    let (ja, en) = western_year.unwrap();
    assert_eq!(
        ja,
        "生年月日の年は西暦の4桁の数字で入力してください(例: 1950)"
    );
    assert!(en.contains("four digits"), "{en}");
    let (_, no_such_day) = post(date("showa", "25", "2", "30"));
    assert!(no_such_day.unwrap().0.contains("月は1から12"));
}

#[test]
fn a_page_posting_no_era_is_read_as_western() {
    let old_page = birth_date(&[("year", "1985"), ("month", "4"), ("day", "1")]);
    assert_eq!(old_page.0, Some(Value::from("1985-04-01")));
}

#[test]
fn western_dates_before_meiji_6_are_refused() {
    let (stored, error) = post(date("seireki", "1872", "12", "31"));
    assert_eq!(stored, None);
    let (ja, en) = error.unwrap();
    assert!(ja.contains("明治6年(1873年)より前"), "{ja}");
    assert!(en.contains("before 1873"), "{en}");
}
