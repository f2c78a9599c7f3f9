//! Posted HTML form fields → JSON, after normalisation. Empty inputs become absent keys so
//! that `required` (not a format error) is what a resident is told about.

use serde_json::{Map, Number, Value};

use crate::model::{Field, FieldKind, Step};
use crate::normalize::normalize;

/// Field values as posted: name → every value sent under it (checkboxes send several).
pub trait Posted {
    fn values(&self, name: &str) -> Vec<&str>;
    fn first(&self, name: &str) -> Option<&str> {
        self.values(name).into_iter().next()
    }
}

impl Posted for [(String, String)] {
    fn values(&self, name: &str) -> Vec<&str> {
        self.iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

impl Posted for Vec<(String, String)> {
    fn values(&self, name: &str) -> Vec<&str> {
        self.as_slice().values(name)
    }
}

/// Reads the answers of one step into `data` (a draft's data object): every field of the
/// step is replaced, so clearing an input removes the answer.
pub fn read_step(step: &Step, posted: &(impl Posted + ?Sized), data: &mut Map<String, Value>) {
    for field in &step.fields {
        data.remove(&field.name);
        if let Some(value) = read_field(field, posted) {
            data.insert(field.name.clone(), value);
        }
    }
}

fn read_field(field: &Field, posted: &(impl Posted + ?Sized)) -> Option<Value> {
    let text = |name: &str| {
        posted
            .first(name)
            .map(|raw| normalize(&field.kind, raw))
            .filter(|s| !s.is_empty())
    };
    match &field.kind {
        FieldKind::Group => {
            let mut object = Map::new();
            for child in &field.children {
                if let Some(v) = read_field(child, posted) {
                    let key = child
                        .name
                        .rsplit('.')
                        .next()
                        .unwrap_or(&child.name)
                        .to_string();
                    object.insert(key, v);
                }
            }
            (!object.is_empty()).then_some(Value::Object(object))
        }
        FieldKind::Date => read_date(field, posted),
        FieldKind::Integer | FieldKind::Money => {
            text(&field.name).map(|s| match s.parse::<i64>() {
                Ok(n) => Value::Number(Number::from(n)),
                // Kept as text so the schema reports "enter a number".
                Err(_) => Value::String(s),
            })
        }
        FieldKind::MultiChoice => {
            let chosen: Vec<Value> = posted
                .values(&field.name)
                .into_iter()
                .map(|raw| normalize(&field.kind, raw))
                .filter(|s| !s.is_empty())
                .map(Value::String)
                .collect();
            (!chosen.is_empty()).then_some(Value::Array(chosen))
        }
        FieldKind::Consent => text(&field.name).map(|s| match s.as_str() {
            "true" | "on" | "yes" => Value::Bool(true),
            _ => Value::String(s),
        }),
        FieldKind::YesNo => text(&field.name).map(|s| match s.as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(s),
        }),
        _ => text(&field.name).map(Value::String),
    }
}

/// Year, month and day inputs named `<name>.year`, `.month`, `.day`. A date that is
/// incomplete or not numeric is kept as text, so `format: date` reports it.
fn read_date(field: &Field, posted: &(impl Posted + ?Sized)) -> Option<Value> {
    let part = |suffix: &str| {
        posted
            .first(&format!("{}.{suffix}", field.name))
            .map(|raw| normalize(&FieldKind::Date, raw))
            .unwrap_or_default()
    };
    let (y, m, d) = (part("year"), part("month"), part("day"));
    if y.is_empty() && m.is_empty() && d.is_empty() {
        return None;
    }
    let numeric = |s: &str, max_len: usize| {
        !s.is_empty() && s.len() <= max_len && s.chars().all(|c| c.is_ascii_digit())
    };
    if y.len() == 4 && numeric(&y, 4) && numeric(&m, 2) && numeric(&d, 2) {
        let (m, d) = (m.parse::<u32>().unwrap_or(0), d.parse::<u32>().unwrap_or(0));
        Some(Value::String(format!("{y}-{m:02}-{d:02}")))
    } else {
        Some(Value::String(format!("{y}-{m}-{d}")))
    }
}

/// The values to show in a step's inputs: name → values, from stored data (for "change"
/// links from the check page).
pub fn posted_from_data(step: &Step, data: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for field in &step.fields {
        flatten(field, data.pointer(&field.pointer), &mut out);
    }
    out
}

fn flatten(field: &Field, value: Option<&Value>, out: &mut Vec<(String, String)>) {
    let Some(value) = value else { return };
    match (&field.kind, value) {
        (FieldKind::Group, Value::Object(_)) => {
            for child in &field.children {
                let key = child.name.rsplit('.').next().unwrap_or(&child.name);
                flatten(child, value.get(key), out);
            }
        }
        (FieldKind::Date, Value::String(s)) => {
            let mut parts = s.splitn(3, '-');
            for suffix in ["year", "month", "day"] {
                let part = parts.next().unwrap_or_default();
                // Month and day are shown as typed: 5, not 05.
                let shown = if suffix == "year" {
                    part
                } else {
                    part.trim_start_matches('0')
                };
                out.push((format!("{}.{suffix}", field.name), shown.to_string()));
            }
        }
        (_, Value::Array(items)) => {
            for item in items {
                out.push((field.name.clone(), scalar_text(item)));
            }
        }
        (_, v) => out.push((field.name.clone(), scalar_text(v))),
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}
