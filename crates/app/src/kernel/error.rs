use madoguchi_core::ErrorCode;
use madoguchi_forms::FieldError;
use madoguchi_records::StoreError;

/// What went wrong in a use case. The first group is the person's to fix (4xx); the last
/// two are ours (503 when the database is away or busy, 500 otherwise).
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
    /// A clerk's request could not be carried out as entered (what to fix is in the code).
    #[error("review input: {0:?}")]
    ReviewInput(ErrorCode),
    /// An outside service could not be used — the payment provider (`PaymentUnavailable`:
    /// the filing is intact) or the identity provider (`SignInUnavailable`).
    #[error("outside service: {0:?}")]
    Outside(ErrorCode),
    /// A payment webhook failed its checks (signature, replay window, body).
    #[error("payment webhook refused: {0}")]
    WebhookRefused(madoguchi_payment::WebhookError),
    /// The database failed or refused (a unique constraint, an outage).
    #[error("storage: {0}")]
    Store(StoreError),
    /// Something the service needs is missing now (a font for PDFs); the operator must act.
    #[error("unavailable: {0}")]
    Unavailable(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
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
            AppError::ReviewInput(code) | AppError::Outside(code) => *code,
            AppError::WebhookRefused(_) => ErrorCode::MalformedRequest,
            AppError::Store(e) if e.is_unavailable() => ErrorCode::ServiceUnavailable,
            AppError::Store(_) => ErrorCode::Internal,
            AppError::Unavailable(_) => ErrorCode::ServiceUnavailable,
            AppError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// True for errors that are ours rather than the person's.
    pub fn is_server_error(&self) -> bool {
        matches!(
            self,
            AppError::Store(_) | AppError::Internal(_) | AppError::Unavailable(_)
        )
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError::Store(e)
    }
}
