//! Every field kind, accepted and rejected with concrete answers, through the same path a
//! posted page takes: HTML fields → normalisation → JSON → validation → messages.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use madoguchi_core::Lang;
use madoguchi_forms::examples::FILED_ON;
use madoguchi_forms::{FieldError, Form};
use serde_json::{Map, Value, json};

mod dates;
mod groups;

fn form() -> Form {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/all-kinds/form.json");
    Form::from_json(&path, &std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|p| panic!("{p:?}"))
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

const BASIC: &[(&str, &str)] = &[
    ("name", "仙台 花子"),
    ("note", "一行目\r\n二行目"),
    ("kana", "せんだい はなこ"),
    ("email", "hanako@example.jp"),
    ("phone", "022-214-1111"),
    ("postal_code", "9800811"),
    ("address.prefecture", "宮城県"),
    ("address.city", "仙台市青葉区"),
    ("address.town", "一番町"),
    ("address.block", "1-2-3"),
    ("birth_date.year", "1990"),
    ("birth_date.month", "2"),
    ("birth_date.day", "28"),
    ("era_date.era", "reiwa"),
    ("era_date.year", "元"),
    ("era_date.month", "5"),
    ("era_date.day", "1"),
    ("count", "３"),
    ("amount", "12,000"),
];

const CHOICES: &[(&str, &str)] = &[
    ("color", "blue"),
    ("ward", "izumi"),
    ("interests", "books"),
    ("interests", "music"),
    ("agree", "true"),
    ("has_car", "false"),
    ("my_number", "1234 5678 9018"),
    ("corporate_number", "7000012050002"),
    ("bank.bank_code", "0001"),
    ("bank.branch_code", "123"),
    ("bank.account_type", "ordinary"),
    ("bank.account_number", "1234567"),
    ("bank.holder_kana", "ｾﾝﾀﾞｲ ﾊﾅｺ"),
];

const PEOPLE: &[(&str, &str)] = &[
    ("children.0._item", "1"),
    ("children.0.child_name", "仙台 一郎"),
    ("children.0.child_birth_date.year", "2020"),
    ("children.0.child_birth_date.month", "4"),
    ("children.0.child_birth_date.day", "1"),
    ("start_date.year", "2027"),
    ("start_date.month", "4"),
    ("start_date.day", "1"),
    ("end_date.year", "2027"),
    ("end_date.month", "4"),
    ("end_date.day", "30"),
];

/// Answers a step, replacing some posted values; returns the errors and the data.
fn answer(
    form: &Form,
    step: &str,
    base: &[(&str, &str)],
    changes: &[(&str, &str)],
) -> (Vec<FieldError>, Value) {
    let mut posted = pairs(base);
    for (k, v) in changes {
        // `+name` adds a value (a further checkbox) instead of replacing.
        if let Some(k) = k.strip_prefix('+') {
            posted.push((k.to_string(), v.to_string()));
            continue;
        }
        posted.retain(|(pk, _)| pk != k);
        if !v.is_empty() {
            posted.push((k.to_string(), v.to_string()));
        }
    }
    let (_, step) = form.step(step).unwrap();
    let mut data = Map::new();
    let errors = form.answer_step(step, &posted, &mut data, FILED_ON);
    (errors, Value::Object(data))
}

fn codes(errors: &[FieldError]) -> Vec<(String, &'static str)> {
    errors
        .iter()
        .map(|e| (e.pointer.clone(), e.code.code()))
        .collect()
}

#[test]
fn every_kind_accepts_good_answers_and_stores_them_ready_for_processing() {
    let form = form();
    let (errors, basic) = answer(&form, "basic", BASIC, &[]);
    assert_eq!(errors, vec![]);
    assert_eq!(basic["kana"], "センダイ\u{3000}ハナコ");
    assert_eq!(basic["note"], "一行目\n二行目");
    assert_eq!(basic["postal_code"], "980-0811");
    assert_eq!(basic["birth_date"], "1990-02-28");
    assert_eq!(basic["era_date"], "2019-05-01", "令和元年5月1日");
    assert_eq!(basic["count"], 3);
    assert_eq!(basic["amount"], 12000);
    assert_eq!(basic["address"]["block"], "1-2-3");
    let (errors, choices) = answer(&form, "choices", CHOICES, &[]);
    assert_eq!(errors, vec![]);
    assert_eq!(choices["interests"], json!(["books", "music"]));
    assert_eq!(choices["agree"], true);
    assert_eq!(choices["has_car"], false);
    assert_eq!(choices["my_number"], "123456789018");
    assert_eq!(
        choices["bank"]["holder_kana"], "センダイ\u{3000}ハナコ",
        "half-width kana widened"
    );
    assert!(
        choices.get("document").is_none(),
        "files are not read from the form"
    );
    let (errors, people) = answer(&form, "people", PEOPLE, &[]);
    assert_eq!(errors, vec![]);
    assert_eq!(
        people["children"],
        json!([{"child_name": "仙台 一郎", "child_birth_date": "2020-04-01"}])
    );
}

/// (step, changed inputs, expected (pointer, code) errors).
type Case = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [(&'static str, &'static str)],
);

#[test]
fn every_kind_refuses_bad_answers_with_its_own_code() {
    let form = form();
    let cases: &[Case] = &[
        ("basic", &[("kana", "Hanako")], &[("/kana", "not_katakana")]),
        (
            "basic",
            &[("email", "hanako@example")],
            &[("/email", "not_email")],
        ),
        (
            "basic",
            &[("phone", "22-214-1111")],
            &[("/phone", "not_phone")],
        ),
        (
            "basic",
            &[("postal_code", "980081")],
            &[("/postal_code", "not_postal_code")],
        ),
        (
            "basic",
            &[("birth_date.day", "29"), ("birth_date.year", "2023")],
            &[("/birth_date", "not_date")],
        ),
        (
            "basic",
            &[("birth_date.year", "90")],
            &[("/birth_date", "not_date")],
        ),
        (
            "basic",
            &[("era_date.era", "heisei"), ("era_date.year", "31")],
            &[("/era_date", "outside_era")],
        ),
        (
            "basic",
            &[
                ("era_date.era", "showa"),
                ("era_date.year", "64"),
                ("era_date.month", "1"),
                ("era_date.day", "8"),
            ],
            &[("/era_date", "outside_era")],
        ),
        ("basic", &[("count", "三")], &[("/count", "not_integer")]),
        ("basic", &[("count", "9")], &[("/count", "too_large")]),
        (
            "basic",
            &[("amount", "2000000")],
            &[("/amount", "too_large")],
        ),
        ("basic", &[("name", "")], &[("/name", "required")]),
        (
            "basic",
            &[("name", "あいうえおかきくけこさしすせそたちつてとな")],
            &[("/name", "too_long")],
        ),
        (
            "basic",
            &[("address.block", "")],
            &[("/address/block", "required")],
        ),
        (
            "basic",
            &[("phone", ""), ("email", "")],
            &[("/phone", "at_least_one")],
        ),
        (
            "choices",
            &[("color", "green")],
            &[("/color", "not_an_option")],
        ),
        (
            "choices",
            &[("+interests", "sports")],
            &[("/interests", "too_many_chosen")],
        ),
        (
            "choices",
            &[("interests", "books"), ("+interests", "books")],
            &[("/interests", "chosen_twice")],
        ),
        ("choices", &[("agree", "")], &[("/agree", "required")]),
        (
            "choices",
            &[("my_number", "123456789012")],
            &[("/my_number", "not_my_number")],
        ),
        (
            "choices",
            &[("corporate_number", "1000012050002")],
            &[("/corporate_number", "not_corporate_number")],
        ),
        (
            "choices",
            &[("bank.bank_code", "01")],
            &[("/bank/bank_code", "not_bank_code")],
        ),
        (
            "choices",
            &[("bank.branch_code", "1234")],
            &[("/bank/branch_code", "not_branch_code")],
        ),
        (
            "choices",
            &[("bank.account_number", "12345")],
            &[("/bank/account_number", "not_account_number")],
        ),
        (
            "choices",
            &[("bank.holder_kana", "仙台花子")],
            &[("/bank/holder_kana", "not_bank_kana")],
        ),
        (
            "people",
            &[
                ("children.0._item", ""),
                ("children.0.child_name", ""),
                ("children.0.child_birth_date.year", ""),
                ("children.0.child_birth_date.month", ""),
                ("children.0.child_birth_date.day", ""),
            ],
            // An item left blank is dropped, so the required list has no items.
            &[("/children", "required")],
        ),
        (
            "people",
            &[("children.0.child_birth_date.year", "2005")],
            &[("/children/0/child_birth_date", "age_out_of_range")],
        ),
        (
            "people",
            &[("end_date.month", "3")],
            &[("/end_date", "date_order")],
        ),
        (
            "people",
            &[("children.0.child_name", "")],
            &[("/children/0/child_name", "required")],
        ),
    ];
    for (step, changes, want) in cases {
        let base = match *step {
            "basic" => BASIC,
            "choices" => CHOICES,
            _ => PEOPLE,
        };
        let (errors, _) = answer(&form, step, base, changes);
        let want: Vec<(String, &str)> = want.iter().map(|(p, c)| (p.to_string(), *c)).collect();
        assert_eq!(codes(&errors), want, "{step} {changes:?}");
        for e in &errors {
            let m = form.message(e);
            assert!(
                !m.ja.is_empty() && !m.en.is_empty() && !m.ja.contains('{'),
                "{e:?}"
            );
        }
    }
}

#[test]
fn era_mistakes_say_which_era_to_use() {
    let form = form();
    let (errors, _) = answer(
        &form,
        "basic",
        BASIC,
        &[("era_date.era", "heisei"), ("era_date.year", "31")],
    );
    assert_eq!(
        form.message_in(&errors[0], Lang::Ja),
        "和暦の日付は平成にない日付です。平成は31年(2019年4月30日)までです。令和を選んでください"
    );
    assert_eq!(
        form.message_in(&errors[0], Lang::En),
        "Date in the Japanese calendar is not in the Heisei era: Heisei ended in year 31 (30 Apr 2019). Choose Reiwa"
    );
}
