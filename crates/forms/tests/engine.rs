//! The engine on the juminhyo form: posted HTML fields in, normalised JSON and messages out.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use madoguchi_core::{Lang, Yen};
use madoguchi_forms::examples::FILED_ON;
use madoguchi_forms::{Form, FormErrorCode};
use serde_json::{Map, Value, json};

fn juminhyo() -> Form {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms/juminhyo-copy/form.json");
    Form::from_value(&path, common::read_as_sendai(&path)).unwrap_or_else(|p| panic!("{p:?}"))
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn posted_fields_are_normalised_into_json() {
    let form = juminhyo();
    let (_, step) = form.step("applicant").unwrap();
    let posted = pairs(&[
        ("applicant_name", "  仙台　太郎 "),
        ("applicant_name_kana", "せんだい　ﾀﾛｳ"),
        ("applicant_birth_date.year", "１９８５"),
        ("applicant_birth_date.month", "4"),
        ("applicant_birth_date.day", "1"),
        ("applicant_postal_code", "９８０８６７１"),
        ("applicant_address.prefecture", "宮城県"),
        ("applicant_address.city", "仙台市青葉区"),
        ("applicant_address.town", "国分町三丁目"),
        ("applicant_address.block", "７－１"),
        ("applicant_address.building", ""),
        ("applicant_phone", "０２２（２１４）１１１１"),
        ("applicant_email", ""),
    ]);
    let mut data = Map::new();
    let errors = form.answer_step(step, &posted, &mut data, FILED_ON);
    assert_eq!(errors, vec![]);
    let data = Value::Object(data);
    assert_eq!(data["applicant_name"], "仙台\u{3000}太郎");
    assert_eq!(data["applicant_name_kana"], "センダイ\u{3000}タロウ");
    assert_eq!(data["applicant_birth_date"], "1985-04-01");
    assert_eq!(data["applicant_postal_code"], "980-8671");
    assert_eq!(
        data["applicant_address"],
        json!({"prefecture": "宮城県", "city": "仙台市青葉区", "town": "国分町三丁目", "block": "7-1"})
    );
    assert_eq!(data["applicant_phone"], "022-214-1111");
    assert!(
        data.get("applicant_email").is_none(),
        "empty inputs are absent"
    );
    assert_eq!(form.validate_step(step, &data, FILED_ON), vec![]);
}

#[test]
fn step_errors_name_the_field_and_say_how_to_fix_it() {
    let form = juminhyo();
    let (_, step) = form.step("applicant").unwrap();
    let mut data = Map::new();
    let errors = form.answer_step(
        step,
        &pairs(&[
            // Latin letters alone would be a name in the alphabet (`latin_name`): not mixed.
            ("applicant_name_kana", "Sendaiタロウ"),
            ("applicant_birth_date.year", "1985"),
            ("applicant_birth_date.month", "2"),
            ("applicant_birth_date.day", "30"),
        ]),
        &mut data,
        FILED_ON,
    );
    let pointers: Vec<&str> = errors.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "/applicant_name",
            "/applicant_name_kana",
            "/applicant_birth_date",
            "/applicant_postal_code",
            "/applicant_address",
            "/applicant_phone"
        ],
        "one error per field, in page order, only this step's fields"
    );
    let kana = &errors[1];
    assert_eq!(kana.code, FormErrorCode::NotKatakana);
    assert_eq!(
        form.message_in(kana, Lang::Ja),
        "氏名(フリガナ)はカタカナ(例: ヤマダ タロウ)か、住民票に記載されているとおりのアルファベット(例: SMITH JOHN)で入力してください"
    );
    assert_eq!(
        form.message_in(kana, Lang::En),
        "Write Full name (katakana) in katakana (like ヤマダ タロウ) or in the Latin alphabet as the residence record shows it (like SMITH JOHN)"
    );
    assert_eq!(
        form.message_in(&errors[2], Lang::Ja),
        "生年月日は実在する日付を入力してください。月は1から12、日はその月にある日の数字です"
    );
    assert_eq!(form.message_in(&errors[0], Lang::En), "Enter Full name");
}

#[test]
fn nested_fields_are_named_with_their_group() {
    let form = juminhyo();
    let data =
        json!({"applicant_address": {"prefecture": "宮城県", "city": "仙台市", "town": "国分町"}});
    let (_, step) = form.step("applicant").unwrap();
    let errors = form.validate_step(step, &data, FILED_ON);
    let block = errors
        .iter()
        .find(|e| e.pointer == "/applicant_address/block")
        .unwrap();
    assert_eq!(
        form.message_in(block, Lang::Ja),
        "住所(住民登録地)の番地・号を入力してください"
    );
    assert_eq!(
        form.message_in(block, Lang::En),
        "Enter Block and house number (Address (where you are registered))"
    );
}

#[test]
fn fee_is_unit_price_times_copies() {
    let form = juminhyo();
    let quote = form.fee(&json!({"copies": 2})).unwrap();
    assert_eq!(quote.total, Yen::new(600));
}

#[test]
fn check_page_answers_use_option_labels_and_dates() {
    let form = juminhyo();
    let data = json!({"relation_to_subject": "household", "applicant_birth_date": "1985-04-01", "optional_items": ["my_number", "alias"], "delivery_address_confirm": true});
    let answers = form.answers(&data, Lang::Ja);
    let all: Vec<_> = answers.iter().flat_map(|(_, a)| a.iter()).collect();
    let find = |name: &str| all.iter().find(|a| a.name == name).unwrap();
    assert_eq!(find("relation_to_subject").value, "同じ世帯の人");
    assert_eq!(
        find("applicant_birth_date").value,
        "昭和60年4月1日（1985年4月1日）"
    );
    assert_eq!(find("optional_items").value, "個人番号(マイナンバー)、通称");
    assert_eq!(find("delivery_address_confirm").value, "確認しました");
    assert!(!find("applicant_name").answered);
}

#[test]
fn the_version_is_a_content_hash_independent_of_formatting() {
    let form = juminhyo();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms/juminhyo-copy/form.json");
    let value: Value = common::read_as_sendai(&path);
    let compact = serde_json::to_string(&value).unwrap();
    let again = Form::from_json(&path, &compact).unwrap();
    assert_eq!(again.version(), form.version());
    assert_eq!(form.version().len(), 64);
    let mut changed = value.clone();
    changed["procedure"]["processing_days"] = json!(4);
    let other = Form::from_value(&path, changed).unwrap();
    assert_ne!(
        other.version(),
        form.version(),
        "any change makes a new version"
    );
}

#[test]
fn an_answer_sent_twice_is_refused_not_picked() {
    let form = juminhyo();
    let (_, step) = form.step("applicant").unwrap();
    for twice in [
        &[
            ("applicant_name", "仙台 太郎"),
            ("applicant_name", "青葉 花子"),
        ][..],
        &[
            ("applicant_name", "仙台 太郎"),
            ("applicant_name", "仙台 太郎"),
        ],
        &[
            ("applicant_birth_date.year", "1985"),
            ("applicant_birth_date.year", "1986"),
            ("applicant_birth_date.month", "4"),
            ("applicant_birth_date.day", "1"),
        ],
    ] {
        let mut data = Map::new();
        let errors = form.answer_step(step, &pairs(twice), &mut data, FILED_ON);
        let pointer = format!("/{}", twice[0].0.split('.').next().unwrap());
        assert!(
            errors
                .iter()
                .any(|e| e.pointer == pointer && e.code == FormErrorCode::Invalid),
            "{twice:?}: {errors:?}"
        );
        assert!(data.get(&pointer[1..]).is_none(), "neither answer is kept");
    }
}
