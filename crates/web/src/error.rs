//! A page's error: what the person can fix (a 4xx), or ours (a 5xx, with its cause for the
//! log). The page that shows it is drawn in `views/error_page.rs`; its cause is logged
//! once, by the server's request log, when the response goes out (`observe::cause`).

use actix_web::http::StatusCode;
use actix_web::http::header::RETRY_AFTER;
use madoguchi_app::AppError;
use madoguchi_core::{ErrorCode, Lang};

/// An error held for the log: the use case's error with its causes.
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

#[derive(Debug)]
pub struct WebError {
    pub code: ErrorCode,
    pub lang: Lang,
    /// Ours only (5xx): what went wrong, logged once with the request when the response is
    /// sent (see [`crate::logged_cause`]); never shown.
    pub cause: Option<Cause>,
}

impl WebError {
    pub fn new(code: ErrorCode, lang: Lang) -> Self {
        Self {
            code,
            lang,
            cause: None,
        }
    }

    pub fn from_app(e: AppError, lang: Lang) -> Self {
        let code = e.code();
        Self {
            code,
            lang,
            cause: e.is_server_error().then(|| Box::new(e) as Cause),
        }
    }

    /// Ours: a failure outside the use cases (a template, the blocking pool).
    pub fn internal(what: impl Into<Cause>, lang: Lang) -> Self {
        Self {
            code: ErrorCode::Internal,
            lang,
            cause: Some(what.into()),
        }
    }
}

impl std::fmt::Display for WebError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code.code())
    }
}

impl std::error::Error for WebError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.cause
            .as_deref()
            .map(|c| c as &(dyn std::error::Error + 'static))
    }
}

pub fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
        ErrorCode::MalformedRequest
        | ErrorCode::AmbiguousRequest
        | ErrorCode::IdempotencyKeyMissing => StatusCode::BAD_REQUEST,
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
        ErrorCode::TooManyAttempts | ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        // Sent to the sign-in page instead of an error page.
        ErrorCode::LoginRequired => StatusCode::SEE_OTHER,
        ErrorCode::IdentityRequired
        | ErrorCode::SignInRequired
        | ErrorCode::EmailUnconfirmed
        | ErrorCode::AccountUnverified => StatusCode::FORBIDDEN,
        ErrorCode::EmailCodeInvalid => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::AccountLoginFailed => StatusCode::UNAUTHORIZED,
        ErrorCode::AccountThrottled | ErrorCode::StatusLookupThrottled => {
            StatusCode::TOO_MANY_REQUESTS
        }
        ErrorCode::StatusLookupFailed => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::ProcedureIdInvalid | ErrorCode::DefinitionInvalid => {
            StatusCode::UNPROCESSABLE_ENTITY
        }
        ErrorCode::ProcedureIdTaken => StatusCode::CONFLICT,
        ErrorCode::SlotFull => StatusCode::CONFLICT,
        ErrorCode::SlotClosed => StatusCode::CONFLICT,
        ErrorCode::SlotOutOfWindow => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::BookingLimit => StatusCode::CONFLICT,
        ErrorCode::HoldExpired => StatusCode::CONFLICT,
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
        | ErrorCode::SignInUnavailable
        | ErrorCode::ExternalCheckUnavailable => StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// A paused step (429: too many attempts) says when to try again: `Retry-After` in
/// seconds, the throttle's window — the latest the next attempt is let through, since a
/// refused attempt counts too.
pub(crate) fn retry_after_if_paused(res: &mut actix_web::HttpResponseBuilder, status: StatusCode) {
    if status == StatusCode::TOO_MANY_REQUESTS {
        let seconds = madoguchi_app::THROTTLE_WINDOW.num_seconds().max(1);
        res.insert_header((RETRY_AFTER, seconds.to_string()));
    }
}
