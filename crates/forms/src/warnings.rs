//! Warnings: answers the form accepts but that the resident and the clerk should know
//! about (a notification past its legal period). They never stop a filing.

use madoguchi_core::{Lang, Localized};
use madoguchi_i18n::t;
use serde::Serialize;

use crate::errors::{FieldError, FormErrorCode, window_ends};
use crate::model::Field;

/// One warning on one field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldWarning {
    /// JSON pointer of the field (`/visit_date`).
    pub pointer: String,
    /// `date_too_early` or `date_too_late`: which side of the window the date is on.
    pub code: FormErrorCode,
    /// What the resident and the clerk read: the field, the window's end it passed, what
    /// that means (the rule's message) and that the filing can still be sent.
    pub message: Localized,
}

/// The text of a date outside a warning window: 「来庁日が転入日の14日後（…）より後です。…」.
pub(crate) fn date_warning_message(
    outside: &FieldError,
    field: Option<&Field>,
    lookup: &dyn Fn(&str) -> Option<Field>,
    meaning: &Localized,
) -> Localized {
    Localized::from_fn(|lang: Lang| {
        let label = match field {
            Some(f) => f.message_label().get(lang).to_owned(),
            None => outside.pointer.clone(),
        };
        let (from, to) = window_ends(outside, field, lang, lookup);
        let meaning = meaning.get(lang);
        match (outside.code, from, to) {
            (FormErrorCode::DateTooEarly, Some(date), _) => t!(
                lang,
                forms_date_warning_before,
                label = label,
                date = date,
                meaning = meaning
            ),
            (_, _, Some(date)) => t!(
                lang,
                forms_date_warning_after,
                label = label,
                date = date,
                meaning = meaning
            ),
            // Each warning passes one end; without it, the rule's words alone.
            _ => meaning.to_owned(),
        }
    })
}
