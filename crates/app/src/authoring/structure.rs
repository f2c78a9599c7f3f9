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

use conditions::{condition_problems, is_required, set_condition, set_required, unrequire};
use definition::{
    array_mut, fields_mut, find_question, find_step, key_taken, object_mut, step_index,
};
use madoguchi_core::{ErrorCode, Localized};
use madoguchi_forms::registry::RESERVED_STEP_IDS;
use serde_json::{Map, Value, json};

use super::question::{ChoiceOption, KindOf, OptionsMistake, QuestionKind, escape, parse_options};
use super::{ProcedureDraft, question};
use crate::kernel::{App, AppError, Clerk};

mod conditions;
mod definition;

pub(super) use conditions::{condition_text, simple_condition};
pub(super) use definition::{choice_values, kind_at, label_of, question_order, step_fields};

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
    AddQuestion {
        step: String,
        key: String,
        question: QuestionInput,
    },
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
    fn new(input: &'static str, ja: impl Into<String>, en: impl Into<String>) -> Self {
        InputProblem {
            input,
            message: Localized::new(ja, en),
        }
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
pub fn fee_timings() -> [(&'static str, Localized); 3] {
    [
        (
            "on_submission",
            Localized::new(
                "申請のときにオンラインで支払う",
                "Paid online when the application is sent",
            ),
        ),
        (
            "after_approval",
            Localized::new(
                "承認されたあとにオンラインで支払う",
                "Paid online once the application is approved",
            ),
        ),
        (
            "at_counter",
            Localized::new("窓口で支払う", "Paid at the counter"),
        ),
    ]
}

impl App {
    /// Applies one structured edit to the working copy of `id` and saves it (checked by the
    /// lint, audited); refused without saving when the input has mistakes or the working
    /// copy is not JSON.
    pub fn apply_procedure_structure(
        &self,
        clerk: &Clerk,
        id: &str,
        edit: &StructureEdit,
    ) -> Result<StructureOutcome, AppError> {
        let draft = self.procedure_draft(clerk, id)?;
        let Ok(mut definition) = serde_json::from_str::<Value>(&draft.text) else {
            let problems = vec![InputProblem::new(
                "",
                "作業中の定義が JSON として読めないため、ここでは編集できません。「JSON で編集」で直してください。",
                "The working copy is not valid JSON, so it cannot be edited here. Fix it with “Edit as JSON”.",
            )];
            return Ok(StructureOutcome::Refused { draft, problems });
        };
        if let Err(problems) = edit.apply(&mut definition) {
            return Ok(StructureOutcome::Refused { draft, problems });
        }
        let text = serde_json::to_string_pretty(&definition)
            .map_err(|e| AppError::Internal(format!("definition: {e}")))?;
        Ok(StructureOutcome::Saved(
            self.save_procedure_draft(clerk, id, &text)?,
        ))
    }

    /// As `apply_procedure_structure`; mistakes in the input are `ValidationFailed`.
    pub fn edit_procedure_structure(
        &self,
        clerk: &Clerk,
        id: &str,
        edit: &StructureEdit,
    ) -> Result<ProcedureDraft, AppError> {
        match self.apply_procedure_structure(clerk, id, edit)? {
            StructureOutcome::Saved(draft) => Ok(draft),
            StructureOutcome::Refused { .. } => {
                Err(AppError::ReviewInput(ErrorCode::ValidationFailed))
            }
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
                    problems.push(InputProblem::new(
                        "step_id",
                        "手順のIDは、半角の英小文字・数字とハイフン(-)で40文字以内にしてください(check と submit は使えません)。例: dog-details",
                        "Step id: use up to 40 lower-case letters, digits and hyphens (-), like dog-details (check and submit cannot be used).",
                    ));
                } else if step_index(def, id).is_some() {
                    problems.push(InputProblem::new(
                        "step_id",
                        format!("手順のID「{id}」はすでに使われています。別のIDにしてください。"),
                        format!(
                            "Step id: “{id}” is already used in this procedure. Choose another id."
                        ),
                    ));
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
                    return Err(vec![InputProblem::new(
                        "",
                        "この手順にはまだ質問があります。質問をほかの手順へ移すか削除してから、手順を削除してください。",
                        "This step still has questions. Move them to another step or remove them, then remove the step.",
                    )]);
                }
                array_mut(def, &["ui", "steps"])?.remove(i);
                Ok(())
            }
            StructureEdit::AddQuestion {
                step,
                key,
                question,
            } => add_question(def, step, key.trim(), question),
            StructureEdit::EditQuestion { key, question } => edit_question(def, key, question),
            StructureEdit::MoveQuestion { key, direction } => move_question(def, key, *direction),
            StructureEdit::RemoveQuestion { key } => remove_question(def, key),
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

/// Names of texts typed in pairs: (input of the Japanese, of the English, name in
/// Japanese, name in English).
type Pair = (&'static str, &'static str, &'static str, &'static str);
const TITLE: Pair = ("title_ja", "title_en", "手続の名前", "procedure name");
const SUMMARY: Pair = ("summary_ja", "summary_en", "手続の説明", "summary");
const STEP_TITLE: Pair = ("step_title_ja", "step_title_en", "手順の名前", "step title");
const LABEL: Pair = ("label_ja", "label_en", "質問の文", "question text");
const HINT: Pair = ("hint_ja", "hint_en", "ヒント", "hint");
const UNIT: Pair = ("unit_ja", "unit_en", "手数料の単位", "fee unit");

/// Both languages are required.
fn both(problems: &mut Problems, text: &Localized, (ja_in, en_in, ja_name, en_name): Pair) {
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
fn both_or_none(problems: &mut Problems, text: &Localized, (ja_in, en_in, ja_name, en_name): Pair) {
    let (ja, en) = (text.ja.trim().is_empty(), text.en.trim().is_empty());
    if ja != en {
        problems.push(InputProblem::new(
            if ja { ja_in } else { en_in },
            format!("{ja_name}は日本語と英語の両方を書くか、両方とも空にしてください。"),
            format!("Write the {en_name} in both Japanese and English, or leave both empty."),
        ));
    }
}

fn done(problems: Problems) -> Result<(), Problems> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn localized(text: &Localized) -> Value {
    json!({ "ja": text.ja.trim(), "en": text.en.trim() })
}

fn valid_step_id(id: &str) -> bool {
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

fn set_settings(def: &mut Value, s: &SettingsInput) -> Result<(), Problems> {
    let mut problems = Vec::new();
    both(&mut problems, &s.title, TITLE);
    both(&mut problems, &s.summary, SUMMARY);
    if !identity_levels()
        .iter()
        .any(|(code, _)| *code == s.identity)
    {
        problems.push(InputProblem::new(
            "identity",
            "本人確認の方法を一覧から選んでください。",
            "Choose how the applicant's identity is checked from the list.",
        ));
    }
    let days = s.processing_days.trim();
    let days = if days.is_empty() {
        Value::Null
    } else {
        match days.parse::<u32>() {
            Ok(n) if n <= 365 => Value::from(n),
            _ => {
                problems.push(InputProblem::new(
                    "processing_days",
                    "標準処理期間は、0から365までの半角数字(開庁日の日数)で入力してください。決まっていないときは空にしてください。",
                    "Processing time: enter a number of business days from 0 to 365 in digits, or leave it empty when it is not fixed.",
                ));
                Value::Null
            }
        }
    };
    if s.legal_basis.trim().is_empty() {
        problems.push(InputProblem::new(
            "legal_basis",
            "根拠となる法令や条例を入力してください。例: 狂犬病予防法 第4条",
            "Enter the law or ordinance the procedure is based on, like “Rabies Prevention Act, Article 4”.",
        ));
    }
    done(problems)?;
    let p = object_mut(def, &["procedure"])?;
    p.insert("title".into(), localized(&s.title));
    p.insert("summary".into(), localized(&s.summary));
    p.insert("identity".into(), s.identity.as_str().into());
    p.insert("processing_days".into(), days);
    p.insert("legal_basis".into(), s.legal_basis.trim().into());
    Ok(())
}

fn set_fee(def: &mut Value, fee: Option<&FeeInput>) -> Result<(), Problems> {
    let Some(fee) = fee else {
        object_mut(def, &["procedure"])?.remove("fee");
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
            problems.push(InputProblem::new(
                "unit_yen",
                "手数料の額は、0以上の半角数字(円)で入力してください。例: 300",
                "Fee: enter the amount in yen as a whole number of 0 or more, like 300.",
            ));
            0
        }
    };
    both(&mut problems, &fee.unit, UNIT);
    if !fee_timings().iter().any(|(code, _)| *code == fee.timing) {
        problems.push(InputProblem::new(
            "timing",
            "支払いの時期を一覧から選んでください。",
            "Choose when the fee is paid from the list.",
        ));
    }
    done(problems)?;
    // Only the simple part is edited here; prices by answer, exemptions… are kept.
    let f = object_mut(def, &["procedure", "fee"])?;
    f.insert("unit_yen".into(), amount.into());
    f.insert("unit".into(), localized(&fee.unit));
    if fee.timing == "on_submission" {
        f.remove("timing");
    } else {
        f.insert("timing".into(), fee.timing.as_str().into());
    }
    Ok(())
}

/// The kind and choices a question will have after `q` is applied (`current`: its kind
/// now, when editing), or the problems with what was typed.
fn check_question(
    q: &QuestionInput,
    current: Option<KindOf>,
    problems: &mut Problems,
) -> (Option<QuestionKind>, Vec<ChoiceOption>) {
    let kind = match (QuestionKind::from_code(&q.kind), current) {
        (Some(k), _) => Some(KindOf::Editable(k)),
        (None, Some(cur)) if cur.code() == q.kind => Some(cur),
        _ => {
            problems.push(InputProblem::new(
                "kind",
                "質問の種類を一覧から選んでください。",
                "Choose the kind of question from the list.",
            ));
            None
        }
    };
    both(problems, &q.label, LABEL);
    both_or_none(problems, &q.hint, HINT);
    let mut options = Vec::new();
    if let Some(KindOf::Editable(k)) = kind
        && k.has_options()
    {
        match parse_options(&q.options) {
            Ok(o) => options = o,
            Err(mistake) => problems.push(options_problem(mistake)),
        }
    }
    (kind.and_then(KindOf::editable), options)
}

fn options_problem(mistake: OptionsMistake) -> InputProblem {
    let (ja, en) = match mistake {
        OptionsMistake::None => (
            "選択肢を1行に1つ書いてください。".to_string(),
            "Write the choices, one a line.".to_string(),
        ),
        OptionsMistake::Line(n) => (
            format!("{n}行目を直してください。"),
            format!("Fix line {n}."),
        ),
        OptionsMistake::Twice(v) => (
            format!("値「{v}」が2回あります。値は選択肢ごとに変えてください。"),
            format!("The value “{v}” is used twice: give each choice its own value."),
        ),
    };
    InputProblem::new(
        "options",
        format!(
            "選択肢: {ja} 書き方は「値 | 日本語 | English」で、値は半角の英小文字・数字・_・- です。"
        ),
        format!(
            "Choices: {en} Write each as “value | 日本語 | English”; the value uses lower-case letters, digits, _ and -."
        ),
    )
}

fn add_question(def: &mut Value, step: &str, key: &str, q: &QuestionInput) -> Result<(), Problems> {
    let mut problems = Vec::new();
    let si = step_index(def, step);
    if si.is_none() {
        problems.push(InputProblem::new(
            "step",
            "質問を置く手順を一覧から選んでください。",
            "Choose the step the question goes on from the list.",
        ));
    }
    if !valid_key(key) {
        problems.push(InputProblem::new(
            "key",
            "質問のキーは、半角の英小文字で始め、英小文字・数字・アンダースコア(_)だけで40文字以内にしてください。例: dog_name",
            "Question key: start with a lower-case letter and use only lower-case letters, digits and underscores (_), up to 40 characters, like dog_name.",
        ));
    } else if key_taken(def, key) {
        problems.push(InputProblem::new(
            "key",
            format!(
                "質問のキー「{key}」はこの手続ですでに使われています。別のキーにしてください。"
            ),
            format!("Question key: “{key}” is already used in this procedure. Choose another key."),
        ));
    }
    let (kind, options) = check_question(q, None, &mut problems);
    let (Some(si), Some(kind)) = (si, kind) else {
        return Err(problems);
    };
    done(problems)?;
    object_mut(def, &["schema", "properties"])?.insert(key.into(), kind.schema(&options));
    let mut ui = Map::new();
    ui.insert("label".into(), localized(&q.label));
    if !q.hint.ja.trim().is_empty() {
        ui.insert("hint".into(), localized(&q.hint));
    }
    question::write_kind_hints(&mut ui, kind, &options);
    object_mut(def, &["ui", "fields"])?.insert(key.into(), Value::Object(ui));
    fields_mut(def, si)?.push(key.into());
    if q.required {
        array_mut(def, &["schema", "required"])?.push(key.into());
    }
    Ok(())
}

fn edit_question(def: &mut Value, key: &str, q: &QuestionInput) -> Result<(), Problems> {
    find_question(def, key)?;
    let current = kind_at(def, key);
    let mut problems = Vec::new();
    let (kind, options) = check_question(q, current, &mut problems);
    done(problems)?;
    let ui = object_mut(def, &["ui", "fields", key])?;
    ui.insert("label".into(), localized(&q.label));
    if q.hint.ja.trim().is_empty() {
        ui.remove("hint");
    } else {
        ui.insert("hint".into(), localized(&q.hint));
    }
    if let Some(kind) = kind {
        if current == Some(KindOf::Editable(kind)) {
            if kind.has_options() {
                question::write_options(ui, &options);
                let prop = with_choices(def, key, kind, &options);
                object_mut(def, &["schema", "properties"])?.insert(key.into(), prop);
            }
        } else {
            // Another kind: a new schema (its old limits do not apply to the new kind).
            question::write_kind_hints(ui, kind, &options);
            object_mut(def, &["schema", "properties"])?.insert(key.into(), kind.schema(&options));
        }
    }
    if q.required != is_required(def, key) {
        set_required(def, key, q.required)?;
    }
    Ok(())
}

/// The question's schema property with new choices (a shared `$ref` is copied, not
/// changed for every question using it).
fn with_choices(def: &Value, key: &str, kind: QuestionKind, options: &[ChoiceOption]) -> Value {
    let root = &def["schema"];
    let mut prop = question::resolve(root, &root["properties"][key]).clone();
    let values: Vec<Value> = options
        .iter()
        .map(|o| Value::from(o.value.as_str()))
        .collect();
    if kind == QuestionKind::Checkboxes {
        let mut items = question::resolve(root, &prop["items"]).clone();
        items["enum"] = Value::Array(values);
        prop["items"] = items;
    } else {
        prop["enum"] = Value::Array(values);
    }
    prop
}

fn move_question(def: &mut Value, key: &str, direction: Direction) -> Result<(), Problems> {
    let (si, fi) = find_question(def, key)?;
    let count = array_mut(def, &["ui", "steps"])?.len();
    let len = fields_mut(def, si)?.len();
    match direction {
        Direction::Up if fi > 0 => fields_mut(def, si)?.swap(fi, fi - 1),
        Direction::Up if si > 0 => {
            let k = fields_mut(def, si)?.remove(fi);
            fields_mut(def, si - 1)?.push(k);
        }
        Direction::Down if fi + 1 < len => fields_mut(def, si)?.swap(fi, fi + 1),
        Direction::Down if si + 1 < count => {
            let k = fields_mut(def, si)?.remove(fi);
            fields_mut(def, si + 1)?.insert(0, k);
        }
        _ => {}
    }
    Ok(())
}

fn remove_question(def: &mut Value, key: &str) -> Result<(), Problems> {
    find_question(def, key)?;
    let pointer = format!("/{}", escape(key));
    if def.get("procedure").is_some_and(|p| mentions(p, &pointer)) {
        return Err(vec![InputProblem::new(
            "",
            "この質問は手続の設定(お知らせを送るメールアドレス、申請者の氏名、手数料の数量など)で使われているため、削除できません。「JSON で編集」で設定を変えてから削除してください。",
            "This question is used by the procedure's settings (the email for notices, the applicant's name, the fee's quantity…), so it cannot be removed. Change those with “Edit as JSON” first.",
        )]);
    }
    for i in 0..array_mut(def, &["ui", "steps"])?.len() {
        fields_mut(def, i)?.retain(|k| k != key);
    }
    object_mut(def, &["schema", "properties"])?.remove(key);
    object_mut(def, &["ui", "fields"])?.remove(key);
    unrequire(def, key)
}

/// Whether a string in `v` is `pointer` or points inside it.
fn mentions(v: &Value, pointer: &str) -> bool {
    let is = |s: &str| s == pointer || s.starts_with(&format!("{pointer}/"));
    match v {
        Value::String(s) => is(s),
        Value::Array(items) => items.iter().any(|i| mentions(i, pointer)),
        Value::Object(map) => map.iter().any(|(k, v)| is(k) || mentions(v, pointer)),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
