//! The life-event guide (くらしの手続きガイド): `forms/life-events.json`. For an event
//! (moving in, a birth, a death in the family…) a resident answers a few yes/no questions
//! and gets the procedures that apply — each with what to bring, whether it can be done
//! online, and a link — plus things to do elsewhere (other offices, utilities).

use std::collections::HashSet;
use std::path::Path;

use madoguchi_core::Localized;
use serde::{Deserialize, Serialize};

use crate::registry::Problem;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    #[serde(rename = "$comment", default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub events: Vec<LifeEvent>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LifeEvent {
    pub id: String,
    pub title: Localized,
    pub summary: Localized,
    #[serde(default)]
    pub questions: Vec<Question>,
    pub items: Vec<GuideItem>,
}

/// A yes/no question that decides which items apply.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub text: Localized,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<Localized>,
}

/// One thing to do: a procedure of this platform, or something done elsewhere.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideItem {
    /// A procedure id under `forms/`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure: Option<String>,
    /// Something not on this platform (another office, a utility company).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elsewhere: Option<Elsewhere>,
    /// The question whose "yes" makes this item apply; always applies when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// When to do it ("転入から14日以内").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Localized>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Elsewhere {
    pub title: Localized,
    /// Where to go or whom to contact.
    pub place: Localized,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Localized>,
}

impl Guide {
    pub fn event(&self, id: &str) -> Option<&LifeEvent> {
        self.events.iter().find(|e| e.id == id)
    }

    /// Parses and checks the guide against the procedures that exist.
    pub fn from_json(
        file: &Path,
        text: &str,
        procedures: &HashSet<String>,
    ) -> Result<Guide, Vec<Problem>> {
        let problem = |pointer: String, message: Localized| Problem {
            file: file.to_path_buf(),
            pointer,
            message,
        };
        let guide: Guide = serde_json::from_str(text).map_err(|e| {
            vec![problem(
                String::new(),
                lint_text!(forms_lint_guide_invalid, error = e.to_string()),
            )]
        })?;
        let mut problems = Vec::new();
        let mut ids = HashSet::new();
        for (ei, event) in guide.events.iter().enumerate() {
            if !ids.insert(event.id.as_str()) {
                problems.push(problem(
                    format!("/events/{ei}/id"),
                    lint_text!(forms_lint_guide_event_twice, event = event.id.as_str()),
                ));
            }
            let questions: HashSet<&str> = event.questions.iter().map(|q| q.id.as_str()).collect();
            for (ii, item) in event.items.iter().enumerate() {
                let at = format!("/events/{ei}/items/{ii}");
                match (&item.procedure, &item.elsewhere) {
                    (Some(p), None) if !procedures.contains(p) => problems.push(problem(
                        format!("{at}/procedure"),
                        lint_text!(forms_lint_guide_no_procedure, procedure = p.as_str()),
                    )),
                    (Some(_), None) | (None, Some(_)) => {}
                    _ => problems.push(problem(at.clone(), lint_text!(forms_lint_guide_item))),
                }
                if let Some(q) = &item.when
                    && !questions.contains(q.as_str())
                {
                    problems.push(problem(
                        format!("{at}/when"),
                        lint_text!(forms_lint_guide_no_question, question = q.as_str()),
                    ));
                }
            }
        }
        if problems.is_empty() {
            Ok(guide)
        } else {
            Err(problems)
        }
    }
}

impl LifeEvent {
    /// The items that apply given the questions answered "yes".
    pub fn applicable<'a>(
        &'a self,
        yes: &'a HashSet<String>,
    ) -> impl Iterator<Item = &'a GuideItem> + 'a {
        self.items
            .iter()
            .filter(move |i| i.when.as_ref().is_none_or(|q| yes.contains(q)))
    }
}
