//! Compiling a schema safely and turning validator errors into `FieldError`s.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{PatternOptions, ValidationError, Validator};
use serde_json::Value;

use crate::errors::{FieldError, FormErrorCode};
use crate::formats;
use crate::model::{Field, FieldKind};

/// Builds the validator: draft 2020-12, no remote or file references, the linear-time
/// `regex` engine for `pattern`, formats asserted, Japanese formats registered.
pub(crate) fn compile(schema: &Value) -> Result<Validator, String> {
    jsonschema::draft202012::options()
        .offline()
        .with_pattern_options(PatternOptions::regex())
        .should_validate_formats(true)
        .with_format("katakana", formats::is_katakana)
        .with_format("jp-phone", formats::is_jp_phone)
        .with_format("jp-postal-code", formats::is_jp_postal_code)
        .with_format("email", formats::is_email)
        .build(schema)
        .map_err(|e| describe_schema_error(&e))
}

fn describe_schema_error(e: &ValidationError<'_>) -> String {
    let at = e.schema_path().as_str();
    let where_ = if at.is_empty() {
        String::new()
    } else {
        format!(" at {at}")
    };
    format!("the schema is not valid{where_}: {e}")
}

/// Maps one validator error to a field error. `field_at` finds the model field of a pointer.
pub(crate) fn to_field_error<'f>(
    e: &ValidationError<'_>,
    field_at: impl Fn(&str) -> Option<&'f Field>,
) -> FieldError {
    let at = e.instance_path().as_str().to_string();
    let kind_of = |p: &str| field_at(p).map(|f| f.kind.clone());
    match e.kind() {
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            FieldError::new(format!("{at}/{}", escape(name)), FormErrorCode::Required)
        }
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let name = unexpected.first().map(String::as_str).unwrap_or_default();
            FieldError::new(
                format!("{at}/{}", escape(name)),
                FormErrorCode::UnexpectedField,
            )
        }
        ValidationErrorKind::MaxLength { limit } => {
            FieldError::new(at, FormErrorCode::TooLong).with_limit(to_i64(*limit))
        }
        ValidationErrorKind::MinLength { limit } => {
            // An empty string on a required text field reads better as "enter …".
            let code = if *limit == 1 {
                FormErrorCode::Required
            } else {
                FormErrorCode::TooShort
            };
            FieldError::new(at, code).with_limit(to_i64(*limit))
        }
        ValidationErrorKind::Format { format } => {
            let code = match format.as_str() {
                "katakana" => FormErrorCode::NotKatakana,
                "email" => FormErrorCode::NotEmail,
                "jp-phone" => FormErrorCode::NotPhone,
                "jp-postal-code" => FormErrorCode::NotPostalCode,
                "date" => FormErrorCode::NotDate,
                _ => FormErrorCode::Invalid,
            };
            FieldError::new(at, code)
        }
        ValidationErrorKind::Type { kind } => {
            let wants_number =
                matches!(
                    kind,
                    TypeKind::Single(jsonschema::JsonType::Integer | jsonschema::JsonType::Number)
                ) || matches!(kind_of(&at), Some(FieldKind::Integer | FieldKind::Money));
            let code = if wants_number {
                FormErrorCode::NotInteger
            } else {
                FormErrorCode::WrongType
            };
            FieldError::new(at, code)
        }
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit } => {
            let error = FieldError::new(at, FormErrorCode::TooSmall);
            match limit.as_i64() {
                Some(n) if matches!(e.kind(), ValidationErrorKind::ExclusiveMinimum { .. }) => {
                    error.with_limit(n + 1)
                }
                Some(n) => error.with_limit(n),
                None => error,
            }
        }
        ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => {
            let error = FieldError::new(at, FormErrorCode::TooLarge);
            match limit.as_i64() {
                Some(n) if matches!(e.kind(), ValidationErrorKind::ExclusiveMaximum { .. }) => {
                    error.with_limit(n - 1)
                }
                Some(n) => error.with_limit(n),
                None => error,
            }
        }
        ValidationErrorKind::Enum { .. } => FieldError::new(at, FormErrorCode::NotAnOption),
        ValidationErrorKind::Constant { .. } => {
            let code = if kind_of(&at) == Some(FieldKind::Consent) {
                FormErrorCode::MustAccept
            } else {
                FormErrorCode::NotAnOption
            };
            FieldError::new(at, code)
        }
        ValidationErrorKind::MinItems { limit } => {
            FieldError::new(at, FormErrorCode::TooFewChosen).with_limit(to_i64(*limit))
        }
        ValidationErrorKind::MaxItems { limit } => {
            FieldError::new(at, FormErrorCode::TooManyChosen).with_limit(to_i64(*limit))
        }
        ValidationErrorKind::UniqueItems => FieldError::new(at, FormErrorCode::ChosenTwice),
        ValidationErrorKind::Pattern { .. } => FieldError::new(at, FormErrorCode::PatternMismatch),
        _ => FieldError::new(at, FormErrorCode::Invalid),
    }
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// JSON pointer escaping of one segment.
fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}
