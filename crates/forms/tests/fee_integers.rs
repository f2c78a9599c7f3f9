//! Money is never miscounted: for every procedure with a fee under `forms/`, an accepted
//! answer whose whole numbers are written as `n`, `n.0`, `ne0`… costs what its stored,
//! normalised answer costs, and the stored answer holds plain integers.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::{Arc, LazyLock};

use chrono::NaiveDate;
use madoguchi_forms::{Form, FormRegistry};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;

/// (form, the day a valid example is filed on, its answers) for every procedure with a fee
/// rule.
static CASES: LazyLock<Vec<(Arc<Form>, NaiveDate, Value)>> = LazyLock::new(|| {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms");
    let registry = FormRegistry::load_dir(&dir).unwrap();
    let mut cases = Vec::new();
    for form in registry.all() {
        if form.settings().fee.is_none() {
            continue;
        }
        let valid = dir.join(form.id()).join("examples/valid");
        let mut files: Vec<_> = std::fs::read_dir(&valid)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        for file in files {
            let (filed_on, data) = madoguchi_forms::examples::read_valid(&file).unwrap();
            // The property is about how numbers are spelled: an example that answers a
            // question it is not asked (its answer is dropped, fee and all, as
            // `normalize_json` drops it) says nothing of that.
            if answers_of(&form.normalize_json(data.clone())) != answers_of(&data) {
                continue;
            }
            cases.push((form.clone(), filed_on, data));
        }
    }
    cases
});

/// The answered questions of `data`, at the top level.
fn answers_of(data: &Value) -> Vec<String> {
    data.as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

/// Sets the fee's quantities (the quantity answer, each item's count) to `values`.
fn with_quantities(form: &Form, mut data: Value, values: &[i64]) -> Value {
    let rule = form.settings().fee.clone().unwrap();
    let mut values = values.iter().copied().cycle();
    if let Some(p) = &rule.quantity_field
        && let Some(v) = data.pointer_mut(p)
        && v.is_i64()
    {
        *v = Value::from(values.next().unwrap());
    }
    if let Some(per_item) = &rule.per_item
        && let Some(key) = &per_item.quantity_key
        && let Some(Value::Array(items)) = data.pointer_mut(&per_item.field)
    {
        for item in items {
            if let Some(v) = item.get_mut(key) {
                *v = Value::from(values.next().unwrap());
            }
        }
    }
    data
}

/// `value` as JSON text with every integer written one of the ways JSON allows.
fn respelled(value: &Value, spellings: &mut impl Iterator<Item = usize>) -> String {
    match value {
        Value::Number(n) if n.is_i64() => {
            let n = n.as_i64().unwrap();
            match spellings.next().unwrap() % 6 {
                0 => format!("{n}"),
                1 => format!("{n}.0"),
                2 => format!("{n}e0"),
                3 => format!("{n}E+0"),
                4 => format!("{n}.000"),
                _ => format!("{}e-1", n * 10),
            }
        }
        Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(|v| respelled(v, spellings)).collect();
            format!("[{}]", inner.join(","))
        }
        Value::Object(map) => {
            let inner: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}:{}", Value::from(k.as_str()), respelled(v, spellings)))
                .collect();
            format!("{{{}}}", inner.join(","))
        }
        other => other.to_string(),
    }
}

fn plain_integers_only(value: &Value) -> bool {
    match value {
        Value::Number(n) => n.is_i64() || n.as_f64().is_some_and(|f| f.fract() != 0.0),
        Value::Array(items) => items.iter().all(plain_integers_only),
        Value::Object(map) => map.values().all(plain_integers_only),
        _ => true,
    }
}

#[test]
fn procedures_with_quantities_are_covered() {
    assert!(CASES.len() >= 20, "{} examples with a fee", CASES.len());
    let with_items = CASES
        .iter()
        .filter(|(f, _, _)| {
            f.settings()
                .fee
                .as_ref()
                .is_some_and(|r| r.per_item.is_some())
        })
        .count();
    assert!(with_items > 0, "a procedure priced per item is among them");
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_fee_is_the_fee_of_the_stored_answer(
        pick in any::<Index>(),
        values in proptest::collection::vec(0i64..60, 8),
        spellings in proptest::collection::vec(0usize..6, 64),
    ) {
        let (form, filed_on, example) = &CASES[pick.index(CASES.len())];
        let plain = with_quantities(form, example.clone(), &values);
        // Only answers that are accepted with plain integers are the property's subject.
        let Ok(kept_plain) = form.accept(&form.normalize_json(plain.clone()), *filed_on) else {
            return Ok(());
        };
        let text = respelled(&plain, &mut spellings.iter().copied().cycle());
        let sent: Value = serde_json::from_str(&text).unwrap();
        let normalized = form.normalize_json(sent.clone());
        let stored = form.accept(&normalized, *filed_on);
        prop_assert!(stored.is_ok(), "{} refused {text}: {:?}", form.id(), stored);
        let stored = stored.unwrap();
        // Validation itself accepts every spelling (the schema's `integer`) and keeps the
        // plain integer, on whatever path the answers did not pass `normalize_json`.
        let kept_text = respelled(&kept_plain, &mut spellings.iter().copied().rev().cycle());
        let kept_sent: Value = serde_json::from_str(&kept_text).unwrap();
        let kept_again = form.accept(&kept_sent, *filed_on);
        prop_assert_eq!(kept_again.as_ref().ok(), Some(&kept_plain), "{}", kept_text);
        prop_assert_eq!(&form.fee(&kept_sent), &form.fee(&kept_plain));
        prop_assert!(plain_integers_only(&stored), "{} stored {stored}", form.id());
        prop_assert_eq!(&stored, &kept_plain);
        let fee = form.fee(&stored);
        prop_assert_eq!(&form.fee(&sent), &fee, "{} {}", form.id(), text);
        prop_assert_eq!(&form.fee(&normalized), &fee);
        prop_assert_eq!(&form.fee(&kept_plain), &fee);
        prop_assert_eq!(form.fee_paid_online(&sent), form.fee_paid_online(&stored));
    }
}
