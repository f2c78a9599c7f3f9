//! Answers cleaned before validation.

use serde_json::{Map, Value};

use crate::errors::{FieldError, FormErrorCode};
use crate::model::{Field, FieldKind};

/// 和暦 answers given as ISO dates (API clients, examples) before 明治6年 (1873-01-01) have
/// no era to show them in: the same `outside_era` the era inputs report.
pub(super) fn eraless_dates(
    field: &Field,
    value: Option<&Value>,
    at: &str,
    out: &mut Vec<FieldError>,
) {
    match (&field.kind, value) {
        (FieldKind::WarekiDate, Some(Value::String(s))) => {
            if let Ok(date) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                && crate::wareki::era_of(date).is_none()
            {
                out.push(FieldError::new(at, FormErrorCode::OutsideEra));
            }
        }
        (FieldKind::Group, Some(Value::Object(inner))) => {
            for child in &field.children {
                let at = format!("{at}/{}", child.key());
                eraless_dates(child, inner.get(child.key()), &at, out);
            }
        }
        (FieldKind::Repeat, Some(Value::Array(items))) => {
            for (i, item) in items.iter().enumerate() {
                for child in &field.children {
                    let at = format!("{at}/{i}/{}", child.key());
                    eraless_dates(child, item.get(child.key()), &at, out);
                }
            }
        }
        _ => {}
    }
}

pub(super) fn normalize_at(field: &Field, object: &mut Map<String, Value>) {
    let key = field.key().to_string();
    let Some(value) = object.get_mut(&key) else {
        return;
    };
    match (&field.kind, value) {
        (FieldKind::Group, Value::Object(inner)) => {
            for child in &field.children {
                normalize_at(child, inner);
            }
        }
        // No item and no choice is no answer: the pages never send an empty list.
        (FieldKind::Repeat | FieldKind::MultiChoice, Value::Array(items)) if items.is_empty() => {
            object.remove(&key);
        }
        (FieldKind::Repeat, Value::Array(items)) => {
            for item in items.iter_mut() {
                if let Value::Object(inner) = item {
                    for child in &field.children {
                        normalize_at(child, inner);
                    }
                }
            }
        }
        (FieldKind::MultiChoice, Value::Array(items)) => {
            for item in items.iter_mut() {
                if let Value::String(s) = item {
                    *s = crate::normalize::normalize(&field.kind, s);
                }
            }
            // The choices in the order the question offers them, as its checkboxes post
            // them (what is not an option keeps its place after them, for the schema).
            let place = |v: &Value| {
                v.as_str()
                    .and_then(|s| field.options.iter().position(|o| o.value == s))
                    .unwrap_or(usize::MAX)
            };
            items.sort_by_key(place);
        }
        (kind, Value::String(s)) => {
            let normalized = crate::names::normalize(field, s);
            if normalized.is_empty() {
                object.remove(&key);
            } else if matches!(kind, FieldKind::Integer | FieldKind::Money) {
                // "１２,８００" becomes 12800, as on the pages; text that is not a number
                // stays text, so the schema says "enter a number".
                let replaced = normalized
                    .parse::<i64>()
                    .map(Value::from)
                    .unwrap_or(Value::String(normalized));
                object.insert(key, replaced);
            } else {
                *s = normalized;
            }
        }
        _ => {}
    }
}
