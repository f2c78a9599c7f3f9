//! A department's definition read from JSON, and every fault named at its field.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use madoguchi_bookings::{Confirm, Problem, Resource, Unit};

const COUNTER: &str = r#"{
  "id": "aoba-mynumber",
  "name": {"ja": "青葉区役所 マイナンバーカード窓口", "en": "Aoba Ward Office, My Number Card counter"},
  "place": {"ja": "青葉区役所 1階 市民課", "en": "Aoba Ward Office, 1st floor"},
  "unit": "persons",
  "sessions": [
    {"days": ["mon", "tue", "wed", "thu", "fri"], "from": "09:00", "until": "16:30", "every": 30, "capacity": 4},
    {"days": ["sat"], "from": "09:00", "until": "12:00", "capacity": 10, "valid_from": "2027-04-01"}
  ],
  "closed": [{"day": "2027-03-03", "reason": {"ja": "システム更新のため休みです", "en": "Closed for a system update"}}],
  "window": {"opens_days_ahead": 45, "closes_business_days_before": 2},
  "per_person": 1,
  "confirm": "by_clerk"
}"#;

#[test]
fn a_counters_definition_reads_and_has_no_fault() {
    let r = Resource::from_json(COUNTER).unwrap();
    assert_eq!(r.unit, Unit::Persons);
    assert_eq!(r.confirm, Confirm::ByClerk);
    assert_eq!(r.sessions[0].from.to_string(), "09:00");
    assert_eq!(r.check(), vec![]);
    // Written back, it reads as itself.
    let again = Resource::from_json(&serde_json::to_string(&r).unwrap()).unwrap();
    assert_eq!(again, r);
}

#[test]
fn every_fault_is_named_at_its_field() {
    let mut v: serde_json::Value = serde_json::from_str(COUNTER).unwrap();
    v["id"] = "青葉".into();
    v["name"]["ja"] = "".into();
    v["sessions"][0]["until"] = "08:00".into();
    v["sessions"][1]["capacity"] = 0.into();
    v["sessions"][1]["every"] = 500.into();
    v["sessions"][1]["valid_until"] = "2027-03-01".into();
    v["closed"] = serde_json::json!([
        {"day": "2027-03-03", "reason": {"ja": "休み", "en": "Closed"}},
        {"day": "2027-03-03", "reason": {"ja": "", "en": ""}}
    ]);
    v["per_person"] = 0.into();
    v["window"]["opens_days_ahead"] = 0.into();
    let r = Resource::from_json(&v.to_string()).unwrap();
    let faults: Vec<(String, Problem)> = r
        .check()
        .into_iter()
        .map(|f| (f.field, f.problem))
        .collect();
    assert_eq!(
        faults,
        vec![
            ("/id".into(), Problem::BadId),
            ("/name".into(), Problem::NoJapanese),
            ("/sessions/0/until".into(), Problem::EndsBeforeStart),
            ("/sessions/1/every".into(), Problem::BadLength),
            ("/sessions/1/capacity".into(), Problem::BadCapacity),
            ("/sessions/1/valid_until".into(), Problem::ValidityReversed),
            ("/closed/1/day".into(), Problem::Duplicate),
            ("/closed/1/reason".into(), Problem::NoJapanese),
            ("/per_person".into(), Problem::BadLimit),
            ("/window/opens_days_ahead".into(), Problem::BadWindow),
        ]
    );
    // Each message names the field and says what to do.
    let message = r.check()[2].message();
    assert_eq!(
        message.en,
        "/sessions/0/until: make `until` later than `from`"
    );
    assert_eq!(
        message.ja,
        "/sessions/0/until: 終わりの時刻(until)を始まりの時刻(from)より後にしてください"
    );
}

#[test]
fn a_time_or_field_that_cannot_be_read_is_refused_with_where() {
    let wrong_time = COUNTER.replace("\"16:30\"", "\"16時30分\"");
    let err = Resource::from_json(&wrong_time).unwrap_err();
    assert!(err.contains("16時30分") && err.contains("HH:MM"), "{err}");
    let unknown = COUNTER.replace("\"per_person\"", "\"per_persn\"");
    let err = Resource::from_json(&unknown).unwrap_err();
    assert!(err.contains("per_persn"), "{err}");
    let unit = COUNTER.replace("\"persons\"", "\"people\"");
    assert!(Resource::from_json(&unit).unwrap_err().contains("people"));
}
