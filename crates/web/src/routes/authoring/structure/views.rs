//! What the structured editor's page shows: its inputs (filled from the working copy, or
//! as posted when a form was refused, with their messages) and its steps and questions.

use crate::msg;

use askama::Template;
use madoguchi_app::{
    authoring::KindOf, authoring::QuestionKind, authoring::QuestionOutline, authoring::StepOutline,
    authoring::StructureOutline,
};
use madoguchi_core::ProcedureId;
use madoguchi_core::{Lang, Localized};

use super::Shown;
use super::inputs::question_inputs;
use crate::views::{ErrorLink, Page};

/// One option of a select.
pub(super) struct Opt {
    pub(super) value: String,
    pub(super) label: String,
    pub(super) selected: bool,
}

/// What an input is drawn as.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Control {
    Text,
    Textarea,
    Select,
}

/// One labelled input, as `authoring_input.html` draws it.
pub(super) struct Input {
    pub(super) id: String,
    pub(super) name: &'static str,
    pub(super) label: String,
    pub(super) hint: Option<String>,
    pub(super) value: String,
    pub(super) error: Option<String>,
    pub(super) kind: Control,
    pub(super) width: &'static str,
    pub(super) numeric: bool,
    pub(super) options: Vec<Opt>,
}

impl Input {
    pub(super) fn text(id: String, name: &'static str, label: &str, value: String) -> Input {
        Input {
            id,
            name,
            label: label.into(),
            hint: None,
            value,
            error: None,
            kind: Control::Text,
            width: "",
            numeric: false,
            options: Vec::new(),
        }
    }

    pub(super) fn hint(mut self, hint: &str) -> Input {
        self.hint = Some(hint.into());
        self
    }

    pub(super) fn width(mut self, width: &'static str) -> Input {
        self.width = width;
        self
    }

    pub(super) fn textarea(mut self) -> Input {
        self.kind = Control::Textarea;
        self
    }

    pub(super) fn select(mut self, options: Vec<(String, String)>) -> Input {
        self.kind = Control::Select;
        self.options = options
            .into_iter()
            .map(|(value, label)| Opt {
                selected: value == self.value,
                value,
                label,
            })
            .collect();
        self
    }

    fn is_select(&self) -> bool {
        self.kind == Control::Select
    }

    fn is_textarea(&self) -> bool {
        self.kind == Control::Textarea
    }

    fn describedby(&self) -> String {
        crate::views::described_by(&self.id, self.hint.is_some(), self.error.is_some())
    }
}

pub(super) struct QuestionView {
    pub(super) key: String,
    pub(super) label: String,
    pub(super) kind: String,
    pub(super) required: bool,
    pub(super) hint: Option<String>,
    pub(super) options: Vec<String>,
    pub(super) condition: Option<String>,
    pub(super) problems: Vec<String>,
    pub(super) error: Option<String>,
    pub(super) first: bool,
    pub(super) last: bool,
    /// A repeatable group: the questions asked for each item (keys `<group>.<key>`).
    pub(super) items: Vec<QuestionView>,
    pub(super) is_group: bool,
}

pub(super) struct StepView {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) number: usize,
    pub(super) first: bool,
    pub(super) last: bool,
    pub(super) has_condition: bool,
    pub(super) questions: Vec<QuestionView>,
    pub(super) problems: Vec<String>,
    pub(super) error: Option<String>,
    pub(super) rename: Vec<Input>,
    pub(super) rename_open: bool,
}

/// The open "edit the question" panel.
pub(super) struct EditView {
    pub(super) key: String,
    pub(super) label: String,
    pub(super) inputs: Vec<Input>,
    pub(super) required: bool,
    pub(super) condition: Option<String>,
    /// The condition was written in JSON: setting one here replaces it.
    pub(super) condition_in_json: bool,
    pub(super) when: Option<Input>,
    /// A question of a repeatable group's items: no condition is set on it here.
    pub(super) in_item: bool,
}

#[derive(Template)]
#[template(path = "office/authoring_structure.html")]
pub(super) struct StructurePage {
    pub(super) page: Page,
    pub(super) csrf: String,
    pub(super) id: ProcedureId,
    pub(super) title: String,
    pub(super) status: String,
    pub(super) notice: Option<String>,
    pub(super) errors: Vec<ErrorLink>,
    /// The working copy is JSON (otherwise only the way to the JSON editor is offered).
    pub(super) readable: bool,
    pub(super) problem_count: usize,
    /// Problems of the check that are not at a step, a question, the settings or the fee.
    pub(super) other_problems: Vec<(String, String)>,
    /// Links to the steps and questions where the check found something.
    pub(super) problem_links: Vec<(String, String)>,
    pub(super) settings: Vec<Input>,
    pub(super) settings_problems: Vec<String>,
    pub(super) has_fee: bool,
    pub(super) fee: Vec<Input>,
    pub(super) fee_more: bool,
    pub(super) fee_problems: Vec<String>,
    pub(super) steps: Vec<StepView>,
    pub(super) edit: Option<EditView>,
    pub(super) add_step: Vec<Input>,
    pub(super) add_question: Vec<Input>,
    pub(super) add_required: bool,
}

pub(super) fn l(text: &Localized, lang: Lang) -> String {
    text.get(lang).to_string()
}

pub(super) fn kind_label(kind: KindOf, lang: Lang) -> String {
    match kind {
        KindOf::Editable(k) => l(&k.label(), lang),
        KindOf::Other(name) => format!("{name}({})", msg::web_authoring_edited_as_json::text(lang)),
    }
}

pub(super) fn kinds(lang: Lang) -> Vec<(String, String)> {
    QuestionKind::ALL
        .into_iter()
        .map(|k| (k.code().to_string(), l(&k.label(), lang)))
        .collect()
}

pub(super) fn question_view(
    q: &QuestionOutline,
    first: bool,
    last: bool,
    lang: Lang,
    shown: &Shown,
) -> QuestionView {
    QuestionView {
        key: q.key.clone(),
        label: l(&q.label, lang),
        kind: kind_label(q.kind, lang),
        required: q.required,
        hint: (!q.hint.is_empty()).then(|| l(&q.hint, lang)),
        options: q
            .options
            .iter()
            .map(|o| format!("{}({})", l(&o.label, lang), o.value))
            .collect(),
        condition: q.condition.as_ref().map(|c| l(&c.text, lang)),
        problems: texts(&q.problems, lang),
        error: shown.error(&format!("q-{}", q.key), lang),
        first,
        last,
        items: q
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| question_view(item, i == 0, i + 1 == q.items.len(), lang, shown))
            .collect(),
        is_group: q.kind == KindOf::Editable(QuestionKind::Repeat),
    }
}

pub(super) fn step_view(
    s: &StepOutline,
    index: usize,
    outline: &StructureOutline,
    lang: Lang,
    shown: &Shown,
) -> StepView {
    let total: usize = outline.steps.iter().map(|s| s.questions.len()).sum();
    let before: usize = outline.steps[..index]
        .iter()
        .map(|s| s.questions.len())
        .sum();
    let value = |name: &str, current: &str| shown.value("rename_step", &s.id, name, current);
    let mut rename = vec![
        Input::text(
            format!("st-{}-step_title_ja", s.id),
            "step_title_ja",
            msg::web_authoring_step_title_japanese::text(lang),
            value("step_title_ja", &s.title.ja),
        ),
        Input::text(
            format!("st-{}-step_title_en", s.id),
            "step_title_en",
            msg::web_authoring_step_title_english::text(lang),
            value("step_title_en", &s.title.en),
        ),
    ];
    for input in &mut rename {
        input.error = shown.error(&input.id, lang);
    }
    StepView {
        id: s.id.clone(),
        title: l(&s.title, lang),
        number: index + 1,
        first: index == 0,
        last: index + 1 == outline.steps.len(),
        has_condition: s.has_condition,
        questions: s
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| question_view(q, before + i == 0, before + i + 1 == total, lang, shown))
            .collect(),
        problems: texts(&s.problems, lang),
        error: shown.error(&format!("step-{}", s.id), lang),
        rename,
        rename_open: shown.failed("rename_step", &s.id),
    }
}

pub(super) fn edit_view(q: &QuestionOutline, lang: Lang, shown: &Shown) -> EditView {
    let value = |name: &str, current: &str| shown.value("edit_question", &q.key, name, current);
    let required = if shown.failed("edit_question", &q.key) {
        shown.value("edit_question", &q.key, "required", "") == "yes"
    } else {
        q.required
    };
    let when = (!q.condition_choices.is_empty()).then(|| {
        let current = q
            .condition
            .as_ref()
            .and_then(|c| c.code.clone())
            .unwrap_or_default();
        let mut options = vec![(
            String::new(),
            msg::web_common_select::text(lang).to_string(),
        )];
        options.extend(
            q.condition_choices
                .iter()
                .map(|c| (c.code.clone(), l(&c.text, lang))),
        );
        let mut input = Input::text(
            "c-when".into(),
            "when",
            msg::web_authoring_show_this_question_only_when::text(lang),
            shown.value("condition", &q.key, "when", &current),
        )
        .hint(msg::web_authoring_pick_an_answer_to_an_earlier::text(lang))
        .select(options);
        input.error = shown.error("c-when", lang);
        input
    });
    EditView {
        key: q.key.clone(),
        label: l(&q.label, lang),
        inputs: question_inputs(lang, "eq", &value, Some(q), shown),
        required,
        condition: q.condition.as_ref().map(|c| l(&c.text, lang)),
        condition_in_json: q.condition.as_ref().is_some_and(|c| c.code.is_none()),
        when,
        in_item: q.key.contains('.'),
    }
}

/// Lint messages in the page's language.
pub(super) fn texts(messages: &[Localized], lang: Lang) -> Vec<String> {
    messages.iter().map(|m| m.get(lang).to_string()).collect()
}
