//! What the structure page's forms send, read into the change they ask for.

use madoguchi_app::{
    authoring::Direction, authoring::FeeInput, authoring::QuestionInput, authoring::SettingsInput,
    authoring::StructureEdit,
};
use madoguchi_core::Localized;

/// What a form sent: which form, what it acted on, and the change.
pub(super) struct Sent {
    pub(super) form: &'static str,
    pub(super) target: String,
    pub(super) edit: StructureEdit,
}

impl Sent {
    /// The HTML id of an input of this form (or, for the form as a whole, of the item).
    pub(super) fn id_of(&self, input: &str) -> String {
        let t = &self.target;
        match (self.form, input) {
            ("settings", "") => "settings".into(),
            ("settings", i) => format!("s-{i}"),
            ("fee", "") => "fee".into(),
            ("fee", i) => format!("fee-{i}"),
            ("add_step", "") => "add-step".into(),
            ("add_step", i) => format!("ns-{i}"),
            ("rename_step", "") | ("step", _) => format!("step-{t}"),
            ("rename_step", i) => format!("st-{t}-{i}"),
            ("add_question", "") => "add-question".into(),
            ("add_question", i) => format!("nq-{i}"),
            ("edit_question", i) if !i.is_empty() => format!("eq-{i}"),
            ("condition", i) if !i.is_empty() => format!("c-{i}"),
            _ => format!("q-{t}"),
        }
    }

    /// Where the page goes back to once saved.
    pub(super) fn anchor(&self) -> String {
        let t = &self.target;
        match &self.edit {
            StructureEdit::Settings(_) => "settings".into(),
            StructureEdit::Fee(_) => "fee".into(),
            StructureEdit::RemoveStep { .. } | StructureEdit::RemoveQuestion { .. } => {
                "steps".into()
            }
            StructureEdit::AddStep { id, .. } => format!("step-{}", id.trim()),
            StructureEdit::AddQuestion { key, .. } => format!("q-{}", key.trim()),
            StructureEdit::RenameStep { .. } | StructureEdit::MoveStep { .. } => {
                format!("step-{t}")
            }
            _ => format!("q-{t}"),
        }
    }
}

/// Every input the structure page's forms have; each form sends the ones it shows, and
/// its button says which form it is (`action`).
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct StructureInput {
    action: Option<Action>,
    step: String,
    key: String,
    // The procedure's settings.
    title_ja: String,
    title_en: String,
    summary_ja: String,
    summary_en: String,
    who_may_file_ja: String,
    who_may_file_en: String,
    result_delivery_ja: String,
    result_delivery_en: String,
    what_to_prepare_ja: String,
    what_to_prepare_en: String,
    identity: String,
    processing_days: String,
    legal_basis: String,
    // The fee: `none`, or a unit price.
    fee: String,
    unit_yen: String,
    unit_ja: String,
    unit_en: String,
    timing: String,
    quantity: String,
    // A step.
    step_id: String,
    step_title_ja: String,
    step_title_en: String,
    // A question.
    kind: String,
    label_ja: String,
    label_en: String,
    hint_ja: String,
    hint_en: String,
    /// `yes` when an answer is required.
    required: String,
    options: String,
    /// A condition: `field=value`.
    when: String,
}

/// Which form was sent.
#[derive(serde::Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Action {
    Settings,
    Fee,
    AddStep,
    RenameStep,
    StepUp,
    StepDown,
    RemoveStep,
    AddQuestion,
    EditQuestion,
    QuestionUp,
    QuestionDown,
    RemoveQuestion,
    SetCondition,
    ClearCondition,
    #[serde(other)]
    Unknown,
}

/// The change a form asks for; `None` when no form the page has was sent.
pub(super) fn parse(input: StructureInput) -> Option<Sent> {
    let StructureInput {
        action,
        step,
        key,
        title_ja,
        title_en,
        summary_ja,
        summary_en,
        who_may_file_ja,
        who_may_file_en,
        result_delivery_ja,
        result_delivery_en,
        what_to_prepare_ja,
        what_to_prepare_en,
        identity,
        processing_days,
        legal_basis,
        fee,
        unit_yen,
        unit_ja,
        unit_en,
        timing,
        quantity,
        step_id,
        step_title_ja,
        step_title_en,
        kind,
        label_ja,
        label_en,
        hint_ja,
        hint_en,
        required,
        options,
        when,
    } = input;
    let question = || QuestionInput {
        kind: kind.clone(),
        label: Localized::new(label_ja.clone(), label_en.clone()),
        hint: Localized::new(hint_ja.clone(), hint_en.clone()),
        required: required == "yes",
        options: options.clone(),
    };
    let action = action?;
    let direction = if matches!(action, Action::StepUp | Action::QuestionUp) {
        Direction::Up
    } else {
        Direction::Down
    };
    let step_title = Localized::new(step_title_ja, step_title_en);
    let (form, target, edit) = match action {
        Action::Settings => (
            "settings",
            String::new(),
            StructureEdit::Settings(SettingsInput {
                title: Localized::new(title_ja, title_en),
                summary: Localized::new(summary_ja, summary_en),
                who_may_file: Localized::new(who_may_file_ja, who_may_file_en),
                result_delivery: Localized::new(result_delivery_ja, result_delivery_en),
                what_to_prepare: Localized::new(what_to_prepare_ja, what_to_prepare_en),
                identity,
                processing_days,
                legal_basis,
            }),
        ),
        Action::Fee => (
            "fee",
            String::new(),
            StructureEdit::Fee((fee != "none").then(|| FeeInput {
                unit_yen,
                unit: Localized::new(unit_ja, unit_en),
                timing,
                quantity,
            })),
        ),
        Action::AddStep => (
            "add_step",
            String::new(),
            StructureEdit::AddStep {
                id: step_id,
                title: step_title,
            },
        ),
        Action::RenameStep => (
            "rename_step",
            step.clone(),
            StructureEdit::RenameStep {
                step,
                title: step_title,
            },
        ),
        Action::StepUp | Action::StepDown => (
            "step",
            step.clone(),
            StructureEdit::MoveStep { step, direction },
        ),
        Action::RemoveStep => ("step", step.clone(), StructureEdit::RemoveStep { step }),
        Action::AddQuestion => (
            "add_question",
            String::new(),
            StructureEdit::AddQuestion {
                step,
                key,
                question: question(),
            },
        ),
        Action::EditQuestion => (
            "edit_question",
            key.clone(),
            StructureEdit::EditQuestion {
                key,
                question: question(),
            },
        ),
        Action::QuestionUp | Action::QuestionDown => (
            "question",
            key.clone(),
            StructureEdit::MoveQuestion { key, direction },
        ),
        Action::RemoveQuestion => (
            "question",
            key.clone(),
            StructureEdit::RemoveQuestion { key },
        ),
        Action::SetCondition => {
            let (field, equals) = when.split_once('=').unwrap_or_default();
            (
                "condition",
                key.clone(),
                StructureEdit::SetCondition {
                    key,
                    field: field.into(),
                    equals: equals.into(),
                },
            )
        }
        Action::ClearCondition => (
            "condition",
            key.clone(),
            StructureEdit::ClearCondition { key },
        ),
        Action::Unknown => return None,
    };
    Some(Sent { form, target, edit })
}
