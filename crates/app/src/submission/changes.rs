//! What a correction changed in the answers (before and after, My Numbers masked).

use madoguchi_core::Localized;
use madoguchi_forms::{Form, display};
use madoguchi_records::{CorrectionRecord, SubmissionRecord};
use serde_json::Value;

use crate::kernel::{App, AppError};

/// One answer before and after a correction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub label: Localized,
    pub before: Localized,
    pub after: Localized,
}

/// The answers that differ between two versions of a submission, question by question.
pub fn changes_between(form: &Form, before: &Value, after: &Value) -> Vec<Change> {
    let lang_pair = |v: &Value, f: &madoguchi_forms::Field| {
        Localized::new(
            display::answer(f, v, madoguchi_core::Lang::Ja).value,
            display::answer(f, v, madoguchi_core::Lang::En).value,
        )
    };
    let mut seen = Vec::new();
    let mut changes = Vec::new();
    for field in form.questions(before).chain(form.questions(after)) {
        if seen.contains(&field.pointer) {
            continue;
        }
        seen.push(field.pointer.clone());
        if before.pointer(&field.pointer) != after.pointer(&field.pointer) {
            changes.push(Change {
                label: field.label.clone(),
                before: lang_pair(before, field),
                after: lang_pair(after, field),
            });
        }
    }
    changes
}

impl App {
    /// What each correction changed, in the order of `records` (the corrections of `row`,
    /// oldest first); nothing for one not yet answered.
    pub(crate) fn correction_changes(
        &self,
        form: &Form,
        records: &[CorrectionRecord],
        row: &SubmissionRecord,
    ) -> Result<Vec<Vec<Change>>, AppError> {
        let current = self.open_data(form, &row.data)?;
        let mut all = Vec::with_capacity(records.len());
        for (i, c) in records.iter().enumerate() {
            let Some(before) = &c.previous_data else {
                all.push(Vec::new());
                continue;
            };
            let before = self.open_data(form, before)?;
            // The answers after this correction: those before the next answered one, or
            // the current ones.
            let after = match records[i + 1..]
                .iter()
                .find_map(|n| n.previous_data.as_deref())
            {
                Some(next) => self.open_data(form, next)?,
                None => current.clone(),
            };
            all.push(changes_between(form, &before, &after));
        }
        Ok(all)
    }
}
