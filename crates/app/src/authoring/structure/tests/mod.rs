use serde_json::json;

use super::super::ProcedureStatus;
use super::super::working_copy::{LintProblem, ProcedureDraft, TEMPLATE, lint};
use super::definition::steps_of;
use super::*;
use crate::authoring::QuestionKind;

mod choices;
mod conditions;
mod items;
mod questions;

/// The template of a new procedure, with its legal basis filled in: it lints clean.
fn template() -> Value {
    let text = TEMPLATE
        .replace("__ID__", "inu-sanpo")
        .replace("__DEPARTMENT__", "koseki-jumin")
        .replace("\"legal_basis\": \"\"", "\"legal_basis\": \"条例\"");
    let mut def: Value = serde_json::from_str(&text).unwrap();
    // The procedure page's texts, written (the template's own words are refused).
    for (at, ja, en) in [
        ("summary", "犬の散歩の許可です。", "A permit to walk dogs."),
        ("who_may_file", "犬を飼っている方", "Dog owners"),
        (
            "result_delivery",
            "許可証を郵送します。",
            "The permit is posted.",
        ),
    ] {
        def["procedure"][at] = json!({ "ja": ja, "en": en });
    }
    def
}

fn lints_clean(def: &Value) {
    let (problems, form) = lint(
        &ProcedureId::new("inu-sanpo"),
        "koseki-jumin",
        &def.to_string(),
    );
    assert!(problems.is_empty() && form.is_some(), "{problems:?}");
}

/// The form residents get from `def`, which lints clean.
fn form_of(def: &Value) -> std::sync::Arc<madoguchi_forms::Form> {
    let (problems, form) = lint(
        &ProcedureId::new("inu-sanpo"),
        "koseki-jumin",
        &def.to_string(),
    );
    assert!(problems.is_empty(), "{problems:?}");
    form.unwrap()
}

/// The working copy `def` as the structured editor reads it.
fn draft(def: &Value) -> ProcedureDraft {
    ProcedureDraft {
        id: "inu-sanpo".into(),
        text: def.to_string(),
        problems: Vec::new(),
        form: None,
        updated_at: chrono::Utc::now(),
        status: ProcedureStatus::Draft,
        awaiting_approval: false,
    }
}

fn question(kind: &str, ja: &str, en: &str, required: bool) -> QuestionInput {
    QuestionInput {
        kind: kind.into(),
        label: Localized::new(ja, en),
        hint: Localized::default(),
        required,
        options: String::new(),
    }
}

fn add(def: &mut Value, step: &str, key: &str, q: QuestionInput) -> Result<(), Problems> {
    StructureEdit::AddQuestion {
        step: step.into(),
        key: key.into(),
        question: q,
    }
    .apply(def)
}

/// The template with a step about the dog: its size (a choice) and, only for large dogs,
/// the muzzle it wears.
fn with_dog() -> Value {
    let mut def = template();
    StructureEdit::AddStep {
        id: "dog".into(),
        title: Localized::new("犬について", "About the dog"),
    }
    .apply(&mut def)
    .unwrap();
    let mut size = question("radios", "犬の大きさ", "Size of the dog", true);
    size.options = "small | 小型犬 | Small\nlarge | 大型犬 | Large".into();
    add(&mut def, "dog", "dog_size", size).unwrap();
    add(
        &mut def,
        "dog",
        "muzzle",
        question("text", "口輪の種類", "Kind of muzzle", true),
    )
    .unwrap();
    def
}

fn problem_inputs(result: Result<(), Problems>) -> Vec<&'static str> {
    result.unwrap_err().iter().map(|p| p.input).collect()
}

#[test]
fn steps_are_added_renamed_moved_and_removed_when_empty() {
    let mut def = with_dog();
    let add_step = |id: &str| StructureEdit::AddStep {
        id: id.into(),
        title: Localized::new("確認", "Confirm"),
    };
    for bad in ["check", "Dog", "dog_x", "-x", ""] {
        assert_eq!(
            problem_inputs(add_step(bad).apply(&mut def)),
            ["step_id"],
            "{bad}"
        );
    }
    let taken = add_step("dog").apply(&mut def).unwrap_err();
    assert!(taken[0].message.en.contains("already used"));
    add_step("confirm").apply(&mut def).unwrap();

    StructureEdit::RenameStep {
        step: "confirm".into(),
        title: Localized::new("最後に", "Finally"),
    }
    .apply(&mut def)
    .unwrap();
    assert_eq!(def["ui"]["steps"][2]["title"]["en"], "Finally");
    assert_eq!(
        problem_inputs(
            StructureEdit::RenameStep {
                step: "confirm".into(),
                title: Localized::new("", "x")
            }
            .apply(&mut def)
        ),
        ["step_title_ja"]
    );

    StructureEdit::MoveStep {
        step: "confirm".into(),
        direction: Direction::Up,
    }
    .apply(&mut def)
    .unwrap();
    let ids: Vec<&str> = steps_of(&def)
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["applicant", "confirm", "dog"]);

    let refused = StructureEdit::RemoveStep { step: "dog".into() }
        .apply(&mut def)
        .unwrap_err();
    assert!(refused[0].message.ja.contains("まだ質問があります"));
    StructureEdit::RemoveStep {
        step: "confirm".into(),
    }
    .apply(&mut def)
    .unwrap();
    assert_eq!(steps_of(&def).len(), 2);
    lints_clean(&def);
}

#[test]
fn settings_and_a_fixed_fee() {
    let mut def = template();
    let settings = SettingsInput {
        title: Localized::new("犬の散歩許可", "Dog walk permit"),
        summary: Localized::new(
            "公園で犬を散歩させる許可です。",
            "A permit to walk dogs in parks.",
        ),
        who_may_file: Localized::new("犬を飼っている方", "Dog owners"),
        result_delivery: Localized::new("許可証を郵送します。", "The permit is posted."),
        what_to_prepare: Localized::new(
            "犬の登録番号\n\n狂犬病予防注射済票 ",
            "The dog's registration number\nThe rabies vaccination tag",
        ),
        identity: "account".into(),
        processing_days: "7".into(),
        legal_basis: "仙台市公園条例".into(),
    };
    StructureEdit::Settings(settings.clone())
        .apply(&mut def)
        .unwrap();
    assert_eq!(def["procedure"]["title"]["en"], "Dog walk permit");
    assert_eq!(def["procedure"]["identity"], "account");
    assert_eq!(def["procedure"]["processing_days"], 7);
    // One item per line (blank lines dropped), paired in order.
    assert_eq!(
        def["procedure"]["what_to_prepare"],
        json!([
            { "ja": "犬の登録番号", "en": "The dog's registration number" },
            { "ja": "狂犬病予防注射済票", "en": "The rabies vaccination tag" }
        ])
    );
    let uneven = SettingsInput {
        what_to_prepare: Localized::new(
            "犬の登録番号\n狂犬病予防注射済票",
            "The registration number",
        ),
        ..settings.clone()
    };
    let refused = StructureEdit::Settings(uneven).apply(&mut def).unwrap_err();
    assert_eq!(
        refused[0].input, "what_to_prepare_en",
        "named at the shorter list"
    );
    assert!(
        refused[0].message.ja.contains("日本語 2行、英語 1行"),
        "{}",
        refused[0].message.ja
    );
    let bad = SettingsInput {
        identity: "passport".into(),
        processing_days: "seven".into(),
        legal_basis: " ".into(),
        ..settings
    };
    assert_eq!(
        problem_inputs(StructureEdit::Settings(bad).apply(&mut def)),
        ["identity", "processing_days", "legal_basis"]
    );

    let fee = FeeInput {
        unit_yen: "1,000円".into(),
        unit: Localized::new("件", "permits"),
        timing: "after_approval".into(),
        quantity: String::new(),
    };
    StructureEdit::Fee(Some(fee)).apply(&mut def).unwrap();
    assert_eq!(
        def["procedure"]["fee"],
        json!({ "unit_yen": 1000, "unit": { "ja": "件", "en": "permits" }, "timing": "after_approval", "refundable": false })
    );
    // The amount and the refund rule set here are facts for the city to confirm.
    for fact in ["fee", "refund"] {
        assert!(
            def["procedure"]["facts"][fact]["to_confirm"]
                .as_str()
                .is_some_and(|n| !n.is_empty()),
            "{fact}"
        );
    }
    lints_clean(&def);
    // A sourced amount stays sourced while it is unchanged, and is marked again when changed.
    def["procedure"]["facts"]["fee"] = json!({ "sources": [{ "title": "手数料条例", "issuer": "仙台市", "document": "別表", "seen": "2026-11-23" }] });
    let same = FeeInput {
        unit_yen: "1000".into(),
        unit: Localized::new("件", "permits"),
        timing: "after_approval".into(),
        quantity: String::new(),
    };
    StructureEdit::Fee(Some(same.clone()))
        .apply(&mut def)
        .unwrap();
    assert!(def["procedure"]["facts"]["fee"].get("to_confirm").is_none());
    StructureEdit::Fee(Some(FeeInput {
        unit_yen: "1200".into(),
        ..same.clone()
    }))
    .apply(&mut def)
    .unwrap();
    assert!(def["procedure"]["facts"]["fee"]["to_confirm"].is_string());
    assert_eq!(
        def["procedure"]["facts"]["fee"]["sources"][0]["document"], "別表",
        "the source is kept for the author to check"
    );
    lints_clean(&def);
    // Counted by a whole-number question: 300円 × the copies asked for.
    add(
        &mut def,
        "applicant",
        "copies",
        QuestionInput {
            kind: "integer".into(),
            label: Localized::new("必要な通数", "Copies needed"),
            required: true,
            ..Default::default()
        },
    )
    .unwrap();
    let counted = FeeInput {
        unit_yen: "300".into(),
        unit: Localized::new("通", "copies"),
        quantity: "copies".into(),
        ..same.clone()
    };
    StructureEdit::Fee(Some(counted.clone()))
        .apply(&mut def)
        .unwrap();
    assert_eq!(def["procedure"]["fee"]["quantity_field"], "/copies");
    lints_clean(&def);
    let outline = draft(&def).outline().unwrap();
    assert_eq!(outline.fee.unwrap().quantity, "copies");
    assert_eq!(
        outline.quantity_choices.len(),
        1,
        "the whole-number questions"
    );
    // Only a whole-number question counts; none: one unit per filing.
    let wrong = FeeInput {
        quantity: "name".into(),
        ..counted.clone()
    };
    assert_eq!(
        problem_inputs(StructureEdit::Fee(Some(wrong)).apply(&mut def)),
        ["quantity"]
    );
    StructureEdit::Fee(Some(FeeInput {
        quantity: String::new(),
        ..counted
    }))
    .apply(&mut def)
    .unwrap();
    assert!(def["procedure"]["fee"].get("quantity_field").is_none());
    let negative = FeeInput {
        unit_yen: "-5".into(),
        unit: Localized::new("件", "permits"),
        timing: "on_submission".into(),
        quantity: String::new(),
    };
    assert_eq!(
        problem_inputs(StructureEdit::Fee(Some(negative)).apply(&mut def)),
        ["unit_yen"]
    );
    StructureEdit::Fee(None).apply(&mut def).unwrap();
    assert!(def["procedure"].get("fee").is_none());
    assert!(
        def["procedure"]["facts"].get("fee").is_none()
            && def["procedure"]["facts"].get("refund").is_none()
    );
}

#[test]
fn the_outline_places_lint_problems_at_their_question_or_step() {
    let mut def = with_dog();
    StructureEdit::SetCondition {
        key: "muzzle".into(),
        field: "dog_size".into(),
        equals: "large".into(),
    }
    .apply(&mut def)
    .unwrap();
    let problem = |pointer: &str| LintProblem {
        pointer: pointer.into(),
        message: Localized::new(pointer, pointer),
    };
    let en = |messages: &[Localized]| messages.iter().map(|m| m.en.clone()).collect::<Vec<_>>();
    let draft = ProcedureDraft {
        id: "inu-sanpo".into(),
        text: def.to_string(),
        problems: vec![
            problem("/ui/fields/muzzle/label"),
            problem("/schema/properties/dog_size"),
            problem("/ui/steps/1/fields/0"),
            problem("/ui/steps/1/id"),
            problem("/procedure/legal_basis"),
            problem("/procedure/fee/unit_yen"),
            problem("/procedure/contact_email_field"),
        ],
        form: None,
        updated_at: chrono::Utc::now(),
        status: ProcedureStatus::Draft,
        awaiting_approval: false,
    };
    let outline = draft.outline().unwrap();
    let dog = &outline.steps[1];
    assert_eq!(dog.questions[0].key, "dog_size");
    assert_eq!(
        en(&dog.questions[0].problems),
        ["/schema/properties/dog_size", "/ui/steps/1/fields/0"]
    );
    assert_eq!(en(&dog.questions[1].problems), ["/ui/fields/muzzle/label"]);
    assert_eq!(en(&dog.problems), ["/ui/steps/1/id"]);
    assert_eq!(en(&outline.settings_problems), ["/procedure/legal_basis"]);
    assert_eq!(en(&outline.fee_problems), ["/procedure/fee/unit_yen"]);
    assert_eq!(
        outline.other_problems,
        [problem("/procedure/contact_email_field")]
    );

    let muzzle = &dog.questions[1];
    assert!(muzzle.required);
    let condition = muzzle.condition.as_ref().unwrap();
    assert_eq!(condition.code.as_deref(), Some("dog_size=large"));
    assert_eq!(condition.text.ja, "「犬の大きさ」が「大型犬」");
    let choices: Vec<&str> = muzzle
        .condition_choices
        .iter()
        .map(|c| c.code.as_str())
        .collect();
    assert_eq!(choices, ["dog_size=small", "dog_size=large"]);
    assert!(
        dog.questions[0].condition_choices.is_empty(),
        "nothing earlier to depend on"
    );
    assert_eq!(
        dog.questions[0].options_text(),
        "small | 小型犬 | Small\nlarge | 大型犬 | Large"
    );

    let broken = ProcedureDraft {
        text: "{ nope".into(),
        ..draft
    };
    assert!(broken.outline().is_none());
}

#[test]
fn the_templates_own_words_for_residents_are_refused_and_named() {
    let raw = TEMPLATE
        .replace("__ID__", "inu-sanpo")
        .replace("__DEPARTMENT__", "koseki-jumin")
        .replace("\"legal_basis\": \"\"", "\"legal_basis\": \"条例\"");
    let (problems, form) = lint(&ProcedureId::new("inu-sanpo"), "koseki-jumin", &raw);
    assert!(form.is_some(), "the form loads (the preview works)");
    let pointers: Vec<&str> = problems.iter().map(|p| p.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "/procedure/summary/ja",
            "/procedure/summary/en",
            "/procedure/who_may_file/ja",
            "/procedure/who_may_file/en",
            "/procedure/result_delivery/ja",
            "/procedure/result_delivery/en",
        ]
    );
    assert!(
        problems[5].message.en.starts_with(
            "The text on how the result reaches the applicant is still the template's text"
        ),
        "{:?}",
        problems[5]
    );
    // One language written is not enough: the other still shows the request.
    let mut def: Value = serde_json::from_str(&raw).unwrap();
    def["procedure"]["who_may_file"]["ja"] = json!("犬を飼っている方");
    let (problems, _) = lint(
        &ProcedureId::new("inu-sanpo"),
        "koseki-jumin",
        &def.to_string(),
    );
    assert!(
        problems
            .iter()
            .any(|p| p.pointer == "/procedure/who_may_file/en")
    );
    assert!(
        !problems
            .iter()
            .any(|p| p.pointer == "/procedure/who_may_file/ja")
    );
}
