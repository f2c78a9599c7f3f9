//! Duplicate filings (`procedure.duplicates`): which answers make two filings of one
//! procedure "the same" — the applicant (their name and birth date, or a My Number) and the
//! key answers the procedure names (the child a nursery place is asked for) — and whether a
//! second one is only flagged for the clerk or void.
//!
//! The engine says what is compared ([`Form::duplicate_basis`]); the application keys it
//! with a secret, stores the key with the filing and looks for open filings with the same
//! key (`docs/forms.md`, **Duplicate filings**).

use madoguchi_core::Localized;
use serde_json::Value;

use crate::catalog::fold;
use crate::definition::{DuplicateRule, SecondFiling};
use crate::meaning::Meaning;
use crate::model::{Field, FieldKind, Step};

use super::Form;

impl Form {
    /// The procedure's duplicate rule, if it has one.
    pub fn duplicate_rule(&self) -> Option<&DuplicateRule> {
        self.settings().duplicates.as_ref()
    }

    /// Whether a second filing while the first is open is refused (`void`).
    pub fn second_filing_is_void(&self) -> bool {
        self.duplicate_rule()
            .is_some_and(|r| r.second_filing == SecondFiling::Void)
    }

    /// The text two filings share when they are the same by the procedure's rule: the
    /// procedure, then each compared answer folded as search folds names (widths, kana,
    /// spaces), one per line. `None` without a rule, or when an answer naming the applicant
    /// is missing (nobody to compare).
    pub fn duplicate_basis(&self, data: &Value) -> Option<String> {
        let rule = self.duplicate_rule()?;
        let applicant = applicant_pointers(rule, self.steps())?;
        let mut basis = self.id().to_owned();
        for pointer in &applicant {
            let value = data.pointer(pointer).filter(|v| !blank(v))?;
            basis.push('\n');
            basis.push_str(&folded(value));
        }
        for pointer in &rule.keys {
            basis.push('\n');
            basis.push_str(&data.pointer(pointer).map(folded).unwrap_or_default());
        }
        Some(basis)
    }

    /// The question a void second filing is refused on: the first key answer, else the
    /// first answer naming the applicant.
    pub fn duplicate_pointer(&self) -> Option<String> {
        let rule = self.duplicate_rule()?;
        rule.keys
            .first()
            .cloned()
            .or_else(|| applicant_pointers(rule, self.steps())?.into_iter().next())
    }
}

/// The answers that name the applicant: the rule's, or the name and birth date by meaning.
fn applicant_pointers(rule: &DuplicateRule, steps: &[Step]) -> Option<Vec<String>> {
    if !rule.applicant.is_empty() {
        return Some(rule.applicant.clone());
    }
    let by_meaning = |m: Meaning| {
        every_field(steps)
            .find(|f| f.meaning == Some(m))
            .map(|f| f.pointer.clone())
    };
    Some(vec![
        by_meaning(Meaning::ApplicantName)?,
        by_meaning(Meaning::ApplicantBirthDate)?,
    ])
}

fn every_field(steps: &[Step]) -> impl Iterator<Item = &Field> {
    fn walk<'a>(f: &'a Field, out: &mut Vec<&'a Field>) {
        out.push(f);
        for c in &f.children {
            walk(c, out);
        }
    }
    let mut all = Vec::new();
    for f in steps.iter().flat_map(|s| &s.fields) {
        walk(f, &mut all);
    }
    all.into_iter()
}

fn blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// An answer as compared: text folded, anything else as canonical JSON of folded texts.
fn folded(v: &Value) -> String {
    match v {
        Value::String(s) => fold(s),
        Value::Object(map) => {
            let parts: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{k}={}", folded(v)))
                .collect();
            format!("{{{}}}", parts.join(","))
        }
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(folded).collect();
            format!("[{}]", parts.join(","))
        }
        other => other.to_string(),
    }
}

/// The lint of `procedure.duplicates`: every pointer a question of this form that holds a
/// comparable answer (not a file, a list of items, a booking or a secret), and an applicant
/// to compare.
pub(crate) fn check(
    rule: Option<&DuplicateRule>,
    steps: &[Step],
    push: &mut impl FnMut(String, Localized),
) {
    let Some(rule) = rule else { return };
    let find = |pointer: &str| every_field(steps).find(|f| f.pointer == pointer);
    let lists = [("applicant", &rule.applicant), ("keys", &rule.keys)];
    for (list, pointers) in lists {
        for (i, pointer) in pointers.iter().enumerate() {
            let at = format!("/procedure/duplicates/{list}/{i}");
            match find(pointer) {
                None => push(at, lint_text!(forms_lint_not_field_here, field = pointer)),
                Some(f) if !comparable(f) => {
                    push(at, lint_text!(forms_lint_duplicates_kind, field = pointer))
                }
                Some(_) => {}
            }
        }
    }
    if rule.applicant.is_empty() && applicant_pointers(rule, steps).is_none() {
        push(
            "/procedure/duplicates".into(),
            lint_text!(forms_lint_duplicates_applicant),
        );
    }
}

fn comparable(f: &Field) -> bool {
    !matches!(
        f.kind,
        FieldKind::File | FieldKind::Repeat | FieldKind::Booking | FieldKind::Secret
    )
}

#[cfg(test)]
mod tests;
