//! What a `Form` is and checks: its id, steps and fields, validation and messages.

use chrono::NaiveDate;
use madoguchi_core::{Lang, Localized, ProcedureId};
use serde_json::{Map, Value};

use crate::definition::FormDefinition;
use crate::errors::{self, FieldError, FormErrorCode};
use crate::filing_day::FilingDay;
use crate::input::Posted;
use crate::model::{Field, FieldKind, Step};
use crate::validate;

use super::*;

impl Form {
    pub fn id(&self) -> &str {
        &self.definition.procedure.id
    }

    /// The id as the typed value the records and URLs carry.
    pub fn procedure_id(&self) -> ProcedureId {
        ProcedureId::new(self.id())
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

    /// The id of the step that asks the question at `pointer` (empty when none does).
    pub fn step_id_asking(&self, pointer: &str) -> String {
        self.steps
            .iter()
            .find(|s| s.owns_pointer(pointer))
            .map(|s| s.id.clone())
            .unwrap_or_default()
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

    /// Every error in `data` when filed on `filed_on` (the JST date, from the caller's
    /// clock: `x-date-window` rules count from it), one per field, in the order the fields are shown. A list
    /// longer than its question allows is refused before its items are validated (see
    /// [`crate::bounds`]): only the items up to the limit are checked.
    pub fn validate(&self, data: &Value, filed_on: impl Into<FilingDay>) -> Vec<FieldError> {
        let filed = filed_on.into();
        let mut overlong = Vec::new();
        for field in self.steps.iter().flat_map(|s| &s.fields) {
            let value = data.get(field.key());
            crate::bounds::overlong(field, value, &field.pointer, &mut overlong);
        }
        let cut;
        let data = if overlong.is_empty() {
            data
        } else {
            cut = crate::bounds::cut_to_limits(data, &overlong);
            &cut
        };
        // Hidden characters first: of the errors of one field, theirs is the one shown.
        let mut hidden = Vec::new();
        let multiline = |p: &str| self.field(p).is_some_and(|f| f.kind == FieldKind::Textarea);
        crate::hidden::find(data, "", &multiline, &mut hidden);
        // The refused lists first: of the errors of one field, theirs is the one shown.
        let mut errors: Vec<FieldError> = overlong
            .into_iter()
            .chain(
                hidden
                    .into_iter()
                    .map(|at| FieldError::new(at, FormErrorCode::HiddenCharacter)),
            )
            .chain(
                self.validator_on(filed.date)
                    .iter_errors(data)
                    .flat_map(|e| validate::to_field_errors(&e, |p| self.field(p))),
            )
            .chain(self.date_windows.failures(data, filed))
            .map(|mut e| {
                e.pointer = self.question_pointer(&e.pointer);
                e
            })
            .collect();
        let mut huge = Vec::new();
        crate::integers::too_large(data, "", &mut huge);
        errors.extend(
            huge.into_iter()
                .map(|at| FieldError::new(at, FormErrorCode::TooLarge).with_limit(i64::MAX)),
        );
        // A step's questions are the answers' top-level keys: looked up by key, not by
        // pointer (which unescapes every segment into a new string).
        for field in self.steps.iter().flat_map(|s| &s.fields) {
            eraless_dates(field, data.get(field.key()), &field.pointer, &mut errors);
        }
        for field in self.steps.iter().flat_map(|s| &s.fields) {
            let value = data.get(field.key());
            crate::names::check(field, value, &field.pointer, &mut errors);
        }
        errors.sort_by_cached_key(|e| self.position(&e.pointer));
        errors::dedupe(&mut errors);
        errors
    }

    /// The schema in force on `filed_on`: the last `x-from-date` period started by then.
    fn validator_on(&self, filed_on: NaiveDate) -> &Validator {
        self.dated
            .iter()
            .rev()
            .find(|(from, _)| *from <= filed_on)
            .map_or(&self.validator, |(_, v)| v)
    }

    /// The dates of `data` outside a warning window of `x-date-window` when filed on
    /// `filed_on` (a notification past its legal period): they do not stop the filing, and
    /// each says, in every language, which field, which window and what it means.
    pub fn warnings(
        &self,
        data: &Value,
        filed_on: impl Into<FilingDay>,
    ) -> Vec<crate::FieldWarning> {
        let mut out: Vec<crate::FieldWarning> = self
            .date_windows
            .warnings(data, filed_on)
            .into_iter()
            .map(|w| {
                let field = self.field(&w.outside.pointer);
                let lookup = |p: &str| self.field(p);
                let message = crate::warnings::date_warning_message(
                    &w.outside,
                    field.as_ref(),
                    &lookup,
                    &w.message,
                );
                crate::FieldWarning {
                    pointer: w.outside.pointer,
                    code: w.outside.code,
                    message,
                }
            })
            .collect();
        out.sort_by_cached_key(|w| self.position(&w.pointer));
        out
    }

    /// The answers as they are kept once accepted: every error, or `data` in its canonical
    /// form (whole numbers as plain integers). Whatever stores, charges or shows a filing
    /// takes its answers from here, so it sees the integers validation accepted.
    pub fn accept(
        &self,
        data: &Value,
        filed_on: impl Into<FilingDay>,
    ) -> Result<Value, Vec<FieldError>> {
        let errors = self.validate(data, filed_on);
        if errors.is_empty() {
            Ok(crate::integers::canonical(data.clone()))
        } else {
            Err(errors)
        }
    }

    /// Errors of one step only (later steps are not asked about yet).
    pub fn validate_step(
        &self,
        step: &Step,
        data: &Value,
        filed_on: impl Into<FilingDay>,
    ) -> Vec<FieldError> {
        self.validate(data, filed_on)
            .into_iter()
            .filter(|e| step.owns_pointer(&e.pointer))
            .collect()
    }

    /// The question an error belongs to: a choice of a multiple-choice question
    /// (`/disability_types/1`) is reported on the question, which the page shows as one
    /// set of checkboxes.
    pub(super) fn question_pointer(&self, pointer: &str) -> String {
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
    pub(super) fn position(&self, pointer: &str) -> Vec<usize> {
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
        filed_on: impl Into<FilingDay>,
    ) -> Vec<FieldError> {
        let filed_on = filed_on.into();
        self.read_answers(step, posted, data, |form, all| {
            form.validate_step(step, all, filed_on.clone())
        })
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
}
