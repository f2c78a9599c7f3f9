//! What a `Form` makes of answers: correction steps, My Number answers, the steps shown,
//! fees, the answers as shown, the applicant.

use madoguchi_core::{Lang, Localized};
use serde_json::{Map, Value};

use crate::display::{self, Answer};
use crate::errors::{self, FieldError};
use crate::fee::{self, FeeQuote};
use crate::input::{self, Posted};
use crate::model::{Field, FieldKind, Step};

use super::*;

impl Form {
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

    /// Drops the answers to questions this form does not ask (a draft saved under an
    /// earlier version, before a question was renamed or removed) and returns their names,
    /// so a resident is never shown an error about a question they cannot see.
    pub fn forget_unknown_answers(&self, data: &mut Map<String, Value>) -> Vec<String> {
        let known = |name: &str| {
            self.steps
                .iter()
                .any(|s| s.fields.iter().any(|f| f.name == name))
        };
        let gone: Vec<String> = data.keys().filter(|k| !known(k)).cloned().collect();
        for name in &gone {
            data.remove(name);
        }
        gone
    }

    /// Reads the posted answers to `step` (which may be one made by `step_of`) into `data`
    /// and returns every error of the whole set of answers filed on `filed_on`, in page order.
    pub fn answer_fields(
        &self,
        step: &Step,
        posted: &(impl Posted + ?Sized),
        data: &mut Map<String, Value>,
        filed_on: impl Into<crate::FilingDay>,
    ) -> Vec<FieldError> {
        let filed_on = filed_on.into();
        // A page of some questions (a correction) never asks a secret again.
        self.read_answers(step, posted, data, |form, all| {
            form.validate_kept(all, filed_on.clone())
        })
    }

    /// Reads the posted answers to `step` into `data` (answers to fields no longer asked
    /// are dropped), then returns the reading errors and what `validate` finds in the
    /// answers, one per field, in page order: `answer_step` and `answer_fields` differ only
    /// in `validate`.
    pub(super) fn read_answers(
        &self,
        step: &Step,
        posted: &(impl Posted + ?Sized),
        data: &mut Map<String, Value>,
        validate: impl FnOnce(&Form, &Value) -> Vec<FieldError>,
    ) -> Vec<FieldError> {
        let mut errors = input::read_step(step, posted, data);
        input::drop_hidden(&self.steps, data);
        errors.extend(validate(self, &Value::Object(data.clone())));
        errors.sort_by_cached_key(|e| self.position(&e.pointer));
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

    /// Normalises answers sent as JSON (the API) the way typed answers are, so that the
    /// same answers are stored alike whichever way they came: each string is normalised by
    /// its field's kind; empty strings, empty lists and answers to questions that do not
    /// apply given the others (a `show_if` that does not hold) are removed, as the pages
    /// never send or keep them; a multiple choice lists its choices in the order the
    /// question offers them. Unknown keys are left for the schema to refuse. Whole numbers
    /// become plain integers (`10.0` and `1e1` are `10`, see [`crate::integers`]).
    pub fn normalize_json(&self, mut data: Value) -> Value {
        if let Value::Object(map) = &mut data {
            for field in self.steps.iter().flat_map(|s| s.fields.iter()) {
                normalize_at(field, map);
            }
        }
        let mut data = crate::integers::canonical(data);
        if let Value::Object(map) = &mut data {
            input::drop_hidden(&self.steps, map);
        }
        data
    }

    /// How the fee is paid: the rule's timing, except that a fee paid online is paid at
    /// the counter for a procedure finished there (pre-entry); `None` without a fee rule.
    pub fn fee_timing(&self) -> Option<crate::definition::FeeTiming> {
        let rule = self.definition.procedure.fee.as_ref()?;
        Some(match self.definition.procedure.filing {
            crate::definition::Filing::PreEntry if rule.timing.is_online() => {
                crate::definition::FeeTiming::AtCounter
            }
            _ => rule.timing,
        })
    }

    /// The procedure's facts and where they come from.
    pub fn facts(&self) -> &crate::provenance::Facts {
        &self.definition.procedure.facts
    }

    /// What the city still has to confirm, for the authors (never the residents): the
    /// facts' notes, then the notes the schema's rules carry (a deadline's, an age
    /// limit's).
    pub fn to_confirm(&self) -> Vec<crate::provenance::ToConfirm> {
        let facts = self.facts().to_confirm().into_iter().map(|(fact, note)| {
            crate::provenance::ToConfirm {
                at: format!("/procedure/facts/{fact}"),
                field: None,
                note: note.to_string(),
            }
        });
        facts
            .chain(crate::provenance::rule_notes(&self.definition.schema))
            .collect()
    }

    /// The facts this procedure states that the city has still to confirm (each with what
    /// it states, its note, its sources and the digest a sign-off is kept under).
    pub fn open_facts(&self) -> Vec<OpenFact<'_>> {
        facts::open(&self.definition.procedure)
    }

    /// The open facts' keys and digests alone, worked out on the first call and kept: what
    /// the pages that mark them ask on every view.
    pub fn open_digests(&self) -> &[(&'static str, String)] {
        self.open_digests.get_or_init(|| {
            self.open_facts()
                .into_iter()
                .map(|f| (f.fact, f.digest))
                .collect()
        })
    }

    /// The facts this procedure states without any provenance (who may file, what to
    /// prepare: the lint requires the others).
    pub fn unsourced_facts(&self) -> Vec<&'static str> {
        facts::unsourced(&self.definition.procedure)
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
            Some(cond) => {
                crate::integers::canonical(data.clone()).pointer(&cond.field) == Some(&cond.equals)
            }
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
            .filter(|rule| rule.is_computed())
            .map(|rule| fee::quote(rule, data))
    }

    /// The fee in a line, before any answer (the list of procedures, the procedure's page).
    pub fn fee_summary(&self) -> fee::FeeSummary {
        self.definition
            .procedure
            .fee
            .as_ref()
            .map_or(fee::FeeSummary::None, crate::definition::FeeRule::summary)
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
