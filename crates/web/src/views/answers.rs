//! Answers as a check, receipt or detail page lists them.

use madoguchi_core::Lang;
use madoguchi_forms::Form;

/// A question and its answer on a check or detail page.
#[derive(Clone, Debug)]
pub struct AnswerRow {
    /// The question's field name (`applicant_name`).
    pub name: String,
    pub label: String,
    pub value: String,
    pub answered: bool,
    /// Filled in for the resident and kept: the mark saying from where.
    pub filled: Option<String>,
}

/// The answers of a step, with the link to change them.
#[derive(Clone, Debug)]
pub struct AnswerSection {
    pub title: String,
    pub change_href: Option<String>,
    pub rows: Vec<AnswerRow>,
}

pub fn answer_sections(
    form: &Form,
    data: &serde_json::Value,
    lang: Lang,
    change_base: Option<&str>,
) -> Vec<AnswerSection> {
    form.answers(data, lang)
        .into_iter()
        .map(|(step, answers)| AnswerSection {
            title: step.title.get(lang).to_string(),
            change_href: change_base.map(|b| format!("{b}/{}", step.id)),
            rows: answers
                .into_iter()
                .map(|a| AnswerRow {
                    name: a.name,
                    filled: None,
                    label: a.label,
                    value: a.value,
                    answered: a.answered,
                })
                .collect(),
        })
        .collect()
}
