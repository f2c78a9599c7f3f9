//! The message of `office_not_for_address`: the office chosen is not one of the routed
//! ward's, so it names the ward and its offices (the option labels) to choose from.

use madoguchi_core::Lang;
use madoguchi_i18n::t;

use super::FieldError;
use crate::model::Field;

/// `error.related` is `"<ward ja>|<ward en>|<postal-code pointer>|<option>,<option>"`.
pub(super) fn text(
    error: &FieldError,
    field: Option<&Field>,
    label: &str,
    lang: Lang,
    lookup: &dyn Fn(&str) -> Option<Field>,
) -> String {
    let mut parts = error.related.as_deref().unwrap_or_default().splitn(4, '|');
    let (ja, en) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let ward = if lang == Lang::Ja { ja } else { en };
    let postal_pointer = parts.next().unwrap_or_default();
    let postal = lookup(postal_pointer)
        .map(|f| f.message_label().get(lang).to_owned())
        .unwrap_or_else(|| postal_pointer.to_owned());
    let offices = parts
        .next()
        .unwrap_or_default()
        .split(',')
        .filter(|o| !o.is_empty())
        .map(|value| {
            field
                .and_then(|f| f.options.iter().find(|o| o.value == value))
                .map(|o| o.label.get(lang).to_owned())
                .unwrap_or_else(|| value.to_owned())
        })
        .reduce(|first, second| t!(lang, forms_label_or, first = first, second = second))
        .unwrap_or_default();
    t!(
        lang,
        forms_office_not_for_address,
        label = label,
        ward = ward,
        offices = offices,
        postal = postal
    )
}
