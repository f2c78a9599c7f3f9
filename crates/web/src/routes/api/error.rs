//! API failures, answered as JSON: the one error envelope, or 422 with every problem with
//! the answers.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use madoguchi_app::AppError;
use madoguchi_core::{ErrorCode, Localized};
use madoguchi_forms::bounds;
use madoguchi_forms::{FieldError, Form};

use super::bodies::{ErrorBody, ErrorEnvelope, FieldProblem, Invalid, Problem, Text};
use crate::error::status_of;

/// An API failure, answered as JSON.
pub enum ApiError {
    Code(ErrorCode),
    /// Ours (5xx), with what went wrong for the log.
    Failed(ErrorCode, crate::error::Cause),
    /// A code with the lint's findings, in `error.problems`.
    WithProblems(ErrorCode, Vec<Problem>),
    /// Problems with the answers: the first ones (see [`ApiError::invalid`]) and how many
    /// there are in all.
    Invalid {
        errors: Vec<FieldProblem>,
        total: usize,
    },
}

/// What the log shows of a failure (a client's 4xx is logged with this): the code and a
/// count, never the answers or the list of problems, whatever the client sent.
impl std::fmt::Debug for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Code(c) => write!(f, "Code({})", c.code()),
            ApiError::Failed(c, cause) => write!(f, "Failed({}, {cause:?})", c.code()),
            ApiError::WithProblems(c, problems) => {
                write!(
                    f,
                    "WithProblems({}, {} problem(s))",
                    c.code(),
                    problems.len()
                )
            }
            ApiError::Invalid { total, .. } => write!(f, "Invalid({total} problem(s))"),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Code(c) | ApiError::Failed(c, _) | ApiError::WithProblems(c, _) => {
                f.write_str(c.code())
            }
            ApiError::Invalid { total, .. } => write!(f, "{total} validation errors"),
        }
    }
}

impl ApiError {
    pub(crate) fn from_app(e: AppError, form: Option<&Form>) -> Self {
        match e {
            AppError::Validation { errors, .. } => ApiError::invalid(form, &errors),
            e if e.is_server_error() => ApiError::Failed(e.code(), Box::new(e)),
            e => ApiError::Code(e.code()),
        }
    }

    /// The 422 for `errors`: at most the first [`bounds::MAX_SHOWN_ERRORS`], with their messages,
    /// and the count of all (a hostile body must not make a response of megabytes).
    pub(crate) fn invalid(form: Option<&Form>, errors: &[FieldError]) -> Self {
        let (shown, _) = bounds::shown(errors);
        ApiError::Invalid {
            errors: field_problems(form, shown),
            total: errors.len(),
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
            ApiError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
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
        crate::error::retry_after_if_paused(&mut res, self.status_code());
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
            ApiError::Invalid { errors, total } => res.json(Invalid {
                valid: false,
                errors: errors.clone(),
                total: *total,
            }),
        }
    }
}

/// The form engine's errors, with their messages in both languages.
fn field_problems(form: Option<&Form>, errors: &[FieldError]) -> Vec<FieldProblem> {
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

#[cfg(test)]
mod tests {
    use madoguchi_forms::FormErrorCode;

    use super::*;

    #[test]
    fn what_a_refusal_logs_and_answers_is_bounded_whatever_the_count() {
        for n in [1, 100, 101, 5000] {
            let errors: Vec<FieldError> = (0..n)
                .map(|i| FieldError::new(format!("/k{i}"), FormErrorCode::UnexpectedField))
                .collect();
            let e = ApiError::invalid(None, &errors);
            // The request log writes a 4xx with `{:?}`: the count, not the list.
            let logged = format!("{e:?}");
            assert!(logged.contains(&n.to_string()), "{logged}");
            assert!(logged.len() < 64, "{logged}");
            assert!(!logged.contains("/k0"), "{logged}");
            let ApiError::Invalid {
                errors: listed,
                total,
            } = &e
            else {
                panic!("{logged}")
            };
            assert_eq!(*total, n);
            assert_eq!(listed.len(), n.min(bounds::MAX_SHOWN_ERRORS));
            assert_eq!(e.to_string(), format!("{n} validation errors"));
        }
    }
}
