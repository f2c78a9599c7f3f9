//! The messages of an `x-external-check` error: `related` is the system's name
//! `"<ja>|<en>"`; for a refusal it goes on with `|` and the other questions sent with the
//! one the error is on (`"図書館|the library|/library_card_number"`), because the system
//! does not say which answer it did not accept: a wrong card number is refused like a wrong
//! password, so the message names both.

use madoguchi_core::Lang;
use madoguchi_i18n::t;

use super::{FieldError, FormErrorCode, related_name};
use crate::model::Field;

pub(super) fn text(
    error: &FieldError,
    label: &str,
    lang: Lang,
    lookup: &dyn Fn(&str) -> Option<Field>,
) -> String {
    let system = related_name(error, lang);
    match error.code {
        FormErrorCode::ExternalCheckUnavailable => {
            t!(lang, forms_external_check_unavailable, system = system)
        }
        FormErrorCode::ExternalCheckPaused => {
            t!(
                lang,
                forms_external_check_paused,
                label = label,
                system = system
            )
        }
        FormErrorCode::ExternalCheckNeeded => {
            t!(
                lang,
                forms_external_check_needed,
                label = label,
                system = system
            )
        }
        _ => t!(
            lang,
            forms_external_check_refused,
            label = sent_labels(error, label, lang, lookup),
            system = system
        ),
    }
}

/// The labels of the other questions sent, then this one's: "A or B".
fn sent_labels(
    error: &FieldError,
    label: &str,
    lang: Lang,
    lookup: &dyn Fn(&str) -> Option<Field>,
) -> String {
    let others = error
        .related
        .as_deref()
        .unwrap_or_default()
        .splitn(3, '|')
        .nth(2)
        .unwrap_or_default();
    others
        .split(',')
        .filter(|p| !p.is_empty() && *p != error.pointer)
        .map(|p| {
            lookup(p)
                .map(|f| f.message_label().get(lang).to_owned())
                .unwrap_or_else(|| p.to_owned())
        })
        .chain(std::iter::once(label.to_owned()))
        .reduce(|first, second| t!(lang, forms_label_or, first = first, second = second))
        .unwrap_or_default()
}
