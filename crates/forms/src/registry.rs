//! Loading definitions from `forms/`, linting them, and the published `Form`.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jsonschema::Validator;
use madoguchi_core::{Lang, Localized};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::definition::FormDefinition;
use crate::display::{self, Answer};
use crate::errors::{self, FieldError, FormErrorCode};
use crate::fee::{self, FeeQuote};
use crate::formats;
use crate::guide::Guide;
use crate::input::{self, Posted};
use crate::model::{self, Field, FieldKind, Step};
use crate::rules;
use crate::validate;

/// Largest definition accepted, in bytes.
pub const MAX_DEFINITION_BYTES: usize = 512 * 1024;
/// Deepest nesting of a definition document.
pub const MAX_DEPTH: usize = 32;
/// Step ids that would collide with the pages every form has (`/p/{id}/check`, `/submit`).
pub const RESERVED_STEP_IDS: [&str; 2] = ["check", "submit"];

/// One problem found by the lint, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    /// JSON pointer inside the file (empty for the whole file).
    pub pointer: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() { "" } else { " at " };
        write!(
            f,
            "{}{at}{}: {}",
            self.file.display(),
            self.pointer,
            self.message
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FormLoadError {
    #[error("cannot read {0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("{} problem(s) in the form definitions:\n{}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Problem>),
}

/// A definition that passed the lint, ready to render and validate.
pub struct Form {
    definition: FormDefinition,
    version: String,
    canonical: String,
    steps: Vec<Step>,
    validator: Validator,
    by_pointer: HashMap<String, Field>,
    order: HashMap<String, usize>,
}

impl fmt::Debug for Form {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Form")
            .field("id", &self.id())
            .field("version", &self.version)
            .finish()
    }
}

impl Form {
    /// Parses and lints one definition document. `file` only labels problems.
    pub fn from_json(file: &Path, text: &str) -> Result<Form, Vec<Problem>> {
        let problem = |pointer: &str, message: String| Problem {
            file: file.to_path_buf(),
            pointer: pointer.to_string(),
            message,
        };
        if text.len() > MAX_DEFINITION_BYTES {
            return Err(vec![problem(
                "",
                format!(
                    "the definition is {} bytes; the limit is {MAX_DEFINITION_BYTES}. Split long option lists or texts",
                    text.len()
                ),
            )]);
        }
        let value: Value = serde_json::from_str(text)
            .map_err(|e| vec![problem("", format!("not valid JSON: {e}"))])?;
        Self::from_value(file, value)
    }

    pub fn from_value(file: &Path, value: Value) -> Result<Form, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut push = |pointer: String, message: String| {
            problems.push(Problem {
                file: file.to_path_buf(),
                pointer,
                message,
            })
        };
        if depth(&value) > MAX_DEPTH {
            push(
                String::new(),
                format!("the definition nests deeper than {MAX_DEPTH} levels"),
            );
        }
        if let Some(schema) = value.get("schema") {
            check_schema_safety(schema, "/schema", &mut push);
        }
        let definition: FormDefinition = match serde_json::from_value(value.clone()) {
            Ok(d) => d,
            Err(e) => {
                push(
                    String::new(),
                    format!("does not follow the definition format: {e}"),
                );
                return Err(problems);
            }
        };
        let validator = match validate::compile(&definition.schema) {
            Ok(v) => Some(v),
            Err(message) => {
                push("/schema".into(), message);
                None
            }
        };
        let (steps, model_problems) = model::build_steps(&definition.schema, &definition.ui);
        for p in model_problems {
            push(p.at, p.message);
        }
        check_settings(&definition, &steps, file, &mut push);
        let (Some(validator), true) = (validator, problems.is_empty()) else {
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
        Ok(Form {
            definition,
            version,
            canonical,
            steps,
            validator,
            by_pointer,
            order,
        })
    }

    pub fn id(&self) -> &str {
        &self.definition.procedure.id
    }

    pub fn definition(&self) -> &FormDefinition {
        &self.definition
    }

    pub fn settings(&self) -> &crate::ProcedureSettings {
        &self.definition.procedure
    }

    pub fn title(&self) -> &Localized {
        &self.definition.procedure.title
    }

    /// Content hash of the canonical definition: the version a submission is pinned to.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The canonical JSON the version hashes (stored with each version).
    pub fn canonical_json(&self) -> &str {
        &self.canonical
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    pub fn step(&self, id: &str) -> Option<(usize, &Step)> {
        self.steps.iter().enumerate().find(|(_, s)| s.id == id)
    }

    /// The field at a pointer, items of repeatable groups included (`/children/1/name` is
    /// the name field of the second child, labelled as such).
    pub fn field(&self, pointer: &str) -> Option<Field> {
        if let Some(f) = self.by_pointer.get(pointer) {
            return Some(f.clone());
        }
        let mut segments = pointer.split('/').skip(1);
        let first = segments.next()?;
        let mut current = self
            .steps
            .iter()
            .flat_map(|s| s.fields.iter())
            .find(|f| f.key() == first)?
            .clone();
        let mut rest: Vec<&str> = segments.collect();
        while !rest.is_empty() {
            let seg = rest.remove(0);
            current = match (&current.kind, seg.parse::<usize>()) {
                (FieldKind::Repeat, Ok(i)) => current.item(i),
                // An item of a multiple choice is still that question.
                (_, Ok(_)) => current,
                _ => current.children.iter().find(|c| c.key() == seg)?.clone(),
            };
        }
        Some(current)
    }

    /// Every error in `data`, one per field, in the order the fields are shown.
    pub fn validate(&self, data: &Value) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> = self
            .validator
            .iter_errors(data)
            .map(|e| validate::to_field_error(&e, |p| self.field(p)))
            .map(|mut e| {
                e.pointer = self.question_pointer(&e.pointer);
                e
            })
            .collect();
        for field in self.steps.iter().flat_map(|s| &s.fields) {
            eraless_dates(
                field,
                data.pointer(&field.pointer),
                &field.pointer,
                &mut errors,
            );
        }
        errors.sort_by_key(|e| self.position(&e.pointer));
        errors::dedupe(&mut errors);
        errors
    }

    /// Errors of one step only (later steps are not asked about yet).
    pub fn validate_step(&self, step: &Step, data: &Value) -> Vec<FieldError> {
        self.validate(data)
            .into_iter()
            .filter(|e| step.owns_pointer(&e.pointer))
            .collect()
    }

    /// The question an error belongs to: a choice of a multiple-choice question
    /// (`/disability_types/1`) is reported on the question, which the page shows as one
    /// set of checkboxes.
    fn question_pointer(&self, pointer: &str) -> String {
        if let Some((parent, last)) = pointer.rsplit_once('/')
            && last.parse::<usize>().is_ok()
            && self
                .field(parent)
                .is_some_and(|f| f.kind == FieldKind::MultiChoice)
        {
            return parent.to_string();
        }
        pointer.to_string()
    }

    /// Where an error's field is on the pages, as a sort key: the order of each field on
    /// the way down, with item numbers of repeatable groups in between
    /// (`/children/1/birth_date` sorts after `/children/0/name`). Unknown parts sort last.
    fn position(&self, pointer: &str) -> Vec<usize> {
        let mut key = Vec::new();
        let mut template = String::new();
        for segment in pointer.split('/').skip(1) {
            if let Ok(index) = segment.parse::<usize>() {
                key.push(index);
                continue;
            }
            template.push('/');
            template.push_str(segment);
            key.push(self.order.get(&template).copied().unwrap_or(usize::MAX));
        }
        key
    }

    pub fn message(&self, error: &FieldError) -> Localized {
        errors::message(error, self.field(&error.pointer).as_ref(), &|p| {
            self.field(p)
        })
    }

    pub fn message_in(&self, error: &FieldError, lang: Lang) -> String {
        self.message(error).get(lang).to_string()
    }

    /// Reads one step's posted fields into `data` (answers to fields no longer asked are
    /// dropped) and returns the step's errors, one per field, in page order.
    pub fn answer_step(
        &self,
        step: &Step,
        posted: &(impl Posted + ?Sized),
        data: &mut Map<String, Value>,
    ) -> Vec<FieldError> {
        let mut errors = input::read_step(step, posted, data);
        input::drop_hidden(&self.steps, data);
        errors.extend(self.validate_step(step, &Value::Object(data.clone())));
        errors.sort_by_key(|e| self.position(&e.pointer));
        errors::dedupe(&mut errors);
        errors
    }

    /// The questions asked given `data`, in page order: the top-level fields of the shown
    /// steps (a group or repeatable group counts as one). What a clerk can ask to correct.
    pub fn questions<'a>(&'a self, data: &'a Value) -> impl Iterator<Item = &'a Field> + 'a {
        self.shown_steps(data).flat_map(move |s| {
            s.fields
                .iter()
                .filter(move |f| f.show_if.as_ref().is_none_or(|c| c.holds(data)))
        })
    }

    /// A page of just these questions (for a correction): a step holding the named
    /// top-level fields, in page order. Unknown pointers are left out.
    pub fn step_of(&self, id: &str, title: Localized, pointers: &[String]) -> Step {
        Step {
            id: id.to_string(),
            title,
            fields: self
                .steps
                .iter()
                .flat_map(|s| s.fields.iter())
                .filter(|f| pointers.contains(&f.pointer))
                .cloned()
                .collect(),
            show_if: None,
        }
    }

    /// Reads the posted answers to `step` (which may be one made by `step_of`) into `data`
    /// and returns every error of the whole set of answers, in page order.
    pub fn answer_fields(
        &self,
        step: &Step,
        posted: &(impl Posted + ?Sized),
        data: &mut Map<String, Value>,
    ) -> Vec<FieldError> {
        let mut errors = input::read_step(step, posted, data);
        input::drop_hidden(&self.steps, data);
        errors.extend(self.validate(&Value::Object(data.clone())));
        errors.sort_by_key(|e| self.position(&e.pointer));
        errors::dedupe(&mut errors);
        errors
    }

    /// The My Number answers present in `data`: (pointer, label), items of repeatable
    /// groups included (`/members/1/my_number`).
    pub fn my_number_answers(&self, data: &Value) -> Vec<(String, Localized)> {
        fn walk(
            field: &Field,
            value: Option<&Value>,
            at: &str,
            out: &mut Vec<(String, Localized)>,
        ) {
            match (&field.kind, value) {
                (FieldKind::MyNumber, Some(Value::String(_))) => {
                    out.push((at.to_string(), field.message_label()));
                }
                (FieldKind::Group, Some(Value::Object(inner))) => {
                    for child in &field.children {
                        walk(
                            child,
                            inner.get(child.key()),
                            &format!("{at}/{}", child.key()),
                            out,
                        );
                    }
                }
                (FieldKind::Repeat, Some(Value::Array(items))) => {
                    for (i, item) in items.iter().enumerate() {
                        let instance = field.item(i);
                        for child in &instance.children {
                            walk(
                                child,
                                item.get(child.key()),
                                &format!("{at}/{i}/{}", child.key()),
                                out,
                            );
                        }
                    }
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        for field in self.questions(data) {
            walk(
                field,
                data.pointer(&field.pointer),
                &field.pointer,
                &mut out,
            );
        }
        out
    }

    /// Rewrites every My Number (個人番号) answer in `data` with `f` — to seal them for
    /// storage and open them again — including those inside groups and repeatable groups.
    pub fn map_my_numbers<E>(
        &self,
        data: &mut Value,
        f: &mut dyn FnMut(&str) -> Result<String, E>,
    ) -> Result<(), E> {
        fn walk<E>(
            field: &Field,
            value: Option<&mut Value>,
            f: &mut dyn FnMut(&str) -> Result<String, E>,
        ) -> Result<(), E> {
            match (&field.kind, value) {
                (FieldKind::MyNumber, Some(Value::String(s))) => {
                    *s = f(s)?;
                }
                (FieldKind::Group, Some(Value::Object(inner))) => {
                    for child in &field.children {
                        walk(child, inner.get_mut(child.key()), f)?;
                    }
                }
                (FieldKind::Repeat, Some(Value::Array(items))) => {
                    for item in items.iter_mut() {
                        if let Value::Object(inner) = item {
                            for child in &field.children {
                                walk(child, inner.get_mut(child.key()), f)?;
                            }
                        }
                    }
                }
                _ => {}
            }
            Ok(())
        }
        let Value::Object(top) = data else {
            return Ok(());
        };
        for field in self.steps.iter().flat_map(|s| &s.fields) {
            walk(field, top.get_mut(field.key()), f)?;
        }
        Ok(())
    }

    /// The applicant's name in katakana, when the form asks for it: the field named by the
    /// name field with `_kana` added (`/applicant_name_kana`).
    pub fn applicant_kana(&self, data: &Value) -> Option<String> {
        let pointer = self.definition.procedure.applicant_name_field.as_deref()?;
        data.pointer(&format!("{pointer}_kana"))
            .and_then(Value::as_str)
            .map(str::to_string)
    }

    /// The steps asked given the answers so far (a step may depend on earlier answers).
    pub fn shown_steps<'a>(&'a self, data: &'a Value) -> impl Iterator<Item = &'a Step> + 'a {
        self.steps.iter().filter(move |s| s.is_shown(data))
    }

    /// The next step to ask after `step_id`, if any.
    pub fn next_step(&self, step_id: &str, data: &Value) -> Option<&Step> {
        let index = self.steps.iter().position(|s| s.id == step_id)?;
        self.steps[index + 1..].iter().find(|s| s.is_shown(data))
    }

    /// The step shown before `step_id`, if any.
    pub fn previous_step(&self, step_id: &str, data: &Value) -> Option<&Step> {
        let index = self.steps.iter().position(|s| s.id == step_id)?;
        self.steps[..index].iter().rev().find(|s| s.is_shown(data))
    }

    /// Normalises answers sent as JSON (the API) the way typed answers are: each string is
    /// normalised by its field's kind; empty strings are removed so `required` reports them.
    /// Unknown keys are left for the schema to refuse.
    pub fn normalize_json(&self, mut data: Value) -> Value {
        if let Value::Object(map) = &mut data {
            for field in self.steps.iter().flat_map(|s| s.fields.iter()) {
                normalize_at(field, map);
            }
        }
        data
    }

    /// When the fee is paid: the rule's timing, but always at the counter for a procedure
    /// finished there (pre-entry); `None` without a fee rule.
    pub fn fee_timing(&self) -> Option<crate::definition::FeeTiming> {
        let rule = self.definition.procedure.fee.as_ref()?;
        Some(match self.definition.procedure.filing {
            crate::definition::Filing::PreEntry => crate::definition::FeeTiming::AtCounter,
            crate::definition::Filing::Online => rule.timing,
        })
    }

    /// Is the fee paid online for these answers? (`FeeRule::online_if`; true without it)
    pub fn fee_paid_online(&self, data: &Value) -> bool {
        match self
            .definition
            .procedure
            .fee
            .as_ref()
            .and_then(|r| r.online_if.as_ref())
        {
            Some(cond) => data.pointer(&cond.field) == Some(&cond.equals),
            None => true,
        }
    }

    /// Refunded when rejected or withdrawn (see `FeeRule::refundable`).
    pub fn fee_refundable(&self) -> bool {
        self.definition
            .procedure
            .fee
            .as_ref()
            .is_some_and(|r| r.refundable)
    }

    pub fn fee(&self, data: &Value) -> Option<FeeQuote> {
        self.definition
            .procedure
            .fee
            .as_ref()
            .map(|rule| fee::quote(rule, data))
    }

    /// The answers of each step asked, for the check page and the clerk's view.
    pub fn answers<'a>(&'a self, data: &'a Value, lang: Lang) -> Vec<(&'a Step, Vec<Answer>)> {
        self.shown_steps(data)
            .map(|s| {
                let shown = s
                    .fields
                    .iter()
                    .filter(|f| f.show_if.as_ref().is_none_or(|c| c.holds(data)));
                (s, shown.map(|f| display::answer(f, data, lang)).collect())
            })
            .collect()
    }

    /// The contact email, if the procedure names a field for it and it was given.
    pub fn contact_email(&self, data: &Value) -> Option<String> {
        let pointer = self.definition.procedure.contact_email_field.as_deref()?;
        data.pointer(pointer)
            .and_then(Value::as_str)
            .map(str::to_string)
    }

    pub fn applicant_name(&self, data: &Value) -> Option<String> {
        let pointer = self.definition.procedure.applicant_name_field.as_deref()?;
        data.pointer(pointer)
            .and_then(Value::as_str)
            .map(str::to_string)
    }
}

/// Problems of the `reuse` maps across forms.
fn check_reuse(forms: &[Form], files: &BTreeMap<String, PathBuf>) -> Vec<Problem> {
    let by_id: HashMap<&str, &Form> = forms.iter().map(|f| (f.id(), f)).collect();
    let mut problems = Vec::new();
    for form in forms {
        for (source, map) in &form.settings().reuse {
            let pointer = format!("/procedure/reuse/{source}");
            let Some(other) = by_id.get(source.as_str()) else {
                problems.push(Problem {
                    file: files.get(form.id()).cloned().unwrap_or_default(),
                    pointer,
                    message: format!("no procedure `{source}` to take answers from"),
                });
                continue;
            };
            for (to, from) in map {
                let message = match (form.field(to), other.field(from)) {
                    (_, None) => Some(format!("`{from}` is not a field of `{source}`")),
                    (Some(t), Some(f)) if !same_value_kind(&t.kind, &f.kind) => Some(format!(
                        "`{to}` ({:?}) cannot take `{from}` ({:?}) of `{source}`",
                        t.kind, f.kind
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

/// 和暦 answers given as ISO dates (API clients, examples) before 明治6年 (1873-01-01) have
/// no era to show them in: the same `outside_era` the era inputs report.
fn eraless_dates(field: &Field, value: Option<&Value>, at: &str, out: &mut Vec<FieldError>) {
    match (&field.kind, value) {
        (FieldKind::WarekiDate, Some(Value::String(s))) => {
            if let Ok(date) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                && crate::wareki::era_of(date).is_none()
            {
                out.push(FieldError::new(at, FormErrorCode::OutsideEra));
            }
        }
        (FieldKind::Group, Some(Value::Object(inner))) => {
            for child in &field.children {
                let at = format!("{at}/{}", child.key());
                eraless_dates(child, inner.get(child.key()), &at, out);
            }
        }
        (FieldKind::Repeat, Some(Value::Array(items))) => {
            for (i, item) in items.iter().enumerate() {
                for child in &field.children {
                    let at = format!("{at}/{i}/{}", child.key());
                    eraless_dates(child, item.get(child.key()), &at, out);
                }
            }
        }
        _ => {}
    }
}

fn normalize_at(field: &Field, object: &mut Map<String, Value>) {
    let key = field.key().to_string();
    let Some(value) = object.get_mut(&key) else {
        return;
    };
    match (&field.kind, value) {
        (FieldKind::Group, Value::Object(inner)) => {
            for child in &field.children {
                normalize_at(child, inner);
            }
        }
        (FieldKind::Repeat, Value::Array(items)) => {
            for item in items.iter_mut() {
                if let Value::Object(inner) = item {
                    for child in &field.children {
                        normalize_at(child, inner);
                    }
                }
            }
        }
        (FieldKind::MultiChoice, Value::Array(items)) => {
            for item in items.iter_mut() {
                if let Value::String(s) = item {
                    *s = crate::normalize::normalize(&field.kind, s);
                }
            }
        }
        (kind, Value::String(s)) => {
            let normalized = crate::normalize::normalize(kind, s);
            if normalized.is_empty() {
                object.remove(&key);
            } else if matches!(kind, FieldKind::Integer | FieldKind::Money) {
                // "１２,８００" becomes 12800, as on the pages; text that is not a number
                // stays text, so the schema says "enter a number".
                let replaced = normalized
                    .parse::<i64>()
                    .map(Value::from)
                    .unwrap_or(Value::String(normalized));
                object.insert(key, replaced);
            } else {
                *s = normalized;
            }
        }
        _ => {}
    }
}

fn depth(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        Value::Object(o) => 1 + o.values().map(depth).max().unwrap_or(0),
        _ => 1,
    }
}

/// Refuses what would make a department's schema dangerous to run.
fn check_schema_safety(schema: &Value, at: &str, push: &mut impl FnMut(String, String)) {
    match schema {
        Value::Object(map) => {
            for (key, v) in map {
                let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                match (key.as_str(), v) {
                    ("$ref" | "$dynamicRef", Value::String(r)) if !r.starts_with('#') => push(
                        here.clone(),
                        format!(
                            "`{r}` points outside this definition; only local references (#/$defs/…) are allowed"
                        ),
                    ),
                    ("$schema", Value::String(s))
                        if s != "https://json-schema.org/draft/2020-12/schema" =>
                    {
                        push(here.clone(), "only JSON Schema 2020-12 is supported".into())
                    }
                    ("format", Value::String(f))
                        if !formats::CUSTOM_FORMATS.contains(&f.as_str())
                            && !formats::STANDARD_FORMATS.contains(&f.as_str()) =>
                    {
                        push(
                            here.clone(),
                            format!(
                                "unknown format `{f}`; use one of {}",
                                formats::CUSTOM_FORMATS
                                    .iter()
                                    .chain(formats::STANDARD_FORMATS.iter())
                                    .copied()
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        )
                    }
                    (k, _) if k.starts_with("x-") && !rules::KEYWORDS.contains(&k) => push(
                        here.clone(),
                        format!(
                            "unknown rule `{k}`; the rules are {}",
                            rules::KEYWORDS.join(", ")
                        ),
                    ),
                    ("pattern", Value::String(p)) => {
                        if let Err(e) = regex::Regex::new(p) {
                            push(
                                here.clone(),
                                format!("pattern cannot run in linear time or is not valid: {e}"),
                            )
                        }
                    }
                    _ => {}
                }
                // `properties`, `$defs`… hold schemas keyed by name; recurse into everything.
                check_schema_safety(v, &here, push);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                check_schema_safety(v, &format!("{at}/{i}"), push);
            }
        }
        _ => {}
    }
}

fn check_settings(
    def: &FormDefinition,
    steps: &[Step],
    file: &Path,
    push: &mut impl FnMut(String, String),
) {
    let p = &def.procedure;
    if p.id.is_empty()
        || !p
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        push(
            "/procedure/id".into(),
            "the id must be kebab-case ASCII (a-z, 0-9, -)".into(),
        );
    }
    let folder = file
        .parent()
        .and_then(Path::file_name)
        .and_then(|n| n.to_str());
    if file.file_name().is_some_and(|n| n == "form.json") && folder.is_some_and(|f| f != p.id) {
        push(
            "/procedure/id".into(),
            format!("the id `{}` differs from its folder name", p.id),
        );
    }
    for (at, text) in [
        ("/procedure/title", &p.title),
        ("/procedure/summary", &p.summary),
        ("/procedure/who_may_file", &p.who_may_file),
        ("/procedure/result_delivery", &p.result_delivery),
    ] {
        if text.ja.trim().is_empty() || text.en.trim().is_empty() {
            push(at.into(), "needs text in both Japanese and English".into());
        }
    }
    if steps.is_empty() {
        push("/ui/steps".into(), "a form needs at least one step".into());
    }
    let mut seen_steps = std::collections::HashSet::new();
    for (i, step) in steps.iter().enumerate() {
        let at = format!("/ui/steps/{i}/id");
        if RESERVED_STEP_IDS.contains(&step.id.as_str()) {
            push(
                at,
                format!(
                    "step id `{}` is reserved (it is a page of every form)",
                    step.id
                ),
            );
        } else if step.id.is_empty()
            || !step
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            push(
                at,
                format!(
                    "step id `{}` must be kebab-case ASCII (a-z, 0-9, -)",
                    step.id
                ),
            );
        } else if !seen_steps.insert(step.id.as_str()) {
            push(at, format!("step id `{}` is used twice", step.id));
        }
    }
    let find = |pointer: &str| {
        steps
            .iter()
            .flat_map(|s| s.fields.iter())
            .find_map(|f| find_field(f, pointer))
    };
    if let Some(ptr) = &p.contact_email_field
        && find(ptr).map(|f| &f.kind) != Some(&FieldKind::Email)
    {
        push(
            "/procedure/contact_email_field".into(),
            format!("`{ptr}` is not an email field"),
        );
    }
    if let Some(ptr) = &p.applicant_name_field
        && find(ptr).is_none()
    {
        push(
            "/procedure/applicant_name_field".into(),
            format!("`{ptr}` is not a field"),
        );
    }
    if let Some(routing) = &p.routing
        && find(&routing.ward_from).map(|f| &f.kind) != Some(&FieldKind::PostalCode)
    {
        push(
            "/procedure/routing/ward_from".into(),
            format!("`{}` is not a postal-code field", routing.ward_from),
        );
    }
    for (source, map) in &p.reuse {
        for to in map.keys() {
            if find(to).is_none() {
                push(
                    format!("/procedure/reuse/{source}"),
                    format!("`{to}` is not a field of this form"),
                );
            }
        }
    }
    // Personal data is collected under a law: say which. My Number above all (番号法 第9条
    // and the ordinance listing the city's uses).
    fn collects_my_number(f: &Field) -> bool {
        f.kind == FieldKind::MyNumber || f.children.iter().any(collects_my_number)
    }
    if p.legal_basis.trim().is_empty() {
        let my_number = steps
            .iter()
            .flat_map(|s| s.fields.iter())
            .any(collects_my_number);
        push(
            "/procedure/legal_basis".into(),
            if my_number {
                "this form collects My Number: name the law that allows it (番号法 第9条 and the provision of the procedure)".into()
            } else {
                "name the law or ordinance the procedure is based on".into()
            },
        );
    }
    if p.filing == crate::definition::Filing::PreEntry && p.filing_note.is_none() {
        push(
            "/procedure/filing_note".into(),
            "a pre-entry procedure needs a note saying why and where the counter visit happens"
                .into(),
        );
    }
    if let Some(fee) = &p.fee {
        if let Some(by) = &fee.price_by {
            match find(&by.field) {
                Some(f) if matches!(f.kind, FieldKind::Choice { .. }) => {
                    for o in &f.options {
                        if !by.prices.contains_key(&o.value) {
                            push(
                                "/procedure/fee/price_by/prices".into(),
                                format!("no price for `{}` of `{}`", o.value, by.field),
                            );
                        }
                    }
                }
                _ => push(
                    "/procedure/fee/price_by/field".into(),
                    format!("`{}` is not a single-choice field", by.field),
                ),
            }
        }
        if let Some(cond) = &fee.online_if {
            match find(&cond.field) {
                Some(f) if matches!(f.kind, FieldKind::Choice { .. }) => {
                    if !f
                        .options
                        .iter()
                        .any(|o| Some(o.value.as_str()) == cond.equals.as_str())
                    {
                        push(
                            "/procedure/fee/online_if/equals".into(),
                            format!("`{}` is not an option of `{}`", cond.equals, cond.field),
                        );
                    }
                }
                _ => push(
                    "/procedure/fee/online_if/field".into(),
                    format!("`{}` is not a single-choice field", cond.field),
                ),
            }
        }
        if let Some(per) = &fee.per_item
            && find(&per.field).map(|f| &f.kind) != Some(&FieldKind::Repeat)
        {
            push(
                "/procedure/fee/per_item/field".into(),
                format!("`{}` is not a repeatable group", per.field),
            );
        }
        if fee.unit_yen < 0 {
            push(
                "/procedure/fee/unit_yen".into(),
                "a fee cannot be negative".into(),
            );
        }
        if let Some(ptr) = &fee.quantity_field
            && !matches!(
                find(ptr).map(|f| f.kind.clone()),
                Some(FieldKind::Integer | FieldKind::Repeat | FieldKind::MultiChoice)
            )
        {
            push(
                "/procedure/fee/quantity_field".into(),
                format!("`{ptr}` is not an integer field, a repeatable group or a multiple choice"),
            );
        }
        for (i, x) in fee.exemptions.iter().enumerate() {
            if find(&x.field).is_none() {
                push(
                    format!("/procedure/fee/exemptions/{i}/field"),
                    format!("`{}` is not a field", x.field),
                );
            }
        }
    }
    // A postal-code look-up fills a group's prefecture, city and town.
    for step in steps {
        for field in &step.fields {
            if let Some(target) = &field.address_field {
                let group = steps
                    .iter()
                    .flat_map(|s| s.fields.iter())
                    .find(|f| &f.name == target);
                let fits = group.is_some_and(|g| {
                    g.kind == FieldKind::Group
                        && ["prefecture", "city", "town"]
                            .iter()
                            .all(|k| g.children.iter().any(|c| c.key() == *k))
                });
                if field.kind != FieldKind::PostalCode || !fits {
                    push(
                        format!("/ui/fields/{}/address_field", field.name),
                        format!(
                            "`{target}` must be an address group with prefecture, city and town, filled from a postal-code field"
                        ),
                    );
                }
            }
        }
    }
    // A pattern's generic message cannot say how to fix the answer: the author must.
    for step in steps {
        for field in &step.fields {
            for leaf in field.leaves() {
                if leaf.pattern.is_some()
                    && !leaf.errors.contains_key("pattern")
                    && leaf.hint.is_none()
                {
                    push(
                        format!("/ui/fields/{}", leaf.name.replace('.', "/fields/")),
                        format!(
                            "`{}` has a pattern: add `errors.pattern` (ja, en) saying what to type",
                            leaf.name
                        ),
                    );
                }
            }
        }
    }
}

fn find_field<'a>(field: &'a Field, pointer: &str) -> Option<&'a Field> {
    if field.pointer == pointer {
        return Some(field);
    }
    field.children.iter().find_map(|c| find_field(c, pointer))
}

/// JSON with object keys sorted at every level and no insignificant white space, so the
/// same definition always hashes the same, whatever its formatting.
pub fn canonical_json(v: &Value) -> String {
    fn sorted(v: &Value) -> Value {
        match v {
            Value::Object(map) => {
                let ordered: BTreeMap<&String, Value> =
                    map.iter().map(|(k, v)| (k, sorted(v))).collect();
                let mut out = Map::new();
                for (k, v) in ordered {
                    out.insert(k.clone(), v);
                }
                Value::Object(out)
            }
            Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    sorted(v).to_string()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// All published forms, by procedure id, and the life-event guide.
#[derive(Debug, Default, Clone)]
pub struct FormRegistry {
    forms: BTreeMap<String, Arc<Form>>,
    guide: Arc<Guide>,
}

/// What the lint found.
#[derive(Debug)]
pub struct CheckReport {
    pub forms: Vec<Form>,
    pub problems: Vec<Problem>,
    /// Examples run (0 unless asked for).
    pub examples: usize,
    pub guide: Option<Guide>,
}

/// The guide's file, beside the procedure folders.
pub const GUIDE_FILE: &str = "life-events.json";

impl FormRegistry {
    /// Loads every `*/form.json` under `dir`; fails with every problem of every file.
    pub fn load_dir(dir: &Path) -> Result<FormRegistry, FormLoadError> {
        let report = Self::check(dir, false)?;
        if !report.problems.is_empty() {
            return Err(FormLoadError::Invalid(report.problems));
        }
        let mut registry = Self::from_forms(report.forms);
        registry.guide = Arc::new(report.guide.unwrap_or_default());
        Ok(registry)
    }

    /// The lint: loads what it can and lists every problem. `dir` is a folder of procedure
    /// folders (with the guide), or one procedure's folder.
    pub fn check_dir(dir: &Path) -> Result<(Vec<Form>, Vec<Problem>), FormLoadError> {
        Self::check(dir, false).map(|r| (r.forms, r.problems))
    }

    /// The lint with every form's examples run too (`madoguchi forms check`).
    pub fn check_with_examples(dir: &Path) -> Result<CheckReport, FormLoadError> {
        Self::check(dir, true)
    }

    fn check(dir: &Path, with_examples: bool) -> Result<CheckReport, FormLoadError> {
        let mut examples = 0;
        let paths_are_all = !dir.join("form.json").is_file();
        let mut paths: Vec<PathBuf> = if dir.join("form.json").is_file() {
            vec![dir.join("form.json")]
        } else {
            let entries =
                std::fs::read_dir(dir).map_err(|e| FormLoadError::Io(dir.to_path_buf(), e))?;
            entries
                .filter_map(Result::ok)
                .map(|e| e.path().join("form.json"))
                .filter(|p| p.is_file())
                .collect()
        };
        paths.sort();
        let mut forms = Vec::new();
        let mut problems = Vec::new();
        let mut ids = BTreeMap::new();
        for path in paths {
            let text =
                std::fs::read_to_string(&path).map_err(|e| FormLoadError::Io(path.clone(), e))?;
            match Form::from_json(&path, &text) {
                Ok(form) => {
                    if with_examples {
                        let folder = path.parent().unwrap_or(Path::new("."));
                        let (mut p, n) = crate::examples::check_examples(&form, folder);
                        problems.append(&mut p);
                        examples += n;
                    }
                    if let Some(other) = ids.insert(form.id().to_string(), path.clone()) {
                        problems.push(Problem {
                            file: path.clone(),
                            pointer: "/procedure/id".into(),
                            message: format!(
                                "id `{}` is also used by {}",
                                form.id(),
                                other.display()
                            ),
                        });
                    }
                    forms.push(form);
                }
                Err(mut p) => problems.append(&mut p),
            }
        }
        // Answers taken over from other procedures: they must exist, with fields of the
        // same kind (checked when the whole folder is loaded).
        if paths_are_all {
            problems.extend(check_reuse(&forms, &ids));
        }
        // The life-event guide, when `dir` is the folder of all procedures.
        let guide_path = dir.join(GUIDE_FILE);
        let mut guide = None;
        if guide_path.is_file() {
            let text = std::fs::read_to_string(&guide_path)
                .map_err(|e| FormLoadError::Io(guide_path.clone(), e))?;
            let ids: std::collections::HashSet<String> =
                forms.iter().map(|f| f.id().to_string()).collect();
            match Guide::from_json(&guide_path, &text, &ids) {
                Ok(g) => guide = Some(g),
                Err(mut p) => problems.append(&mut p),
            }
        }
        Ok(CheckReport {
            forms,
            problems,
            examples,
            guide,
        })
    }

    pub fn from_forms(forms: impl IntoIterator<Item = Form>) -> Self {
        FormRegistry {
            forms: forms
                .into_iter()
                .map(|f| (f.id().to_string(), Arc::new(f)))
                .collect(),
            guide: Arc::new(Guide::default()),
        }
    }

    pub fn guide(&self) -> &Guide {
        &self.guide
    }

    /// The same procedures with `form` added, or replacing the one with its id.
    pub fn with_form(&self, form: Arc<Form>) -> FormRegistry {
        let mut next = self.clone();
        next.forms.insert(form.id().to_string(), form);
        next
    }

    /// The same procedures without `id` (retired: closed to new filings).
    pub fn without(&self, id: &str) -> FormRegistry {
        let mut next = self.clone();
        next.forms.remove(id);
        next
    }

    pub fn get(&self, id: &str) -> Option<Arc<Form>> {
        self.forms.get(id).cloned()
    }

    pub fn all(&self) -> impl Iterator<Item = &Arc<Form>> {
        self.forms.values()
    }

    pub fn len(&self) -> usize {
        self.forms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }
}
