//! The question edits of the structured editor: add, change, move and remove a question,
//! and the checks of what an author typed for one.

use super::conditions::{is_required, set_required, unrequire};
use super::definition::{array_mut, fields_mut, find_question, key_taken, object_mut, step_index};
use super::*;
use crate::authoring::question;
use crate::authoring::question::{
    ChoiceOption, KindOf, OptionsMistake, QuestionKind, escape, parse_options,
};
use crate::authoring::structure::text::HINT;
use crate::authoring::structure::text::LABEL;
use crate::authoring::structure::text::both_or_none;
use crate::authoring::structure::text::valid_key;
use serde_json::{Map, Value};

/// The kind and choices a question will have after `q` is applied (`current`: its kind
/// now, when editing), or the problems with what was typed.
pub(super) fn check_question(
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

pub(super) fn options_problem(mistake: OptionsMistake) -> InputProblem {
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

pub(super) fn add_question(
    def: &mut Value,
    step: &str,
    key: &str,
    q: &QuestionInput,
) -> Result<(), Problems> {
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

pub(super) fn edit_question(def: &mut Value, key: &str, q: &QuestionInput) -> Result<(), Problems> {
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
pub(super) fn with_choices(
    def: &Value,
    key: &str,
    kind: QuestionKind,
    options: &[ChoiceOption],
) -> Value {
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

pub(super) fn move_question(
    def: &mut Value,
    key: &str,
    direction: Direction,
) -> Result<(), Problems> {
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

pub(super) fn remove_question(def: &mut Value, key: &str) -> Result<(), Problems> {
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
pub(super) fn mentions(v: &Value, pointer: &str) -> bool {
    let is = |s: &str| s == pointer || s.starts_with(&format!("{pointer}/"));
    match v {
        Value::String(s) => is(s),
        Value::Array(items) => items.iter().any(|i| mentions(i, pointer)),
        Value::Object(map) => map.iter().any(|(k, v)| is(k) || mentions(v, pointer)),
        _ => false,
    }
}
