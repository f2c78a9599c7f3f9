//! A fee block always says what is paid: prices the form computes, or the amount in words
//! (`amount_text`) for a fee it cannot compute — never an empty block the pages would read
//! as "free". And the one-line summary the list of procedures and a procedure's page show
//! follows the block: per unit, by answer, per item, stated, or none.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use madoguchi_core::{FeeTiming, Localized, Yen};
use madoguchi_forms::{FeeSummary, Form};
use serde_json::{Value, json};

mod common;
use common::{has, juminhyo, problems};

fn load(definition: Value) -> Form {
    Form::from_value(Path::new("forms/juminhyo-copy/form.json"), definition)
        .unwrap_or_else(|p| panic!("{p:?}"))
}

fn shipped(id: &str) -> Form {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../forms/{id}/form.json"));
    let definition = common::read_as_sendai(&path);
    Form::from_value(&path, definition).unwrap_or_else(|p| panic!("{id}: {p:?}"))
}

/// juminhyo-copy with its fee replaced by one stated in words, paid at the counter.
fn stated(fee: Value) -> Value {
    let mut d = juminhyo();
    d["procedure"]["fee"] = fee;
    d
}

fn words() -> Value {
    json!({ "ja": "窓口で金額をお知らせします。", "en": "The counter tells you the amount." })
}

#[test]
fn a_block_without_any_amount_is_refused_naming_what_to_write() {
    let mut d = juminhyo();
    let fee = d["procedure"]["fee"].as_object_mut().unwrap();
    fee.remove("unit_yen");
    let p = problems(d);
    assert!(has(&p, "/procedure/fee/unit_yen", "amount_text"), "{p:?}");
    assert!(has(&p, "/procedure/fee/unit_yen", "free"), "{p:?}");
    // In Japanese too.
    assert!(p.iter().any(|p| p.message.ja.contains("無料")), "{p:?}");
}

#[test]
fn a_fee_stated_in_words_is_shown_never_computed_nor_charged() {
    let form = load(stated(json!({
        "timing": "at_counter", "amount_text": words(), "refundable": false
    })));
    assert_eq!(
        form.fee_summary(),
        FeeSummary::Stated(Localized::new(
            "窓口で金額をお知らせします。",
            "The counter tells you the amount."
        ))
    );
    // Nothing is computed, so nothing is charged; the timing still says where it is paid.
    assert_eq!(form.fee(&json!({ "copies": 3 })), None);
    assert_eq!(form.fee_timing(), Some(FeeTiming::AtCounter));
}

#[test]
fn a_stated_fee_stands_alone_is_paid_elsewhere_and_has_both_languages() {
    // Beside a price, a quantity or an exemption it would be two answers to one question.
    let beside = [
        ("unit_yen", json!(300)),
        ("quantity_field", json!("/copies")),
        (
            "price_by",
            json!({ "field": "/certificate_type", "prices": {} }),
        ),
    ];
    for (key, value) in beside {
        let mut fee =
            json!({ "timing": "at_counter", "amount_text": words(), "refundable": false });
        fee[key] = value;
        let p = problems(stated(fee));
        assert!(
            has(&p, "/procedure/fee/amount_text", "leave out"),
            "{key}: {p:?}"
        );
    }
    // Not computed, so it cannot be charged online.
    for timing in ["on_submission", "after_approval"] {
        let p = problems(stated(json!({
            "timing": timing, "amount_text": words(), "refundable": false
        })));
        assert!(has(&p, "/procedure/fee/timing", timing), "{timing}: {p:?}");
    }
    for timing in ["at_counter", "bought_elsewhere", "information_only"] {
        load(stated(
            json!({ "timing": timing, "amount_text": words(), "refundable": false }),
        ));
    }
    let p = problems(stated(json!({
        "timing": "at_counter", "amount_text": { "ja": "窓口で", "en": " " }, "refundable": false
    })));
    assert!(
        has(&p, "/procedure/fee/amount_text", "Japanese and in English"),
        "{p:?}"
    );
}

#[test]
fn the_summary_follows_the_block_and_says_free_only_without_one() {
    assert_eq!(
        shipped("juminhyo-copy").fee_summary(),
        FeeSummary::PerUnit {
            amount: Yen::new(300),
            unit: Localized::new("通", "copies")
        }
    );
    // 粗大ごみ: prices per item (unit_yen 0), and the card's reissue: by answer. Neither is free.
    assert_eq!(
        shipped("sodai-gomi-shushu").fee_summary(),
        FeeSummary::PerItem
    );
    assert_eq!(
        shipped("mynumber-card-appointment").fee_summary(),
        FeeSummary::ByAnswer
    );
    // A road occupancy charge is set with the permit: stated, not computed.
    assert!(
        matches!(shipped("doro-senyo-kyoka").fee_summary(), FeeSummary::Stated(t) if t.ja.contains("占用料"))
    );
    // A notification has no fee block: nothing is charged.
    assert_eq!(shipped("tenshutsu-todoke").fee_summary(), FeeSummary::None);
}

#[test]
fn an_example_that_states_its_fee_is_checked_against_the_form() {
    // tax-payment-certificate prices the fixed-asset certificate per ward where the assets
    // lie: two wards and one other certificate are three times 300 yen.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms/tax-payment-certificate");
    let form = shipped("tax-payment-certificate");
    let dir = tempfile::tempdir().unwrap();
    for sub in ["examples/valid", "examples/invalid"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        for entry in std::fs::read_dir(src.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, dir.path().join(sub).join(path.file_name().unwrap())).unwrap();
        }
    }
    let example = dir.path().join("examples/valid/individual-two-taxes.json");
    let stated: Value = common::read_as_sendai(&example);
    assert_eq!(
        stated["$fee_yen"], 900,
        "the shipped example states the fee"
    );
    let (problems, _) = madoguchi_forms::examples::check_examples(&form, dir.path());
    assert!(problems.is_empty(), "{problems:?}");

    // Priced per tax item instead of per ward (the defect the review found), it would say 600.
    let mut wrong = stated.clone();
    wrong["$fee_yen"] = json!(600);
    std::fs::write(&example, wrong.to_string()).unwrap();
    let (problems, _) = madoguchi_forms::examples::check_examples(&form, dir.path());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].pointer, "/$fee_yen");
    assert!(
        problems[0].message.en.contains("600") && problems[0].message.en.contains("900"),
        "{problems:?}"
    );
    assert!(problems[0].message.ja.contains("手数料"), "{problems:?}");
}
