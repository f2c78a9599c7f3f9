//! The texts an author types in the structured editor (ja/en pairs) and the identifiers
//! of steps and questions, each checked with a message at its field.

use super::*;
use madoguchi_core::Localized;
use madoguchi_forms::registry::RESERVED_STEP_IDS;
use serde_json::{Value, json};

/// Names of texts typed in pairs: (input of the Japanese, of the English, the text's name
/// in the messages: `authoring-name-…`).
pub(super) type Pair = (&'static str, &'static str, Phrase);

pub(super) const TITLE: Pair = ("title_ja", "title_en", msg::authoring_name_title::text);

pub(super) const SUMMARY: Pair = (
    "summary_ja",
    "summary_en",
    msg::authoring_name_summary::text,
);

pub(super) const WHO_MAY_FILE: Pair = (
    "who_may_file_ja",
    "who_may_file_en",
    msg::authoring_name_who_may_file::text,
);

pub(super) const RESULT_DELIVERY: Pair = (
    "result_delivery_ja",
    "result_delivery_en",
    msg::authoring_name_result_delivery::text,
);

pub(super) const WHAT_TO_PREPARE: Pair = (
    "what_to_prepare_ja",
    "what_to_prepare_en",
    msg::authoring_name_what_to_prepare::text,
);

/// A list typed one item per line in each language: the items in pairs, or the problem
/// (the two lists differ in length, named at the shorter one).
pub(super) fn line_pairs(
    problems: &mut Problems,
    text: &Localized,
    (ja_in, en_in, name): Pair,
) -> Vec<Value> {
    let (ja, en) = (items_of(&text.ja), items_of(&text.en));
    if ja.len() != en.len() {
        let (ja_n, en_n) = (ja.len(), en.len());
        problems.push(InputProblem::new(
            if ja_n < en_n { ja_in } else { en_in },
            |lang| {
                t!(
                    lang,
                    authoring_lines_differ,
                    name = name(lang),
                    ja = ja_n,
                    en = en_n
                )
            },
        ));
        return Vec::new();
    }
    ja.into_iter()
        .zip(en)
        .map(|(ja, en)| json!({ "ja": ja, "en": en }))
        .collect()
}

/// The items of a list written one to a line: a line that begins with a space (or a tab,
/// or a full-width space) goes on the item above, as a line of its own (how
/// [`item_lines`] writes an item of several lines).
fn items_of(text: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for line in text.lines() {
        let continues = line.starts_with([' ', '\t', '\u{3000}']);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match items.last_mut() {
            Some(item) if continues => {
                item.push('\n');
                item.push_str(line);
            }
            _ => items.push(line.to_string()),
        }
    }
    items
}

/// An item as [`items_of`] reads it back: its second and later lines indented.
pub(crate) fn item_lines(item: &str) -> String {
    item.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n  ")
}

pub(super) const STEP_TITLE: Pair = (
    "step_title_ja",
    "step_title_en",
    msg::authoring_name_step_title::text,
);

pub(super) const LABEL: Pair = ("label_ja", "label_en", msg::authoring_name_label::text);

pub(super) const HINT: Pair = ("hint_ja", "hint_en", msg::authoring_name_hint::text);

pub(super) const UNIT: Pair = ("unit_ja", "unit_en", msg::authoring_name_unit::text);

/// Both languages are required.
pub(super) fn both(problems: &mut Problems, text: &Localized, (ja_in, en_in, name): Pair) {
    if text.ja.trim().is_empty() {
        problems.push(InputProblem::new(ja_in, |lang| {
            t!(lang, authoring_text_missing_ja, name = name(lang))
        }));
    }
    if text.en.trim().is_empty() {
        problems.push(InputProblem::new(en_in, |lang| {
            t!(lang, authoring_text_missing_en, name = name(lang))
        }));
    }
}

/// Both languages or neither.
pub(super) fn both_or_none(problems: &mut Problems, text: &Localized, (ja_in, en_in, name): Pair) {
    let (ja, en) = (text.ja.trim().is_empty(), text.en.trim().is_empty());
    if ja != en {
        problems.push(InputProblem::new(if ja { ja_in } else { en_in }, |lang| {
            t!(lang, authoring_text_one_language, name = name(lang))
        }));
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

#[cfg(test)]
mod tests {
    use super::{item_lines, items_of};

    #[test]
    fn an_item_of_several_lines_is_read_back_whole() {
        let items = [
            "マイナンバーカード",
            "委任状\n(代理人が申請するとき)",
            "通帳の写し",
        ];
        let text = items.map(item_lines).join("\n");
        assert_eq!(items_of(&text), items);
        // Typed by hand: blank lines left out, a full-width space continues too.
        assert_eq!(
            items_of("\n印鑑\r\n\u{3000}(認印で可)\n\n保険証\n"),
            ["印鑑\n(認印で可)", "保険証"]
        );
    }
}
