//! The choices of a choice question as the editor shows and takes them: one a line,
//! `value | 日本語 | English`, written as the schema's `enum` and `ui.options`.

use madoguchi_core::Localized;
use serde_json::{Map, Value, json};

use super::{KindOf, QuestionKind, escape, resolve};

/// One choice of a choice question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChoiceOption {
    /// Stored in the answers (and used by conditions): `small`, `by_post`.
    pub value: String,
    pub label: Localized,
}

/// The choices of a question as the editor shows them: its schema's `enum` (of the items,
/// for a multiple choice) with the labels of `ui.options`.
pub(in crate::authoring) fn options_of(
    root: &Value,
    prop: &Value,
    ui: &Value,
    kind: KindOf,
) -> Vec<ChoiceOption> {
    let schema = resolve(root, prop);
    let values = match kind {
        KindOf::Editable(QuestionKind::Checkboxes) => resolve(root, &schema["items"]).get("enum"),
        KindOf::Editable(QuestionKind::Radios | QuestionKind::Select) => schema.get("enum"),
        _ => None,
    };
    values
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(|v| ChoiceOption {
            value: v.to_string(),
            label: ui
                .pointer(&format!("/options/{}", escape(v)))
                .and_then(|l| serde_json::from_value(l.clone()).ok())
                .unwrap_or_default(),
        })
        .collect()
}

/// The editor's text for choices: one a line, `value | 日本語 | English`.
pub fn options_text(options: &[ChoiceOption]) -> String {
    options
        .iter()
        .map(|o| format!("{} | {} | {}", o.value, o.label.ja, o.label.en))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads the choices typed one a line as `value | 日本語 | English`; on a mistake, the
/// number of the first wrong line (0 when there is no line at all).
pub(in crate::authoring) fn parse_options(text: &str) -> Result<Vec<ChoiceOption>, OptionsMistake> {
    let mut out: Vec<ChoiceOption> = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let [value, ja, en] = parts[..] else {
            return Err(OptionsMistake::Line(i + 1));
        };
        let value_ok = (1..=40).contains(&value.len())
            && value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if !value_ok || ja.is_empty() || en.is_empty() {
            return Err(OptionsMistake::Line(i + 1));
        }
        if out.iter().any(|o| o.value == value) {
            return Err(OptionsMistake::Twice(value.to_string()));
        }
        out.push(ChoiceOption {
            value: value.into(),
            label: Localized::new(ja, en),
        });
    }
    if out.is_empty() {
        return Err(OptionsMistake::None);
    }
    Ok(out)
}

#[derive(Debug, PartialEq, Eq)]
pub(in crate::authoring) enum OptionsMistake {
    None,
    Line(usize),
    Twice(String),
}

pub(in crate::authoring) fn write_options(ui: &mut Map<String, Value>, options: &[ChoiceOption]) {
    if options.is_empty() {
        ui.remove("options");
        return;
    }
    let labels: Map<String, Value> = options
        .iter()
        .map(|o| {
            (
                o.value.clone(),
                json!({ "ja": o.label.ja, "en": o.label.en }),
            )
        })
        .collect();
    ui.insert("options".into(), Value::Object(labels));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_are_read_one_a_line() {
        let parsed = parse_options("small | 小型犬 | Small\n\n large|大型犬|Large ").unwrap();
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[1].value, "large");
        assert_eq!(parsed[1].label, Localized::new("大型犬", "Large"));
        assert_eq!(parse_options("  \n"), Err(OptionsMistake::None));
        assert_eq!(
            parse_options("a | あ | A\nB | び | B"),
            Err(OptionsMistake::Line(2))
        );
        assert_eq!(parse_options("a | あ"), Err(OptionsMistake::Line(1)));
        assert_eq!(
            parse_options("a | あ | A\na | い | I"),
            Err(OptionsMistake::Twice("a".into()))
        );
        assert_eq!(
            options_text(&parsed),
            "small | 小型犬 | Small\nlarge | 大型犬 | Large"
        );
    }
}
