//! The structured editor: changes to a working copy made through plain forms — the
//! settings, the steps, the questions, when a question is shown, the fee — for authors who
//! do not write JSON. Each change is applied to the definition as JSON and saved like a
//! save from the JSON editor (so the lint runs and the save is audited); both editors edit
//! the same working copy. What the author typed is checked first, and refused with a
//! message naming the input and saying how to fix it.
//!
//! A required question shown only under a condition cannot be in the schema's `required`
//! (a resident who never sees it could not answer it): it is required through
//! `allOf: [{ if: <the condition>, then: { required: [key] } }]` instead, with a
//! `required_when` text, as the hand-written forms do.

use conditions::{condition_problems, is_required, set_condition, set_required};
use definition::{array_mut, find_question, find_step, object_mut, step_index};
use madoguchi_core::ProcedureId;
use madoguchi_core::{ErrorCode, FeeTiming, Lang, Localized};
use madoguchi_i18n::{Phrase, msg, t};
use serde_json::{Value, json};

use super::Authoring;
use super::ProcedureDraft;
use super::question::{KindOf, QuestionKind, escape};
use crate::kernel::staff::require_city;
use crate::kernel::words::localized as words;
use crate::kernel::{AppError, Clerk};

mod conditions;
mod definition;
mod items;
mod past_dates;
mod questions;
mod text;

use questions::{add_question, edit_question, move_question, remove_question};
use text::{
    RESULT_DELIVERY, STEP_TITLE, SUMMARY, TITLE, UNIT, WHAT_TO_PREPARE, WHO_MAY_FILE, both, done,
    line_pairs, localized, valid_step_id,
};

pub(super) use conditions::{condition_text, simple_condition};
pub(super) use definition::{choice_values, kind_at, label_of, question_order, step_fields};
pub(super) use items::{in_item, item_keys, item_kind, item_options, item_required};
pub(crate) use text::item_lines;

/// Which way a step or a question moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// The procedure's settings as typed.
#[derive(Clone, Debug, Default)]
pub struct SettingsInput {
    pub title: Localized,
    pub summary: Localized,
    /// The procedure page's 申請できる方 and 結果の受け取り方.
    pub who_may_file: Localized,
    pub result_delivery: Localized,
    /// The procedure page's 用意するもの: one item per line, in each language.
    pub what_to_prepare: Localized,
    /// `none`, `account` or `my-number-card`.
    pub identity: String,
    /// Business days; empty when the procedure is decided in rounds.
    pub processing_days: String,
    pub legal_basis: String,
}

/// A fixed fee as typed: yen for each filing (or unit), and when it is paid.
#[derive(Clone, Debug, Default)]
pub struct FeeInput {
    pub unit_yen: String,
    /// What one unit is (通, 件).
    pub unit: Localized,
    /// `on_submission`, `after_approval` or `at_counter`.
    pub timing: String,
    /// The key of the whole-number question whose answer is the number of units (copies);
    /// empty: one unit per filing.
    pub quantity: String,
}

/// A question as typed.
#[derive(Clone, Debug, Default)]
pub struct QuestionInput {
    /// A `QuestionKind` code; when editing, the current kind's name keeps it as it is.
    pub kind: String,
    pub label: Localized,
    /// Both empty: no hint.
    pub hint: Localized,
    pub required: bool,
    /// For choice questions: one a line, `value | 日本語 | English`.
    pub options: String,
}

/// `AddQuestion`'s `step` for a question of a repeatable group's items: `item:<group key>`.
pub const ITEM_OF: &str = "item:";

/// One change made in the structured editor.
#[derive(Clone, Debug)]
pub enum StructureEdit {
    Settings(SettingsInput),
    /// `None`: no fee.
    Fee(Option<FeeInput>),
    AddStep {
        id: String,
        title: Localized,
    },
    RenameStep {
        step: String,
        title: Localized,
    },
    MoveStep {
        step: String,
        direction: Direction,
    },
    /// Only a step without questions.
    RemoveStep {
        step: String,
    },
    /// To a step, or (`step: "item:<key>"`, [`ITEM_OF`]) to each item of a repeatable group.
    AddQuestion {
        step: String,
        key: String,
        question: QuestionInput,
    },
    /// `key` of a question of a repeatable group's items: `<group>.<key>`.
    EditQuestion {
        key: String,
        question: QuestionInput,
    },
    /// Past the first or last question of a step, to the neighbouring step.
    MoveQuestion {
        key: String,
        direction: Direction,
    },
    RemoveQuestion {
        key: String,
    },
    /// Show `key` only when the earlier choice question `field` is answered `equals`
    /// (`true`/`false` for a yes/no question).
    SetCondition {
        key: String,
        field: String,
        equals: String,
    },
    ClearCondition {
        key: String,
    },
}

/// A mistake in what was typed: the input it is about (empty: the step or question acted
/// on) and what to do, in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputProblem {
    pub input: &'static str,
    pub message: Localized,
}

impl InputProblem {
    /// The message at `input`, in every language (`|lang| t!(lang, authoring_…)`).
    fn new(input: &'static str, text: impl FnMut(Lang) -> String) -> Self {
        InputProblem {
            input,
            message: Localized::from_fn(text),
        }
    }

    /// The message at `input`: a catalogue message without arguments.
    fn phrase(input: &'static str, phrase: Phrase) -> Self {
        InputProblem::new(input, |lang| phrase(lang).to_string())
    }
}

/// What a structured edit came to.
#[derive(Clone, Debug)]
pub enum StructureOutcome {
    Saved(ProcedureDraft),
    /// Nothing was saved: the working copy as it is, and what to fix.
    Refused {
        draft: ProcedureDraft,
        problems: Vec<InputProblem>,
    },
}

/// The identity levels a procedure can ask for, as the settings form offers them.
pub fn identity_levels() -> [(&'static str, Localized); 3] {
    use madoguchi_forms::IdentityLevel;
    [
        ("none", IdentityLevel::None.label()),
        ("account", IdentityLevel::Account.label()),
        ("my-number-card", IdentityLevel::MyNumberCard.label()),
    ]
}

/// When a fee is paid, as the fee form offers it.
pub fn fee_timings() -> Vec<(&'static str, Localized)> {
    FeeTiming::ALL
        .iter()
        .map(|t| {
            let text = match t {
                FeeTiming::OnSubmission => msg::authoring_fee_on_submission::text,
                FeeTiming::AfterApproval => msg::authoring_fee_after_approval::text,
                FeeTiming::AtCounter => msg::authoring_fee_at_counter::text,
                FeeTiming::BoughtElsewhere => msg::authoring_fee_bought_elsewhere::text,
                FeeTiming::InformationOnly => msg::authoring_fee_information_only::text,
            };
            (t.code(), words(text))
        })
        .collect()
}

impl Authoring<'_> {
    /// Applies one structured edit to the working copy of `id` and saves it (checked by the
    /// lint, audited); refused without saving when the input has mistakes or the working
    /// copy is not JSON.
    pub fn apply_procedure_structure(
        &self,
        clerk: &Clerk,
        id: &ProcedureId,
        edit: &StructureEdit,
    ) -> Result<StructureOutcome, AppError> {
        require_city(clerk, self.city)?;
        let draft = self.procedure_draft(clerk, id)?;
        let Ok(mut definition) = serde_json::from_str::<Value>(&draft.text) else {
            let problems = vec![InputProblem::phrase("", msg::authoring_not_json::text)];
            return Ok(StructureOutcome::Refused { draft, problems });
        };
        if let Err(problems) = edit.apply(&mut definition) {
            return Ok(StructureOutcome::Refused { draft, problems });
        }
        let text = serde_json::to_string_pretty(&definition)
            .map_err(|e| AppError::internal("definition", e))?;
        Ok(StructureOutcome::Saved(
            self.save_procedure_draft(clerk, id, &text)?,
        ))
    }

    /// As `apply_procedure_structure`; mistakes in the input are `ValidationFailed`.
    pub fn edit_procedure_structure(
        &self,
        clerk: &Clerk,
        id: &ProcedureId,
        edit: &StructureEdit,
    ) -> Result<ProcedureDraft, AppError> {
        require_city(clerk, self.city)?;
        match self.apply_procedure_structure(clerk, id, edit)? {
            StructureOutcome::Saved(draft) => Ok(draft),
            StructureOutcome::Refused { .. } => Err(AppError::Refused(ErrorCode::ValidationFailed)),
        }
    }
}

pub(in crate::authoring) type Problems = Vec<InputProblem>;

impl StructureEdit {
    /// Applies the edit to a definition; on a mistake the definition is left unchanged.
    pub fn apply(&self, definition: &mut Value) -> Result<(), Problems> {
        let before = condition_problems(definition);
        let mut next = definition.clone();
        self.apply_to(&mut next)?;
        let new: Problems = condition_problems(&next)
            .into_iter()
            .filter(|p| !before.contains(p))
            // Worded from the definition as it was: what is going away still has a label.
            .map(|p| InputProblem {
                input: "",
                message: p.message(definition),
            })
            .collect();
        if !new.is_empty() {
            return Err(new);
        }
        *definition = next;
        Ok(())
    }

    fn apply_to(&self, def: &mut Value) -> Result<(), Problems> {
        match self {
            StructureEdit::Settings(s) => set_settings(def, s),
            StructureEdit::Fee(fee) => set_fee(def, fee.as_ref()),
            StructureEdit::AddStep { id, title } => {
                let id = id.trim();
                let mut problems = Vec::new();
                if !valid_step_id(id) {
                    problems.push(InputProblem::phrase(
                        "step_id",
                        msg::authoring_step_id_invalid::text,
                    ));
                } else if step_index(def, id).is_some() {
                    problems.push(InputProblem::new("step_id", |lang| {
                        t!(lang, authoring_step_id_taken, id = id)
                    }));
                }
                both(&mut problems, title, STEP_TITLE);
                done(problems)?;
                array_mut(def, &["ui", "steps"])?.push(json!({
                    "id": id, "title": localized(title), "fields": []
                }));
                Ok(())
            }
            StructureEdit::RenameStep { step, title } => {
                let i = find_step(def, step)?;
                let mut problems = Vec::new();
                both(&mut problems, title, STEP_TITLE);
                done(problems)?;
                array_mut(def, &["ui", "steps"])?[i]["title"] = localized(title);
                Ok(())
            }
            StructureEdit::MoveStep { step, direction } => {
                let i = find_step(def, step)?;
                let steps = array_mut(def, &["ui", "steps"])?;
                match direction {
                    Direction::Up if i > 0 => steps.swap(i, i - 1),
                    Direction::Down if i + 1 < steps.len() => steps.swap(i, i + 1),
                    _ => {}
                }
                Ok(())
            }
            StructureEdit::RemoveStep { step } => {
                let i = find_step(def, step)?;
                if !step_fields(def, i).is_empty() {
                    return Err(vec![InputProblem::phrase(
                        "",
                        msg::authoring_step_not_empty::text,
                    )]);
                }
                array_mut(def, &["ui", "steps"])?.remove(i);
                Ok(())
            }
            StructureEdit::AddQuestion {
                step,
                key,
                question,
            } => match step.strip_prefix(ITEM_OF) {
                Some(group) => items::add_item_question(def, group, key.trim(), question),
                None => add_question(def, step, key.trim(), question),
            },
            StructureEdit::EditQuestion { key, question } => match in_item(key) {
                Some((group, key)) => items::edit_item_question(def, group, key, question),
                None => edit_question(def, key, question),
            },
            StructureEdit::MoveQuestion { key, direction } => match in_item(key) {
                Some((group, key)) => items::move_item_question(def, group, key, *direction),
                None => move_question(def, key, *direction),
            },
            StructureEdit::RemoveQuestion { key } => match in_item(key) {
                Some((group, key)) => items::remove_item_question(def, group, key),
                None => remove_question(def, key),
            },
            StructureEdit::SetCondition { key, .. } | StructureEdit::ClearCondition { key }
                if in_item(key).is_some() =>
            {
                Err(vec![InputProblem::phrase(
                    "when",
                    msg::authoring_condition_wrong::text,
                )])
            }
            StructureEdit::SetCondition { key, field, equals } => {
                set_condition(def, key, field, equals)
            }
            StructureEdit::ClearCondition { key } => {
                find_question(def, key)?;
                object_mut(def, &["ui", "fields", key])?.remove("show_if");
                if is_required(def, key) {
                    set_required(def, key, true)?;
                }
                Ok(())
            }
        }
    }
}

fn set_settings(def: &mut Value, s: &SettingsInput) -> Result<(), Problems> {
    let mut problems = Vec::new();
    both(&mut problems, &s.title, TITLE);
    both(&mut problems, &s.summary, SUMMARY);
    both(&mut problems, &s.who_may_file, WHO_MAY_FILE);
    both(&mut problems, &s.result_delivery, RESULT_DELIVERY);
    let prepare = line_pairs(&mut problems, &s.what_to_prepare, WHAT_TO_PREPARE);
    if !identity_levels()
        .iter()
        .any(|(code, _)| *code == s.identity)
    {
        problems.push(InputProblem::phrase(
            "identity",
            msg::authoring_identity_choose::text,
        ));
    }
    let days = s.processing_days.trim();
    let days = if days.is_empty() {
        Value::Null
    } else {
        match days.parse::<u32>() {
            Ok(n) if n <= 365 => Value::from(n),
            _ => {
                problems.push(InputProblem::phrase(
                    "processing_days",
                    msg::authoring_processing_days_invalid::text,
                ));
                Value::Null
            }
        }
    };
    if s.legal_basis.trim().is_empty() {
        problems.push(InputProblem::phrase(
            "legal_basis",
            msg::authoring_legal_basis_missing::text,
        ));
    }
    done(problems)?;
    let p = object_mut(def, &["procedure"])?;
    p.insert("title".into(), localized(&s.title));
    p.insert("summary".into(), localized(&s.summary));
    p.insert("who_may_file".into(), localized(&s.who_may_file));
    p.insert("result_delivery".into(), localized(&s.result_delivery));
    p.insert("what_to_prepare".into(), Value::Array(prepare));
    p.insert("identity".into(), s.identity.as_str().into());
    let days_changed = p.insert("processing_days".into(), days.clone()) != Some(days.clone());
    let basis: Value = s.legal_basis.trim().into();
    let basis_changed = p.insert("legal_basis".into(), basis.clone()) != Some(basis);
    mark_to_confirm(
        def,
        "legal_basis",
        basis_changed,
        msg::authoring_legal_basis_to_confirm::text,
    )?;
    if days.is_null() {
        object_mut(def, &["procedure", "facts"])?.remove("processing_days");
    } else {
        mark_to_confirm(
            def,
            "processing_days",
            days_changed,
            msg::authoring_processing_days_to_confirm::text,
        )?;
    }
    Ok(())
}

/// A fact set in the editor: marked for the city to confirm when it has no provenance yet,
/// or when its value changed (its sources may no longer say it; they are kept for the
/// author to check).
fn mark_to_confirm(
    def: &mut Value,
    fact: &str,
    changed: bool,
    note: Phrase,
) -> Result<(), Problems> {
    let facts = object_mut(def, &["procedure", "facts"])?;
    let entry = facts.entry(fact).or_insert_with(|| json!({}));
    if let Value::Object(p) = entry
        && (changed || p.is_empty())
    {
        p.insert("to_confirm".into(), note(Lang::Ja).into());
    }
    Ok(())
}

fn set_fee(def: &mut Value, fee: Option<&FeeInput>) -> Result<(), Problems> {
    let Some(fee) = fee else {
        object_mut(def, &["procedure"])?.remove("fee");
        if let Some(Value::Object(facts)) = def.pointer_mut("/procedure/facts") {
            facts.remove("fee");
            facts.remove("refund");
        }
        return Ok(());
    };
    let mut problems = Vec::new();
    let amount: String = fee
        .unit_yen
        .trim()
        .trim_end_matches('円')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    let amount = match amount.parse::<i64>() {
        Ok(n) if (0..=10_000_000).contains(&n) => n,
        _ => {
            problems.push(InputProblem::phrase(
                "unit_yen",
                msg::authoring_fee_amount_invalid::text,
            ));
            0
        }
    };
    both(&mut problems, &fee.unit, UNIT);
    if !fee_timings().iter().any(|(code, _)| *code == fee.timing) {
        problems.push(InputProblem::phrase(
            "timing",
            msg::authoring_fee_timing_choose::text,
        ));
    }
    let quantity = fee.quantity.trim();
    if !quantity.is_empty()
        && kind_at(def, quantity) != Some(KindOf::Editable(QuestionKind::Integer))
    {
        problems.push(InputProblem::phrase(
            "quantity",
            msg::authoring_fee_quantity_choose::text,
        ));
    }
    done(problems)?;
    // Only the simple part is edited here; prices by answer, exemptions… are kept.
    let f = object_mut(def, &["procedure", "fee"])?;
    let timing: Value = fee.timing.as_str().into();
    let quantity: Option<Value> = (!quantity.is_empty()).then(|| format!("/{quantity}").into());
    let quantity_before = match &quantity {
        Some(q) => f.insert("quantity_field".into(), q.clone()),
        None => f.remove("quantity_field"),
    };
    let changed = [
        f.insert("unit_yen".into(), amount.into()),
        f.insert("unit".into(), localized(&fee.unit)),
        f.insert("timing".into(), timing.clone()),
        quantity_before,
    ] != [
        Some(amount.into()),
        Some(localized(&fee.unit)),
        Some(timing),
        quantity,
    ];
    // Whether a paid fee is given back is a fact of the ordinance: kept when the author
    // stated it, otherwise "kept" (the 手数料条例 default) and marked for the city to
    // confirm, as the amount is until a source is written in.
    let refund_stated = f.contains_key("refundable");
    f.entry("refundable").or_insert(false.into());
    mark_to_confirm(def, "fee", changed, msg::authoring_fee_to_confirm::text)?;
    mark_to_confirm(
        def,
        "refund",
        !refund_stated,
        msg::authoring_refund_to_confirm::text,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests;
