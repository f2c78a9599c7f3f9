//! Dates against the filing day (`x-date-window` in the fixture: the birth date and the
//! 和暦 date may not be after it), through the posted page as residents answer.

use chrono::NaiveDate;
use madoguchi_core::Lang;
use madoguchi_forms::FieldError;

use super::*;

fn on(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn answer_on(changes: &[(&str, &str)], filed_on: NaiveDate) -> Vec<FieldError> {
    let form = form();
    let mut posted = pairs(BASIC);
    for (k, v) in changes {
        posted.retain(|(pk, _)| pk != k);
        posted.push((k.to_string(), v.to_string()));
    }
    let (_, step) = form.step("basic").unwrap();
    form.answer_step(step, &posted, &mut Map::new(), filed_on)
}

fn birth(y: &str, m: &str, d: &str) -> [(&'static str, String); 3] {
    [
        ("birth_date.year", y.to_string()),
        ("birth_date.month", m.to_string()),
        ("birth_date.day", d.to_string()),
    ]
}

fn borrowed<'a>(c: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    c.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[test]
fn a_birth_date_may_be_today_but_not_tomorrow_nor_in_2099() {
    let today = on(2026, 11, 24);
    assert_eq!(
        answer_on(&borrowed(&birth("2026", "11", "24")), today),
        vec![]
    );
    assert_eq!(
        answer_on(&borrowed(&birth("2026", "11", "23")), today),
        vec![]
    );
    for (y, m, d) in [("2026", "11", "25"), ("2099", "1", "1")] {
        let errors = answer_on(&borrowed(&birth(y, m, d)), today);
        assert_eq!(
            codes(&errors),
            [("/birth_date".to_string(), "date_too_late")],
            "{y}-{m}-{d}"
        );
        let form = form();
        assert_eq!(
            form.message_in(&errors[0], Lang::Ja),
            "生年月日は今日（2026年11月24日）以前の日付を入力してください"
        );
        assert_eq!(
            form.message_in(&errors[0], Lang::En),
            "Date of birth must be today (24 Nov 2026) or earlier"
        );
    }
    // The same answer filed a day later is accepted: the rule counts from the filing day.
    assert_eq!(
        answer_on(&borrowed(&birth("2026", "11", "25")), on(2026, 11, 25)),
        vec![]
    );
}

#[test]
fn a_future_era_date_is_refused_and_told_in_the_era() {
    let today = on(2026, 11, 24);
    let era = |y: &'static str, m: &'static str, d: &'static str| {
        [
            ("era_date.era", "reiwa"),
            ("era_date.year", y),
            ("era_date.month", m),
            ("era_date.day", d),
        ]
    };
    assert_eq!(answer_on(&era("8", "11", "24"), today), vec![]);
    for (y, m, d) in [("8", "11", "25"), ("20", "1", "1")] {
        let errors = answer_on(&era(y, m, d), today);
        assert_eq!(
            codes(&errors),
            [("/era_date".to_string(), "date_too_late")],
            "令和{y}年{m}月{d}日"
        );
        let form = form();
        assert_eq!(
            form.message_in(&errors[0], Lang::Ja),
            "和暦の日付は今日（令和8年11月24日）以前の日付を入力してください"
        );
        assert_eq!(
            form.message_in(&errors[0], Lang::En),
            "Date in the Japanese calendar must be today (24 Nov 2026 (Reiwa 8)) or earlier"
        );
    }
}
