//! What went wrong in a use case. The first group is the person's to fix (4xx, each with an
//! [`ErrorCode`] the pages and the API word in their own way); the last three are ours
//! (503 when the database or something the operator provides is away, 500 otherwise), and
//! keep the error that caused them as their `source()`, so the log shows the whole chain.

use std::error::Error as StdError;

use madoguchi_core::ErrorCode;
use madoguchi_forms::FieldError;
use madoguchi_records::StoreError;

/// A cause kept for the log.
pub type Cause = Box<dyn StdError + Send + Sync + 'static>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("the answers have {} problem(s)", errors.len())]
    Validation {
        /// The step to show the errors on.
        step: String,
        errors: Vec<FieldError>,
    },
    #[error("no draft for this procedure in this session")]
    DraftMissing,
    #[error("missing or malformed idempotency key")]
    IdempotencyKeyMissing,
    #[error("idempotency key reused for a different submission")]
    IdempotencyKeyReused,
    #[error("wrong login or password")]
    LoginFailed,
    #[error("too many failed sign-ins")]
    TooManyAttempts,
    #[error("wrong or used authenticator code")]
    CodeInvalid,
    #[error("sign-in required")]
    LoginRequired,
    #[error("transition not allowed from the current state")]
    InvalidTransition,
    #[error("a reason is required")]
    ReasonRequired,
    #[error("the reason is too long")]
    ReasonTooLong,
    /// The role does not allow the action (a clerk assigning work, an author deciding).
    #[error("not allowed for this role")]
    Forbidden,
    /// The request cannot be carried out as made; the code says what to fix (a login
    /// taken, a procedure retired, a correction deadline too far…).
    #[error("refused: {}", .0.code())]
    Refused(ErrorCode),
    /// An outside service could not be used — the payment provider (`PaymentUnavailable`:
    /// the filing is intact) or the identity provider (`SignInUnavailable`).
    #[error("outside service: {}", .0.code())]
    Outside(ErrorCode),
    /// A payment webhook failed its checks (signature, replay window, body).
    #[error("payment webhook refused")]
    WebhookRefused(#[source] madoguchi_payment::WebhookError),
    /// The database failed or refused (a unique constraint, an outage).
    #[error("storage")]
    Store(#[from] StoreError),
    /// Something the service needs is missing now (a font for PDFs); the operator must act.
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// Ours: what we were doing, and the error that stopped it (none when a rule of our
    /// own did not hold).
    #[error("internal error: {what}")]
    Internal {
        what: String,
        #[source]
        cause: Option<Cause>,
    },
}

impl AppError {
    /// Ours, caused by `cause` while doing `what`.
    pub fn internal(what: impl Into<String>, cause: impl Into<Cause>) -> Self {
        AppError::Internal {
            what: what.into(),
            cause: Some(cause.into()),
        }
    }

    /// Ours, with no error underneath: a rule of our own did not hold (a stored row
    /// without its parent, a loop that did not end).
    pub fn broken(what: impl Into<String>) -> Self {
        AppError::Internal {
            what: what.into(),
            cause: None,
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::NotFound => ErrorCode::NotFound,
            AppError::Validation { .. } => ErrorCode::ValidationFailed,
            AppError::DraftMissing => ErrorCode::DraftMissing,
            AppError::IdempotencyKeyMissing => ErrorCode::IdempotencyKeyMissing,
            AppError::IdempotencyKeyReused => ErrorCode::IdempotencyKeyReused,
            AppError::LoginFailed => ErrorCode::LoginFailed,
            AppError::TooManyAttempts => ErrorCode::TooManyAttempts,
            AppError::CodeInvalid => ErrorCode::CodeInvalid,
            AppError::LoginRequired => ErrorCode::LoginRequired,
            AppError::InvalidTransition => ErrorCode::InvalidTransition,
            AppError::ReasonRequired => ErrorCode::ReasonRequired,
            AppError::ReasonTooLong => ErrorCode::ReasonTooLong,
            AppError::Forbidden => ErrorCode::Forbidden,
            AppError::Refused(code) | AppError::Outside(code) => *code,
            AppError::WebhookRefused(_) => ErrorCode::MalformedRequest,
            AppError::Store(e) if e.is_unavailable() => ErrorCode::ServiceUnavailable,
            AppError::Store(_) => ErrorCode::Internal,
            AppError::Unavailable(_) => ErrorCode::ServiceUnavailable,
            AppError::Internal { .. } => ErrorCode::Internal,
        }
    }

    /// True for errors that are ours rather than the person's.
    pub fn is_server_error(&self) -> bool {
        matches!(
            self,
            AppError::Store(_) | AppError::Internal { .. } | AppError::Unavailable(_)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_internal_error_keeps_its_cause() {
        let io = std::io::Error::other("disk on fire");
        let e = AppError::internal("file store", io);
        assert_eq!(e.to_string(), "internal error: file store");
        let cause = e.source().map(ToString::to_string);
        assert_eq!(cause.as_deref(), Some("disk on fire"));
        assert!(AppError::broken("a rule").source().is_none());
        let store = AppError::from(StoreError::Unavailable("pool timed out".into()));
        assert_eq!(
            store.source().map(ToString::to_string).as_deref(),
            Some("database unavailable: pool timed out")
        );
        assert_eq!(store.code(), ErrorCode::ServiceUnavailable);
    }
}
