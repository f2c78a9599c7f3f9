//! Catalogue procedures as tests file them: read from `forms/`, adjusted (filed by a guest,
//! a rule changed), and their valid examples as answers.

use madoguchi_forms::Form;
use serde_json::Value;

use crate::defaults;

/// The catalogue's procedure `id`, filed without sign-in, with `adjust` applied to its
/// definition.
pub fn for_guests(id: &str, adjust: impl FnOnce(&mut Value)) -> Form {
    let path = defaults::forms_dir().join(id).join("form.json");
    Form::from_value(&path, defaults::as_sendai(for_guests_json(id, adjust)))
        .unwrap_or_else(|p| panic!("{id} loads: {p:?}"))
}

/// [`for_guests`] as its file (for a server's forms folder: a procedure written for every
/// city stays one, which each city completes).
pub fn for_guests_json(id: &str, adjust: impl FnOnce(&mut Value)) -> Value {
    let mut v = defaults::file_definition(id);
    v["procedure"]["identity"] = "none".into();
    adjust(&mut v);
    v
}

/// A valid example of the catalogue's procedure `id` (`examples/valid/<name>.json`).
pub fn example(id: &str, name: &str) -> Value {
    let path = defaults::forms_dir()
        .join(id)
        .join("examples/valid")
        .join(format!("{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("the example")).expect("JSON")
}

/// 国民健康保険 資格確認書等の再交付申請 filed by a guest, whose duplicate rule (the same
/// householder, member's My Number and document) makes a second filing `mode`
/// (`flagged` or `void`).
pub fn reissue(mode: &str) -> Form {
    let path = defaults::forms_dir().join("kokuho-saikofu/form.json");
    Form::from_value(&path, defaults::as_sendai(reissue_json(mode))).expect("the reissue loads")
}

/// [`reissue`] as its definition.
pub fn reissue_json(mode: &str) -> Value {
    for_guests_json("kokuho-saikofu", |v| {
        v["procedure"]["duplicates"]["second_filing"] = mode.into();
    })
}

/// Answers to [`reissue`] for the member `name` with `my_number`.
pub fn reissue_answers(name: &str, my_number: &str) -> Value {
    let mut v = example("kokuho-saikofu", "lost-certificate");
    v["member_name"] = name.into();
    v["member_my_number"] = my_number.into();
    v
}
