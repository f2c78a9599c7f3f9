//! Repeatable groups, conditions, fees, answers as shown and JSON answers.

use madoguchi_core::Lang;
use madoguchi_forms::input::{StepAction, apply_item_action, item_count};
use serde_json::{Map, Value, json};

use super::*;

#[test]
fn items_of_a_repeatable_group_are_named_with_their_number() {
    let form = form();
    let mut people = PEOPLE.to_vec();
    people.extend_from_slice(&[
        ("children.1._item", "1"),
        ("children.1.child_name", "仙台 二郎"),
    ]);
    let (errors, _) = answer(&form, "people", &people, &[]);
    assert_eq!(
        codes(&errors),
        [("/children/1/child_birth_date".to_string(), "required")]
    );
    assert_eq!(
        form.message_in(&errors[0], Lang::Ja),
        "子ども2の生年月日を入力してください"
    );
    assert_eq!(
        form.message_in(&errors[0], Lang::En),
        "Enter Date of birth (Child 2)"
    );
    let (errors, _) = answer(
        &form,
        "people",
        &people,
        &[
            ("children.1.child_birth_date.year", "2021"),
            ("children.1.child_birth_date.month", "1"),
            ("children.1.child_birth_date.day", "1"),
            ("children.2._item", "1"),
            ("children.2.child_name", "三郎"),
            ("children.3._item", "1"),
            ("children.3.child_name", "四郎"),
        ],
    );
    assert!(
        codes(&errors).contains(&("/children/2/child_birth_date".to_string(), "required")),
        "{errors:?}"
    );
    assert!(
        !codes(&errors)
            .iter()
            .any(|(p, _)| p.starts_with("/children/3")),
        "items beyond maxItems are not read"
    );
}

#[test]
fn adding_and_removing_items_keeps_the_other_answers() {
    let form = form();
    let (_, step) = form.step("people").unwrap();
    let posted = pairs(&[
        ("children.0._item", "1"),
        ("children.0.child_name", "一郎"),
        ("children.1._item", "1"),
        ("children.1.child_name", "二郎"),
    ]);
    let added = apply_item_action(step, &posted, &StepAction::Add("children".into()));
    let children = &step.fields[0];
    assert_eq!(item_count(children, &added), 3);
    let removed = apply_item_action(step, &added, &StepAction::Remove("children".into(), 0));
    assert_eq!(item_count(children, &removed), 2);
    assert!(
        removed.contains(&("children.0.child_name".into(), "二郎".into())),
        "later items move up: {removed:?}"
    );
    let full = apply_item_action(step, &removed, &StepAction::Add("children".into()));
    let over = apply_item_action(step, &full, &StepAction::Add("children".into()));
    assert_eq!(item_count(children, &over), 3, "no more than maxItems");
    assert_eq!(
        StepAction::parse("remove:children:1"),
        Some(StepAction::Remove("children".into(), 1))
    );
    assert_eq!(StepAction::parse("explode"), None);
}

#[test]
fn conditions_show_steps_and_drop_stale_answers() {
    let form = form();
    let mut data = Map::new();
    let (_, choices) = form.step("choices").unwrap();
    let (_, car) = form.step("car").unwrap();
    let mut with_car = pairs(CHOICES);
    with_car.retain(|(k, _)| k != "has_car");
    with_car.push(("has_car".into(), "true".into()));
    assert_eq!(
        form.answer_step(choices, &with_car, &mut data, FILED_ON),
        vec![]
    );
    let snapshot = Value::Object(data.clone());
    let shown: Vec<&str> = form.shown_steps(&snapshot).map(|s| s.id.as_str()).collect();
    assert_eq!(shown, ["basic", "choices", "people", "car"]);
    assert_eq!(
        form.next_step("people", &Value::Object(data.clone()))
            .map(|s| s.id.as_str()),
        Some("car")
    );
    let errors = form.answer_step(car, &pairs(&[]), &mut data, FILED_ON);
    assert_eq!(codes(&errors), [("/car_number".to_string(), "required")]);
    form.answer_step(
        car,
        &pairs(&[("car_number", "宮城 500 あ 1234")]),
        &mut data,
        FILED_ON,
    );
    assert_eq!(data["car_number"], "宮城 500 あ 1234");
    // The resident goes back and says there is no car: the car step and its answer go.
    assert_eq!(
        form.answer_step(choices, &pairs(CHOICES), &mut data, FILED_ON),
        vec![]
    );
    assert!(data.get("car_number").is_none());
    assert_eq!(
        form.next_step("people", &Value::Object(data.clone()))
            .map(|s| s.id.as_str()),
        None
    );
}

#[test]
fn the_fee_counts_the_items_of_a_group() {
    let form = form();
    let quote = form.fee(&json!({"children": [{}, {}]})).unwrap();
    assert_eq!(quote.total.amount(), 200);
}

#[test]
fn answers_show_labels_eras_masks_and_items() {
    let form = form();
    let (_, basic) = answer(&form, "basic", BASIC, &[]);
    let (_, choices) = answer(&form, "choices", CHOICES, &[]);
    let (_, people) = answer(&form, "people", PEOPLE, &[]);
    let mut data = basic.as_object().unwrap().clone();
    data.extend(choices.as_object().unwrap().clone());
    data.extend(people.as_object().unwrap().clone());
    let data = Value::Object(data);
    let answers = form.answers(&data, Lang::Ja);
    let find = |name: &str| {
        answers
            .iter()
            .flat_map(|(_, a)| a.iter())
            .find(|a| a.name == name)
            .unwrap()
            .value
            .clone()
    };
    assert_eq!(find("era_date"), "令和元年5月1日（2019年5月1日）");
    assert_eq!(find("my_number"), "********9018");
    assert_eq!(find("amount"), "12,000円");
    assert_eq!(find("ward"), "泉区");
    assert_eq!(find("children"), "子ども1: 仙台 一郎、2020年4月1日");
    assert!(
        !answers.iter().any(|(s, _)| s.id == "car"),
        "a step not asked is not shown"
    );
}

/// API clients send JSON, not posted pages: the same clean-up and the same errors apply.
#[test]
fn json_answers_are_cleaned_and_checked_like_posted_ones() {
    let form = form();
    let data = form.normalize_json(json!({
        "amount": "１２,８００",
        "count": "many",
        "kana": "せんだい",
        "bank": {"holder_kana": "ｓｍｉｔｈ ｊｏｈｎ"},
        "interests": ["books", "cooking"],
        "era_date": "1800-01-01",
        "children": [],
    }));
    assert_eq!(
        data["amount"],
        json!(12800),
        "numbers as text become numbers"
    );
    assert_eq!(
        data["count"],
        json!("many"),
        "text that is not a number stays text"
    );
    assert_eq!(data["kana"], json!("センダイ"));
    assert_eq!(data["bank"]["holder_kana"], json!("SMITH\u{3000}JOHN"));
    let errors = form.validate(&data, FILED_ON);
    let found = codes(&errors);
    for want in [
        ("/count", "not_integer"),
        ("/interests", "not_an_option"),
        ("/era_date", "outside_era"),
        // An empty list is no answer, as on the pages: the question is required.
        ("/children", "required"),
    ] {
        assert!(
            found.contains(&(want.0.to_string(), want.1)),
            "{want:?} not in {found:?}"
        );
    }
    assert!(
        !found.iter().any(|(p, _)| p.starts_with("/interests/")),
        "a wrong choice is reported on the question: {found:?}"
    );
    let choice = errors.iter().find(|e| e.pointer == "/interests").unwrap();
    assert!(
        !form.message(choice).en.contains("/interests"),
        "labelled, not a raw pointer"
    );
}
