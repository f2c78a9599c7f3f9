//! The lint catches a department's mistakes that a JSON Schema validator would let through
//! silently: misspelt keywords, messages that would never be shown, questions the pages
//! cannot show, values of no one type. And the settings that go with them work: per-keyword
//! messages are used, `x-coerce: false` keeps posted text as typed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use madoguchi_core::Lang;
use madoguchi_forms::examples::FILED_ON;
use madoguchi_forms::{FieldKind, Form, FormErrorCode, Problem};
use serde_json::{Map, Value, json};

mod common;
use common::juminhyo;

fn load(definition: Value) -> Result<Form, Vec<Problem>> {
    Form::from_value(Path::new("forms/juminhyo-copy/form.json"), definition)
}

fn problems(definition: Value) -> Vec<Problem> {
    load(definition).unwrap_err()
}

fn at<'a>(problems: &'a [Problem], pointer: &str) -> Vec<&'a Problem> {
    problems.iter().filter(|p| p.pointer == pointer).collect()
}

fn label(ja: &str, en: &str) -> Value {
    json!({ "ja": ja, "en": en })
}

#[test]
fn a_misspelt_keyword_anywhere_in_the_schema_is_refused_with_the_one_meant() {
    // (where the slip is written, the slip, the keyword meant)
    // The branch of juminhyo-copy's conditions that says what an extract may leave out.
    let branch = juminhyo()["schema"]["allOf"]
        .as_array()
        .unwrap()
        .iter()
        .position(|b| b.pointer("/else/properties/optional_items").is_some())
        .expect("a condition whose else names optional_items");
    let in_else = format!("/allOf/{branch}/else/properties/optional_items");
    let cases: [(&str, &str, &str); 7] = [
        ("/properties/purpose", "maxLenght", "maxLength"),
        ("/properties/copies", "minimun", "minimum"),
        ("/$defs/name", "maxLenth", "maxLength"),
        ("/allOf/0/then", "requried", "required"),
        (&in_else, "uniqeItems", "uniqueItems"),
        ("/properties/optional_items/items", "enums", "enum"),
        ("", "additionalProperty", "additionalProperties"),
    ];
    for (place, slip, meant) in cases {
        let mut d = juminhyo();
        let schema = d["schema"]
            .pointer_mut(place)
            .unwrap_or_else(|| panic!("{place}"));
        schema[slip] = json!(1);
        let p = problems(d);
        let found = at(&p, &format!("/schema{place}/{slip}"));
        assert_eq!(found.len(), 1, "{slip} at {place}: {p:?}");
        assert!(
            found[0]
                .message
                .en
                .contains(&format!("Did you mean `{meant}`?")),
            "{slip}: {found:?}"
        );
    }
}

#[test]
fn an_unknown_keyword_far_from_any_known_one_is_refused_without_a_guess() {
    for word in ["placeholder", "colour", "widget", "readonly_text"] {
        let mut d = juminhyo();
        d["schema"]["properties"]["purpose"][word] = json!("x");
        let p = problems(d);
        let found = at(&p, &format!("/schema/properties/purpose/{word}"));
        assert_eq!(found.len(), 1, "{word}: {p:?}");
        assert!(found[0].message.en.contains("unknown keyword"), "{found:?}");
        assert!(!found[0].message.en.contains("Did you mean"), "{found:?}");
    }
}

#[test]
fn names_of_properties_and_definitions_are_not_keywords() {
    let mut d = juminhyo();
    d["schema"]["$defs"]["maxLenght"] = json!({ "type": "string" });
    d["schema"]["allOf"][2]["else"]["properties"]["minimun"] = json!({ "type": "string" });
    let p = problems(d);
    assert!(
        p.iter().all(|p| !p.message.en.contains("unknown keyword")),
        "{p:?}"
    );
}

#[test]
fn a_rule_with_an_unknown_setting_is_refused() {
    for (rule, slip) in [
        (
            json!({ "x-age": [{ "field": "/applicant_birth_date", "mni": 18 }] }),
            "mni",
        ),
        (
            json!({ "x-date-order": [{ "earlier": "/applicant_birth_date", "later": "/subject_birth_date", "allow_sme": true }] }),
            "allow_sme",
        ),
        (
            json!({ "x-age": [{ "field": "/applicant_birth_date", "min": 18, "as_of": { "dat": "2025-04-01" } }] }),
            "dat",
        ),
    ] {
        let mut d = juminhyo();
        for (k, v) in rule.as_object().unwrap() {
            d["schema"][k] = v.clone();
        }
        let p = problems(d);
        assert!(
            p.iter().any(|p| p.pointer == "/schema"
                && p.message.en.contains("not written correctly")
                && p.message.en.contains(&format!("`{slip}`"))),
            "{rule}: {p:?}"
        );
    }
}

#[test]
fn a_message_for_a_keyword_the_field_does_not_use_is_refused() {
    // (field, errors key, keyword suggested when the key is a slip)
    let cases: [(&str, &str, Option<&str>); 5] = [
        ("purpose", "pattern", None),
        ("purpose", "maxLenght", Some("maxLength")),
        ("copies", "multipleOf", None),
        ("copies", "minimun", Some("minimum")),
        ("relation_to_subject", "minItems", None),
    ];
    for (field, key, near) in cases {
        let mut d = juminhyo();
        d["ui"]["fields"][field]["errors"] = json!({ key: label("説明", "explanation") });
        let p = problems(d);
        let found = at(&p, &format!("/ui/fields/{field}/errors/{key}"));
        assert_eq!(found.len(), 1, "{field}.{key}: {p:?}");
        assert!(found[0].message.en.contains("never be shown"), "{found:?}");
        if let Some(near) = near {
            assert!(
                found[0]
                    .message
                    .en
                    .contains(&format!("Did you mean `{near}`?")),
                "{found:?}"
            );
        }
    }
}

#[test]
fn messages_for_the_keywords_a_field_uses_are_accepted_and_shown() {
    let mut d = juminhyo();
    d["schema"]["properties"]["copies"]["multipleOf"] = json!(2);
    d["ui"]["fields"]["copies"]["errors"] = json!({
        "multipleOf": label("2通単位で請求してください", "Copies come in pairs: ask for 2, 4, 6…"),
        "maximum": label("10通までです", "At most 10 copies"),
        "required": label("通数を入れてください", "Enter how many copies"),
    });
    d["ui"]["fields"]["purpose"]["errors"] = json!({
        "maxLength": label("200文字以内で書いてください", "Keep it under 200 characters"),
    });
    let form = load(d).unwrap_or_else(|p| panic!("{p:?}"));
    let shown = |data: Value, pointer: &str| {
        let errors = form.validate(&data, FILED_ON);
        let e = errors
            .iter()
            .find(|e| e.pointer == pointer)
            .unwrap_or_else(|| panic!("{pointer}: {errors:?}"));
        (form.message_in(e, Lang::Ja), form.message_in(e, Lang::En))
    };
    let (ja, en) = shown(json!({ "copies": 3 }), "/copies");
    assert_eq!(
        (ja.as_str(), en.as_str()),
        (
            "2通単位で請求してください",
            "Copies come in pairs: ask for 2, 4, 6…"
        )
    );
    let (ja, en) = shown(json!({ "copies": 12 }), "/copies");
    assert_eq!(
        (ja.as_str(), en.as_str()),
        ("10通までです", "At most 10 copies")
    );
    let (_, en) = shown(json!({}), "/copies");
    assert_eq!(en, "Enter how many copies");
    let (ja, _) = shown(json!({ "purpose": "あ".repeat(201) }), "/purpose");
    assert_eq!(ja, "200文字以内で書いてください");
    // A keyword without a message of its own keeps the generic one, which names the field.
    let (_, en) = shown(json!({ "copies": 0 }), "/copies");
    assert!(en.contains("Number of copies"), "{en}");
}

#[test]
fn a_question_only_a_branch_knows_is_refused() {
    let branch = |b: Value| {
        let mut d = juminhyo();
        d["schema"]["allOf"].as_array_mut().unwrap().push(b);
        d
    };
    let cases = [
        // An exclusive choice whose branches' fields have no input on any page.
        (
            branch(json!({ "oneOf": [
                { "properties": { "passport_number": { "type": "string" } }, "required": ["passport_number"] },
                { "properties": { "licence_number": { "type": "string" } }, "required": ["licence_number"] }
            ] })),
            vec!["passport_number", "licence_number"],
        ),
        (
            branch(
                json!({ "if": { "required": ["scope"] }, "then": { "required": ["reason_text"] } }),
            ),
            vec!["reason_text"],
        ),
        (
            branch(
                json!({ "anyOf": [ { "required": ["fax"] }, { "required": ["applicant_phone"] } ] }),
            ),
            vec!["fax"],
        ),
    ];
    for (d, names) in cases {
        let p = problems(d);
        for name in names {
            assert!(
                p.iter().any(|p| p.pointer == "/schema"
                    && p.message.en.contains(&format!("`{name}`"))
                    && p.message.en.contains("could never answer")),
                "{name}: {p:?}"
            );
        }
    }
    // A required name that is no property at all cannot be answered either.
    let mut d = juminhyo();
    d["schema"]["required"]
        .as_array_mut()
        .unwrap()
        .push(json!("seal"));
    let p = problems(d);
    assert!(
        p.iter()
            .any(|p| p.message.en.contains("`seal`") && p.message.en.contains("`required`")),
        "{p:?}"
    );
    // Inside a group: the address's branches may only name the address's fields.
    let mut d = juminhyo();
    d["schema"]["$defs"]["address"]["oneOf"] = json!([{ "required": ["building_code"] }]);
    let p = problems(d);
    assert!(
        p.iter().any(|p| p.pointer == "/ui/fields/applicant_address"
            && p.message.en.contains("`building_code`")),
        "{p:?}"
    );
}

#[test]
fn enum_and_const_without_type_take_the_type_of_their_values() {
    let mut d = juminhyo();
    d["schema"]["properties"]["copies"] = json!({ "enum": [1, 2, 3] });
    d["schema"]["properties"]["payment_method"] =
        json!({ "enum": ["online", "postal_money_order", "counter"] });
    d["schema"]["properties"]["delivery_address_confirm"] = json!({ "const": true });
    let form = load(d).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(form.field("/copies").unwrap().kind, FieldKind::Integer);
    assert!(matches!(
        form.field("/payment_method").unwrap().kind,
        FieldKind::Choice { .. }
    ));
    assert_eq!(
        form.field("/delivery_address_confirm").unwrap().kind,
        FieldKind::Consent
    );
    // Mixed values say nothing of the type: refused, naming the types found.
    for (field, values, keyword) in [
        ("copies", json!({ "enum": [1, "2", 3] }), "enum"),
        (
            "payment_method",
            json!({ "enum": ["online", true] }),
            "enum",
        ),
        ("copies", json!({ "enum": [1, 2.5] }), "enum"),
    ] {
        let mut d = juminhyo();
        d["schema"]["properties"][field] = values.clone();
        let p = problems(d);
        let found = at(&p, &format!("/schema/properties/{field}/{keyword}"));
        assert_eq!(found.len(), 1, "{values}: {p:?}");
        assert!(found[0].message.en.contains("add `type`"), "{found:?}");
    }
}

/// The juminhyo form with a text field read through the money widget: a reference the
/// department writes with digits only, kept as text (leading zeros matter).
fn with_reference(coerce: Option<bool>) -> Value {
    let mut d = juminhyo();
    let mut schema = json!({ "type": "string", "maxLength": 12 });
    if let Some(c) = coerce {
        schema["x-coerce"] = json!(c);
    }
    d["schema"]["properties"]["reference"] = schema;
    d["ui"]["fields"]["reference"] =
        json!({ "label": label("整理番号", "Reference"), "widget": "money" });
    d["ui"]["steps"][1]["fields"]
        .as_array_mut()
        .unwrap()
        .push(json!("reference"));
    d
}

#[test]
fn x_coerce_false_keeps_posted_text_as_typed() {
    let answer = |definition: Value, typed: &str| {
        let form = load(definition).unwrap_or_else(|p| panic!("{p:?}"));
        let step = form.step("request").unwrap().1.clone();
        let mut data = Map::new();
        let posted = vec![("reference".to_string(), typed.to_string())];
        let errors = form.answer_step(&step, &posted, &mut data, FILED_ON);
        let error = errors.into_iter().find(|e| e.pointer == "/reference");
        (data.get("reference").cloned(), error.map(|e| e.code))
    };
    for typed in ["0012", "1200", "７"] {
        let (kept, error) = answer(with_reference(Some(false)), typed);
        assert!(matches!(kept, Some(Value::String(_))), "{typed}: {kept:?}");
        assert_eq!(error, None, "{typed}");
        // By default the same field turns the text into a number, which a string refuses
        // ("enter a number" is all the money widget can say).
        let (coerced, error) = answer(with_reference(None), typed);
        assert!(
            matches!(coerced, Some(Value::Number(_))),
            "{typed}: {coerced:?}"
        );
        assert_eq!(error, Some(FormErrorCode::NotInteger), "{typed}");
    }
    assert_eq!(
        answer(with_reference(Some(false)), "0012").0,
        Some(json!("0012"))
    );
}

#[test]
fn x_coerce_is_refused_where_it_could_not_work() {
    let mut d = with_reference(None);
    d["schema"]["properties"]["reference"]["x-coerce"] = json!("no");
    let p = problems(d);
    assert_eq!(
        at(&p, "/schema/properties/reference/x-coerce").len(),
        1,
        "{p:?}"
    );
    // On a number field no posted text could ever be a number.
    for field in ["copies"] {
        for ty in ["integer", "number"] {
            let mut d = juminhyo();
            d["schema"]["properties"][field]["type"] = json!(ty);
            d["schema"]["properties"][field]["x-coerce"] = json!(false);
            let p = problems(d);
            assert!(
                p.iter()
                    .any(|p| p.pointer == format!("/ui/fields/{field}/x-coerce")
                        && p.message.en.contains("no answer could ever be accepted")),
                "{ty}: {p:?}"
            );
        }
    }
}

#[test]
fn an_unknown_key_in_the_settings_or_the_ui_hints_is_refused_where_it_is() {
    // (where the key is written, the key, the key meant when it is a slip)
    let cases: [(&str, &str, Option<&str>); 5] = [
        ("/procedure", "titel", Some("title")),
        ("/procedure/fee", "unit_yne", Some("unit_yen")),
        ("/ui/fields/purpose", "hnit", Some("hint")),
        ("/ui/steps/1", "show_when", None),
        (
            "/ui/fields/applicant_address/fields/city",
            "lable",
            Some("label"),
        ),
    ];
    for (place, key, near) in cases {
        let mut d = juminhyo();
        d.pointer_mut(place).unwrap_or_else(|| panic!("{place}"))[key] = json!("x");
        let p = problems(d);
        let found = at(&p, &format!("{place}/{key}"));
        assert_eq!(found.len(), 1, "{key}: {p:?}");
        match near {
            Some(near) => assert!(
                found[0]
                    .message
                    .en
                    .contains(&format!("Did you mean `{near}`?")),
                "{found:?}"
            ),
            None => assert!(
                found[0].message.en.contains("the keys here are"),
                "{found:?}"
            ),
        }
    }
}
