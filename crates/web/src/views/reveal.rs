//! Questions that apply only after an answer on the same step: each is drawn right under
//! its controlling question with a sentence saying when to answer it (the page works
//! without JavaScript), and `reveal.js` shows it only when the controlling choice picks it
//! (GOV.UK "conditional reveal": `aria-controls` on the choices, the block hidden
//! otherwise, its inputs disabled so a hidden answer is not sent).

use madoguchi_core::Lang;
use madoguchi_forms::definition::Condition;
use madoguchi_forms::{Field, FieldKind, Step};
use serde_json::Value;

use super::FieldView;
use crate::msg;

/// What the script needs to show a dependent question: the controlling input's name and
/// the values (as posted) that pick it, as a JSON array.
#[derive(Clone, Debug)]
pub struct Reveal {
    pub controller: String,
    pub values: String,
}

/// Puts each dependent question of `step` under the question it depends on: `views` are
/// the step's fields in order (one view per field), the result the top-level views, each
/// with its dependents (and theirs) in page order.
pub fn nest(step: &Step, views: Vec<FieldView>, lang: Lang) -> Vec<FieldView> {
    let position = |f: &Field| step.fields.iter().position(|g| g.name == f.name);
    // The controller a field is shown under: on this step, and asked before it.
    let controller = |f: &Field| {
        step.controller_of(f)
            .filter(|c| position(c) < position(f))
            .and_then(position)
    };
    let root = |mut i: usize| {
        while let Some(c) = controller(&step.fields[i]) {
            i = c;
        }
        i
    };
    let mut views: Vec<Option<FieldView>> = views.into_iter().map(Some).collect();
    for (i, field) in step.fields.iter().enumerate() {
        let Some(c) = controller(field) else {
            continue;
        };
        let controlling = &step.fields[c];
        let Some(condition) = field.show_if.as_ref() else {
            continue;
        };
        let picks = picking_values(controlling, condition);
        if let Some(view) = views[i].as_mut() {
            view.condition = Some(sentence(controlling, condition, lang));
            view.required = field.required || field.required_when.is_some();
            view.reveal = revealable(controlling).then(|| Reveal {
                controller: controlling.name.clone(),
                values: serde_json::to_string(&picks).unwrap_or_default(),
            });
        }
        let block = format!("{}-when", field.html_id());
        if let Some(cv) = views[c].as_mut().filter(|_| revealable(controlling)) {
            for option in cv.options.iter_mut().filter(|o| picks.contains(&o.value)) {
                if !option.controls.is_empty() {
                    option.controls.push(' ');
                }
                option.controls.push_str(&block);
            }
        }
    }
    let mut top = Vec::new();
    let mut placed = vec![usize::MAX; step.fields.len()];
    for i in 0..step.fields.len() {
        let Some(view) = views[i].take() else {
            continue;
        };
        let r = root(i);
        if r == i {
            placed[i] = top.len();
            top.push(view);
        } else if let Some(parent) = top.get_mut(placed[r]) {
            parent.dependents.push(view);
        }
    }
    top
}

/// Choices the script can watch: radios, checkboxes, a select, a yes/no or a consent box.
fn revealable(field: &Field) -> bool {
    matches!(
        field.kind,
        FieldKind::Choice { .. } | FieldKind::MultiChoice | FieldKind::YesNo | FieldKind::Consent
    )
}

/// The values of `field` as posted ("true", an option's value) that make `condition` hold.
fn picking_values(field: &Field, condition: &Condition) -> Vec<String> {
    let posted: Vec<String> = match field.kind {
        FieldKind::YesNo => vec!["true".into(), "false".into()],
        FieldKind::Consent => vec!["true".into()],
        _ => field.options.iter().map(|o| o.value.clone()).collect(),
    };
    let strings = condition
        .equals
        .iter()
        .chain(&condition.one_of)
        .chain(&condition.not_in)
        .all(Value::is_string);
    posted
        .into_iter()
        .filter(|v| {
            let typed = if strings {
                Value::String(v.clone())
            } else {
                serde_json::from_str(v).unwrap_or_else(|_| Value::String(v.clone()))
            };
            let answer = if field.kind == FieldKind::MultiChoice {
                Value::Array(vec![typed])
            } else {
                typed
            };
            let key = field.key().to_string();
            condition.holds(&Value::Object([(key, answer)].into_iter().collect()))
        })
        .collect()
}

/// "Only answer this if you chose … for …", in the reader's language.
fn sentence(controller: &Field, condition: &Condition, lang: Lang) -> String {
    let question = controller.label.get(lang);
    let label = |v: &Value| -> String {
        let text = match v {
            Value::Bool(true) => msg::forms_yes::text(lang).to_string(),
            Value::Bool(false) => msg::forms_no::text(lang).to_string(),
            Value::String(s) => controller
                .option_label(s)
                .map(|l| l.get(lang).to_string())
                .unwrap_or_else(|| s.clone()),
            other => controller
                .option_label(&other.to_string())
                .map(|l| l.get(lang).to_string())
                .unwrap_or_else(|| other.to_string()),
        };
        match lang {
            Lang::Ja => format!("『{text}』"),
            _ => format!("“{text}”"),
        }
    };
    let joined = |values: Vec<&Value>| {
        let mut labels = values.into_iter().map(label);
        let first = labels.next().unwrap_or_default();
        labels.fold(first, |acc, next| {
            madoguchi_i18n::t!(lang, web_fields_choice_or, first = acc, second = next)
        })
    };
    if !condition.not_in.is_empty() {
        let choices = joined(condition.not_in.iter().collect());
        return madoguchi_i18n::t!(
            lang,
            web_fields_only_if_chose_other_than,
            question = question,
            choices = choices
        );
    }
    let chosen: Vec<&Value> = condition.equals.iter().chain(&condition.one_of).collect();
    if chosen.is_empty() {
        return madoguchi_i18n::t!(lang, web_fields_only_if_answered, question = question);
    }
    let choices = joined(chosen);
    madoguchi_i18n::t!(
        lang,
        web_fields_only_if_chose,
        question = question,
        choices = choices
    )
}
