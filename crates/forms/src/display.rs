//! Answers as a resident or clerk reads them on a check page or in a queue.

use chrono::NaiveDate;
use madoguchi_core::{Lang, Localized, Yen, jst};
use madoguchi_i18n::t;
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
    /// The answers inside it, each with its own question's label: one per item of a
    /// repeatable question (「お子さん1」), and the questions of a group inside an item or of
    /// a group holding groups. Pages, receipts and the clerk's view list them as rows under
    /// the question; `value` stays the answer in one line (history, mails). Only answered
    /// parts are listed; empty for a question answered in one line.
    pub parts: Vec<Answer>,
}

impl Answer {
    /// The answer as rows of a table, for documents: `(depth, label, value)`, the question
    /// first, then each part under it one level deeper; a row that has parts carries no
    /// value of its own (its parts say it).
    pub fn rows(&self) -> Vec<(usize, &str, &str)> {
        let mut out = Vec::new();
        self.push_rows(0, &mut out);
        out
    }

    fn push_rows<'a>(&'a self, depth: usize, out: &mut Vec<(usize, &'a str, &'a str)>) {
        let value = if self.parts.is_empty() {
            self.value.as_str()
        } else {
            ""
        };
        out.push((depth, self.label.as_str(), value));
        for part in &self.parts {
            part.push_rows(depth + 1, out);
        }
    }
}

pub fn answer(field: &Field, data: &Value, lang: Lang) -> Answer {
    answer_at(field, data, lang, false)
}

/// `inside_item`: the question belongs to an item of a repeatable question, where every
/// group is listed by its parts (a group at the top of a step, such as an address, reads
/// well in one line).
fn answer_at(field: &Field, data: &Value, lang: Lang, inside_item: bool) -> Answer {
    // A secret is never kept, so it has no answer to show: it was answered and checked by
    // the form's external check (a filing or a draft going on holds its mark), which is
    // what the resident and the clerk read — never "not provided".
    if field.kind == FieldKind::Secret {
        return Answer {
            name: field.name.clone(),
            label: field.label.get(lang).to_string(),
            answered: true,
            value: t!(lang, forms_secret_not_kept).to_string(),
            parts: Vec::new(),
        };
    }
    let value = data.pointer(&field.pointer);
    let text = value
        .and_then(|v| text_of(field, v, lang))
        .filter(|s| !s.is_empty());
    Answer {
        name: field.name.clone(),
        label: field.label.get(lang).to_string(),
        answered: text.is_some(),
        value: text.unwrap_or_else(|| t!(lang, forms_not_provided).to_string()),
        parts: parts_of(field, data, lang, inside_item),
    }
}

fn parts_of(field: &Field, data: &Value, lang: Lang, inside_item: bool) -> Vec<Answer> {
    let answered = |a: &Answer| a.answered;
    match field.kind {
        FieldKind::Repeat => {
            let count = data
                .pointer(&field.pointer)
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            (0..count)
                .map(|i| answer_at(&field.item(i), data, lang, true))
                .filter(answered)
                .collect()
        }
        FieldKind::Group
            if inside_item
                || field
                    .children
                    .iter()
                    .any(|c| matches!(c.kind, FieldKind::Group | FieldKind::Repeat)) =>
        {
            field
                .children
                .iter()
                .map(|c| answer_at(c, data, lang, true))
                .filter(answered)
                .collect()
        }
        _ => Vec::new(),
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
            parts.join(t!(lang, forms_group_separator))
        }
        (FieldKind::Date, Value::String(s)) => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) => jst::format_date(d, lang),
            Err(_) => s.clone(),
        },
        (FieldKind::WarekiDate, Value::String(s)) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .and_then(wareki::format_answer)
            .map(|l| l.get(lang).to_string())
            .unwrap_or_else(|| s.clone()),
        (FieldKind::Booking, Value::String(s)) => match crate::booking::SlotAnswer::parse(s) {
            Some(slot) => jst::format_local(slot.starts, lang),
            None => s.clone(),
        },
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
                t!(
                    lang,
                    forms_repeat_answers,
                    item = instance.label.get(lang),
                    answers = parts.join(t!(lang, forms_list_separator))
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        (FieldKind::Money, Value::Number(n)) => {
            Yen::new(n.as_i64().unwrap_or_default()).format(lang)
        }
        (FieldKind::Choice { .. }, Value::String(s)) => option(s),
        (FieldKind::MultiChoice, Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(option)
            .collect::<Vec<_>>()
            .join(t!(lang, forms_list_separator)),
        (FieldKind::Consent, Value::Bool(true)) => t!(lang, forms_confirmed).to_string(),
        (FieldKind::YesNo, Value::Bool(b)) => if *b {
            t!(lang, forms_yes)
        } else {
            t!(lang, forms_no)
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
