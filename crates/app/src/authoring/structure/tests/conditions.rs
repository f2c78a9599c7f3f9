//! The structured editor's conditions, tested on the procedure template.

use super::*;

#[test]
fn a_condition_is_set_and_cleared_and_keeps_the_question_required_only_when_shown() {
    let mut def = with_dog();
    let set = StructureEdit::SetCondition {
        key: "muzzle".into(),
        field: "dog_size".into(),
        equals: "large".into(),
    };
    set.apply(&mut def).unwrap();
    let ui = &def["ui"]["fields"]["muzzle"];
    assert_eq!(
        ui["show_if"],
        json!({ "field": "/dog_size", "equals": "large" })
    );
    assert_eq!(
        ui["required_when"]["ja"],
        "「犬の大きさ」が「大型犬」の場合は必須"
    );
    assert!(
        !def["schema"]["required"]
            .as_array()
            .unwrap()
            .contains(&json!("muzzle"))
    );
    assert_eq!(
        def["schema"]["allOf"],
        json!([{
            "if": { "properties": { "dog_size": { "const": "large" } }, "required": ["dog_size"] },
            "then": { "required": ["muzzle"] }
        }])
    );
    lints_clean(&def);
    let (_, form) = lint(
        &ProcedureId::new("inu-sanpo"),
        "koseki-jumin",
        &def.to_string(),
    );
    let form = form.unwrap();
    let small = json!({ "name": "仙台 太郎", "name_kana": "センダイタロウ", "dog_size": "small" });
    let errors = form.validate(&small, madoguchi_forms::examples::FILED_ON);
    assert!(errors.is_empty(), "not asked, not required: {errors:?}");
    let mut large = small.clone();
    large["dog_size"] = json!("large");
    assert_eq!(
        form.validate(&large, madoguchi_forms::examples::FILED_ON)[0].pointer,
        "/muzzle"
    );

    // Made optional and required again: still only when shown.
    let edit = |required| StructureEdit::EditQuestion {
        key: "muzzle".into(),
        question: question("text", "口輪の種類", "Kind of muzzle", required),
    };
    edit(false).apply(&mut def).unwrap();
    assert!(def["schema"].get("allOf").is_none());
    assert!(def["ui"]["fields"]["muzzle"].get("required_when").is_none());
    edit(true).apply(&mut def).unwrap();
    assert_eq!(
        def["schema"]["allOf"][0]["then"]["required"],
        json!(["muzzle"])
    );

    // The choice it depends on cannot go away while the condition is there.
    let mut fewer = question("radios", "犬の大きさ", "Size of the dog", true);
    fewer.options = "small | 小型犬 | Small".into();
    let refused = StructureEdit::EditQuestion {
        key: "dog_size".into(),
        question: fewer,
    }
    .apply(&mut def)
    .unwrap_err();
    assert!(refused[0].message.ja.contains("大型犬"), "{refused:?}");
    let refused = StructureEdit::RemoveQuestion {
        key: "dog_size".into(),
    }
    .apply(&mut def)
    .unwrap_err();
    assert!(
        refused[0].message.en.contains("clear that condition"),
        "{refused:?}"
    );

    // Cleared: shown always, required always.
    StructureEdit::ClearCondition {
        key: "muzzle".into(),
    }
    .apply(&mut def)
    .unwrap();
    assert!(def["ui"]["fields"]["muzzle"].get("show_if").is_none());
    assert!(def["schema"].get("allOf").is_none());
    assert!(
        def["schema"]["required"]
            .as_array()
            .unwrap()
            .contains(&json!("muzzle"))
    );
    lints_clean(&def);
}

#[test]
fn conditions_are_on_earlier_choice_questions() {
    let mut def = with_dog();
    let on = |field: &str, equals: &str| StructureEdit::SetCondition {
        key: "dog_size".into(),
        field: field.into(),
        equals: equals.into(),
    };
    assert_eq!(
        problem_inputs(on("muzzle", "x").apply(&mut def)),
        ["when"],
        "a later question"
    );
    assert_eq!(
        problem_inputs(on("name", "x").apply(&mut def)),
        ["when"],
        "not a choice"
    );
    let cond = StructureEdit::SetCondition {
        key: "muzzle".into(),
        field: "dog_size".into(),
        equals: "huge".into(),
    };
    assert_eq!(
        problem_inputs(cond.apply(&mut def)),
        ["when"],
        "not one of its answers"
    );
}
