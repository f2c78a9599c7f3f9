//! Answers taken over from another procedure (`procedure.reuse`), and the lint of those maps.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use serde_json::{Map, Value};

use crate::model::FieldKind;

use super::*;

/// Problems of the `reuse` maps across forms.
pub(super) fn check_reuse(forms: &[Form], files: &BTreeMap<String, PathBuf>) -> Vec<Problem> {
    let by_id: HashMap<&str, &Form> = forms.iter().map(|f| (f.id(), f)).collect();
    let mut problems = Vec::new();
    for form in forms {
        for (source, map) in &form.settings().reuse {
            let pointer = format!("/procedure/reuse/{source}");
            let Some(other) = by_id.get(source.as_str()) else {
                problems.push(Problem {
                    file: files.get(form.id()).cloned().unwrap_or_default(),
                    pointer,
                    message: lint_text!(forms_lint_reuse_unknown, source = source),
                });
                continue;
            };
            for (to, from) in map {
                let message = match (form.field(to), other.field(from)) {
                    (_, None) => Some(lint_text!(
                        forms_lint_reuse_not_field,
                        field = from,
                        source = source,
                    )),
                    (Some(t), Some(f)) if !same_value_kind(&t.kind, &f.kind) => Some(lint_text!(
                        forms_lint_reuse_kind,
                        field = to,
                        kind = format!("{:?}", t.kind),
                        from = from,
                        from_kind = format!("{:?}", f.kind),
                        source = source,
                    )),
                    _ => None,
                };
                if let Some(message) = message {
                    problems.push(Problem {
                        file: files.get(form.id()).cloned().unwrap_or_default(),
                        pointer: pointer.clone(),
                        message,
                    });
                }
            }
        }
    }
    problems
}

/// Whether an answer of kind `b` can be taken as one of kind `a`: the same kind, or two
/// kinds of date (both hold `YYYY-MM-DD`; only the input differs).
fn same_value_kind(a: &FieldKind, b: &FieldKind) -> bool {
    let date = |k: &FieldKind| matches!(k, FieldKind::Date | FieldKind::WarekiDate);
    a == b || (date(a) && date(b))
}

/// The answers `form` takes over from `source_data` of procedure `source` (only values
/// present there), as an object to start a draft with.
pub fn reused_answers(form: &Form, source: &str, source_data: &Value) -> Map<String, Value> {
    let mut out = Map::new();
    let Some(map) = form.settings().reuse.get(source) else {
        return out;
    };
    for (to, from) in map {
        let Some(value) = source_data.pointer(from) else {
            continue;
        };
        // Top-level or one group deep, like the pointers the lint accepts.
        let parts: Vec<&str> = to.trim_start_matches('/').split('/').collect();
        match parts.as_slice() {
            [key] => {
                out.insert((*key).to_string(), value.clone());
            }
            [group, key] => {
                if let Value::Object(inner) = out
                    .entry((*group).to_string())
                    .or_insert_with(|| Value::Object(Map::new()))
                {
                    inner.insert((*key).to_string(), value.clone());
                }
            }
            _ => {}
        }
    }
    out
}
