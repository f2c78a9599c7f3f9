//! Hostile answers cost a bounded amount: a list longer than its question allows is
//! refused with one error before its items are validated (JSON and posted pages alike),
//! and every unknown key is reported, each at its own pointer.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use madoguchi_forms::bounds::{MAX_ITEMS, MAX_SHOWN_ERRORS, item_limit, shown};
use madoguchi_forms::examples::FILED_ON;
use madoguchi_forms::{FieldKind, FormErrorCode, FormRegistry};
use serde_json::{Map, Value, json};

/// The catalogue as Sendai serves it (its procedures written for every city completed
/// with Sendai's values).
fn registry() -> FormRegistry {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let sendai = madoguchi_forms::CityParameters::for_organisation_file(
        &root.join("deploy/data/municipalities/sendai.json"),
    )
    .unwrap();
    let (registry, problems) = FormRegistry::load_dir(&root.join("forms"))
        .unwrap()
        .for_city(&sendai, |_| true);
    assert!(problems.is_empty(), "{problems:?}");
    registry
}

/// An empty item of a list question: what a hostile body repeats thousands of times.
fn empty_item(kind: &FieldKind) -> Value {
    match kind {
        FieldKind::Repeat => json!({}),
        _ => json!(""),
    }
}

#[test]
fn every_list_question_refuses_a_list_over_its_limit_with_one_error() {
    let registry = registry();
    let mut lists = 0;
    for form in registry.all() {
        for field in form.steps().iter().flat_map(|s| &s.fields) {
            if !matches!(field.kind, FieldKind::Repeat | FieldKind::MultiChoice) {
                continue;
            }
            lists += 1;
            let limit = item_limit(field);
            assert!(limit <= MAX_ITEMS, "{} {}", form.id(), field.pointer);
            let code = if field.kind == FieldKind::Repeat {
                FormErrorCode::TooManyItems
            } else {
                FormErrorCode::TooManyChosen
            };
            let mut counts = Vec::new();
            for n in [limit + 1, 5000] {
                let items = vec![empty_item(&field.kind); n];
                let data = json!({ field.key(): items });
                let errors = form.validate(&data, FILED_ON);
                let at: Vec<_> = errors
                    .iter()
                    .filter(|e| e.pointer == field.pointer)
                    .collect();
                let (id, ptr) = (form.id(), &field.pointer);
                assert_eq!(at.len(), 1, "{id} {ptr} ×{n}: {errors:?}");
                assert_eq!(at[0].code, code, "{id} {ptr}");
                assert_eq!(at[0].limit, Some(limit as i64), "{id} {ptr}");
                // The items over the limit are not validated.
                let beyond = |p: &str| {
                    p.strip_prefix(&format!("{ptr}/"))
                        .and_then(|rest| rest.split('/').next()?.parse::<usize>().ok())
                        .is_some_and(|i| i >= limit)
                };
                assert!(
                    !errors.iter().any(|e| beyond(&e.pointer)),
                    "{id} {ptr}: {errors:?}"
                );
                counts.push(errors.len());
                // The engine's words give the limit; an author's own message is theirs.
                if !field.errors.contains_key("maxItems") {
                    let message = form.message_in(at[0], madoguchi_core::Lang::Ja);
                    assert!(message.contains(&limit.to_string()), "{message}");
                }
            }
            assert_eq!(
                counts[0],
                counts[1],
                "{}: as many errors for 5000 items as for {}",
                form.id(),
                limit + 1
            );
            // At the limit the list is validated item by item as before.
            let data = json!({ field.key(): vec![empty_item(&field.kind); limit] });
            assert!(
                form.validate(&data, FILED_ON)
                    .iter()
                    .all(|e| e.code != FormErrorCode::TooManyItems
                        && e.code != FormErrorCode::TooManyChosen),
                "{} {}",
                form.id(),
                field.pointer
            );
        }
    }
    assert!(lists > 10, "the shipped forms have list questions: {lists}");
}

#[test]
fn posted_pages_refuse_items_over_the_limit_and_read_none_of_them() {
    let registry = registry();
    let mut seen = 0;
    for form in registry.all() {
        for step in form.steps() {
            for field in &step.fields {
                let limit = item_limit(field);
                let posted: Vec<(String, String)> = match field.kind {
                    FieldKind::Repeat => (0..5000)
                        .map(|i| (format!("{}.{i}._item", field.name), "1".to_string()))
                        .collect(),
                    FieldKind::MultiChoice => (0..5000)
                        .map(|_| (field.name.clone(), String::new()))
                        .collect(),
                    _ => continue,
                };
                seen += 1;
                let mut data = Map::new();
                let errors = form.answer_step(step, &posted, &mut data, FILED_ON);
                let at: Vec<_> = errors
                    .iter()
                    .filter(|e| e.pointer == field.pointer)
                    .collect();
                assert_eq!(at.len(), 1, "{} {}: {errors:?}", form.id(), field.pointer);
                assert!(
                    matches!(
                        at[0].code,
                        FormErrorCode::TooManyItems | FormErrorCode::TooManyChosen
                    ),
                    "{} {}: {:?}",
                    form.id(),
                    field.pointer,
                    at[0]
                );
                assert_eq!(at[0].limit, Some(limit as i64));
                let kept = data
                    .get(field.key())
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len);
                assert!(
                    kept <= limit,
                    "{} {}: {kept} items kept",
                    form.id(),
                    field.pointer
                );
            }
        }
    }
    assert!(seen > 10, "{seen}");
}

#[test]
fn every_unknown_key_is_reported_at_its_own_pointer() {
    let registry = registry();
    for form in registry.all() {
        for n in [1, 3, 3000] {
            let mut data = Map::new();
            for i in 0..n {
                data.insert(format!("junk_{i}"), json!(""));
            }
            let errors = form.validate(&Value::Object(data), FILED_ON);
            let unknown: Vec<&str> = errors
                .iter()
                .filter(|e| e.code == FormErrorCode::UnexpectedField)
                .map(|e| e.pointer.as_str())
                .collect();
            assert_eq!(unknown.len(), n, "{} ×{n}", form.id());
            for i in 0..n {
                assert!(
                    unknown.contains(&format!("/junk_{i}").as_str()),
                    "{} /junk_{i}",
                    form.id()
                );
            }
            let (listed, more) = shown(&errors);
            assert_eq!(listed.len(), errors.len().min(MAX_SHOWN_ERRORS));
            assert_eq!(listed.len() + more, errors.len());
        }
    }
}
