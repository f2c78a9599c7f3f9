//! A repeatable group and the questions of its items, written in the structured editor.

use super::*;

fn with_children() -> Value {
    let mut def = template();
    let group = question("repeat", "申し込むお子さん", "Children", true);
    add(&mut def, "applicant", "children", group).unwrap();
    for (key, q) in [
        ("name", question("text", "氏名", "Full name", true)),
        (
            "birth_date",
            question("date", "生年月日", "Date of birth", true),
        ),
        (
            "allergy",
            question("yes-no", "アレルギーがありますか", "Any allergies?", false),
        ),
    ] {
        add(&mut def, "item:children", key, q).unwrap();
    }
    def
}

#[test]
fn a_repeatable_group_gets_its_questions_in_the_editor() {
    let def = with_children();
    assert_eq!(
        kind_at(&def, "children"),
        Some(KindOf::Editable(QuestionKind::Repeat))
    );
    let items = &def["schema"]["properties"]["children"]["items"];
    assert_eq!(items["properties"]["name"]["type"], "string");
    assert_eq!(items["required"], json!(["name", "birth_date"]));
    assert_eq!(
        def["ui"]["fields"]["children"]["order"],
        json!(["name", "birth_date", "allergy"])
    );
    assert_eq!(
        def["ui"]["fields"]["children"]["fields"]["name"]["label"]["ja"],
        "氏名"
    );
    // A birth date in each item is bounded by today, as a top-level one is.
    assert_eq!(
        def["schema"]["x-date-window"],
        json!([{ "field": "/children/*/birth_date", "not_after": "today" }])
    );
    let form = form_of(&def);
    let group = form.field("/children").unwrap();
    assert_eq!(group.kind, madoguchi_forms::FieldKind::Repeat);
    let children: Vec<(&str, bool)> = group
        .children
        .iter()
        .map(|c| (c.key(), c.required))
        .collect();
    assert_eq!(
        children,
        [("name", true), ("birth_date", true), ("allergy", false)]
    );

    // The outline lists them under the group, by `<group>.<key>`.
    let outline = draft(&def).outline().unwrap();
    let q = outline.steps[0]
        .questions
        .iter()
        .find(|q| q.key == "children")
        .unwrap();
    let keys: Vec<&str> = q.items.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(
        keys,
        ["children.name", "children.birth_date", "children.allergy"]
    );
    assert!(q.items[0].required && !q.items[2].required);
}

#[test]
fn an_items_question_is_edited_moved_and_removed() {
    let mut def = with_children();
    let mut q = question("radios", "アレルギー", "Allergy", true);
    q.options = "none | なし | None\negg | 卵 | Egg".into();
    StructureEdit::EditQuestion {
        key: "children.allergy".into(),
        question: q,
    }
    .apply(&mut def)
    .unwrap();
    let items = &def["schema"]["properties"]["children"]["items"];
    assert_eq!(
        items["properties"]["allergy"]["enum"],
        json!(["none", "egg"])
    );
    assert_eq!(items["required"], json!(["name", "birth_date", "allergy"]));
    StructureEdit::MoveQuestion {
        key: "children.allergy".into(),
        direction: Direction::Up,
    }
    .apply(&mut def)
    .unwrap();
    assert_eq!(
        def["ui"]["fields"]["children"]["order"],
        json!(["name", "allergy", "birth_date"])
    );
    lints_clean(&def);
    StructureEdit::RemoveQuestion {
        key: "children.birth_date".into(),
    }
    .apply(&mut def)
    .unwrap();
    assert!(
        def["schema"]["properties"]["children"]["items"]["properties"]
            .get("birth_date")
            .is_none()
    );
    assert!(
        def["schema"].get("x-date-window").is_none(),
        "its window goes too"
    );
    assert_eq!(
        def["ui"]["fields"]["children"]["order"],
        json!(["name", "allergy"])
    );
    lints_clean(&def);
}

#[test]
fn what_an_item_cannot_hold_is_refused_at_its_input() {
    let mut def = with_children();
    let before = def.clone();
    let file = question("file", "写真", "Photo", false);
    assert_eq!(
        problem_inputs(add(&mut def, "item:children", "photo", file)),
        ["kind"]
    );
    let taken = question("text", "氏名", "Name", false);
    assert_eq!(
        problem_inputs(add(&mut def, "item:children", "name", taken)),
        ["key"]
    );
    let nowhere = question("text", "氏名", "Name", false);
    assert_eq!(
        problem_inputs(add(&mut def, "item:pets", "name", nowhere)),
        ["step"]
    );
    let condition = StructureEdit::SetCondition {
        key: "children.allergy".into(),
        field: "children".into(),
        equals: "true".into(),
    };
    assert_eq!(problem_inputs(condition.apply(&mut def)), ["when"]);
    assert_eq!(def, before, "nothing written");
}
