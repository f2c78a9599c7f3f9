//! Placeholders replaced by a city's values, in the language of the text they stand in.

use serde_json::Value;

use super::{CityParameters, names_in};

/// `value` with every placeholder replaced; `lang` is the `ja` / `en` it stands in.
pub(super) fn fill(value: &Value, lang: Option<&str>, id: &str, city: &CityParameters) -> Value {
    match value {
        Value::String(s) => fill_text(s, lang, id, city),
        Value::Array(items) => {
            Value::Array(items.iter().map(|v| fill(v, lang, id, city)).collect())
        }
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let inner = match k.as_str() {
                        "ja" | "en" => Some(k.as_str()),
                        _ => lang,
                    };
                    (k.clone(), fill(v, inner, id, city))
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

fn fill_text(text: &str, lang: Option<&str>, id: &str, city: &CityParameters) -> Value {
    let names = names_in(text);
    if names.is_empty() {
        return Value::String(text.to_string());
    }
    // Only a placeholder: the value as it is (a number stays a number).
    if names.len() == 1
        && text == format!("{{{{{}}}}}", names[0])
        && let Some(found) = city.lookup(id, &names[0])
    {
        let v = found.value();
        return match (lang, v) {
            (Some(l), Value::Object(m)) if m.contains_key(l) => m[l].clone(),
            _ => v.clone(),
        };
    }
    let mut out = text.to_string();
    for name in names {
        if let Some(found) = city.lookup(id, &name) {
            out = out.replace(&format!("{{{{{name}}}}}"), &as_text(found.value(), lang));
        }
    }
    Value::String(out)
}

fn as_text(value: &Value, lang: Option<&str>) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Object(m) => m
            .get(lang.unwrap_or("ja"))
            .or_else(|| m.get("ja"))
            .map(|v| as_text(v, lang))
            .unwrap_or_default(),
        other => other.to_string(),
    }
}
