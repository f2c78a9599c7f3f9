//! Stable error codes that clients and pages see. The code is the contract (snake_case,
//! never reworded); the messages are for people, in every language, from the catalogue
//! (`crates/i18n/locales/*/errors.ftl`). Because the code → message table is an exhaustive
//! `match` over generated accessors, a new code without both messages does not compile.

use serde::{Serialize, Serializer};

use crate::Lang;

mod api;
mod texts;

/// (title, what to do) in one language.
pub type Message = (&'static str, &'static str);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    NotFound,
    MethodNotAllowed,
    PayloadTooLarge,
    RequestTimeout,
    MalformedRequest,
    AmbiguousRequest,
    UnsupportedMediaType,
    CsrfFailed,
    ValidationFailed,
    IdempotencyKeyMissing,
    IdempotencyKeyReused,
    DraftMissing,
    LoginFailed,
    LoginRequired,
    TooManyAttempts,
    /// Too many requests from one address to the anonymous API in the current minute.
    RateLimited,
    CodeInvalid,
    InvalidTransition,
    ReasonRequired,
    ReasonTooLong,
    Forbidden,
    CorrectionFieldsMissing,
    DeadlineInvalid,
    ExtensionInvalid,
    AssigneeInvalid,
    PasswordWeak,
    LoginTaken,
    StaffInvalid,
    StaffSelf,
    ExportTooLarge,
    SelectionInvalid,
    ExportMixedProcedures,
    FileNameInvalid,
    FileTypeNotAllowed,
    FileTooLarge,
    TooManyFiles,
    FileRejected,
    CounterCodeInvalid,
    CounterCodeExpired,
    CounterFiled,
    CounterNothingReady,
    IdentityUnchecked,
    FeeUnpaid,
    PaymentUnavailable,
    IdentityRequired,
    SignInFailed,
    SignInUnavailable,
    /// The system that checks a form's answers (a library's, `x-external-check`) cannot be
    /// reached: nothing was filed.
    ExternalCheckUnavailable,
    EmailInvalid,
    LinkExpired,
    SignInRequired,
    EmailUnconfirmed,
    EmailCodeInvalid,
    AccountUnverified,
    AccountLoginFailed,
    AccountThrottled,
    /// The arrival number and the status look-up key do not match a filing.
    StatusLookupFailed,
    /// Status look-ups paused after repeated failures (for the filing or the address).
    StatusLookupThrottled,
    ProcedureIdInvalid,
    ProcedureIdTaken,
    DefinitionInvalid,
    SlotFull,
    SlotClosed,
    SlotOutOfWindow,
    BookingLimit,
    HoldExpired,
    ApiTokenInvalid,
    ApiTokenReadOnly,
    TokenNameInvalid,
    WebhookUrlInvalid,
    WebhookEventsMissing,
    ProcedureRetired,
    ImportInvalid,
    ServiceUnavailable,
    Internal,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 75] = [
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::PayloadTooLarge,
        ErrorCode::RequestTimeout,
        ErrorCode::MalformedRequest,
        ErrorCode::AmbiguousRequest,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::CsrfFailed,
        ErrorCode::ValidationFailed,
        ErrorCode::IdempotencyKeyMissing,
        ErrorCode::IdempotencyKeyReused,
        ErrorCode::DraftMissing,
        ErrorCode::LoginFailed,
        ErrorCode::LoginRequired,
        ErrorCode::TooManyAttempts,
        ErrorCode::RateLimited,
        ErrorCode::CodeInvalid,
        ErrorCode::InvalidTransition,
        ErrorCode::ReasonRequired,
        ErrorCode::ReasonTooLong,
        ErrorCode::Forbidden,
        ErrorCode::CorrectionFieldsMissing,
        ErrorCode::DeadlineInvalid,
        ErrorCode::ExtensionInvalid,
        ErrorCode::AssigneeInvalid,
        ErrorCode::PasswordWeak,
        ErrorCode::LoginTaken,
        ErrorCode::StaffInvalid,
        ErrorCode::StaffSelf,
        ErrorCode::ExportTooLarge,
        ErrorCode::SelectionInvalid,
        ErrorCode::ExportMixedProcedures,
        ErrorCode::FileNameInvalid,
        ErrorCode::FileTypeNotAllowed,
        ErrorCode::FileTooLarge,
        ErrorCode::TooManyFiles,
        ErrorCode::FileRejected,
        ErrorCode::CounterCodeInvalid,
        ErrorCode::CounterCodeExpired,
        ErrorCode::CounterFiled,
        ErrorCode::CounterNothingReady,
        ErrorCode::IdentityUnchecked,
        ErrorCode::FeeUnpaid,
        ErrorCode::PaymentUnavailable,
        ErrorCode::IdentityRequired,
        ErrorCode::SignInFailed,
        ErrorCode::SignInUnavailable,
        ErrorCode::ExternalCheckUnavailable,
        ErrorCode::EmailInvalid,
        ErrorCode::LinkExpired,
        ErrorCode::SignInRequired,
        ErrorCode::EmailUnconfirmed,
        ErrorCode::EmailCodeInvalid,
        ErrorCode::AccountUnverified,
        ErrorCode::AccountLoginFailed,
        ErrorCode::AccountThrottled,
        ErrorCode::StatusLookupFailed,
        ErrorCode::StatusLookupThrottled,
        ErrorCode::ProcedureIdInvalid,
        ErrorCode::ProcedureIdTaken,
        ErrorCode::DefinitionInvalid,
        ErrorCode::SlotFull,
        ErrorCode::SlotClosed,
        ErrorCode::SlotOutOfWindow,
        ErrorCode::BookingLimit,
        ErrorCode::HoldExpired,
        ErrorCode::ApiTokenInvalid,
        ErrorCode::ApiTokenReadOnly,
        ErrorCode::TokenNameInvalid,
        ErrorCode::WebhookUrlInvalid,
        ErrorCode::WebhookEventsMissing,
        ErrorCode::ProcedureRetired,
        ErrorCode::ImportInvalid,
        ErrorCode::ServiceUnavailable,
        ErrorCode::Internal,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::RequestTimeout => "request_timeout",
            ErrorCode::MalformedRequest => "malformed_request",
            ErrorCode::AmbiguousRequest => "ambiguous_request",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::CsrfFailed => "csrf_failed",
            ErrorCode::ValidationFailed => "validation_failed",
            ErrorCode::IdempotencyKeyMissing => "idempotency_key_missing",
            ErrorCode::IdempotencyKeyReused => "idempotency_key_reused",
            ErrorCode::DraftMissing => "draft_missing",
            ErrorCode::LoginFailed => "login_failed",
            ErrorCode::LoginRequired => "login_required",
            ErrorCode::TooManyAttempts => "too_many_attempts",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::CodeInvalid => "code_invalid",
            ErrorCode::InvalidTransition => "invalid_transition",
            ErrorCode::ReasonRequired => "reason_required",
            ErrorCode::ReasonTooLong => "reason_too_long",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::CorrectionFieldsMissing => "correction_fields_missing",
            ErrorCode::DeadlineInvalid => "deadline_invalid",
            ErrorCode::ExtensionInvalid => "extension_invalid",
            ErrorCode::AssigneeInvalid => "assignee_invalid",
            ErrorCode::PasswordWeak => "password_weak",
            ErrorCode::LoginTaken => "login_taken",
            ErrorCode::StaffInvalid => "staff_invalid",
            ErrorCode::StaffSelf => "staff_self",
            ErrorCode::ExportTooLarge => "export_too_large",
            ErrorCode::SelectionInvalid => "selection_invalid",
            ErrorCode::ExportMixedProcedures => "export_mixed_procedures",
            ErrorCode::FileNameInvalid => "file_name_invalid",
            ErrorCode::FileTypeNotAllowed => "file_type_not_allowed",
            ErrorCode::FileTooLarge => "file_too_large",
            ErrorCode::TooManyFiles => "too_many_files",
            ErrorCode::FileRejected => "file_rejected",
            ErrorCode::CounterCodeInvalid => "counter_code_invalid",
            ErrorCode::CounterCodeExpired => "counter_code_expired",
            ErrorCode::CounterFiled => "counter_filed",
            ErrorCode::CounterNothingReady => "counter_nothing_ready",
            ErrorCode::IdentityUnchecked => "identity_unchecked",
            ErrorCode::FeeUnpaid => "fee_unpaid",
            ErrorCode::PaymentUnavailable => "payment_unavailable",
            ErrorCode::IdentityRequired => "identity_required",
            ErrorCode::SignInFailed => "sign_in_failed",
            ErrorCode::SignInUnavailable => "sign_in_unavailable",
            ErrorCode::ExternalCheckUnavailable => "external_check_unavailable",
            ErrorCode::EmailInvalid => "email_invalid",
            ErrorCode::LinkExpired => "link_expired",
            ErrorCode::SignInRequired => "sign_in_required",
            ErrorCode::EmailUnconfirmed => "email_unconfirmed",
            ErrorCode::EmailCodeInvalid => "email_code_invalid",
            ErrorCode::AccountUnverified => "account_unverified",
            ErrorCode::AccountLoginFailed => "account_login_failed",
            ErrorCode::AccountThrottled => "account_throttled",
            ErrorCode::StatusLookupFailed => "status_lookup_failed",
            ErrorCode::StatusLookupThrottled => "status_lookup_throttled",
            ErrorCode::ProcedureIdInvalid => "procedure_id_invalid",
            ErrorCode::ProcedureIdTaken => "procedure_id_taken",
            ErrorCode::DefinitionInvalid => "definition_invalid",
            ErrorCode::SlotFull => "slot_full",
            ErrorCode::SlotClosed => "slot_closed",
            ErrorCode::SlotOutOfWindow => "slot_out_of_window",
            ErrorCode::BookingLimit => "booking_limit",
            ErrorCode::HoldExpired => "hold_expired",
            ErrorCode::ApiTokenInvalid => "api_token_invalid",
            ErrorCode::ApiTokenReadOnly => "api_token_read_only",
            ErrorCode::TokenNameInvalid => "token_name_invalid",
            ErrorCode::WebhookUrlInvalid => "webhook_url_invalid",
            ErrorCode::WebhookEventsMissing => "webhook_events_missing",
            ErrorCode::ProcedureRetired => "procedure_retired",
            ErrorCode::ImportInvalid => "import_invalid",
            ErrorCode::ServiceUnavailable => "service_unavailable",
            ErrorCode::Internal => "internal",
        }
    }

    /// (title, what to do) in the language asked for.
    pub fn message(self, lang: Lang) -> Message {
        let (title, todo) = self.texts();
        (title(lang), todo(lang))
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_code_is_distinct_snake_case_with_messages_in_both_languages() {
        let mut seen = HashSet::new();
        for code in ErrorCode::ALL {
            let text = code.code();
            assert!(seen.insert(text), "duplicate code {text}");
            assert!(
                text.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{text}"
            );
            for lang in Lang::ALL {
                let (title, todo) = code.message(lang);
                assert!(!title.is_empty() && !todo.is_empty(), "{text} {lang}");
            }
            let (ja, _) = code.message(Lang::Ja);
            assert!(
                !ja.is_ascii(),
                "{text}: the Japanese title must be Japanese"
            );
        }
    }
}
