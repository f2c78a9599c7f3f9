//! Tests of `x-date-window`: the ends, the months counted from, the refused rules.

use super::*;
use serde_json::json;

pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub(super) fn windows(rules: Value) -> DateWindows {
    DateWindows::from_schema(&json!({ KEYWORD: rules })).unwrap()
}

pub(super) fn codes(w: &DateWindows, data: Value, on: NaiveDate) -> Vec<(String, &'static str)> {
    w.failures(&data, on)
        .into_iter()
        .map(|e| (e.pointer, e.code.code()))
        .collect()
}

const TODAY: (i32, u32, u32) = (2026, 11, 24);

pub(super) fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

#[test]
fn not_after_today_accepts_today_and_refuses_tomorrow() {
    let w = windows(json!([{"field": "/birth_date", "not_after": "today"}]));
    for ok in ["1950-01-01", "2026-11-23", "2026-11-24"] {
        assert!(
            codes(&w, json!({"birth_date": ok}), today()).is_empty(),
            "{ok}"
        );
    }
    for late in ["2026-11-25", "2099-01-01"] {
        assert_eq!(
            codes(&w, json!({"birth_date": late}), today()),
            [("/birth_date".to_string(), "date_too_late")],
            "{late}"
        );
    }
    let e = &w.failures(&json!({"birth_date": "2026-11-25"}), today())[0];
    assert_eq!(e.related.as_deref(), Some("..2026-11-24"));
    assert_eq!((e.lower, e.limit), (None, Some(0)));
}

#[test]
fn not_before_today_accepts_today_and_refuses_yesterday() {
    let w = windows(json!([{"field": "/visit", "not_before": "today"}]));
    assert!(codes(&w, json!({"visit": "2026-11-24"}), today()).is_empty());
    assert!(codes(&w, json!({"visit": "2030-01-01"}), today()).is_empty());
    assert_eq!(
        codes(&w, json!({"visit": "2026-11-23"}), today()),
        [("/visit".to_string(), "date_too_early")]
    );
}

#[test]
fn a_window_of_days_counts_from_the_filing_day_at_both_ends() {
    let w = windows(json!([{
        "field": "/visit", "not_before": {"days": 1}, "not_after": {"days": 60}
    }]));
    let at = |date: &str| codes(&w, json!({"visit": date}), today());
    assert_eq!(at("2026-11-24"), [("/visit".into(), "date_too_early")]);
    assert!(at("2026-11-25").is_empty());
    // 60 days after 24 November is 23 January.
    assert!(at("2027-01-23").is_empty());
    assert_eq!(at("2027-01-24"), [("/visit".into(), "date_too_late")]);
    let e = &w.failures(&json!({"visit": "2027-01-24"}), today())[0];
    assert_eq!(e.related.as_deref(), Some("2026-11-25..2027-01-23"));
    assert_eq!((e.lower, e.limit), (Some(1), Some(60)));
    // Negative days look back: a notice due within 14 days of the event.
    let back =
        windows(json!([{"field": "/event", "not_before": {"days": -14}, "not_after": "today"}]));
    let at = |date: &str| codes(&back, json!({"event": date}), today());
    assert!(at("2026-11-10").is_empty());
    assert_eq!(at("2026-11-09"), [("/event".into(), "date_too_early")]);
}

#[test]
fn the_same_answer_is_judged_by_the_day_it_is_filed() {
    let w = windows(json!([{"field": "/visit", "not_before": "today"}]));
    let data = json!({"visit": "2026-12-01"});
    assert!(codes(&w, data.clone(), d(2026, 12, 1)).is_empty());
    assert_eq!(codes(&w, data, d(2026, 12, 2)).len(), 1);
}

#[test]
fn every_item_of_a_list_is_checked() {
    let w = windows(json!([{"field": "/children/*/birth_date", "not_after": "today"}]));
    let data = json!({"children": [
        {"birth_date": "2020-01-01"},
        {"birth_date": "2026-11-25"},
        {"name": "no date yet"},
        {"birth_date": "2099-03-31"}
    ]});
    assert_eq!(
        codes(&w, data, today()),
        [
            ("/children/1/birth_date".to_string(), "date_too_late"),
            ("/children/3/birth_date".to_string(), "date_too_late")
        ]
    );
}

#[test]
fn unanswered_and_malformed_dates_are_left_to_their_own_checks() {
    let w = windows(json!([{"field": "/a", "not_after": "today"}]));
    for data in [
        json!({}),
        json!({"a": null}),
        json!({"a": "2099-02-30"}),
        json!({"a": 5}),
    ] {
        assert!(codes(&w, data.clone(), today()).is_empty(), "{data}");
    }
}

#[test]
fn a_warning_rule_warns_and_never_refuses() {
    let w = windows(json!([
        {"field": "/visit", "not_before": "today"},
        {"field": "/visit", "not_after": {"field": "/moved", "days": 14},
         "severity": "warning", "message": {"ja": "期限を過ぎています。", "en": "It is late."}}
    ]));
    let data = |visit: &str| json!({"moved": "2026-11-01", "visit": visit});
    // Day 14 after the move: neither refused nor warned.
    let day_14 = d(2026, 11, 15);
    assert!(w.failures(&data("2026-11-15"), day_14).is_empty());
    assert!(w.warnings(&data("2026-11-15"), day_14).is_empty());
    // Day 15 and later: warned, not refused.
    assert!(w.failures(&data("2026-11-24"), today()).is_empty());
    assert_eq!(w.warnings(&data("2026-11-24"), today()).len(), 1);
    let warned = w.warnings(&data("2026-11-16"), d(2026, 11, 16));
    assert_eq!(warned.len(), 1);
    assert_eq!(warned[0].outside.code, FormErrorCode::DateTooLate);
    assert_eq!(warned[0].outside.pointer, "/visit");
    assert_eq!(warned[0].outside.limit_field.as_deref(), Some("/moved"));
    assert_eq!(warned[0].message.en, "It is late.");
    // The refusing rule still refuses: a visit before the filing day.
    assert_eq!(
        codes(&w, data("2026-11-23"), today()),
        [("/visit".to_string(), "date_too_early")]
    );
    assert_eq!(w.warnings(&data("2026-11-23"), today()).len(), 1);
}

#[test]
fn a_warning_needs_its_meaning_in_both_languages_and_a_refusal_none() {
    for rules in [
        json!([{"field": "/a", "not_after": "today", "severity": "warning"}]),
        json!([{"field": "/a", "not_after": "today", "severity": "warning",
                "message": {"ja": "遅れています。", "en": " "}}]),
        json!([{"field": "/a", "not_after": "today", "message": {"ja": "あ", "en": "a"}}]),
        json!([{"field": "/a", "not_after": "today", "severity": "notice"}]),
    ] {
        assert!(
            DateWindows::from_schema(&json!({ KEYWORD: rules })).is_err(),
            "{rules}"
        );
    }
    assert!(
        DateWindows::from_schema(&json!({ KEYWORD: [{"field": "/a", "not_after": "today",
            "severity": "error"}] }))
        .is_ok()
    );
}

#[test]
fn a_month_is_inside_when_one_of_its_days_is() {
    // Claims for a month of care within 2 years of the filing day (any day of it).
    let w =
        windows(json!([{"field": "/month", "not_before": {"days": -730}, "not_after": "today"}]));
    let at = |m: &str| codes(&w, json!({"month": m}), today());
    // 730 days before 2026-11-24 is 2024-11-24: November 2024 still has days inside.
    assert!(at("2024-11").is_empty());
    assert_eq!(at("2024-10"), [("/month".into(), "date_too_early")]);
    // The filing day's own month is inside; the next is not.
    assert!(at("2026-11").is_empty());
    assert_eq!(at("2026-12"), [("/month".into(), "date_too_late")]);
    // Not a month: left to the field's own checks.
    assert!(at("2026-13").is_empty());
    assert!(at("202611").is_empty());
    // Counted from a month: from its first day (1 February + 58 days is 31 March).
    let from = windows(json!([{"field": "/paid", "not_before": {"field": "/month"},
        "not_after": {"field": "/month", "days": 58}}]));
    let paid = |d: &str| codes(&from, json!({"month": "2026-02", "paid": d}), today());
    assert!(paid("2026-02-01").is_empty());
    assert_eq!(paid("2026-01-31"), [("/paid".into(), "date_too_early")]);
    assert!(paid("2026-03-31").is_empty());
    assert_eq!(paid("2026-04-01"), [("/paid".into(), "date_too_late")]);
}

#[test]
fn badly_written_rules_are_refused() {
    for rules in [
        json!({"field": "/a"}),
        json!([{"field": "/a"}]),
        json!([{"field": "a", "not_after": "today"}]),
        json!([{"field": "/a/", "not_after": "today"}]),
        json!([{"field": "/a", "not_after": "tomorrow"}]),
        json!([{"field": "/a", "not_after": {"weeks": 2}}]),
        json!([{"field": "/a", "not_after": {"days": 2, "weeks": 2}}]),
        json!([{"field": "/a", "not_after": {"days": 1.5}}]),
        json!([{"field": "/a", "not_after": "today", "max": 3}]),
        json!([{"field": "/a", "not_before": {"days": 2}, "not_after": {"days": 1}}]),
        json!([{"field": "/a", "not_after": {"days": 100_000}}]),
    ] {
        assert!(
            DateWindows::from_schema(&json!({ KEYWORD: rules })).is_err(),
            "{rules}"
        );
    }
}

#[test]
fn a_window_applies_when_its_answer_is_given_and_not_when_unless_holds() {
    // A death in Japan: 7 days; abroad: 3 months (戸籍法第86条).
    let w = windows(json!([
        {"field": "/visit", "not_after": {"field": "/death", "days": 6},
         "unless": {"field": "/place", "is": "abroad"}},
        {"field": "/visit", "not_after": {"field": "/death", "months": 3},
         "when": {"field": "/place", "is": "abroad"}}
    ]));
    let filing =
        |place: &str, visit: &str| json!({"place": place, "death": "2026-02-14", "visit": visit});
    let late = |place: &str, visit: &str| codes(&w, filing(place, visit), d(2026, 2, 14));
    assert!(late("home", "2026-02-20").is_empty());
    assert_eq!(
        late("home", "2026-02-21"),
        [("/visit".to_string(), "date_too_late")]
    );
    // Abroad, the 7 days are set aside and the 3 months apply (the last day 2026-05-14).
    assert!(late("abroad", "2026-02-21").is_empty());
    assert!(late("abroad", "2026-05-14").is_empty());
    assert_eq!(
        late("abroad", "2026-05-15"),
        [("/visit".to_string(), "date_too_late")]
    );
    // Not answered yet: `when` does not hold, `unless` does not either.
    let unanswered = json!({"death": "2026-02-14", "visit": "2026-02-21"});
    assert_eq!(
        codes(&w, unanswered, d(2026, 2, 14)),
        [("/visit".to_string(), "date_too_late")]
    );
}

#[test]
fn a_condition_must_name_one_answer() {
    for (key, field) in [
        ("when", "place"),
        ("unless", "/items/*/kind"),
        ("when", "/a/"),
    ] {
        let rules =
            json!([{"field": "/visit", "not_after": "today", key: {"field": field, "is": "x"}}]);
        let e = DateWindows::from_schema(&json!({ KEYWORD: rules })).unwrap_err();
        assert!(
            e.contains("not a pointer to one answer"),
            "{key} {field}: {e}"
        );
    }
}
