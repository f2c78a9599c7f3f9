//! File questions are answered by the files attached to them: the pages never post an
//! answer to one and JSON cannot carry a file (it names files uploaded first, by id), so
//! the answer is set here from the files (their names), and a question with no file has
//! none. A file question can then be
//! `required` like any other — always, or in an `if`/`then` (a letter of proxy when an
//! agent files) — and its message asks for the file.

use serde_json::{Map, Value};

use super::Form;
use crate::model::{Field, FieldKind};

/// The longest answer a file question is given: its file names, cut here.
const MAX_ANSWER_CHARS: usize = 200;

impl Form {
    /// The file questions, in page order.
    pub fn file_questions(&self) -> impl Iterator<Item = &Field> {
        self.steps()
            .iter()
            .flat_map(|s| s.fields.iter())
            .filter(|f| f.kind == FieldKind::File)
    }

    /// Sets each file question's answer from `attached` (a question's pointer and one file
    /// name, per file): the names, 「、」-joined, at most 200 characters; a question with no
    /// file attached has no answer, whatever `data` said.
    pub fn answer_files<'a>(
        &self,
        data: &mut Map<String, Value>,
        attached: impl IntoIterator<Item = (&'a str, &'a str)> + Clone,
    ) {
        for question in self.file_questions() {
            let names: Vec<&str> = attached
                .clone()
                .into_iter()
                .filter(|(pointer, _)| *pointer == question.pointer)
                .map(|(_, name)| name)
                .collect();
            data.remove(&question.name);
            if !names.is_empty() {
                let answer: String = names.join("、").chars().take(MAX_ANSWER_CHARS).collect();
                data.insert(question.name.clone(), Value::String(answer));
            }
        }
    }

    /// File questions answered in JSON with anything but the ids of uploaded files (one
    /// text, or a non-empty list of texts): a number, `true`, an object, `null`, an empty
    /// list or a list holding anything but text is refused on the question, as the wrong
    /// type of answer.
    pub fn file_answer_type_errors(&self, data: &Value) -> Vec<crate::errors::FieldError> {
        self.file_questions()
            .filter(|q| {
                data.get(&q.name)
                    .is_some_and(|v| references_in(v).is_none())
            })
            .map(|q| {
                crate::errors::FieldError::new(
                    q.pointer.clone(),
                    crate::errors::FormErrorCode::WrongType,
                )
            })
            .collect()
    }

    /// What each answered file question names in JSON: the ids of the files a department's
    /// system uploaded first, with the question, in page order. A question answered with
    /// the wrong type of answer (see [`Form::file_answer_type_errors`]) names none.
    pub fn file_references<'a>(&'a self, data: &'a Value) -> Vec<(&'a Field, Vec<&'a str>)> {
        self.file_questions()
            .filter_map(|q| Some((q, references_in(data.get(&q.name)?)?)))
            .collect()
    }

    /// Drops the answers to file questions (JSON attaches no file itself: an answer names
    /// uploaded files, which [`Form::answer_files`] turns into the answer).
    pub fn drop_file_answers(&self, data: &mut Value) {
        if let Value::Object(map) = data {
            self.answer_files(map, std::iter::empty::<(&str, &str)>());
        }
    }
}

/// The ids a file question's JSON answer names: one text, or a non-empty list of texts.
fn references_in(answer: &Value) -> Option<Vec<&str>> {
    match answer {
        Value::String(id) => Some(vec![id.as_str()]),
        Value::Array(items) if !items.is_empty() => items.iter().map(Value::as_str).collect(),
        _ => None,
    }
}
