//! Notifications past their legal period are accepted with a warning (`x-date-window` with
//! `"severity": "warning"`): the shipped 転入, 転居 and 出生 forms warn from day 15 and still
//! refuse a visit before the filing day; the warning names the field and the window in both
//! languages; a valid example must list the warnings it gives.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use madoguchi_core::Lang;
use madoguchi_forms::Form;
use serde_json::{Value, json};

fn folder(id: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../forms")
        .join(id)
}

fn form(id: &str) -> Form {
    let path = folder(id).join("form.json");
    let d: Value = common::read_as_sendai(&path);
    Form::from_value(&path, d).unwrap()
}

/// A valid example's answers, without its `$` keys.
fn answers(id: &str, example: &str) -> Value {
    let path = folder(id).join("examples/valid").join(example);
    let mut v: Value = common::read_as_sendai(&path);
    v.as_object_mut()
        .unwrap()
        .retain(|k, _| !k.starts_with('$'));
    v
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn codes(form: &Form, data: &Value, filed: &str) -> (Vec<String>, Vec<String>) {
    let data = &form.normalize_json(data.clone());
    let errors = form
        .validate(data, day(filed))
        .into_iter()
        .map(|e| format!("{} {}", e.pointer, e.code.code()))
        .collect();
    let warnings = form
        .warnings(data, day(filed))
        .into_iter()
        .map(|w| format!("{} {}", w.pointer, w.code.code()))
        .collect();
    (errors, warnings)
}

#[test]
fn a_late_move_notice_is_warned_from_day_15_and_never_refused() {
    let f = form("tenkyo-todoke");
    let mut data = answers("tenkyo-todoke", "day-14-after-the-move.json");
    data["move_date"] = json!("2026-05-10");
    let at = |data: &Value, visit: &str| {
        let mut d = data.clone();
        d["visit_date"] = json!(visit);
        codes(&f, &d, "2026-05-12")
    };
    let none: Vec<String> = Vec::new();
    // Day 14 after the move: neither.
    assert_eq!(at(&data, "2026-05-24"), (none.clone(), none.clone()));
    // Day 15 and a year later: accepted, warned.
    for late in ["2026-05-25", "2027-05-10"] {
        assert_eq!(
            at(&data, late),
            (none.clone(), vec!["/visit_date date_too_late".to_string()]),
            "{late}"
        );
    }
    // A visit before the filing day is still refused.
    assert_eq!(at(&data, "2026-05-11").0, ["/visit_date date_too_early"]);
    // A move date still to come is still refused.
    data["move_date"] = json!("2026-05-13");
    assert_eq!(at(&data, "2026-05-20").0, ["/move_date date_too_late"]);
}

#[test]
fn the_warning_names_the_field_the_window_and_what_it_means() {
    let f = form("tenkyo-todoke");
    let data = f.normalize_json(answers(
        "tenkyo-todoke",
        "day-15-after-the-move-warned.json",
    ));
    let warnings = f.warnings(&data, day("2026-05-12"));
    assert_eq!(warnings.len(), 1);
    let ja = warnings[0].message.get(Lang::Ja);
    let en = warnings[0].message.get(Lang::En);
    assert!(ja.starts_with("来庁予定日"), "{ja}");
    assert!(ja.contains("の14日後（2026年5月24日）より後です。"), "{ja}");
    assert!(ja.contains("住民基本台帳法"), "{ja}");
    assert!(ja.ends_with("このまま申請できます。"), "{ja}");
    assert!(en.contains("14 days after"), "{en}");
    assert!(en.contains("24 May 2026"), "{en}");
    assert!(en.ends_with("You can still send this application."), "{en}");
}

#[test]
fn the_move_in_and_birth_forms_warn_past_day_14_too() {
    let tennyu = form("tennyu-yoyaku");
    let data = answers("tennyu-yoyaku", "day-15-after-the-move-warned.json");
    let (errors, warnings) = codes(&tennyu, &data, "2026-04-02");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(warnings, ["/visit_date date_too_late"]);
    let ja = tennyu.warnings(&data, day("2026-04-02"))[0]
        .message
        .ja
        .clone();
    assert!(ja.contains("転入届の特例"), "{ja}");

    let shussei = form("shussei-todoke");
    let mut data = answers(
        "shussei-todoke",
        "day-15-counting-the-birth-day-warned.json",
    );
    let (errors, warnings) = codes(&shussei, &data, "2026-02-10");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(warnings, ["/visit_date date_too_late"]);
    // Day 14 counting the day of birth: no warning.
    data["visit_date"] = json!("2026-02-16");
    assert_eq!(codes(&shussei, &data, "2026-02-10"), (vec![], vec![]));
}

#[test]
fn a_valid_example_must_list_the_warnings_it_gives() {
    let f = form("tenkyo-todoke");
    let tmp = std::env::temp_dir().join(format!("madoguchi-late-{}", std::process::id()));
    let (valid, invalid) = (tmp.join("examples/valid"), tmp.join("examples/invalid"));
    std::fs::create_dir_all(&valid).unwrap();
    std::fs::create_dir_all(&invalid).unwrap();
    let src = folder("tenkyo-todoke").join("examples");
    for dir in ["valid", "invalid"] {
        for e in std::fs::read_dir(src.join(dir)).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), tmp.join("examples").join(dir).join(e.file_name())).unwrap();
        }
    }
    let (problems, _) = madoguchi_forms::examples::check_examples(&f, &tmp);
    assert!(problems.is_empty(), "{problems:?}");
    // The late example without its `$warnings`: a problem on that file.
    let late = valid.join("day-15-after-the-move-warned.json");
    let mut v: Value = common::read_as_sendai(&late);
    v.as_object_mut().unwrap().remove("$warnings");
    std::fs::write(&late, v.to_string()).unwrap();
    let (problems, _) = madoguchi_forms::examples::check_examples(&f, &tmp);
    std::fs::remove_dir_all(&tmp).unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].pointer, "/$warnings");
    assert!(
        problems[0]
            .message
            .en
            .contains("got /visit_date date_too_late"),
        "{}",
        problems[0].message.en
    );
}
