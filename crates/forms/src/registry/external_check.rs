//! Answers another system checks (`"x-external-check"` on the root schema), and the secret
//! answers (`"x-secret": true`) only that system may see.
//!
//! A library card is the library's: only its system knows the card's password. The form
//! names the system, the answers sent to it (the card number and the password, on one
//! step) and the question a refusal is shown on; the app sends them when that step is
//! saved (and when the API files), and keeps a mark that the check passed, never the
//! secret. A secret that no check sends would only be a password collected for nothing,
//! so the lint refuses it.

use madoguchi_core::Localized;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::{EXTERNAL_CHECK, Form};
use crate::model::{Field, FieldKind, Step};

/// The check a form declares.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalCheck {
    /// The system the city's operator configures (`library`): kebab-case.
    pub system: String,
    /// What the resident calls it, in messages (「図書館」 / "the library").
    pub name: Localized,
    /// The answers sent, as top-level JSON pointers (`/library_card_number`); at least one
    /// is a secret question.
    pub sends: Vec<String>,
    /// The question a refusal is shown on (one of `sends`).
    pub error_field: String,
    #[serde(rename = "$comment", default)]
    pub comment: Option<String>,
}

impl ExternalCheck {
    /// The system's name for a [`crate::FieldError`]'s `related`: `"<ja>|<en>"`.
    pub fn related(&self) -> String {
        format!("{}|{}", self.name.ja, self.name.en)
    }

    /// The answers to send, by top-level name, from `data` (those answered).
    pub fn payload(&self, data: &Value) -> Map<String, Value> {
        self.sends
            .iter()
            .filter_map(|p| {
                Some((
                    p.trim_start_matches('/').to_string(),
                    data.pointer(p)?.clone(),
                ))
            })
            .collect()
    }
}

/// Reads and lints the root schema's `x-external-check`: a known shape, questions that
/// exist on one step, a secret among them; and every secret question sent by it.
pub(super) fn read(
    schema: &Value,
    steps: &[Step],
    push: &mut impl FnMut(String, Localized),
) -> Option<ExternalCheck> {
    let at = format!("/schema/{EXTERNAL_CHECK}");
    let top = |pointer: &str| -> Option<&Field> {
        steps
            .iter()
            .flat_map(|s| s.fields.iter())
            .find(|f| f.pointer == pointer)
    };
    let secrets: Vec<&Field> = steps
        .iter()
        .flat_map(|s| s.fields.iter())
        .flat_map(all_fields)
        .filter(|f| f.kind == FieldKind::Secret)
        .collect();
    for secret in &secrets {
        if secret.name.contains('.') {
            push(
                secret.pointer.clone(),
                lint_text!(forms_lint_secret_nested, field = secret.name.as_str()),
            );
        }
    }
    let check = match schema.get(EXTERNAL_CHECK) {
        None => None,
        Some(value) => match serde_json::from_value::<ExternalCheck>(value.clone()) {
            Ok(check) => Some(check),
            Err(e) => {
                push(
                    at.clone(),
                    lint_text!(forms_lint_external_check_format, error = e.to_string()),
                );
                return None;
            }
        },
    };
    let sent = |f: &Field| check.as_ref().is_some_and(|c| c.sends.contains(&f.pointer));
    for secret in secrets.iter().filter(|f| !sent(f)) {
        push(
            secret.pointer.clone(),
            lint_text!(forms_lint_secret_unchecked, field = secret.name.as_str()),
        );
    }
    let check = check?;
    let mut fine = true;
    let mut refuse = |at: String, message: Localized| {
        fine = false;
        push(at, message);
    };
    if check.system.is_empty()
        || !check
            .system
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        refuse(
            format!("{at}/system"),
            lint_text!(forms_lint_external_check_system),
        );
    }
    let step_of = |pointer: &str| steps.iter().position(|s| s.owns_pointer(pointer));
    let first_step = check.sends.first().and_then(|p| step_of(p));
    for (i, pointer) in check.sends.iter().enumerate() {
        if top(pointer).is_none() {
            refuse(
                format!("{at}/sends/{i}"),
                lint_text!(forms_lint_external_check_field, field = pointer.as_str()),
            );
        } else if step_of(pointer) != first_step {
            refuse(
                format!("{at}/sends/{i}"),
                lint_text!(forms_lint_external_check_steps, field = pointer.as_str()),
            );
        }
    }
    if !check
        .sends
        .iter()
        .any(|p| top(p).is_some_and(|f| f.kind == FieldKind::Secret))
    {
        refuse(
            format!("{at}/sends"),
            lint_text!(forms_lint_external_check_no_secret),
        );
    }
    if !check.sends.contains(&check.error_field) {
        refuse(
            format!("{at}/error_field"),
            lint_text!(
                forms_lint_external_check_error_field,
                field = check.error_field.as_str()
            ),
        );
    }
    fine.then_some(check)
}

fn all_fields(field: &Field) -> Vec<&Field> {
    let mut out = vec![field];
    for child in &field.children {
        out.extend(all_fields(child));
    }
    out
}

impl Form {
    /// The check another system makes of some answers, when the form declares one.
    pub fn external_check(&self) -> Option<&ExternalCheck> {
        self.external_check.as_ref()
    }

    /// The secret questions (top level, the lint sees to it), in page order.
    pub fn secret_questions(&self) -> impl Iterator<Item = &Field> {
        self.steps()
            .iter()
            .flat_map(|s| s.fields.iter())
            .filter(|f| f.kind == FieldKind::Secret)
    }

    /// Whether `pointer` is a secret question's.
    pub fn is_secret(&self, pointer: &str) -> bool {
        self.secret_questions().any(|f| f.pointer == pointer)
    }

    /// [`Form::validate`] of answers as they are kept: a secret question is never
    /// answered there (its check's mark stands for it, which the app holds a filing to), so
    /// its `required` is not an error.
    pub fn validate_kept(
        &self,
        data: &Value,
        filed_on: impl Into<crate::FilingDay>,
    ) -> Vec<crate::FieldError> {
        let mut errors = self.validate(data, filed_on);
        errors
            .retain(|e| !(e.code == crate::FormErrorCode::Required && self.is_secret(&e.pointer)));
        errors
    }

    /// The questions a clerk may ask to correct: all asked but those an external check
    /// sends. A correction page cannot ask the secret again and have it checked, so a card
    /// number changed there would stand unchecked (and a secret asked there would be kept);
    /// the clerk asks for a new filing instead.
    pub fn correctable_questions<'a>(
        &'a self,
        data: &'a Value,
    ) -> impl Iterator<Item = &'a Field> + 'a {
        self.questions(data).filter(|f| {
            f.kind != FieldKind::Secret
                && self
                    .external_check()
                    .is_none_or(|c| !c.sends.contains(&f.pointer))
        })
    }

    /// Drops the answers to secret questions: what is stored, hashed, shown or sent on
    /// never holds one (the external check has read them before).
    pub fn drop_secret_answers(&self, data: &mut Value) {
        if let Value::Object(map) = data {
            for question in self.secret_questions() {
                map.remove(&question.name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::json;

    use super::*;

    fn form(check: Option<Value>, secret_on_second_step: bool) -> Result<Form, Vec<String>> {
        let mut schema = json!({
            "type": "object", "additionalProperties": false,
            "properties": {
                "card": {"type": "string", "pattern": "^[0-9]{6,16}$"},
                "password": {"type": "string", "x-secret": true, "maxLength": 64},
                "title": {"type": "string", "maxLength": 100}
            },
            "required": ["card", "password", "title"]
        });
        if let Some(check) = check {
            schema["x-external-check"] = check;
        }
        let fields = if secret_on_second_step {
            (json!(["card"]), json!(["password", "title"]))
        } else {
            (json!(["card", "password"]), json!(["title"]))
        };
        let definition = json!({
            "procedure": {
                "id": "card-check", "title": {"ja": "t", "en": "t"}, "summary": {"ja": "s", "en": "s"},
                "category": "education", "department": "toshokan", "identity": "none",
                "processing_days": null, "legal_basis": "x",
                "facts": {"legal_basis": {"to_confirm": "which article"}},
                "retention": "1y", "who_may_file": {"ja": "w", "en": "w"}, "what_to_prepare": [],
                "result_delivery": {"ja": "r", "en": "r"}
            },
            "schema": schema,
            "ui": {
                "steps": [
                    {"id": "card", "title": {"ja": "a", "en": "a"}, "fields": fields.0},
                    {"id": "items", "title": {"ja": "b", "en": "b"}, "fields": fields.1}
                ],
                "fields": {
                    "card": {"label": {"ja": "カード番号", "en": "Card number"},
                             "hint": {"ja": "数字", "en": "digits"}},
                    "password": {"label": {"ja": "パスワード", "en": "Password"}},
                    "title": {"label": {"ja": "書名", "en": "Title"}}
                }
            }
        });
        Form::from_value(Path::new("card-check/form.json"), definition)
            .map_err(|ps| ps.into_iter().map(|p| p.pointer).collect())
    }

    fn check() -> Value {
        json!({"system": "library", "name": {"ja": "図書館", "en": "the library"},
               "sends": ["/card", "/password"], "error_field": "/password"})
    }

    #[test]
    fn a_checked_secret_is_read_and_its_answer_dropped() {
        let form = form(Some(check()), false).expect("the form passes the lint");
        let found = form.external_check().expect("the check is read");
        assert_eq!(found.system, "library");
        assert!(form.is_secret("/password"));
        assert!(!form.is_secret("/card"));
        let data = json!({"card": "2100012345", "password": "hunter2", "title": "x"});
        assert_eq!(
            found.payload(&data),
            json!({"card": "2100012345", "password": "hunter2"})
                .as_object()
                .cloned()
                .unwrap_or_default()
        );
        let mut stored = data.clone();
        form.drop_secret_answers(&mut stored);
        assert_eq!(stored, json!({"card": "2100012345", "title": "x"}));
        let kind = form.field("/password").map(|f| f.kind.clone());
        assert_eq!(kind, Some(FieldKind::Secret));
    }

    #[test]
    fn a_secret_no_check_sends_is_refused() {
        let problems = form(None, false).err().unwrap_or_default();
        assert_eq!(problems, vec!["/password".to_string()]);
    }

    #[test]
    fn a_check_across_steps_or_without_a_secret_is_refused() {
        let problems = form(Some(check()), true).err().unwrap_or_default();
        assert_eq!(
            problems,
            vec!["/schema/x-external-check/sends/1".to_string()]
        );
        let mut no_secret = check();
        no_secret["sends"] = json!(["/card"]);
        no_secret["error_field"] = json!("/card");
        let problems = form(Some(no_secret), false).err().unwrap_or_default();
        assert!(problems.contains(&"/password".to_string()), "{problems:?}");
        assert!(
            problems.contains(&"/schema/x-external-check/sends".to_string()),
            "{problems:?}"
        );
        let mut unknown = check();
        unknown["timeout"] = json!(3);
        let problems = form(Some(unknown), false).err().unwrap_or_default();
        assert!(
            problems.contains(&"/schema/x-external-check".to_string()),
            "{problems:?}"
        );
    }
}
