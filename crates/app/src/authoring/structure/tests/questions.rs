//! The structured editor's questions, tested on the procedure template.

use super::*;

#[test]
fn adding_a_question_writes_schema_ui_step_and_required() {
    let mut def = template();
    let mut q = question("select", "犬の大きさ", "Size of the dog", true);
    q.hint = Localized::new("いちばん近いもの", "The closest one");
    q.options = "small | 小型犬 | Small\nlarge | 大型犬 | Large".into();
    add(&mut def, "applicant", "dog_size", q).unwrap();

    assert_eq!(
        def["schema"]["properties"]["dog_size"],
        json!({ "type": "string", "enum": ["small", "large"] })
    );
    let ui = &def["ui"]["fields"]["dog_size"];
    assert_eq!(
        ui["label"],
        json!({ "ja": "犬の大きさ", "en": "Size of the dog" })
    );
    assert_eq!(ui["hint"]["en"], "The closest one");
    assert_eq!(ui["widget"], "select");
    assert_eq!(
        ui["options"]["large"],
        json!({ "ja": "大型犬", "en": "Large" })
    );
    assert_eq!(
        def["ui"]["steps"][0]["fields"],
        json!(["name", "name_kana", "email", "dog_size"])
    );
    assert!(
        def["schema"]["required"]
            .as_array()
            .unwrap()
            .contains(&json!("dog_size"))
    );
    lints_clean(&def);

    // Optional questions stay out of `required`; every kind lints.
    for (i, kind) in QuestionKind::ALL.into_iter().enumerate() {
        let mut q = question(kind.code(), "質問", "Question", false);
        q.options = "a | あ | A".into();
        add(&mut def, "applicant", &format!("q_{i}"), q).unwrap();
        assert!(
            !def["schema"]["required"]
                .as_array()
                .unwrap()
                .contains(&json!(format!("q_{i}")))
        );
    }
    lints_clean(&def);
}

#[test]
fn bad_keys_labels_and_choices_are_refused_at_their_input() {
    let mut def = template();
    let before = def.clone();
    for bad in ["", "Dog", "dog-size", "1dog", "犬", "dog size"] {
        let inputs = problem_inputs(add(
            &mut def,
            "applicant",
            bad,
            question("text", "犬", "Dog", false),
        ));
        assert_eq!(inputs, ["key"], "{bad}");
    }
    let taken = add(
        &mut def,
        "applicant",
        "email",
        question("text", "犬", "Dog", false),
    )
    .unwrap_err();
    assert_eq!(taken[0].input, "key");
    assert!(
        taken[0].message.ja.contains("すでに使われています"),
        "{taken:?}"
    );
    assert!(taken[0].message.en.contains("already used"), "{taken:?}");

    let mut q = question("radios", " ", "", false);
    q.hint = Localized::new("ヒント", "");
    q.options = "small | 小型犬".into();
    assert_eq!(
        problem_inputs(add(&mut def, "applicant", "dog_size", q)),
        ["label_ja", "label_en", "hint_en", "options"]
    );
    assert_eq!(
        problem_inputs(add(
            &mut def,
            "nowhere",
            "dog",
            question("nonsense", "犬", "Dog", false)
        )),
        ["step", "kind"]
    );
    assert_eq!(def, before, "nothing changed");
}

#[test]
fn removing_a_question_removes_it_everywhere() {
    let mut def = with_dog();
    StructureEdit::RemoveQuestion {
        key: "dog_size".into(),
    }
    .apply(&mut def)
    .unwrap();
    assert!(def["schema"]["properties"].get("dog_size").is_none());
    assert!(def["ui"]["fields"].get("dog_size").is_none());
    assert_eq!(def["ui"]["steps"][1]["fields"], json!(["muzzle"]));
    assert!(
        !def["schema"]["required"]
            .as_array()
            .unwrap()
            .contains(&json!("dog_size"))
    );
    lints_clean(&def);

    // The email notices go to cannot be removed here.
    let refused = StructureEdit::RemoveQuestion {
        key: "email".into(),
    }
    .apply(&mut def)
    .unwrap_err();
    assert!(refused[0].message.en.contains("settings"), "{refused:?}");
    assert!(def["schema"]["properties"].get("email").is_some());
}

#[test]
fn questions_move_within_and_across_steps_but_not_before_what_they_depend_on() {
    let mut def = with_dog();
    let mv = |key: &str, direction| StructureEdit::MoveQuestion {
        key: key.into(),
        direction,
    };
    mv("muzzle", Direction::Up).apply(&mut def).unwrap();
    assert_eq!(
        def["ui"]["steps"][1]["fields"],
        json!(["muzzle", "dog_size"])
    );
    mv("muzzle", Direction::Up).apply(&mut def).unwrap();
    assert_eq!(
        def["ui"]["steps"][0]["fields"],
        json!(["name", "name_kana", "email", "muzzle"])
    );
    mv("muzzle", Direction::Down).apply(&mut def).unwrap();
    assert_eq!(
        def["ui"]["steps"][1]["fields"],
        json!(["muzzle", "dog_size"])
    );
    mv("dog_size", Direction::Down).apply(&mut def).unwrap();
    assert_eq!(
        def["ui"]["steps"][1]["fields"],
        json!(["muzzle", "dog_size"]),
        "the last stays"
    );
    mv("muzzle", Direction::Down).apply(&mut def).unwrap();

    StructureEdit::SetCondition {
        key: "muzzle".into(),
        field: "dog_size".into(),
        equals: "large".into(),
    }
    .apply(&mut def)
    .unwrap();
    let refused = mv("muzzle", Direction::Up).apply(&mut def).unwrap_err();
    assert!(
        refused[0].message.ja.contains("より前には置けません"),
        "{refused:?}"
    );
    assert_eq!(
        def["ui"]["steps"][1]["fields"],
        json!(["dog_size", "muzzle"])
    );
}

#[test]
fn a_past_date_question_gets_its_window_from_the_editor_and_loses_it_with_the_question() {
    let mut def = with_dog();
    let windows = |def: &Value| def["schema"].get("x-date-window").cloned();
    add(
        &mut def,
        "dog",
        "dog_birth_date",
        question("date", "犬の生年月日", "The dog's date of birth", true),
    )
    .unwrap();
    assert_eq!(
        windows(&def),
        Some(json!([{ "field": "/dog_birth_date", "not_after": "today" }]))
    );
    // The lint asks a birth date for its window: the editor's question passes it.
    lints_clean(&def);

    // A day still to come is not bounded.
    add(
        &mut def,
        "dog",
        "visit_on",
        question("date", "来庁希望日", "Day you wish to visit", false),
    )
    .unwrap();
    assert_eq!(windows(&def).unwrap().as_array().unwrap().len(), 1);
    lints_clean(&def);

    // Changed to text, the question is no date: its window goes, and the lint stays clean.
    StructureEdit::EditQuestion {
        key: "dog_birth_date".into(),
        question: question("text", "犬の生年月日", "The dog's date of birth", true),
    }
    .apply(&mut def)
    .unwrap();
    assert_eq!(windows(&def), None);
    lints_clean(&def);

    // Back to a date, then removed: the window comes back, then goes with the question.
    StructureEdit::EditQuestion {
        key: "dog_birth_date".into(),
        question: question("date", "犬の生年月日", "The dog's date of birth", true),
    }
    .apply(&mut def)
    .unwrap();
    assert!(windows(&def).is_some());
    StructureEdit::RemoveQuestion {
        key: "dog_birth_date".into(),
    }
    .apply(&mut def)
    .unwrap();
    assert_eq!(windows(&def), None);
    lints_clean(&def);
}

#[test]
fn a_wareki_date_is_asked_by_era_and_stored_as_a_date() {
    let mut def = with_dog();
    // A day still to come, written as residents write it on the certificate they hold.
    let q = question(
        "wareki-date",
        "狂犬病予防注射を受ける予定の日",
        "Day of the planned rabies shot",
        true,
    );
    add(&mut def, "dog", "shot_on", q).unwrap();
    assert_eq!(def["ui"]["fields"]["shot_on"]["widget"], "wareki-date");
    assert_eq!(
        def["schema"]["properties"]["shot_on"],
        json!({ "type": "string", "format": "date" })
    );
    assert_eq!(
        kind_at(&def, "shot_on"),
        Some(KindOf::Editable(QuestionKind::WarekiDate)),
        "read back as a 和暦 date the editor edits"
    );
    assert_eq!(
        def["schema"].get("x-date-window"),
        None,
        "a plan is not bounded"
    );
    let form = form_of(&def);
    let field = form.field("/shot_on").unwrap();
    assert_eq!(field.kind, madoguchi_forms::FieldKind::WarekiDate);

    // The resident picks 令和 and writes 9年4月1日: the answer is the day itself.
    let (_, step) = form.step("dog").unwrap();
    let posted: Vec<(String, String)> = [
        ("era", "reiwa"),
        ("year", "9"),
        ("month", "4"),
        ("day", "1"),
    ]
    .iter()
    .map(|(part, v)| (format!("shot_on.{part}"), (*v).to_string()))
    .collect();
    let mut data = serde_json::Map::new();
    assert!(madoguchi_forms::input::read_step(step, &posted, &mut data).is_empty());
    assert_eq!(data["shot_on"], "2027-04-01");

    // A day that has happened, asked by era, is bounded by today like any past date.
    let q = question(
        "wareki-date",
        "犬を飼い始めた日",
        "Day you got the dog",
        true,
    );
    add(&mut def, "dog", "kept_since", q).unwrap();
    assert_eq!(
        def["schema"]["x-date-window"],
        json!([{ "field": "/kept_since", "not_after": "today" }])
    );
    lints_clean(&def);
}

#[test]
fn a_document_to_attach_is_a_file_question_residents_upload_to() {
    let mut def = template();
    let q = question(
        "file",
        "犬の登録証の写し",
        "Copy of the dog's registration",
        true,
    );
    add(&mut def, "applicant", "registration_copy", q).unwrap();
    assert_eq!(def["ui"]["fields"]["registration_copy"]["widget"], "file");
    assert_eq!(
        kind_at(&def, "registration_copy"),
        Some(KindOf::Editable(QuestionKind::File)),
        "read back as a file question the editor edits"
    );
    let (problems, form) = lint(
        &ProcedureId::new("inu-sanpo"),
        "koseki-jumin",
        &def.to_string(),
    );
    assert!(problems.is_empty(), "{problems:?}");
    let form = form.unwrap();
    let field = form.field("/registration_copy").unwrap();
    assert_eq!(field.kind, madoguchi_forms::FieldKind::File);
    assert!(field.required, "a required document must be attached");
}

#[test]
fn an_address_is_written_whole_with_its_parts_labelled_and_autofilled() {
    let mut def = template();
    let q = question(
        "address",
        "犬を飼っている場所",
        "Where the dog is kept",
        true,
    );
    add(&mut def, "applicant", "kept_at", q).unwrap();
    assert_eq!(
        kind_at(&def, "kept_at"),
        Some(KindOf::Editable(QuestionKind::Address)),
        "read back as an address the editor edits"
    );
    let ui = &def["ui"]["fields"]["kept_at"];
    assert_eq!(
        ui["order"],
        json!(["prefecture", "city", "town", "block", "building"])
    );
    assert_eq!(ui["fields"]["prefecture"]["label"]["ja"], "都道府県");
    assert_eq!(ui["fields"]["block"]["autocomplete"], "address-line2");
    let form = form_of(&def);
    let field = form.field("/kept_at").unwrap();
    assert_eq!(field.kind, madoguchi_forms::FieldKind::Group);
    let parts: Vec<(&str, bool)> = field
        .children
        .iter()
        .map(|c| (c.label.get(Lang::En), c.required))
        .collect();
    assert_eq!(
        parts,
        [
            ("Prefecture", true),
            ("City, ward", true),
            ("Town and chome", true),
            ("Block and house number", true),
            ("Building and room", false),
        ]
    );

    // The catalogue's shared address (`$defs/address`) is one too; renaming it keeps it.
    let mut q = question("address", "飼い主の住所", "Owner's address", true);
    q.hint = Localized::new("住民票の住所", "As on your residence record");
    StructureEdit::EditQuestion {
        key: "kept_at".into(),
        question: q,
    }
    .apply(&mut def)
    .unwrap();
    assert_eq!(
        def["ui"]["fields"]["kept_at"]["fields"]["town"]["label"]["en"],
        "Town and chome"
    );
    // Another kind drops the parts.
    StructureEdit::EditQuestion {
        key: "kept_at".into(),
        question: question("text", "住所", "Address", true),
    }
    .apply(&mut def)
    .unwrap();
    assert!(def["ui"]["fields"]["kept_at"].get("fields").is_none());
    assert_eq!(def["schema"]["properties"]["kept_at"]["type"], "string");
    lints_clean(&def);
}
