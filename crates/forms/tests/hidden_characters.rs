//! Text that cannot spoof: control characters and bidirectional controls are refused in
//! every answer, by validation itself (so the web form, the API, drafts, corrections and
//! the counter all refuse them), with a message naming the field and saying what to do.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use madoguchi_core::Lang;
use madoguchi_forms::examples::FILED_ON;
use madoguchi_forms::{FieldKind, Form, FormErrorCode};
use serde_json::Value;

const REFUSED: [char; 20] = [
    '\u{0}', '\u{7}', '\u{1B}', '\u{1F}', '\u{7F}', '\u{80}', '\u{9B}', '\u{9F}', '\u{202A}',
    '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
    '\u{200E}', '\u{200F}', '\u{061C}',
];

fn form(id: &str) -> (Form, Value) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../forms")
        .join(id);
    let path = dir.join("form.json");
    let form = Form::from_value(&path, common::read_as_sendai(&path)).unwrap();
    let mut examples: Vec<_> = std::fs::read_dir(dir.join("examples/valid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    examples.sort();
    let (filed_on, data) = madoguchi_forms::examples::read_valid(&examples[0]).unwrap();
    let data = form.normalize_json(data);
    assert!(
        form.validate(&data, filed_on).is_empty(),
        "the example is valid"
    );
    (form, data)
}

/// A top-level answer of `kind` in `data`: its key.
fn answer_of(form: &Form, data: &Value, kind: FieldKind) -> String {
    form.steps()
        .iter()
        .flat_map(|s| &s.fields)
        .find(|f| f.kind == kind && data.get(f.key()).is_some_and(Value::is_string))
        .map(|f| f.key().to_string())
        .unwrap()
}

fn errors_at(form: &Form, data: &Value, pointer: &str) -> Vec<FormErrorCode> {
    form.validate(data, FILED_ON)
        .into_iter()
        .filter(|e| e.pointer == pointer)
        .map(|e| e.code)
        .collect()
}

#[test]
fn every_refused_character_is_refused_in_text_with_a_message() {
    let (form, data) = form("event-koza-moshikomi");
    let text = answer_of(&form, &data, FieldKind::Text);
    let note = answer_of(&form, &data, FieldKind::Textarea);
    let label = form.field(&format!("/{text}")).unwrap().message_label();
    for c in REFUSED {
        for key in [&text, &note] {
            let mut sent = data.clone();
            sent[key.as_str()] = Value::from(format!("山田{c}太郎"));
            // As an API client sends it: normalised first, then validated.
            let normalized = form.normalize_json(sent);
            assert_eq!(
                normalized[key.as_str()],
                Value::from(format!("山田{c}太郎")),
                "nothing is dropped silently"
            );
            let pointer = format!("/{key}");
            assert_eq!(
                errors_at(&form, &normalized, &pointer),
                vec![FormErrorCode::HiddenCharacter],
                "U+{:04X} in {key}",
                c as u32
            );
            assert!(form.accept(&normalized, FILED_ON).is_err());
        }
    }
    let error = form
        .validate(
            &{
                let mut d = data.clone();
                d[text.as_str()] = Value::from("A\u{202E}B");
                d
            },
            FILED_ON,
        )
        .into_iter()
        .find(|e| e.code == FormErrorCode::HiddenCharacter)
        .unwrap();
    let ja = form.message_in(&error, Lang::Ja);
    let en = form.message_in(&error, Lang::En);
    assert!(
        ja.contains(label.get(Lang::Ja)) && ja.contains("入力し直"),
        "{ja}"
    );
    assert!(
        en.contains(label.get(Lang::En)) && en.contains("type"),
        "{en}"
    );
}

#[test]
fn line_breaks_and_tabs_are_kept_only_where_several_lines_are_allowed() {
    let (form, data) = form("event-koza-moshikomi");
    let text = answer_of(&form, &data, FieldKind::Text);
    let note = answer_of(&form, &data, FieldKind::Textarea);
    let mut sent = data.clone();
    sent[note.as_str()] = Value::from("一行目\r\n二行目\tです");
    sent[text.as_str()] = Value::from("山田\n太郎");
    // Normalised, a line break in one-line text is a space; several lines stay.
    let normalized = form.normalize_json(sent.clone());
    assert!(
        form.validate(&normalized, FILED_ON).is_empty(),
        "{normalized}"
    );
    assert_eq!(normalized[text.as_str()], Value::from("山田 太郎"));
    // Not normalised (a path that forgot to), the one-line answer is refused.
    assert_eq!(
        errors_at(&form, &sent, &format!("/{text}")),
        vec![FormErrorCode::HiddenCharacter]
    );
    assert!(errors_at(&form, &sent, &format!("/{note}")).is_empty());
}

#[test]
fn a_posted_form_step_refuses_them_too() {
    let (form, _) = form("juminhyo-copy");
    let (_, step) = form.step("applicant").unwrap();
    for c in REFUSED {
        let posted = vec![("applicant_name".to_string(), format!("仙台{c}太郎"))];
        let mut data = serde_json::Map::new();
        let errors = form.answer_step(step, &posted, &mut data, FILED_ON);
        assert!(
            errors
                .iter()
                .any(|e| e.pointer == "/applicant_name" && e.code == FormErrorCode::HiddenCharacter),
            "U+{:04X}: {errors:?}",
            c as u32
        );
    }
}
