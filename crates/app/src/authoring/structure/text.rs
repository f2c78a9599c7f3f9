//! The texts an author types in the structured editor (ja/en pairs) and the identifiers
//! of steps and questions, each checked with a message at its field.

use super::*;
use madoguchi_core::Localized;
use madoguchi_forms::registry::RESERVED_STEP_IDS;
use serde_json::{Value, json};

/// Names of texts typed in pairs: (input of the Japanese, of the English, name in
/// Japanese, name in English).
pub(super) type Pair = (&'static str, &'static str, &'static str, &'static str);

pub(super) const TITLE: Pair = ("title_ja", "title_en", "手続の名前", "procedure name");

pub(super) const SUMMARY: Pair = ("summary_ja", "summary_en", "手続の説明", "summary");

pub(super) const STEP_TITLE: Pair = ("step_title_ja", "step_title_en", "手順の名前", "step title");

pub(super) const LABEL: Pair = ("label_ja", "label_en", "質問の文", "question text");

pub(super) const HINT: Pair = ("hint_ja", "hint_en", "ヒント", "hint");

pub(super) const UNIT: Pair = ("unit_ja", "unit_en", "手数料の単位", "fee unit");

/// Both languages are required.
pub(super) fn both(
    problems: &mut Problems,
    text: &Localized,
    (ja_in, en_in, ja_name, en_name): Pair,
) {
    if text.ja.trim().is_empty() {
        problems.push(InputProblem::new(
            ja_in,
            format!("{ja_name}(日本語)を入力してください。"),
            format!("Enter the {en_name} in Japanese."),
        ));
    }
    if text.en.trim().is_empty() {
        problems.push(InputProblem::new(
            en_in,
            format!("{ja_name}(英語)を入力してください。"),
            format!("Enter the {en_name} in English."),
        ));
    }
}

/// Both languages or neither.
pub(super) fn both_or_none(
    problems: &mut Problems,
    text: &Localized,
    (ja_in, en_in, ja_name, en_name): Pair,
) {
    let (ja, en) = (text.ja.trim().is_empty(), text.en.trim().is_empty());
    if ja != en {
        problems.push(InputProblem::new(
            if ja { ja_in } else { en_in },
            format!("{ja_name}は日本語と英語の両方を書くか、両方とも空にしてください。"),
            format!("Write the {en_name} in both Japanese and English, or leave both empty."),
        ));
    }
}

pub(super) fn done(problems: Problems) -> Result<(), Problems> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

pub(super) fn localized(text: &Localized) -> Value {
    json!({ "ja": text.ja.trim(), "en": text.en.trim() })
}

pub(super) fn valid_step_id(id: &str) -> bool {
    (1..=40).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !RESERVED_STEP_IDS.contains(&id)
}

/// Question keys become property names and HTML names: snake_case ASCII.
pub fn valid_key(key: &str) -> bool {
    (1..=40).contains(&key.len())
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}
