//! The mark a draft keeps when another system checked its answers (`x-external-check`, see
//! `filing::external_check`), and whether a filing's answers still carry it. The secret
//! itself is never kept: the mark holds the system, when, and a digest of the other
//! answers it checked, so a changed card number voids it.

use chrono::{DateTime, Utc};
use madoguchi_forms::registry::{ExternalCheck, canonical_json};
use madoguchi_forms::{FieldError, Form, FormErrorCode};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::kernel::AppError;
use crate::kernel::tokens::sha256_hex;

/// That the answers were checked: kept in the draft (`drafts.external_check`) instead of
/// the secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CheckMark {
    pub system: String,
    pub checked_at: DateTime<Utc>,
    /// SHA-256 of the answers sent but the secret (the card number): a mark holds only
    /// while they are unchanged.
    pub answers: String,
}

impl CheckMark {
    /// The mark as stored.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The digest of what `check` sends of `data`, secrets left out.
pub(crate) fn answers_digest(form: &Form, check: &ExternalCheck, data: &Value) -> String {
    let open: Map<String, Value> = check
        .payload(data)
        .into_iter()
        .filter(|(name, _)| !form.is_secret(&format!("/{name}")))
        .collect();
    sha256_hex(format!("{}\n{}", check.system, canonical_json(&Value::Object(open))).as_bytes())
}

/// The error of `code` on the check's question, naming the system; a refusal also names
/// the other questions sent (the system does not say which answer it refused).
pub(crate) fn error_of(check: &ExternalCheck, code: FormErrorCode) -> FieldError {
    let mut e = FieldError::new(check.error_field.clone(), code);
    e.related = Some(match code {
        FormErrorCode::ExternalCheckRefused => {
            let others: Vec<&str> = check
                .sends
                .iter()
                .map(String::as_str)
                .filter(|p| *p != check.error_field)
                .collect();
            format!("{}|{}", check.related(), others.join(","))
        }
        _ => check.related(),
    });
    e
}

/// Whether `stored` (a draft's mark) says the form's check passed for these answers.
pub(crate) fn mark_holds(form: &Form, stored: Option<&str>, data: &Value) -> bool {
    let Some(check) = form.external_check() else {
        return true;
    };
    stored
        .and_then(|s| serde_json::from_str::<CheckMark>(s).ok())
        .is_some_and(|m| m.system == check.system && m.answers == answers_digest(form, check, data))
}

/// The refusal of a filing without a holding mark: on the secret's step, asking for it
/// again.
pub(crate) fn check_needed(form: &Form) -> AppError {
    let Some(check) = form.external_check() else {
        return AppError::broken("check needed on a form without one");
    };
    let step = form
        .steps()
        .iter()
        .find(|s| s.owns_pointer(&check.error_field))
        .map(|s| s.id.clone())
        .unwrap_or_default();
    AppError::Validation {
        step,
        errors: vec![error_of(check, FormErrorCode::ExternalCheckNeeded)],
    }
}
