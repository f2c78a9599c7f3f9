//! A definition read, linted and compiled into a `Form`.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::definition::FormDefinition;
use crate::model::{self, Field, FieldKind};
use crate::rules::from_date;
use crate::strict_json::{self, StrictJsonError};
use crate::validate;

use super::*;

impl Form {
    /// Parses and lints one definition document. `file` only labels problems.
    pub fn from_json(file: &Path, text: &str) -> Result<Form, Vec<Problem>> {
        Self::from_value(file, read_definition(file, text)?)
    }

    pub fn from_value(file: &Path, value: Value) -> Result<Form, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut push = |pointer: String, message: Localized| {
            problems.push(Problem {
                file: file.to_path_buf(),
                pointer,
                message,
            })
        };
        if depth(&value) > MAX_DEPTH {
            push(
                String::new(),
                lint_text!(forms_lint_too_deep, max = MAX_DEPTH.to_string()),
            );
        }
        if let Some(schema) = value.get("schema") {
            check_schema_safety(schema, "/schema", &mut push);
            check_keywords(schema, "/schema", &mut push);
        }
        let mut definition: FormDefinition = match serde_json::from_value(value.clone()) {
            Ok(d) => d,
            Err(e) => {
                match keywords::unknown_setting(&value, &e.to_string()) {
                    Some((at, message)) => push(at, message),
                    None => push(
                        String::new(),
                        lint_text!(forms_lint_format, error = e.to_string()),
                    ),
                }
                return Err(problems);
            }
        };
        // Choices between sets of questions, as the pages render them (`choices.rs`).
        choices::unfold(&mut definition.schema, &mut definition.ui, &mut push);
        // `x-from-date`: one validator before its first day, one from each day on.
        let days = from_date::starts(&definition.schema, "/schema", &mut push);
        let mut compile_on =
            |on| match validate::compile_shared(&from_date::on_day(&definition.schema, on)) {
                Ok(v) => Some(v),
                Err(message) => {
                    push("/schema".into(), message);
                    None
                }
            };
        let validator = compile_on(None);
        // A schema the compiler refuses is told once, not once per period.
        let dated: Option<Vec<_>> = match validator {
            Some(_) => days
                .iter()
                .map(|day| Some((*day, compile_on(Some(*day))?)))
                .collect(),
            None => None,
        };
        let (steps, model_problems) =
            model::build_steps(&from_date::every_part(&definition.schema), &definition.ui);
        for p in model_problems {
            push(p.at, p.message);
        }
        // A badly written rule is already a schema problem (the keyword refuses it).
        let date_windows =
            crate::rules::DateWindows::from_schema(&definition.schema).unwrap_or_default();
        check_settings(&definition, &steps, file, &mut push);
        let external_check = external_check::read(&definition.schema, &steps, &mut push);
        lint::check_past_dates(&definition, &steps, &mut push);
        bookings::check(&steps, &mut push);
        duplicates::check(definition.procedure.duplicates.as_ref(), &steps, &mut push);
        facts::check(&definition.procedure, &mut push);
        crate::provenance::check_rules(&definition.schema, &date_windows, &mut push);
        let (Some(validator), Some(dated), true) = (validator, dated, problems.is_empty()) else {
            return Err(problems);
        };
        let canonical = canonical_json(&value);
        let version = hex(&Sha256::digest(canonical.as_bytes()));
        let mut by_pointer = HashMap::new();
        let mut order = HashMap::new();
        for step in &steps {
            for field in &step.fields {
                index(field, &mut by_pointer, &mut order);
            }
        }
        let form = Form {
            definition,
            version,
            canonical,
            steps,
            validator,
            dated,
            date_windows,
            by_pointer,
            order,
            external_check,
            open_digests: std::sync::OnceLock::new(),
        };
        let not_dates = date_window_problems(&form);
        if !not_dates.is_empty() {
            return Err(not_dates
                .into_iter()
                .map(|(pointer, message)| Problem {
                    file: file.to_path_buf(),
                    pointer,
                    message,
                })
                .collect());
        }
        Ok(form)
    }
}

/// Reads a definition's text: within the size limit, JSON, read one way only (a key twice
/// in one object is refused where it is: which of the two counts would depend on the
/// program reading it). `file` only labels problems.
pub fn read_definition(file: &Path, text: &str) -> Result<Value, Vec<Problem>> {
    let problem = |pointer: String, message: Localized| {
        vec![Problem {
            file: file.to_path_buf(),
            pointer,
            message,
        }]
    };
    if text.len() > MAX_DEFINITION_BYTES {
        return Err(problem(
            String::new(),
            lint_text!(
                forms_lint_too_large,
                bytes = text.len().to_string(),
                limit = MAX_DEFINITION_BYTES.to_string(),
            ),
        ));
    }
    strict_json::parse(text.as_bytes()).map_err(|e| match e {
        StrictJsonError::DuplicateKey { key, pointer } => {
            problem(pointer, lint_text!(forms_lint_duplicate_key, key = key))
        }
        StrictJsonError::ByteOrderMark => {
            problem(String::new(), lint_text!(forms_lint_byte_order_mark))
        }
        StrictJsonError::TrailingData => {
            problem(String::new(), lint_text!(forms_lint_trailing_data))
        }
        StrictJsonError::Malformed {
            message,
            line,
            column,
        } => problem(
            String::new(),
            lint_text!(
                forms_lint_not_json,
                error = message,
                line = line.to_string(),
                column = column.to_string(),
            ),
        ),
    })
}

/// Each `x-date-window` rule must be about a date field of the form (`*` standing for any
/// item of a repeatable group), and an end counted from another date must name one too.
fn date_window_problems(form: &Form) -> Vec<(String, Localized)> {
    let is_date = |field: &str| {
        form.field(&field.replace("/*/", "/0/")).is_some_and(|f| {
            matches!(f.kind, FieldKind::Date | FieldKind::WarekiDate) || is_month(&f)
        })
    };
    let fields = form
        .date_windows
        .fields()
        .enumerate()
        .map(|(i, field)| (format!("/schema/x-date-window/{i}/field"), field));
    let references = form
        .date_windows
        .references()
        .map(|(i, end, field)| (format!("/schema/x-date-window/{i}/{end}/field"), field));
    let mut problems: Vec<(String, Localized)> = fields
        .chain(references)
        .filter(|(_, field)| !is_date(field))
        .map(|(at, field)| (at, lint_text!(forms_lint_not_date_field, field = field)))
        .collect();
    // The answer a rule applies for or is set aside by is one the form asks, and the value
    // one it takes.
    for (i, key, unless) in form.date_windows.conditions() {
        let at = format!("/schema/x-date-window/{i}/{key}");
        let takes = |f: &Field| {
            let text = unless.is.as_str();
            match (&f.kind, text) {
                (FieldKind::YesNo | FieldKind::Consent, _) => unless.is.is_boolean(),
                (_, Some(t)) if !f.options.is_empty() => f.options.iter().any(|o| o.value == t),
                (_, text) => text.is_some(),
            }
        };
        match form.field(&unless.field) {
            None => problems.push((
                format!("{at}/field"),
                lint_text!(
                    forms_lint_unless_not_a_field,
                    key = key,
                    field = unless.field.as_str()
                ),
            )),
            Some(f) if !takes(&f) => problems.push((
                format!("{at}/is"),
                lint_text!(
                    forms_lint_unless_never,
                    key = key,
                    field = unless.field.as_str(),
                    value = unless.is.to_string()
                ),
            )),
            Some(_) => {}
        }
    }
    problems
}

/// A month field: text that only a `YYYY-MM` month matches (its `pattern` is
/// [`MONTH_PATTERN`]), which a window bounds by its first and last days.
pub(crate) fn is_month(field: &Field) -> bool {
    field.kind == FieldKind::Text && field.pattern.as_deref() == Some(MONTH_PATTERN)
}

/// The `pattern` of a month field.
pub const MONTH_PATTERN: &str = "^[0-9]{4}-(0[1-9]|1[0-2])$";

fn index(
    field: &Field,
    by_pointer: &mut HashMap<String, Field>,
    order: &mut HashMap<String, usize>,
) {
    let n = order.len();
    order.insert(field.pointer.clone(), n);
    by_pointer.insert(field.pointer.clone(), field.clone());
    for child in &field.children {
        index(child, by_pointer, order);
    }
}

fn depth(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        Value::Object(o) => 1 + o.values().map(depth).max().unwrap_or(0),
        _ => 1,
    }
}

/// JSON with object keys sorted at every level and no insignificant white space, so the
/// same definition always hashes the same, whatever its formatting. Written straight from
/// `v`, without a sorted copy of it (it is computed for every filing); the same text as
/// serde_json's compact form of the sorted value.
pub fn canonical_json(v: &Value) -> String {
    fn write(out: &mut String, v: &Value) {
        match v {
            Value::Object(map) => {
                let mut entries: Vec<(&String, &Value)> = map.iter().collect();
                entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
                out.push('{');
                for (i, (key, value)) in entries.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::to_string(key.as_str()).unwrap_or_default());
                    out.push(':');
                    write(out, value);
                }
                out.push('}');
            }
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write(out, item);
                }
                out.push(']');
            }
            other => scalar(out, other),
        }
    }
    /// A string, number, boolean or null, escaped as serde_json escapes it.
    fn scalar(out: &mut String, v: &Value) {
        out.push_str(&v.to_string());
    }
    let mut out = String::new();
    write(&mut out, v);
    out
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
