//! Compiling a schema safely and turning validator errors into `FieldError`s.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{PatternOptions, ValidationError, Validator};
use madoguchi_core::Localized;
use serde_json::Value;

use crate::errors::{FieldError, FormErrorCode};
use crate::formats;
use crate::model::{Field, FieldKind};
use crate::rules;

/// Compiled validators by the SHA-256 of their schema's canonical text, shared while any
/// form holds them: the same procedure completed for many cities (a template, whose
/// city values are in its texts, not its schema) compiles its schema once.
static SHARED: std::sync::LazyLock<
    std::sync::Mutex<std::collections::HashMap<String, std::sync::Weak<Validator>>>,
> = std::sync::LazyLock::new(Default::default);

/// `compile`, sharing the validator of an identical schema another form compiled.
pub(crate) fn compile_shared(schema: &Value) -> Result<std::sync::Arc<Validator>, Localized> {
    use sha2::Digest;
    let key = crate::registry::canonical_json(schema);
    let key: String = sha2::Sha256::digest(key.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut shared = match SHARED.lock() {
        Ok(s) => s,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some(v) = shared.get(&key).and_then(std::sync::Weak::upgrade) {
        return Ok(v);
    }
    let v = std::sync::Arc::new(compile(schema)?);
    // Forget the validators no form holds any more before the map grows past them.
    if shared.len() >= 1024 && shared.len().is_power_of_two() {
        shared.retain(|_, w| w.strong_count() > 0);
    }
    shared.insert(key, std::sync::Arc::downgrade(&v));
    Ok(v)
}

/// Builds the validator: draft 2020-12, no remote or file references, the linear-time
/// `regex` engine for `pattern`, formats asserted, Japanese formats registered.
pub(crate) fn compile(schema: &Value) -> Result<Validator, Localized> {
    jsonschema::draft202012::options()
        .offline()
        .with_pattern_options(PatternOptions::regex())
        .should_validate_formats(true)
        .with_format("katakana", formats::is_katakana)
        .with_format("jp-phone", formats::is_jp_phone)
        .with_format("jp-postal-code", formats::is_jp_postal_code)
        .with_format("email", formats::is_email)
        .with_format("my-number", formats::is_my_number)
        .with_format("corporate-number", formats::is_corporate_number)
        .with_format("jp-bank-code", formats::is_bank_code)
        .with_format("jp-branch-code", formats::is_branch_code)
        .with_format("jp-account-number", formats::is_account_number)
        .with_format("bank-kana", formats::is_bank_kana)
        .with_format("booking-slot", formats::is_booking_slot)
        .with_keyword("x-date-order", rules::date_order_factory)
        .with_keyword("x-at-least-one-of", rules::at_least_one_factory)
        .with_keyword("x-age", rules::age_factory)
        .with_keyword("x-date-window", rules::date_window_factory)
        .with_keyword(rules::closed_on::CLOSED_ON, rules::closed_on_factory)
        .build(schema)
        .map_err(|e| describe_schema_error(&e))
}

/// The compiler's refusal, in the lint's words; the compiler's own text is kept as the
/// detail (it names the keyword and value it could not use).
fn describe_schema_error(e: &ValidationError<'_>) -> Localized {
    let at = e.schema_path().as_str();
    if at.is_empty() {
        lint_text!(forms_lint_schema_invalid, error = e.to_string())
    } else {
        lint_text!(forms_lint_schema_invalid_at, at = at, error = e.to_string())
    }
}

/// Maps one validator error to field errors: one, except that every unknown key of an
/// object is reported, each at its own pointer. `field_at` finds the model field of a
/// pointer.
pub(crate) fn to_field_errors(
    e: &ValidationError<'_>,
    field_at: impl Fn(&str) -> Option<Field>,
) -> Vec<FieldError> {
    match e.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let at = e.instance_path().as_str();
            unexpected
                .iter()
                .map(|name| {
                    FieldError::new(
                        format!("{at}/{}", escape(name)),
                        FormErrorCode::UnexpectedField,
                    )
                })
                .collect()
        }
        _ => vec![to_field_error(e, field_at)],
    }
}

/// Maps one validator error to a field error, with the keyword that failed.
fn to_field_error(e: &ValidationError<'_>, field_at: impl Fn(&str) -> Option<Field>) -> FieldError {
    let mut error = field_error(e, field_at);
    // The keyword is the last step of the schema path (`/properties/n/multipleOf`).
    error.keyword = e
        .schema_path()
        .as_str()
        .rsplit('/')
        .next()
        .filter(|k| !k.is_empty())
        .map(|k| k.replace("~1", "/").replace("~0", "~"));
    error
}

fn field_error(e: &ValidationError<'_>, field_at: impl Fn(&str) -> Option<Field>) -> FieldError {
    let at = e.instance_path().as_str().to_string();
    let kind_of = |p: &str| field_at(p).map(|f| f.kind);
    match e.kind() {
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            FieldError::new(format!("{at}/{}", escape(name)), FormErrorCode::Required)
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
                "my-number" => FormErrorCode::NotMyNumber,
                "corporate-number" => FormErrorCode::NotCorporateNumber,
                "jp-bank-code" => FormErrorCode::NotBankCode,
                "jp-branch-code" => FormErrorCode::NotBranchCode,
                "jp-account-number" => FormErrorCode::NotAccountNumber,
                "bank-kana" => FormErrorCode::NotBankKana,
                "booking-slot" => FormErrorCode::SlotInvalid,
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
            let code = if kind_of(&at) == Some(FieldKind::Repeat) {
                FormErrorCode::TooFewItems
            } else {
                FormErrorCode::TooFewChosen
            };
            FieldError::new(at, code).with_limit(to_i64(*limit))
        }
        ValidationErrorKind::MaxItems { limit } => {
            let code = if kind_of(&at) == Some(FieldKind::Repeat) {
                FormErrorCode::TooManyItems
            } else {
                FormErrorCode::TooManyChosen
            };
            FieldError::new(at, code).with_limit(to_i64(*limit))
        }
        ValidationErrorKind::Custom { message, .. } => rule_error(&at, message),
        ValidationErrorKind::UniqueItems => FieldError::new(at, FormErrorCode::ChosenTwice),
        ValidationErrorKind::Pattern { .. } => FieldError::new(at, FormErrorCode::PatternMismatch),
        _ => FieldError::new(at, FormErrorCode::Invalid),
    }
}

/// A failed cross-field rule: its message carries where and what (see `rules::encode`).
fn rule_error(at: &str, message: &str) -> FieldError {
    let Ok(v) = serde_json::from_str::<Value>(message) else {
        return FieldError::new(at, FormErrorCode::Invalid);
    };
    let code = FormErrorCode::ALL
        .into_iter()
        .find(|c| Some(c.code()) == v["code"].as_str())
        .unwrap_or(FormErrorCode::Invalid);
    let rel = |p: &str| format!("{at}{p}");
    let mut e = FieldError::new(rel(v["at"].as_str().unwrap_or_default()), code);
    e.limit = v["limit"].as_i64();
    e.lower = v["lower"].as_i64();
    e.related = v["related"].as_str().map(|r| {
        if matches!(
            code,
            FormErrorCode::AgeOutOfRange | FormErrorCode::ClosedDay
        ) {
            r.to_string()
        } else {
            r.split(',').map(rel).collect::<Vec<_>>().join(",")
        }
    });
    e
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// JSON pointer escaping of one segment.
fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}
