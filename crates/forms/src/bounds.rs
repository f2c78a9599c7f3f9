//! What one set of answers may cost. A hostile body (thousands of empty list items,
//! thousands of unknown keys) must not turn into thousands of messages: a list longer than
//! its question allows is refused before its items are validated (only the items up to
//! the limit are), and a response shows at most [`MAX_SHOWN_ERRORS`] problems with the
//! count of all of them.

use serde_json::Value;

use crate::errors::{FieldError, FormErrorCode};
use crate::model::{Field, FieldKind};

/// The most items of a list (a repeatable group, the choices of a multiple choice) read
/// or validated, whatever the definition says.
pub const MAX_ITEMS: usize = 100;

/// The most problems one response lists; it says how many there are in all.
pub const MAX_SHOWN_ERRORS: usize = 100;

/// The most items the list question `field` takes: its `maxItems`, else for a multiple
/// choice its number of options (each may be chosen once), never over [`MAX_ITEMS`].
pub fn item_limit(field: &Field) -> usize {
    let declared = field
        .max_items
        .map(|m| usize::try_from(m).unwrap_or(MAX_ITEMS));
    let options = (field.kind == FieldKind::MultiChoice && !field.options.is_empty())
        .then_some(field.options.len());
    declared.or(options).unwrap_or(MAX_ITEMS).min(MAX_ITEMS)
}

/// The lists in `value` (the answer to `field`, at pointer `at`) longer than their question
/// allows: one error each, found by walking the questions, not the items of a refused list.
pub(crate) fn overlong(field: &Field, value: Option<&Value>, at: &str, out: &mut Vec<FieldError>) {
    match (&field.kind, value) {
        (FieldKind::Repeat | FieldKind::MultiChoice, Some(Value::Array(items))) => {
            let limit = item_limit(field);
            if items.len() > limit {
                let code = if field.kind == FieldKind::Repeat {
                    FormErrorCode::TooManyItems
                } else {
                    FormErrorCode::TooManyChosen
                };
                let limit = i64::try_from(limit).unwrap_or(i64::MAX);
                out.push(FieldError::new(at, code).with_limit(limit));
                return;
            }
            if field.kind == FieldKind::Repeat {
                for (i, item) in items.iter().enumerate() {
                    for child in &field.children {
                        let child_at = format!("{at}/{i}/{}", child.key());
                        overlong(child, item.get(child.key()), &child_at, out);
                    }
                }
            }
        }
        (FieldKind::Group, Some(Value::Object(inner))) => {
            for child in &field.children {
                let child_at = format!("{at}/{}", child.key());
                overlong(child, inner.get(child.key()), &child_at, out);
            }
        }
        _ => {}
    }
}

/// `data` with each list refused by [`overlong`] cut to its limit, so that validating it
/// costs what a list at the limit costs.
pub(crate) fn cut_to_limits(data: &Value, overlong: &[FieldError]) -> Value {
    let mut cut = data.clone();
    for error in overlong {
        let limit = error
            .limit
            .and_then(|l| usize::try_from(l).ok())
            .unwrap_or(MAX_ITEMS);
        if let Some(Value::Array(items)) = cut.pointer_mut(&error.pointer) {
            items.truncate(limit);
        }
    }
    cut
}

/// The errors a response lists (the first [`MAX_SHOWN_ERRORS`], in the order given) and
/// how many more there are.
pub fn shown(errors: &[FieldError]) -> (&[FieldError], usize) {
    let shown = &errors[..errors.len().min(MAX_SHOWN_ERRORS)];
    (shown, errors.len() - shown.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_most_the_cap_is_shown_and_the_rest_is_counted() {
        for n in [
            0,
            1,
            MAX_SHOWN_ERRORS - 1,
            MAX_SHOWN_ERRORS,
            MAX_SHOWN_ERRORS + 1,
            5000,
        ] {
            let errors: Vec<FieldError> = (0..n)
                .map(|i| FieldError::new(format!("/x{i}"), FormErrorCode::UnexpectedField))
                .collect();
            let (listed, more) = shown(&errors);
            assert_eq!(listed.len(), n.min(MAX_SHOWN_ERRORS), "{n}");
            assert_eq!(listed.len() + more, n, "{n}");
            assert_eq!(listed, &errors[..listed.len()], "the first ones, in order");
        }
    }
}
