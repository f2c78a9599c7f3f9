//! A label written as a question (「…ですか」, "Are you …?") or as a statement a box confirms
//! (「…を確認しました」, "I confirm …") is quoted in messages and said another way, instead of
//! 「あなたは公務員ですかを選んでください」 or "Select Are you a public servant?".

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use madoguchi_core::Lang;
use madoguchi_forms::examples::FILED_ON;
use madoguchi_forms::{Form, reads_as_sentence};

/// The procedure as Sendai serves it (it is written for every city).
fn form() -> std::sync::Arc<Form> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let sendai = madoguchi_forms::CityParameters::for_organisation_file(
        &root.join("deploy/data/municipalities/sendai.json"),
    )
    .unwrap();
    let (forms, problems) = madoguchi_forms::FormRegistry::load_dir(&root.join("forms"))
        .unwrap()
        .for_city(&sendai, |id| id == "jido-teate-gakukaitei");
    assert!(problems.is_empty(), "{problems:?}");
    forms.get("jido-teate-gakukaitei").unwrap()
}

/// The messages (ja, en) at `pointer` when `step` is sent with nothing answered.
fn told(form: &Form, step: &str, pointer: &str) -> (String, String) {
    let (_, step) = form.step(step).unwrap();
    let mut data = serde_json::Map::new();
    let nothing: Vec<(String, String)> = Vec::new();
    let errors = form.answer_step(step, nothing.as_slice(), &mut data, FILED_ON);
    let e = errors
        .iter()
        .find(|e| e.pointer == pointer)
        .unwrap_or_else(|| panic!("{errors:?}"));
    (form.message_in(e, Lang::Ja), form.message_in(e, Lang::En))
}

#[test]
fn a_question_left_unanswered_is_asked_again_as_a_question() {
    let (ja, en) = told(&form(), "recipient", "/claimant_is_public_servant");
    assert_eq!(ja, "「あなたは公務員ですか」に答えてください");
    assert_eq!(en, "Answer the question \"Are you a public servant?\"");
}

#[test]
fn a_statement_left_unticked_is_named_as_the_statement() {
    let (ja, en) = told(&form(), "documents", "/declaration");
    assert_eq!(
        ja,
        "「入力した内容に誤りがないことを確認しました」の内容を確かめて、チェックを入れてください"
    );
    assert_eq!(
        en,
        "Tick the box \"I confirm that what I have entered is true and complete\" once you have checked it is true"
    );
}

#[test]
fn a_name_of_a_thing_is_left_as_it_is() {
    let (ja, en) = told(&form(), "recipient", "/claimant_name");
    assert!(!ja.contains('「'), "{ja}");
    assert!(!en.contains('"'), "{en}");
    for name in [
        "氏名",
        "生年月日",
        "Full name",
        "Date of birth",
        "世帯の状況",
    ] {
        assert!(!reads_as_sentence(name), "{name}");
    }
    for sentence in [
        "あなたは公務員ですか",
        "同意します",
        "Are you a public servant?",
        "I agree to the terms",
        "確認しました。",
    ] {
        assert!(reads_as_sentence(sentence), "{sentence}");
    }
}
