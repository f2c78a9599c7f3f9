//! The working copy as the structured editor shows it: settings, fee, steps and their
//! questions, with each problem the lint found placed at the step or question its JSON
//! pointer is in (the rest are shown together).

use madoguchi_core::Localized;
use serde_json::Value;

use super::question::{ChoiceOption, KindOf, QuestionKind};
use super::structure::{
    condition_text, item_keys, item_kind, item_required, kind_at, label_of, question_order,
    simple_condition, step_fields,
};
use super::{LintProblem, ProcedureDraft, question};

/// The definition's structure, for the structured editor.
#[derive(Clone, Debug, Default)]
pub struct StructureOutline {
    pub title: Localized,
    pub summary: Localized,
    pub who_may_file: Localized,
    pub result_delivery: Localized,
    /// 用意するもの, one item per line in each language.
    pub what_to_prepare: Localized,
    pub identity: String,
    /// Business days, as typed (empty: not fixed).
    pub processing_days: String,
    pub legal_basis: String,
    pub fee: Option<FeeOutline>,
    pub steps: Vec<StepOutline>,
    /// Lint problems of the settings (title, summary, identity, processing time, law).
    pub settings_problems: Vec<Localized>,
    pub fee_problems: Vec<Localized>,
    /// The whole-number questions the fee can count units by: (key, label).
    pub quantity_choices: Vec<(String, Localized)>,
    /// Lint problems not at a step, a question, the settings or the fee.
    pub other_problems: Vec<LintProblem>,
}

/// The fee as the simple fee form edits it.
#[derive(Clone, Debug)]
pub struct FeeOutline {
    pub unit_yen: i64,
    pub unit: Localized,
    pub timing: String,
    /// The key of the whole-number question that counts the units (empty: one per filing).
    pub quantity: String,
    /// Parts set in JSON that the form keeps but does not show (prices by answer,
    /// quantities, exemptions…).
    pub more: bool,
}

#[derive(Clone, Debug)]
pub struct StepOutline {
    pub id: String,
    pub title: Localized,
    pub questions: Vec<QuestionOutline>,
    /// The step is asked only under a condition (set in JSON).
    pub has_condition: bool,
    pub problems: Vec<Localized>,
}

#[derive(Clone, Debug)]
pub struct QuestionOutline {
    pub key: String,
    pub kind: KindOf,
    pub label: Localized,
    /// Both empty when there is none.
    pub hint: Localized,
    pub required: bool,
    pub options: Vec<ChoiceOption>,
    pub condition: Option<ConditionOutline>,
    /// The conditions this question can be given: earlier choice questions' answers.
    pub condition_choices: Vec<ConditionChoice>,
    pub problems: Vec<Localized>,
    /// A repeatable group's questions, asked for each item (keys `<group>.<key>`).
    pub items: Vec<QuestionOutline>,
}

impl QuestionOutline {
    /// The editor's text of the choices.
    pub fn options_text(&self) -> String {
        question::options_text(&self.options)
    }
}

/// When a question is shown.
#[derive(Clone, Debug)]
pub struct ConditionOutline {
    pub text: Localized,
    /// `field=value` when it is a condition the editor writes (one answer equal to a value).
    pub code: Option<String>,
}

/// One condition a question can be given.
#[derive(Clone, Debug)]
pub struct ConditionChoice {
    /// `field=value`, as `StructureEdit::SetCondition` takes it.
    pub code: String,
    pub text: Localized,
}

fn text(v: &Value) -> Localized {
    serde_json::from_value(v.clone()).unwrap_or_default()
}

fn code_of(equals: &Value) -> String {
    match equals {
        Value::String(s) => s.clone(),
        v => v.to_string(),
    }
}

impl ProcedureDraft {
    /// The structure of the working copy; `None` when it is not JSON.
    pub fn outline(&self) -> Option<StructureOutline> {
        let def: Value = serde_json::from_str(&self.text).ok()?;
        let p = &def["procedure"];
        let mut out = StructureOutline {
            title: text(&p["title"]),
            summary: text(&p["summary"]),
            who_may_file: text(&p["who_may_file"]),
            result_delivery: text(&p["result_delivery"]),
            what_to_prepare: {
                let items: Vec<Localized> = p["what_to_prepare"]
                    .as_array()
                    .map(|a| a.iter().map(text).collect())
                    .unwrap_or_default();
                // One item to a line; an item of several lines goes on, indented.
                let join = |f: fn(&Localized) -> &str| {
                    items
                        .iter()
                        .map(|i| super::structure::item_lines(f(i)))
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                Localized::new(join(|l| &l.ja), join(|l| &l.en))
            },
            identity: p["identity"].as_str().unwrap_or_default().into(),
            processing_days: p["processing_days"]
                .as_u64()
                .map(|d| d.to_string())
                .unwrap_or_default(),
            legal_basis: p["legal_basis"].as_str().unwrap_or_default().into(),
            fee: p.get("fee").filter(|f| f.is_object()).map(|f| FeeOutline {
                unit_yen: f["unit_yen"].as_i64().unwrap_or(0),
                unit: text(&f["unit"]),
                timing: f["timing"].as_str().unwrap_or("on_submission").into(),
                quantity: f["quantity_field"]
                    .as_str()
                    .map(|p| p.trim_start_matches('/').to_string())
                    .unwrap_or_default(),
                more: f.as_object().is_some_and(|m| {
                    m.keys().any(|k| {
                        !["unit_yen", "unit", "timing", "quantity_field", "refundable"]
                            .contains(&k.as_str())
                    })
                }),
            }),
            ..Default::default()
        };
        out.quantity_choices = question_order(&def)
            .into_iter()
            .filter(|key| kind_at(&def, key) == Some(KindOf::Editable(QuestionKind::Integer)))
            .map(|key| {
                let label = label_of(&def, &key);
                (key, label)
            })
            .collect();
        let order = question_order(&def);
        let steps = def["ui"]["steps"].as_array().cloned().unwrap_or_default();
        for (si, step) in steps.iter().enumerate() {
            let questions = step_fields(&def, si)
                .into_iter()
                .map(|key| question_outline(&def, &order, key))
                .collect();
            out.steps.push(StepOutline {
                id: step["id"].as_str().unwrap_or_default().into(),
                title: text(&step["title"]),
                questions,
                has_condition: step.get("show_if").is_some(),
                problems: Vec::new(),
            });
        }
        for problem in &self.problems {
            out.place(problem);
        }
        Some(out)
    }
}

fn question_outline(def: &Value, order: &[String], key: String) -> QuestionOutline {
    let ui = &def["ui"]["fields"][&key];
    let prop = &def["schema"]["properties"][&key];
    // A question of the root's choices (`oneOf`): shown with the answer that asks it.
    if kind_at(def, &key).is_none()
        && let Some(c) = super::choice_outline::in_choice(def, &key)
    {
        return QuestionOutline {
            label: label_of(def, &key),
            hint: text(&ui["hint"]),
            required: c.required,
            options: c.options,
            condition: c
                .asked_when
                .map(|text| ConditionOutline { text, code: None }),
            condition_choices: Vec::new(),
            problems: Vec::new(),
            items: Vec::new(),
            kind: c.kind,
            key,
        };
    }
    let kind = kind_at(def, &key).unwrap_or(KindOf::Other("unknown"));
    let required = [&def["schema"]["required"]]
        .into_iter()
        .chain(
            def["schema"]["allOf"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|e| &e["then"]["required"]),
        )
        .any(|r| {
            r.as_array()
                .is_some_and(|r| r.iter().any(|k| k.as_str() == Some(key.as_str())))
        });
    let condition = ui
        .get("show_if")
        .map(|_| match simple_condition(def, &key) {
            Some((other, equals)) => ConditionOutline {
                text: condition_text(def, &other, &equals),
                code: Some(format!("{other}={}", code_of(&equals))),
            },
            None => ConditionOutline {
                text: crate::kernel::words::localized(
                    madoguchi_i18n::msg::authoring_condition_json::text,
                ),
                code: None,
            },
        });
    let position = order.iter().position(|k| *k == key).unwrap_or(order.len());
    let condition_choices = order[..position]
        .iter()
        .flat_map(|other| answers(def, other).into_iter().map(move |v| (other, v)))
        .map(|(other, v)| ConditionChoice {
            code: format!("{other}={}", code_of(&v)),
            text: condition_text(def, other, &v),
        })
        .collect();
    QuestionOutline {
        label: label_of(def, &key),
        hint: text(&ui["hint"]),
        required,
        options: question::options_of(&def["schema"], prop, ui, kind),
        condition,
        condition_choices,
        problems: Vec::new(),
        items: match kind {
            KindOf::Editable(QuestionKind::Repeat) => item_keys(def, &key)
                .into_iter()
                .map(|k| item_outline(def, &key, &k))
                .collect(),
            _ => Vec::new(),
        },
        kind,
        key,
    }
}

/// A question of the repeatable group `group`'s items.
fn item_outline(def: &Value, group: &str, key: &str) -> QuestionOutline {
    let ui = &def["ui"]["fields"][group]["fields"][key];
    let kind = item_kind(def, group, key).unwrap_or(KindOf::Other("unknown"));
    let label: Localized = serde_json::from_value(ui["label"].clone())
        .ok()
        .filter(|l: &Localized| !l.ja.is_empty() || !l.en.is_empty())
        .unwrap_or_else(|| Localized::new(key, key));
    QuestionOutline {
        key: format!("{group}.{key}"),
        kind,
        label,
        hint: text(&ui["hint"]),
        required: item_required(def, group, key),
        options: super::structure::item_options(def, group, key, kind),
        condition: None,
        condition_choices: Vec::new(),
        problems: Vec::new(),
        items: Vec::new(),
    }
}

/// The answers of a question other questions can depend on.
fn answers(def: &Value, key: &str) -> Vec<Value> {
    match kind_at(def, key).and_then(KindOf::editable) {
        Some(QuestionKind::YesNo) => vec![Value::Bool(true), Value::Bool(false)],
        Some(k) if k.has_options() => super::structure::choice_values(def, key)
            .into_iter()
            .map(Value::from)
            .collect(),
        _ => Vec::new(),
    }
}

impl StructureOutline {
    /// Puts a lint problem where its pointer is.
    fn place(&mut self, problem: &LintProblem) {
        let segments: Vec<String> = problem
            .pointer
            .split('/')
            .skip(1)
            .map(|s| s.replace("~1", "/").replace("~0", "~"))
            .collect();
        let s: Vec<&str> = segments.iter().map(String::as_str).collect();
        let message = problem.message.clone();
        let question = match s.as_slice() {
            ["ui", "fields", key, ..] | ["schema", "properties", key, ..] => Some(key.to_string()),
            ["ui", "steps", si, "fields", fi, ..] => si
                .parse::<usize>()
                .ok()
                .zip(fi.parse::<usize>().ok())
                .and_then(|(si, fi)| self.steps.get(si)?.questions.get(fi))
                .map(|q| q.key.clone()),
            _ => None,
        };
        if let Some(key) = question
            && let Some(q) = self
                .steps
                .iter_mut()
                .flat_map(|st| st.questions.iter_mut())
                .find(|q| q.key == key)
        {
            q.problems.push(message);
            return;
        }
        match s.as_slice() {
            ["ui", "steps", si, ..] if si.parse::<usize>().is_ok_and(|i| i < self.steps.len()) => {
                if let Some(step) = si.parse::<usize>().ok().and_then(|i| self.steps.get_mut(i)) {
                    step.problems.push(message);
                }
            }
            ["procedure", "fee", ..] => self.fee_problems.push(message),
            [
                "procedure",
                "title" | "summary" | "who_may_file" | "result_delivery" | "what_to_prepare"
                | "identity" | "processing_days" | "legal_basis",
                ..,
            ] => self.settings_problems.push(message),
            _ => self.other_problems.push(problem.clone()),
        }
    }
}
