//! A choice written as `oneOf` on the root schema, as the structured editor shows it.

use super::*;

/// The template with a step asking whether the applicant is a person or a company, each
/// branch with a question of its own.
fn with_choice() -> Value {
    let mut def = template();
    StructureEdit::AddStep {
        id: "who".into(),
        title: Localized::new("申請者", "Applicant"),
    }
    .apply(&mut def)
    .unwrap();
    def["schema"]["oneOf"] = json!([
        {
            "properties": {
                "applicant_type": { "const": "person" },
                "phone": { "type": "string", "format": "jp-phone" }
            },
            "required": ["applicant_type", "phone"]
        },
        {
            "properties": {
                "applicant_type": { "const": "company" },
                "company_name": { "type": "string", "maxLength": 100 }
            },
            "required": ["applicant_type", "company_name"]
        }
    ]);
    let steps = def["ui"]["steps"].as_array_mut().unwrap();
    let who = steps.iter_mut().find(|s| s["id"] == "who").unwrap();
    who["fields"] = json!(["applicant_type", "phone", "company_name"]);
    let fields = def["ui"]["fields"].as_object_mut().unwrap();
    fields.insert(
        "applicant_type".into(),
        json!({
            "label": { "ja": "申請者の別", "en": "Who is applying" },
            "options": {
                "person": { "ja": "個人", "en": "A person" },
                "company": { "ja": "法人", "en": "A company" }
            }
        }),
    );
    fields.insert(
        "phone".into(),
        json!({ "label": { "ja": "電話番号", "en": "Phone" } }),
    );
    fields.insert(
        "company_name".into(),
        json!({ "label": { "ja": "法人名", "en": "Company name" } }),
    );
    def
}

#[test]
fn a_root_choice_shows_its_branches_questions_with_the_answer_that_asks_them() {
    let def = with_choice();
    lints_clean(&def);
    let outline = draft(&def).outline().unwrap();
    let who = outline.steps.iter().find(|s| s.id == "who").unwrap();
    let find = |key: &str| who.questions.iter().find(|q| q.key == key).unwrap();

    let choice = find("applicant_type");
    assert_eq!(choice.kind, KindOf::Other("radios"));
    assert!(choice.required);
    let options: Vec<(&str, &str)> = choice
        .options
        .iter()
        .map(|o| (o.value.as_str(), o.label.ja.as_str()))
        .collect();
    assert_eq!(options, [("person", "個人"), ("company", "法人")]);

    let company = find("company_name");
    assert_eq!(company.kind, KindOf::Other("text"));
    assert!(company.required, "required in its branch");
    assert_eq!(
        company.condition.as_ref().map(|c| c.text.ja.as_str()),
        Some("「申請者の別」が「法人」")
    );
    assert!(
        company.condition.as_ref().is_some_and(|c| c.code.is_none()),
        "not a condition the editor writes"
    );
    assert_eq!(find("phone").kind, KindOf::Other("phone"));
}

#[test]
fn a_branch_question_is_changed_in_json_not_written_to_the_root() {
    let mut def = with_choice();
    let before = def.clone();
    for edit in [
        StructureEdit::EditQuestion {
            key: "company_name".into(),
            question: question("text", "会社名", "Company", true),
        },
        StructureEdit::RemoveQuestion {
            key: "company_name".into(),
        },
    ] {
        let problems = edit.apply(&mut def).unwrap_err();
        assert!(
            problems[0].message.en.contains("Edit as JSON"),
            "{problems:?}"
        );
        assert_eq!(def, before, "nothing written");
    }
}
