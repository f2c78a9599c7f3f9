//! Names in the Latin alphabet where a procedure allows them (`latin_name`), and help with
//! the katakana reading where it is required.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use madoguchi_core::Lang;
use madoguchi_forms::examples::FILED_ON;
use madoguchi_forms::{Form, FormErrorCode, Problem};
use serde_json::{Map, Value};

fn definition() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms/juminhyo-copy/form.json");
    common::read_as_sendai(&path)
}

fn load(definition: Value) -> Result<Form, Vec<Problem>> {
    Form::from_value(Path::new("forms/juminhyo-copy/form.json"), definition)
}

/// Errors as (pointer, code, Japanese message, English message).
type Told = Vec<(String, FormErrorCode, String, String)>;

/// Answers the applicant step's name and reading; returns what was kept and the errors
/// about them as (pointer, code, ja, en).
fn names(form: &Form, name: &str, kana: &str) -> (Map<String, Value>, Told) {
    let (_, step) = form.step("applicant").unwrap();
    let posted = vec![
        ("applicant_name".to_string(), name.to_string()),
        ("applicant_name_kana".to_string(), kana.to_string()),
    ];
    let mut data = Map::new();
    let errors = form
        .answer_step(step, &posted, &mut data, FILED_ON)
        .into_iter()
        .filter(|e| e.pointer.starts_with("/applicant_name"))
        .map(|e| {
            let (ja, en) = (form.message_in(&e, Lang::Ja), form.message_in(&e, Lang::En));
            (e.pointer, e.code, ja, en)
        })
        .collect();
    (data, errors)
}

#[test]
fn a_name_in_the_latin_alphabet_is_kept_half_width() {
    let form = load(definition()).unwrap();
    let (data, errors) = names(
        &form,
        "Ｏ’Ｂｒｉｅｎ－Ｓｍｉｔｈ　Ｍａｒｙ",
        "o'brien-smith  mary",
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(data["applicant_name"], "O'Brien-Smith Mary");
    assert_eq!(
        data["applicant_name_kana"], "o'brien-smith mary",
        "spaces made single"
    );
    let (data, errors) = names(&form, "仙台 太郎", "せんだい たろう");
    assert!(errors.is_empty(), "Japanese names as before: {errors:?}");
    assert_eq!(data["applicant_name_kana"], "センダイ　タロウ");
}

#[test]
fn other_characters_in_a_latin_name_are_refused_with_what_may_be_used() {
    let form = load(definition()).unwrap();
    let (_, errors) = names(&form, "SMITH John2", "SMITH ジョン");
    let codes: Vec<_> = errors.iter().map(|e| (e.0.as_str(), e.1)).collect();
    assert_eq!(
        codes,
        [
            ("/applicant_name", FormErrorCode::NotLatinName),
            ("/applicant_name_kana", FormErrorCode::NotKatakana)
        ]
    );
    assert!(
        errors[0]
            .2
            .contains("ハイフン(-)・アポストロフィ(')・ピリオド(.)"),
        "{}",
        errors[0].2
    );
    assert!(
        errors[0]
            .3
            .contains("letters, spaces, hyphens (-), apostrophes (')"),
        "{}",
        errors[0].3
    );
    assert!(
        errors[1]
            .2
            .contains("住民票に記載されているとおりのアルファベット"),
        "{}",
        errors[1].2
    );
}

#[test]
fn where_katakana_is_required_a_latin_reading_is_told_how_to_write_it() {
    let mut d = definition();
    for f in ["applicant_name", "applicant_name_kana"] {
        d["ui"]["fields"][f]
            .as_object_mut()
            .unwrap()
            .remove("latin_name");
    }
    let form = load(d).unwrap();
    let (_, errors) = names(&form, "仙台 太郎", "Sendai Taro");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].1, FormErrorCode::NotKatakana);
    assert_eq!(
        errors[0].2,
        "氏名(フリガナ)は読み方をカタカナで入力してください。アルファベットの名前も、読み方はカタカナで書きます(例: Smith → スミス、Yamada Taro → ヤマダ タロウ)"
    );
    assert!(errors[0].3.contains("Smith → スミス"), "{}", errors[0].3);
    // A name field without `latin_name` takes any text, as before.
    let (_, errors) = names(&form, "SMITH John2", "スミス ジョン");
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn the_lint_refuses_latin_name_on_a_field_that_is_no_name() {
    let mut d = definition();
    d["ui"]["fields"]["applicant_birth_date"]["latin_name"] = Value::Bool(true);
    let problems = load(d).unwrap_err();
    let problem = problems
        .iter()
        .find(|p| p.pointer == "/ui/fields/applicant_birth_date/latin_name")
        .unwrap_or_else(|| panic!("{problems:?}"));
    assert!(
        problem.message.en.contains("only a name"),
        "{:?}",
        problem.message
    );
    assert!(problem.message.ja.contains("氏名"), "{:?}", problem.message);
}
