//! The words of the use cases come from the catalogues (`madoguchi-i18n`, `app.ftl`,
//! `mail.ftl`, …); these helpers turn a catalogue message into the `Localized` a view
//! or an API hands on with every language at once.

use madoguchi_core::Localized;
use madoguchi_i18n::Phrase;

/// A message without arguments in every language (`msg::app_payment_paid::text`).
pub(crate) fn localized(phrase: Phrase) -> Localized {
    Localized::from_fn(|lang| phrase(lang).to_string())
}
