//! Facts carry their provenance: the lint refuses a fee, a refund rule, a legal basis or a
//! processing period without sources or a note of what the city has to confirm, and a
//! source nobody could find again; a fee always says how it is paid. So do the rules that
//! state a fact: an age limit, a change of law, a deadline, a period counted from the
//! filing day.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use madoguchi_core::FeeTiming;
use madoguchi_forms::{Form, Problem};
use serde_json::{Value, json};

mod common;
use common::juminhyo;

fn load(definition: Value) -> Result<Form, Vec<Problem>> {
    Form::from_value(Path::new("forms/juminhyo-copy/form.json"), definition)
}

fn pointers(definition: Value) -> Vec<String> {
    load(definition)
        .unwrap_err()
        .into_iter()
        .map(|p| p.pointer)
        .collect()
}

fn source() -> Value {
    json!({
        "title": "住民票の写し等の交付",
        "issuer": "仙台市",
        "url": "https://www.city.sendai.jp/example.html",
        "seen": "2026-11-23"
    })
}

#[test]
fn each_stated_fact_needs_sources_or_a_note_for_the_city() {
    let mut d = juminhyo();
    d["procedure"].as_object_mut().unwrap().remove("facts");
    let p = pointers(d);
    for fact in ["legal_basis", "fee", "refund", "processing_days"] {
        assert!(
            p.contains(&format!("/procedure/facts/{fact}")),
            "{fact}: {p:?}"
        );
    }
    // Without a fee there is no fee or refund to source.
    let mut d = juminhyo();
    d["procedure"].as_object_mut().unwrap().remove("facts");
    d["procedure"].as_object_mut().unwrap().remove("fee");
    let p = pointers(d);
    assert!(
        !p.iter()
            .any(|p| p.ends_with("/fee") || p.ends_with("/refund")),
        "{p:?}"
    );
}

#[test]
fn a_note_or_a_source_is_enough_and_notes_are_listed_for_the_city() {
    let mut d = juminhyo();
    d["procedure"]["facts"] = json!({
        "reviewed_on": "2026-11-23",
        "legal_basis": { "sources": [source()] },
        "fee": { "sources": [source()], "to_confirm": "the amount for 除票" },
        "refund": { "to_confirm": "is a refused certificate refunded?" },
        "processing_days": { "sources": [{ "title": "仙台市行政手続条例", "issuer": "仙台市", "document": "第6条", "seen": "2026-11-23" }] }
    });
    let form = load(d).unwrap();
    assert_eq!(
        form.facts().to_confirm(),
        [
            ("fee", "the amount for 除票"),
            ("refund", "is a refused certificate refunded?")
        ]
    );
    assert_eq!(form.facts().reviewed_on.unwrap().to_string(), "2026-11-23");
}

#[test]
fn a_fact_marked_to_confirm_is_open_for_the_words_it_states_and_its_note() {
    let mut d = juminhyo();
    d["procedure"]["facts"] = json!({
        "legal_basis": { "sources": [source()] },
        "fee": { "sources": [source()], "to_confirm": "the amount for 除票" },
        "refund": { "sources": [source()] },
        "processing_days": { "to_confirm": "the period" },
        "who_may_file": { "to_confirm": "the wording" }
    });
    let form = load(d.clone()).unwrap();
    let open = form.open_facts();
    let facts: Vec<&str> = open.iter().map(|f| f.fact).collect();
    assert_eq!(
        facts,
        ["fee", "processing_days", "who_may_file"],
        "settled facts are not open"
    );
    let digest = |d: &Value, fact: &str| {
        load(d.clone())
            .unwrap()
            .open_facts()
            .into_iter()
            .find(|f| f.fact == fact)
            .map(|f| f.digest)
            .unwrap()
    };
    let days = digest(&d, "processing_days");
    assert_eq!(open[1].stated, d["procedure"]["processing_days"]);
    assert_eq!(open[1].note, "the period");
    // Another part of the definition changed: the same words, the same digest.
    let mut other = d.clone();
    other["procedure"]["title"]["ja"] = json!("住民票の写しの請求(改)");
    assert_eq!(digest(&other, "processing_days"), days);
    // The statement or the note changed: a confirmation no longer holds.
    let mut longer = d.clone();
    longer["procedure"]["processing_days"] = json!(99);
    assert_ne!(digest(&longer, "processing_days"), days);
    let mut renoted = d.clone();
    renoted["procedure"]["facts"]["processing_days"]["to_confirm"] = json!("the period, again");
    assert_ne!(digest(&renoted, "processing_days"), days);
    // A fact stated without a note is the city's own statement: never open.
    let mut unsaid = d;
    unsaid["procedure"]["facts"]
        .as_object_mut()
        .unwrap()
        .remove("who_may_file");
    assert!(
        load(unsaid)
            .unwrap()
            .open_facts()
            .iter()
            .all(|f| f.fact != "who_may_file")
    );
}

#[test]
fn a_page_that_says_free_while_a_note_doubts_it_is_open() {
    // No fee block: the page says 「無料です」. A note on the fee makes that a fact to
    // confirm; without one, nothing is asked of the fee.
    let mut d = juminhyo();
    d["procedure"].as_object_mut().unwrap().remove("fee");
    d["procedure"]["facts"] = json!({
        "legal_basis": { "sources": [source()] },
        "fee": { "to_confirm": "is registration free?" },
        "processing_days": { "sources": [source()] }
    });
    let form = load(d.clone()).unwrap();
    let open = form.open_facts();
    assert_eq!(open.iter().map(|f| f.fact).collect::<Vec<_>>(), ["fee"]);
    assert_eq!(
        open[0].stated,
        Value::Null,
        "no fee rule: the page's 「無料です」"
    );
    d["procedure"]["facts"]
        .as_object_mut()
        .unwrap()
        .remove("fee");
    assert!(load(d).unwrap().open_facts().is_empty());
}

#[test]
fn a_source_must_say_who_published_it_and_where_to_read_it_again() {
    let mut d = juminhyo();
    d["procedure"]["facts"]["legal_basis"] = json!({ "sources": [
        { "title": "", "issuer": "仙台市", "url": "https://www.city.sendai.jp/", "seen": "2026-11-23" },
        { "title": "条例", "issuer": "仙台市", "seen": "2026-11-23" },
        { "title": "条例", "issuer": "仙台市", "url": "www.city.sendai.jp", "seen": "2026-11-23" }
    ]});
    d["procedure"]["facts"]["fee"] = json!({});
    d["procedure"]["facts"]["refund"] = json!({ "to_confirm": "  " });
    let p = pointers(d);
    for at in [
        "/procedure/facts/legal_basis/sources/0",
        "/procedure/facts/legal_basis/sources/1",
        "/procedure/facts/legal_basis/sources/2/url",
        "/procedure/facts/fee",
        "/procedure/facts/refund/to_confirm",
    ] {
        assert!(p.iter().any(|x| x == at), "{at}: {p:?}");
    }
    // A day that is no date, and an unknown key, are format errors.
    let mut d = juminhyo();
    d["procedure"]["facts"]["legal_basis"] = json!({ "sources": [{ "title": "t", "issuer": "i", "url": "https://a.jp/", "seen": "yesterday" }] });
    assert!(!pointers(d).is_empty());
    let mut d = juminhyo();
    d["procedure"]["facts"]["legal_basis"] = json!({ "to_confirm": "x", "maybe": true });
    assert!(!pointers(d).is_empty());
}

#[test]
fn a_fee_always_says_how_it_is_paid_and_whether_it_is_given_back() {
    for key in ["timing", "refundable"] {
        let mut d = juminhyo();
        d["procedure"]["fee"].as_object_mut().unwrap().remove(key);
        let p = load(d).unwrap_err();
        assert!(
            p.iter()
                .any(|p| p.message.en.contains(&format!("missing field `{key}`"))),
            "{key}: {p:?}"
        );
    }
    // Every way of paying is accepted; only the online ones are charged here.
    for t in FeeTiming::ALL {
        let mut d = juminhyo();
        d["procedure"]["fee"]["timing"] = json!(t.code());
        d["procedure"]["fee"]
            .as_object_mut()
            .unwrap()
            .remove("online_if");
        let form = load(d).unwrap();
        assert_eq!(form.fee_timing(), Some(*t));
        assert_eq!(
            t.is_online(),
            matches!(t, FeeTiming::OnSubmission | FeeTiming::AfterApproval)
        );
    }
    // Choosing between online and otherwise makes no sense for a sticker bought at a shop.
    let mut d = juminhyo();
    assert!(
        d["procedure"]["fee"].get("online_if").is_some(),
        "the fixture asks how to pay"
    );
    d["procedure"]["fee"]["timing"] = json!("bought_elsewhere");
    assert!(pointers(d).contains(&"/procedure/fee/online_if".to_string()));
}

/// The 転入 form as published: its visit date is bounded by the move (a deadline) and by
/// the filing day (a booking horizon).
fn tennyu() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms/tennyu-yoyaku/form.json");
    common::read_as_sendai(&path)
}

fn load_tennyu(d: Value) -> Result<Form, Vec<Problem>> {
    Form::from_value(Path::new("forms/tennyu-yoyaku/form.json"), d)
}

/// `d` with `rules` in place of its visit-date windows; its birth dates keep theirs.
fn with_windows(d: &mut Value, rules: Value) {
    common::replace_windows_keeping_birth_dates(d, rules.as_array().unwrap().clone());
}

#[test]
fn a_deadline_needs_its_source_or_a_note_for_the_city() {
    let mut d = tennyu();
    with_windows(
        &mut d,
        json!([
            { "field": "/visit_date", "not_before": "today" },
            { "field": "/visit_date", "not_after": { "field": "/residence_start_date", "days": 14 } },
            { "field": "/residence_start_date", "not_before": { "days": -30, "if_closed": "next_opening_day" } }
        ]),
    );
    let p = load_tennyu(d.clone()).unwrap_err();
    let at: Vec<&str> = p.iter().map(|p| p.pointer.as_str()).collect();
    // Counted from the move or moved past closed days: a deadline; bounded by the filing
    // day itself: a plausibility bound, with nothing to source.
    assert_eq!(
        at,
        ["/schema/x-date-window/1", "/schema/x-date-window/2"],
        "{p:?}"
    );
    assert!(
        p[0].message.en.contains("deadline on `/visit_date`"),
        "{p:?}"
    );
    assert!(p[0].message.ja.contains("期限に出典がありません"), "{p:?}");
    // A source, or a note for the city, is enough.
    d["schema"]["x-date-window"][1]["sources"] = json!([{
        "title": "「住民異動届」のご案内",
        "issuer": "仙台市",
        "url": "http://www.city.sendai.jp/kosekijumin/kurashi/tetsuzuki/koseki/koseki/jumin.html",
        "seen": "2026-11-24",
        "quote": "住み始めてから14日以内に届け出する必要がある"
    }]);
    d["schema"]["x-date-window"][2]["to_confirm"] = json!("the city's closing days");
    let form = load_tennyu(d).unwrap();
    let notes = form.to_confirm();
    let rule = notes.iter().find(|n| n.at.starts_with("/schema")).unwrap();
    assert_eq!(rule.at, "/schema/x-date-window/2");
    assert_eq!(rule.field.as_deref(), Some("/residence_start_date"));
    assert_eq!(rule.note, "the city's closing days");
}

#[test]
fn a_period_counted_from_the_filing_day_needs_its_source_but_the_day_itself_does_not() {
    let mut d = tennyu();
    with_windows(
        &mut d,
        json!([
            { "field": "/visit_date", "not_before": "today", "not_after": { "days": 60 } },
            { "field": "/residence_start_date", "not_before": { "days": -10 }, "not_after": { "days": 30 } },
            { "field": "/residence_start_date", "not_before": { "years": -2 } },
            { "field": "/visit_date", "not_before": "today", "not_after": { "days": 0 } },
            { "field": "/residence_start_date", "not_after": "today" }
        ]),
    );
    let p = load_tennyu(d.clone()).unwrap_err();
    let at: Vec<&str> = p.iter().map(|p| p.pointer.as_str()).collect();
    // A booking horizon, a move date around the filing day and a time bar state periods;
    // the filing day itself (`"today"`, `{"days": 0}`) states none.
    assert_eq!(
        at,
        [
            "/schema/x-date-window/0",
            "/schema/x-date-window/1",
            "/schema/x-date-window/2"
        ],
        "{p:?}"
    );
    assert!(
        p[1].message
            .en
            .contains("`x-date-window` rule on `/residence_start_date`"),
        "{p:?}"
    );
    assert!(p[1].message.en.contains("`to_confirm`"), "{p:?}");
    assert!(p[1].message.ja.contains("出典がありません"), "{p:?}");
    for i in 0..3 {
        d["schema"]["x-date-window"][i]["to_confirm"] = json!(format!("window {i}"));
    }
    let form = load_tennyu(d).unwrap();
    let notes: Vec<String> = form
        .to_confirm()
        .into_iter()
        .filter(|n| n.at.starts_with("/schema/x-date-window"))
        .map(|n| n.note)
        .collect();
    assert_eq!(notes, ["window 0", "window 1", "window 2"]);
}

#[test]
fn an_age_limit_and_a_change_of_law_need_their_source_or_a_note_for_the_city() {
    let mut d = tennyu();
    d["schema"]["x-age"] = json!([
        { "field": "/notifier_birth_date", "min": 15, "as_of": { "field": "/visit_date" } },
        { "field": "/moving_persons/*/birth_date", "min": 0, "as_of": { "field": "/visit_date" } }
    ]);
    d["schema"]["x-from-date"] = json!([
        { "from": "2027-01-01", "schema": {} },
        { "from": "2028-01-01", "schema": { "x-age": [
            { "field": "/notifier_birth_date", "min": 18, "as_of": { "field": "/visit_date" } }
        ] }, "to_confirm": "the 2028 amendment" }
    ]);
    let p = load_tennyu(d.clone()).unwrap_err();
    let at: Vec<&str> = p.iter().map(|p| p.pointer.as_str()).collect();
    assert_eq!(
        at,
        [
            "/schema/x-age/0",
            "/schema/x-from-date/0",
            "/schema/x-from-date/1/schema/x-age/0"
        ],
        "{p:?}"
    );
    assert!(
        p[0].message
            .en
            .contains("`x-age` rule on `/notifier_birth_date`"),
        "{p:?}"
    );
    assert!(p[0].message.en.contains("add `sources`"), "{p:?}");
    assert!(p[1].message.en.contains("change from 2027-01-01"), "{p:?}");
    // Born by the day the age is counted on (`"min": 0` alone) is no limit: nothing to
    // source, as a birth date not in the future.
    // A note for the city is enough, and is listed with the rule's date.
    d["schema"]["x-age"][0]["to_confirm"] = json!("対象年齢 満15歳以上: confirm");
    d["schema"]["x-from-date"][0]["sources"] = json!([source()]);
    d["schema"]["x-from-date"][1]["schema"]["x-age"][0]["sources"] = json!([source()]);
    let form = load_tennyu(d).unwrap();
    let notes = form.to_confirm();
    let age = notes.iter().find(|n| n.at == "/schema/x-age/0").unwrap();
    assert_eq!(age.field.as_deref(), Some("/notifier_birth_date"));
    assert_eq!(age.note, "対象年齢 満15歳以上: confirm");
    assert!(
        notes
            .iter()
            .any(|n| n.at == "/schema/x-from-date/1" && n.note == "the 2028 amendment"),
        "{notes:?}"
    );
}

#[test]
fn a_rules_sources_are_checked_as_a_facts_are() {
    let mut d = tennyu();
    with_windows(
        &mut d,
        json!([
            { "field": "/visit_date", "not_after": { "field": "/residence_start_date", "days": 14 },
              "sources": [{ "title": "", "issuer": "仙台市", "url": "www.city.sendai.jp", "seen": "2026-11-24" }] },
            { "field": "/residence_start_date", "not_after": "today", "to_confirm": " " }
        ]),
    );
    d["schema"]["x-age"] = json!([{ "field": "/residence_start_date", "min": 0,
        "as_of": { "field": "/visit_date" }, "sources": [{ "title": "t", "issuer": "i", "seen": "2026-11-24" }] }]);
    d["schema"]["properties"]["visit_date"]["x-from-date"] = json!([{ "from": "2027-01-01",
        "schema": {}, "sources": [{ "title": "改正", "issuer": "", "document": "令和8年条例第1号", "seen": "2026-11-24" }] }]);
    let p = load_tennyu(d).unwrap_err();
    let at: Vec<&str> = p.iter().map(|p| p.pointer.as_str()).collect();
    for want in [
        "/schema/x-date-window/0/sources/0",
        "/schema/x-date-window/0/sources/0/url",
        "/schema/x-date-window/1/to_confirm",
        "/schema/x-age/0/sources/0",
        "/schema/properties/visit_date/x-from-date/0/sources/0",
    ] {
        assert!(at.contains(&want), "{want}: {p:?}");
    }
    // A day that is no date is a format error.
    let mut d = tennyu();
    d["schema"]["x-date-window"][0]["sources"] =
        json!([{ "title": "t", "issuer": "i", "url": "https://a.jp/", "seen": "yesterday" }]);
    assert!(load_tennyu(d).is_err());
}
