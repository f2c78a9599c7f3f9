//! Rules that change on a date (`x-from-date`, judged on the filing day) and fees whose
//! quantity multiplies answers (`quantity_factors`), on the shipped forms that use them and
//! on the lint that holds authors to their format.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use chrono::NaiveDate;
use madoguchi_core::Yen;
use madoguchi_forms::{Form, FormErrorCode};
use serde_json::{Value, json};

mod common;
use common::{has, juminhyo, problems};

fn shipped(id: &str) -> Form {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../forms/{id}/form.json"));
    Form::from_value(&path, common::read_as_sendai(&path)).unwrap_or_else(|p| panic!("{p:?}"))
}

fn example(id: &str, name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../../forms/{id}/examples/valid/{name}.json"));
    common::read_as_sendai(&path)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn the_eltax_threshold_is_the_one_in_force_on_the_filing_day() {
    let form = shipped("kyuyo-shiharai-hokokusho");
    let mut data = example("kyuyo-shiharai-hokokusho", "corporation");
    data["slip_count"] = json!(50);
    // 50 slips: under the 100-slip threshold on the last day it applies…
    assert!(form.validate(&data, day(2026, 12, 31)).is_empty());
    // …at or over the 30-slip one from the next day, and the message names it.
    let errors = form.validate(&data, day(2027, 1, 1));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        (errors[0].pointer.as_str(), errors[0].code),
        ("/slip_count", FormErrorCode::TooLarge)
    );
    let message = form.message(&errors[0]);
    assert!(message.ja.contains("29枚まで"), "{}", message.ja);
    assert!(message.en.contains("up to 29 slips"), "{}", message.en);
    data["slip_count"] = json!(100);
    let errors = form.validate(&data, day(2026, 12, 31));
    assert!(form.message(&errors[0]).ja.contains("99枚まで"));
    // Before the first day of any part, no part applies.
    assert!(form.validate(&data, day(2020, 12, 31)).is_empty());
}

#[test]
fn dated_parts_are_refused_unless_well_formed_and_in_order() {
    let mut def = juminhyo();
    def["schema"]["properties"]["copies"]["x-from-date"] = json!([
        {"from": "2027-01-01", "schema": {"maximum": 5}},
        {"from": "2026-04-01", "schema": {"maximum": 9}},
        {"from": "2027-02-29", "schema": {"maximum": 9}},
        {"from": "2028-01-01", "schema": {"maxinum": 9}}
    ]);
    let found = problems(def);
    let at = "/schema/properties/copies/x-from-date";
    assert!(
        has(&found, &format!("{at}/1/from"), "is not after `2027-01-01`"),
        "{found:?}"
    );
    assert!(
        has(&found, &format!("{at}/2/from"), "not a day"),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            &format!("{at}/3/schema/maxinum"),
            "Did you mean `maximum`"
        ),
        "{found:?}"
    );
}

#[test]
fn the_certificate_fee_multiplies_years_properties_and_copies() {
    let form = shipped("fixed-asset-certificate");
    let one = example("fixed-asset-certificate", "not-registered");
    let q = form.fee(&one).unwrap();
    assert_eq!(q.total, Yen::new(300));
    assert_eq!(q.breakdown().ja, "300円 × 1年度 × 1件 × 1通 = 300円");
    let mut many = example("fixed-asset-certificate", "two-years-three-copies");
    many.as_object_mut().unwrap().remove("$comment");
    let q = form.fee(&many).unwrap();
    assert_eq!(q.total, Yen::new(3600));
    assert_eq!(q.breakdown().ja, "300円 × 2年度 × 2件 × 3通 = 3,600円");
    assert_eq!(
        q.breakdown().en,
        "¥300 × 2 fiscal years × 2 properties × 3 copies = ¥3,600"
    );
    many["certificate_type"] = json!("both");
    assert_eq!(form.fee(&many).unwrap().total, Yen::new(7200));
}

#[test]
fn fee_factors_must_be_numbers_or_lists_and_more_than_one() {
    let mut def = juminhyo();
    let fee = &mut def["procedure"]["fee"];
    fee["quantity_factors"] = json!([
        {"field": "/copies", "unit": {"ja": "通", "en": "copies"}},
        {"field": "/purpose", "unit": {"ja": "件", "en": "purposes"}}
    ]);
    let found = problems(def.clone());
    assert!(
        has(
            &found,
            "/procedure/fee/quantity_factors/1/field",
            "is not an integer field"
        ),
        "{found:?}"
    );
    // Beside `quantity_field` (which the 住民票 fee has), or alone, it is refused.
    assert!(has(
        &found,
        "/procedure/fee/quantity_factors",
        "two or more answers"
    ));
    def["procedure"]["fee"]
        .as_object_mut()
        .unwrap()
        .remove("quantity_field");
    def["procedure"]["fee"]["quantity_factors"] =
        json!([{"field": "/copies", "unit": {"ja": "通", "en": "copies"}}]);
    assert!(has(
        &problems(def),
        "/procedure/fee/quantity_factors",
        "two or more answers"
    ));
}
