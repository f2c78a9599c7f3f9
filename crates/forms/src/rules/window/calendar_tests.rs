//! Tests of `x-date-window` ends in months and years and of ends moved past closed days.

use super::tests::{codes, d, today, windows};
use super::*;
use serde_json::json;

#[test]
fn a_window_in_years_counts_back_as_the_law_counts_periods() {
    // 高額療養費: a month is claimable while 2 years from the 1st of the next month have not
    // passed (the month's last day + 2 years, 民法 第143条).
    let w =
        windows(json!([{"field": "/month", "not_before": {"years": -2}, "not_after": "today"}]));
    let at = |m: &str, on: NaiveDate| codes(&w, json!({"month": m}), on);
    // Filed 31 January 2026: January 2024 (from 1 February 2024) ends on 31 January 2026.
    assert!(at("2024-01", d(2026, 1, 31)).is_empty());
    assert_eq!(
        at("2024-01", d(2026, 2, 1)),
        [("/month".into(), "date_too_early")]
    );
    assert!(at("2024-02", d(2026, 2, 1)).is_empty());
    // Across 29 February: February 2024 ends on 28 February 2026.
    assert!(at("2024-02", d(2026, 2, 28)).is_empty());
    assert_eq!(
        at("2024-02", d(2026, 3, 1)),
        [("/month".into(), "date_too_early")]
    );
    // A date: filed 24 November 2026, 24 November 2024 is the first day still within.
    assert!(at("2024-11-24", today()).is_empty());
    assert_eq!(
        at("2024-11-23", today()),
        [("/month".into(), "date_too_early")]
    );
    let e = &w.failures(&json!({"month": "2024-11-23"}), today())[0];
    assert_eq!(e.related.as_deref(), Some("2024-11-24..2026-11-24"));
    // An end in months or years has no count of days.
    assert_eq!((e.lower, e.limit), (None, Some(0)));
}

#[test]
fn months_from_another_date_end_on_the_day_before_the_corresponding_day() {
    // Within 3 months of the event (民法: the event's day is not counted).
    let w = windows(
        json!([{"field": "/filed", "not_before": {"field": "/event"},
        "not_after": {"field": "/event", "months": 3}}]),
    );
    let at = |event: &str, filed: &str| codes(&w, json!({"event": event, "filed": filed}), today());
    assert!(at("2026-01-15", "2026-04-15").is_empty());
    assert_eq!(
        at("2026-01-15", "2026-04-16"),
        [("/filed".into(), "date_too_late")]
    );
    // From 30 November: no 30 February, so the end of February.
    assert!(at("2025-11-30", "2026-02-28").is_empty());
    assert_eq!(
        at("2025-11-30", "2026-03-01"),
        [("/filed".into(), "date_too_late")]
    );
    // From a month's last day the period runs whole months: 31 December + 2 months is
    // the end of February, 30 April + 1 year is 30 April, and 28 February 2023 + 1 year is
    // 29 February 2024.
    assert!(at("2025-12-31", "2026-03-31").is_empty());
    assert_eq!(
        at("2025-12-31", "2026-04-01"),
        [("/filed".into(), "date_too_late")]
    );
    let y = windows(json!([{"field": "/filed", "not_after": {"field": "/event", "years": 1}}]));
    let at = |event: &str, filed: &str| codes(&y, json!({"event": event, "filed": filed}), today());
    assert!(at("2023-02-28", "2024-02-29").is_empty());
    assert_eq!(
        at("2023-02-28", "2024-03-01"),
        [("/filed".into(), "date_too_late")]
    );
    assert!(at("2024-02-29", "2025-02-28").is_empty());
    assert_eq!(
        at("2024-02-29", "2025-03-01"),
        [("/filed".into(), "date_too_late")]
    );
    // The message names the end by its date only.
    let e = &y.failures(
        &json!({"event": "2024-02-29", "filed": "2025-03-01"}),
        today(),
    )[0];
    assert_eq!(e.related.as_deref(), Some("..2025-02-28"));
    assert_eq!((e.limit, e.limit_field.as_deref()), (None, None));
}

#[test]
fn a_deadline_on_a_closed_day_moves_to_the_next_opening_day() {
    // 31 January 2027 is a Sunday: a declaration due then is due on Monday 1 February.
    let w = windows(json!([{"field": "/filed", "not_after": {"field": "/due",
        "if_closed": "next_opening_day"}}]));
    let weekends = |d: NaiveDate| chrono::Datelike::weekday(&d).number_from_monday() > 5;
    let on = FilingDay::new(today()).with_closed_days(crate::filing_day::ClosedDays::new(weekends));
    let at = |filed: &str, due: &str| {
        w.failures(&json!({"filed": filed, "due": due}), on.clone())
            .into_iter()
            .map(|e| e.code.code())
            .collect::<Vec<_>>()
    };
    assert!(at("2027-02-01", "2027-01-31").is_empty());
    assert_eq!(at("2027-02-02", "2027-01-31"), ["date_too_late"]);
    // Friday 29 January: no move.
    assert_eq!(at("2027-02-01", "2027-01-29"), ["date_too_late"]);
    // Without a calendar, the end stays on the Sunday.
    assert_eq!(
        codes(
            &w,
            json!({"filed": "2027-02-01", "due": "2027-01-31"}),
            today()
        ),
        [("/filed".to_string(), "date_too_late")]
    );
    let e = &w.failures(
        &json!({"filed": "2027-02-02", "due": "2027-01-31"}),
        on.clone(),
    )[0];
    assert_eq!(e.related.as_deref(), Some("..2027-02-01"));
    assert_eq!((e.limit, e.limit_field.as_deref()), (None, None));
}

#[test]
fn nonsense_in_months_and_closed_days_is_refused_with_a_reason() {
    for (rules, says) in [
        (
            json!([{"field": "/a", "not_after": {"days": 1, "months": 1}}]),
            "more than one",
        ),
        (
            json!([{"field": "/a", "not_after": {"months": 1, "years": 1}}]),
            "more than one",
        ),
        (
            json!([{"field": "/a", "not_after": {"months": 0}}]),
            "0 months",
        ),
        (
            json!([{"field": "/a", "not_after": {"months": -1, "if_closed": "next_opening_day"}}]),
            "counts back",
        ),
        (
            json!([{"field": "/a", "not_after": {"days": -3, "if_closed": "next_opening_day"}}]),
            "counts back",
        ),
        (
            json!([{"field": "/a", "not_before": {"days": 3, "if_closed": "next_opening_day"}}]),
            "shorten",
        ),
        (
            json!([{"field": "/a", "not_before": {"field": "/b", "days": -3,
                "if_closed": "next_opening_day"}}]),
            "shorten",
        ),
        (
            json!([{"field": "/a", "not_after": {"days": 3, "if_closed": "previous_day"}}]),
            "",
        ),
        (json!([{"field": "/a", "not_after": {}}]), "neither"),
        (
            json!([{"field": "/a", "not_after": {"if_closed": "next_opening_day"}}]),
            "neither",
        ),
        (
            json!([{"field": "/a", "not_after": {"years": 200}}]),
            "1200 months",
        ),
        (json!([{"field": "/a", "not_after": {"months": 1.5}}]), ""),
        (
            json!([{"field": "/a", "not_before": {"months": 2}, "not_after": {"months": 1}}]),
            "in months",
        ),
        (
            json!([{"field": "/a", "not_before": {"months": -1}, "not_after": {"months": -1}}]),
            "in months",
        ),
    ] {
        let e = DateWindows::from_schema(&json!({ KEYWORD: rules })).unwrap_err();
        assert!(e.contains(says), "{rules}: {e}");
    }
    // Counting back in months is allowed at either end, and forward deadlines move.
    for rules in [
        json!([{"field": "/a", "not_before": {"months": -3}, "not_after": {"months": -1}}]),
        json!([{"field": "/a", "not_after": {"field": "/b", "days": 14, "if_closed": "next_opening_day"}}]),
        json!([{"field": "/a", "not_after": {"years": 2, "if_closed": "next_opening_day"}}]),
        json!([{"field": "/a", "not_before": {"days": -30, "if_closed": "next_opening_day"}}]),
    ] {
        assert!(
            DateWindows::from_schema(&json!({ KEYWORD: rules })).is_ok(),
            "{rules}"
        );
    }
}

#[test]
fn counted_back_from_the_filing_day_a_moving_start_keeps_answers_whose_deadline_has_not_passed() {
    // A declaration due 30 days after its 1 January: 31 January 2027 is a Sunday, so the
    // 2027 declaration is in time on Monday 1 February and late on the 2nd.
    let w = windows(json!([{"field": "/assessed",
        "not_before": {"days": -30, "if_closed": "next_opening_day"}}]));
    let weekends = |d: NaiveDate| chrono::Datelike::weekday(&d).number_from_monday() > 5;
    let closed = crate::filing_day::ClosedDays::new(weekends);
    let at = |filed: NaiveDate| {
        w.failures(
            &json!({"assessed": "2027-01-01"}),
            FilingDay::new(filed).with_closed_days(closed.clone()),
        )
        .into_iter()
        .map(|e| e.code.code())
        .collect::<Vec<_>>()
    };
    assert!(at(d(2027, 1, 31)).is_empty());
    assert!(at(d(2027, 2, 1)).is_empty());
    assert_eq!(at(d(2027, 2, 2)), ["date_too_early"]);
    // Without a calendar the deadline stays on the Sunday.
    assert_eq!(
        codes(&w, json!({"assessed": "2027-01-01"}), d(2027, 2, 1)),
        [("/assessed".to_string(), "date_too_early")]
    );
    // 2026: 31 January is a Saturday, the deadline Monday 2 February.
    let on = FilingDay::new(d(2026, 2, 2)).with_closed_days(closed.clone());
    assert!(
        w.failures(&json!({"assessed": "2026-01-01"}), on)
            .is_empty()
    );
    let on = FilingDay::new(d(2026, 2, 3)).with_closed_days(closed.clone());
    let e = &w.failures(&json!({"assessed": "2026-01-01"}), on)[0];
    // The first answer still in time on 3 February: 4 January (due 3 February).
    assert_eq!(e.related.as_deref(), Some("2026-01-04.."));
}
