//! Answers as a check, receipt or detail page lists them.

use madoguchi_core::Lang;
use madoguchi_forms::{Answer, FieldWarning, Form};

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
    /// Accepted, but worth knowing about (a notification past its period).
    pub warning: Option<String>,
    /// The items of a repeatable question and the questions of its groups, each labelled
    /// (`answer_value.html` lists them in place of the one-line value).
    pub parts: Vec<Answer>,
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
                    warning: None,
                    label: a.label,
                    value: a.value,
                    answered: a.answered,
                    parts: a.parts,
                })
                .collect(),
        })
        .collect()
}

/// The answers as a record of what was sent (the receipt): a question left blank is left
/// out, and so is a step with nothing answered — the check page and the clerk's view
/// list them, marked 「(未入力)」, so that they can be seen and changed.
pub fn answered_sections(form: &Form, data: &serde_json::Value, lang: Lang) -> Vec<AnswerSection> {
    let mut sections = answer_sections(form, data, lang, None);
    for section in &mut sections {
        section.rows.retain(|r| r.answered);
    }
    sections.retain(|s| !s.rows.is_empty());
    sections
}

/// Puts each warning under the answer it is about (a question's answer holds its groups'
/// and items' answers, so a warning inside one goes under it).
pub fn mark_warnings(sections: &mut [AnswerSection], warnings: &[FieldWarning], lang: Lang) {
    for row in sections.iter_mut().flat_map(|s| s.rows.iter_mut()) {
        let pointer = format!("/{}", row.name.replace('.', "/"));
        let mine: Vec<&str> = warnings
            .iter()
            .filter(|w| w.pointer == pointer || w.pointer.starts_with(&format!("{pointer}/")))
            .map(|w| w.message.get(lang))
            .collect();
        if !mine.is_empty() {
            row.warning = Some(mine.join(" "));
        }
    }
}
