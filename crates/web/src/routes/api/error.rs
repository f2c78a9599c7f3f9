//! API failures, answered as JSON: the one error envelope, or 422 with every problem with
//! the answers.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use madoguchi_app::AppError;
use madoguchi_core::{ErrorCode, Localized};
use madoguchi_forms::{FieldError, Form};

use super::bodies::{ErrorBody, ErrorEnvelope, FieldProblem, Invalid, Problem, Text};
use crate::error::status_of;

/// An API failure, answered as JSON.
#[derive(Debug)]
pub enum ApiError {
    Code(ErrorCode),
    /// Ours (5xx), with what went wrong for the log.
    Failed(ErrorCode, crate::error::Cause),
    /// A code with the lint's findings, in `error.problems`.
    WithProblems(ErrorCode, Vec<Problem>),
    Invalid(Vec<FieldProblem>),
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Code(c) | ApiError::Failed(c, _) | ApiError::WithProblems(c, _) => {
                f.write_str(c.code())
            }
            ApiError::Invalid(e) => write!(f, "{} validation errors", e.len()),
        }
    }
}

impl ApiError {
    pub(crate) fn from_app(e: AppError, form: Option<&Form>) -> Self {
        match e {
            AppError::Validation { errors, .. } => ApiError::Invalid(field_problems(form, &errors)),
            e if e.is_server_error() => ApiError::Failed(e.code(), Box::new(e)),
            e => ApiError::Code(e.code()),
        }
    }

    /// What went wrong, for the log (ours only).
    pub(crate) fn cause(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ApiError::Failed(_, cause) => Some(cause.as_ref()),
            _ => None,
        }
    }
}

/// The envelope of `code`, with the API's words for it (`api-error-<code>`, written for
/// a client program, unlike the pages' `error-<code>-title`/`-todo`).
fn envelope(code: ErrorCode, problems: Option<Vec<Problem>>) -> ErrorEnvelope {
    let message = Localized::from_fn(|lang| code.api_message(lang).to_string());
    ErrorEnvelope {
        error: ErrorBody {
            code: code.code().to_string(),
            message: Text::from(&message),
            problems,
        },
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Code(c) | ApiError::Failed(c, _) | ApiError::WithProblems(c, _) => {
                status_of(*c)
            }
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let mut res = HttpResponse::build(self.status_code());
        if matches!(
            self,
            ApiError::Code(ErrorCode::ServiceUnavailable)
                | ApiError::Failed(ErrorCode::ServiceUnavailable, _)
        ) {
            res.insert_header(("Retry-After", "5"));
        }
        if matches!(
            self,
            ApiError::Code(
                ErrorCode::PayloadTooLarge | ErrorCode::FileTooLarge | ErrorCode::RequestTimeout
            )
        ) {
            // The rest of a refused body may still be on its way: do not reuse the connection.
            res.force_close();
        }
        if matches!(self, ApiError::Code(ErrorCode::ApiTokenInvalid)) {
            res.insert_header(("WWW-Authenticate", "Bearer realm=\"madoguchi\""));
        }
        match self {
            ApiError::Code(c) | ApiError::Failed(c, _) => res.json(envelope(*c, None)),
            ApiError::WithProblems(c, problems) => res.json(envelope(*c, Some(problems.clone()))),
            ApiError::Invalid(errors) => res.json(Invalid {
                valid: false,
                errors: errors.clone(),
            }),
        }
    }
}

/// The form engine's errors, with their messages in both languages.
pub(crate) fn field_problems(form: Option<&Form>, errors: &[FieldError]) -> Vec<FieldProblem> {
    errors
        .iter()
        .map(|e| {
            let message: Localized = form.map(|f| f.message(e)).unwrap_or_default();
            FieldProblem {
                pointer: e.pointer.clone(),
                code: e.code.code().to_string(),
                message: Text::from(&message),
            }
        })
        .collect()
}
