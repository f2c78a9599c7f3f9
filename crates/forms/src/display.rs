//! Answers as a resident or clerk reads them on a check page or in a queue.

use chrono::NaiveDate;
use madoguchi_core::{Lang, Localized, Yen, jst};
use serde_json::Value;

use crate::model::{Field, FieldKind};
use crate::wareki;

/// `********9018`: only the last four digits of a My Number are ever shown.
pub fn mask_my_number(s: &str) -> String {
    let n = s.chars().count();
    let tail: String = s.chars().skip(n.saturating_sub(4)).collect();
    format!("{}{tail}", "*".repeat(n.saturating_sub(4)))
}

/// One answered (or unanswered) question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub name: String,
    pub label: String,
    pub value: String,
    pub answered: bool,
}

pub fn answer(field: &Field, data: &Value, lang: Lang) -> Answer {
    let value = data.pointer(&field.pointer);
    let text = value
        .and_then(|v| text_of(field, v, lang))
        .filter(|s| !s.is_empty());
    Answer {
        name: field.name.clone(),
        label: field.label.get(lang).to_string(),
        answered: text.is_some(),
        value: text.unwrap_or_else(|| lang.pick("(未入力)", "(not provided)").to_string()),
    }
}

fn text_of(field: &Field, v: &Value, lang: Lang) -> Option<String> {
    let option = |s: &str| {
        field
            .option_label(s)
            .map(|l| l.get(lang).to_string())
            .unwrap_or_else(|| s.to_string())
    };
    Some(match (&field.kind, v) {
        (FieldKind::Group, Value::Object(_)) => {
            let parts: Vec<String> = field
                .children
                .iter()
                .filter_map(|child| {
                    let key = child.name.rsplit('.').next().unwrap_or(&child.name);
                    v.get(key).and_then(|cv| text_of(child, cv, lang))
                })
                .collect();
            parts.join(lang.pick(" ", ", "))
        }
        (FieldKind::Date, Value::String(s)) => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) => jst::format_date(d, lang),
            Err(_) => s.clone(),
        },
        (FieldKind::WarekiDate, Value::String(s)) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .and_then(wareki::format)
            .map(|l| l.get(lang).to_string())
            .unwrap_or_else(|| s.clone()),
        // Shown masked even to the person who typed it: screens are seen by others.
        (FieldKind::MyNumber, Value::String(s)) => mask_my_number(s),
        (FieldKind::Repeat, Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let instance = field.item(i);
                let parts: Vec<String> = instance
                    .children
                    .iter()
                    .filter_map(|c| item.get(c.key()).and_then(|v| text_of(c, v, lang)))
                    .collect();
                format!(
                    "{}: {}",
                    instance.label.get(lang),
                    parts.join(lang.pick("、", ", "))
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        (FieldKind::Money, Value::Number(n)) => {
            let yen = Yen::new(n.as_i64().unwrap_or_default());
            match lang {
                Lang::Ja => yen.format_ja(),
                Lang::En => yen.format_en(),
            }
        }
        (FieldKind::Choice { .. }, Value::String(s)) => option(s),
        (FieldKind::MultiChoice, Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(option)
            .collect::<Vec<_>>()
            .join(lang.pick("、", ", ")),
        (FieldKind::Consent, Value::Bool(true)) => {
            lang.pick("確認しました", "Confirmed").to_string()
        }
        (FieldKind::YesNo, Value::Bool(b)) => if *b {
            lang.pick("はい", "Yes")
        } else {
            lang.pick("いいえ", "No")
        }
        .to_string(),
        (_, Value::String(s)) => s.clone(),
        (_, Value::Number(n)) => n.to_string(),
        (_, Value::Bool(b)) => b.to_string(),
        _ => return None,
    })
}

/// A label for a value of a choice field, for queues and emails.
pub fn option_text(field: &Field, value: &str) -> Localized {
    field
        .option_label(value)
        .cloned()
        .unwrap_or_else(|| Localized::new(value, value))
}
