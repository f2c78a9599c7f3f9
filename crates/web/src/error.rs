//! Errors as pages. The person's mistakes get a 4xx page that says what to do; ours get a
//! 5xx page that gives nothing away, and are logged once with their cause.

use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_TYPE, LOCATION, RETRY_AFTER};
use actix_web::{HttpResponse, ResponseError};
use askama::Template;
use madoguchi_app::AppError;
use madoguchi_core::{ErrorCode, Lang};

use crate::views::Page;

#[derive(Debug)]
pub struct WebError {
    pub code: ErrorCode,
    pub lang: Lang,
}

impl WebError {
    pub fn new(code: ErrorCode, lang: Lang) -> Self {
        Self { code, lang }
    }

    pub fn from_app(e: AppError, lang: Lang) -> Self {
        if e.is_server_error() {
            tracing::error!(error = %e, "request failed");
        }
        Self::new(e.code(), lang)
    }

    pub fn internal(what: impl std::fmt::Display, lang: Lang) -> Self {
        tracing::error!(error = %what, "request failed");
        Self::new(ErrorCode::Internal, lang)
    }
}

impl std::fmt::Display for WebError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code.code())
    }
}

pub fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::MalformedRequest | ErrorCode::IdempotencyKeyMissing => StatusCode::BAD_REQUEST,
        ErrorCode::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorCode::CsrfFailed => StatusCode::FORBIDDEN,
        ErrorCode::ValidationFailed
        | ErrorCode::IdempotencyKeyReused
        | ErrorCode::ReasonRequired
        | ErrorCode::ReasonTooLong
        | ErrorCode::CorrectionFieldsMissing
        | ErrorCode::DeadlineInvalid
        | ErrorCode::ExtensionInvalid
        | ErrorCode::AssigneeInvalid
        | ErrorCode::PasswordWeak
        | ErrorCode::LoginTaken
        | ErrorCode::StaffInvalid
        | ErrorCode::StaffSelf
        | ErrorCode::ExportTooLarge
        | ErrorCode::CounterNothingReady
        | ErrorCode::SelectionInvalid
        | ErrorCode::ExportMixedProcedures
        | ErrorCode::TooManyFiles
        | ErrorCode::FileRejected
        | ErrorCode::IdentityUnchecked
        | ErrorCode::FeeUnpaid
        | ErrorCode::EmailInvalid => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::LinkExpired => StatusCode::GONE,
        ErrorCode::CounterCodeInvalid | ErrorCode::FileNameInvalid => StatusCode::BAD_REQUEST,
        ErrorCode::FileTypeNotAllowed => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorCode::FileTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::CounterCodeExpired => StatusCode::GONE,
        ErrorCode::CounterFiled => StatusCode::CONFLICT,
        ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::DraftMissing | ErrorCode::InvalidTransition => StatusCode::CONFLICT,
        ErrorCode::LoginFailed | ErrorCode::CodeInvalid => StatusCode::UNAUTHORIZED,
        ErrorCode::TooManyAttempts => StatusCode::TOO_MANY_REQUESTS,
        // Sent to the sign-in page instead of an error page.
        ErrorCode::LoginRequired => StatusCode::SEE_OTHER,
        ErrorCode::IdentityRequired
        | ErrorCode::SignInRequired
        | ErrorCode::EmailUnconfirmed
        | ErrorCode::AccountUnverified => StatusCode::FORBIDDEN,
        ErrorCode::EmailCodeInvalid => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::AccountLoginFailed => StatusCode::UNAUTHORIZED,
        ErrorCode::AccountThrottled => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::ProcedureIdInvalid | ErrorCode::DefinitionInvalid => {
            StatusCode::UNPROCESSABLE_ENTITY
        }
        ErrorCode::ProcedureIdTaken => StatusCode::CONFLICT,
        ErrorCode::ApiTokenInvalid => StatusCode::UNAUTHORIZED,
        ErrorCode::ApiTokenReadOnly => StatusCode::FORBIDDEN,
        ErrorCode::TokenNameInvalid
        | ErrorCode::WebhookUrlInvalid
        | ErrorCode::WebhookEventsMissing => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::ProcedureRetired => StatusCode::GONE,
        ErrorCode::ImportInvalid => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::SignInFailed => StatusCode::BAD_REQUEST,
        ErrorCode::ServiceUnavailable
        | ErrorCode::PaymentUnavailable
        | ErrorCode::SignInUnavailable => StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    page: Page,
    heading: &'a str,
    todo: &'a str,
    code: &'a str,
}

impl ResponseError for WebError {
    fn status_code(&self) -> StatusCode {
        status_of(self.code)
    }

    fn error_response(&self) -> HttpResponse {
        if self.code == ErrorCode::LoginRequired {
            return HttpResponse::SeeOther()
                .insert_header((LOCATION, "/office/login"))
                .finish();
        }
        let (heading, todo) = self.code.message(self.lang);
        let page = ErrorPage {
            page: Page::new(self.lang, heading, "/"),
            heading,
            todo,
            code: self.code.code(),
        };
        let mut res = HttpResponse::build(self.status_code());
        if self.code == ErrorCode::ServiceUnavailable {
            res.insert_header((RETRY_AFTER, "5"));
        }
        match page.render() {
            Ok(html) => res
                .insert_header((CONTENT_TYPE, "text/html; charset=utf-8"))
                .body(html),
            Err(_) => res
                .insert_header((CONTENT_TYPE, "text/plain; charset=utf-8"))
                .body(heading.to_string()),
        }
    }
}
