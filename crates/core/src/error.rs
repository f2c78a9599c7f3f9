//! Stable error codes that clients and pages see. The code is the contract (snake_case,
//! never reworded); the messages are for people, in every language, from the catalogue
//! (`crates/i18n/locales/*/errors.ftl`). Because the code → message table is an exhaustive
//! `match` over generated accessors, a new code without both messages does not compile.

use serde::{Serialize, Serializer};

use madoguchi_i18n::Phrase;

use crate::Lang;

/// (title, what to do) in one language.
pub type Message = (&'static str, &'static str);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    NotFound,
    MethodNotAllowed,
    PayloadTooLarge,
    MalformedRequest,
    UnsupportedMediaType,
    CsrfFailed,
    ValidationFailed,
    IdempotencyKeyMissing,
    IdempotencyKeyReused,
    DraftMissing,
    LoginFailed,
    LoginRequired,
    TooManyAttempts,
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
    EmailInvalid,
    LinkExpired,
    SignInRequired,
    EmailUnconfirmed,
    EmailCodeInvalid,
    AccountUnverified,
    AccountLoginFailed,
    AccountThrottled,
    ProcedureIdInvalid,
    ProcedureIdTaken,
    DefinitionInvalid,
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
    pub const ALL: [ErrorCode; 64] = [
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::PayloadTooLarge,
        ErrorCode::MalformedRequest,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::CsrfFailed,
        ErrorCode::ValidationFailed,
        ErrorCode::IdempotencyKeyMissing,
        ErrorCode::IdempotencyKeyReused,
        ErrorCode::DraftMissing,
        ErrorCode::LoginFailed,
        ErrorCode::LoginRequired,
        ErrorCode::TooManyAttempts,
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
        ErrorCode::EmailInvalid,
        ErrorCode::LinkExpired,
        ErrorCode::SignInRequired,
        ErrorCode::EmailUnconfirmed,
        ErrorCode::EmailCodeInvalid,
        ErrorCode::AccountUnverified,
        ErrorCode::AccountLoginFailed,
        ErrorCode::AccountThrottled,
        ErrorCode::ProcedureIdInvalid,
        ErrorCode::ProcedureIdTaken,
        ErrorCode::DefinitionInvalid,
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
            ErrorCode::MalformedRequest => "malformed_request",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::CsrfFailed => "csrf_failed",
            ErrorCode::ValidationFailed => "validation_failed",
            ErrorCode::IdempotencyKeyMissing => "idempotency_key_missing",
            ErrorCode::IdempotencyKeyReused => "idempotency_key_reused",
            ErrorCode::DraftMissing => "draft_missing",
            ErrorCode::LoginFailed => "login_failed",
            ErrorCode::LoginRequired => "login_required",
            ErrorCode::TooManyAttempts => "too_many_attempts",
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
            ErrorCode::EmailInvalid => "email_invalid",
            ErrorCode::LinkExpired => "link_expired",
            ErrorCode::SignInRequired => "sign_in_required",
            ErrorCode::EmailUnconfirmed => "email_unconfirmed",
            ErrorCode::EmailCodeInvalid => "email_code_invalid",
            ErrorCode::AccountUnverified => "account_unverified",
            ErrorCode::AccountLoginFailed => "account_login_failed",
            ErrorCode::AccountThrottled => "account_throttled",
            ErrorCode::ProcedureIdInvalid => "procedure_id_invalid",
            ErrorCode::ProcedureIdTaken => "procedure_id_taken",
            ErrorCode::DefinitionInvalid => "definition_invalid",
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

    /// The catalogue messages of the code (`error-<code>-title`, `error-<code>-todo`).
    fn texts(self) -> (Phrase, Phrase) {
        use madoguchi_i18n::msg;
        match self {
            ErrorCode::NotFound => (
                msg::error_not_found_title::text,
                msg::error_not_found_todo::text,
            ),
            ErrorCode::MethodNotAllowed => (
                msg::error_method_not_allowed_title::text,
                msg::error_method_not_allowed_todo::text,
            ),
            ErrorCode::PayloadTooLarge => (
                msg::error_payload_too_large_title::text,
                msg::error_payload_too_large_todo::text,
            ),
            ErrorCode::MalformedRequest => (
                msg::error_malformed_request_title::text,
                msg::error_malformed_request_todo::text,
            ),
            ErrorCode::UnsupportedMediaType => (
                msg::error_unsupported_media_type_title::text,
                msg::error_unsupported_media_type_todo::text,
            ),
            ErrorCode::CsrfFailed => (
                msg::error_csrf_failed_title::text,
                msg::error_csrf_failed_todo::text,
            ),
            ErrorCode::ValidationFailed => (
                msg::error_validation_failed_title::text,
                msg::error_validation_failed_todo::text,
            ),
            ErrorCode::IdempotencyKeyMissing => (
                msg::error_idempotency_key_missing_title::text,
                msg::error_idempotency_key_missing_todo::text,
            ),
            ErrorCode::IdempotencyKeyReused => (
                msg::error_idempotency_key_reused_title::text,
                msg::error_idempotency_key_reused_todo::text,
            ),
            ErrorCode::DraftMissing => (
                msg::error_draft_missing_title::text,
                msg::error_draft_missing_todo::text,
            ),
            ErrorCode::LoginFailed => (
                msg::error_login_failed_title::text,
                msg::error_login_failed_todo::text,
            ),
            ErrorCode::LoginRequired => (
                msg::error_login_required_title::text,
                msg::error_login_required_todo::text,
            ),
            ErrorCode::TooManyAttempts => (
                msg::error_too_many_attempts_title::text,
                msg::error_too_many_attempts_todo::text,
            ),
            ErrorCode::CodeInvalid => (
                msg::error_code_invalid_title::text,
                msg::error_code_invalid_todo::text,
            ),
            ErrorCode::InvalidTransition => (
                msg::error_invalid_transition_title::text,
                msg::error_invalid_transition_todo::text,
            ),
            ErrorCode::ReasonRequired => (
                msg::error_reason_required_title::text,
                msg::error_reason_required_todo::text,
            ),
            ErrorCode::ReasonTooLong => (
                msg::error_reason_too_long_title::text,
                msg::error_reason_too_long_todo::text,
            ),
            ErrorCode::Forbidden => (
                msg::error_forbidden_title::text,
                msg::error_forbidden_todo::text,
            ),
            ErrorCode::CorrectionFieldsMissing => (
                msg::error_correction_fields_missing_title::text,
                msg::error_correction_fields_missing_todo::text,
            ),
            ErrorCode::DeadlineInvalid => (
                msg::error_deadline_invalid_title::text,
                msg::error_deadline_invalid_todo::text,
            ),
            ErrorCode::ExtensionInvalid => (
                msg::error_extension_invalid_title::text,
                msg::error_extension_invalid_todo::text,
            ),
            ErrorCode::AssigneeInvalid => (
                msg::error_assignee_invalid_title::text,
                msg::error_assignee_invalid_todo::text,
            ),
            ErrorCode::PasswordWeak => (
                msg::error_password_weak_title::text,
                msg::error_password_weak_todo::text,
            ),
            ErrorCode::LoginTaken => (
                msg::error_login_taken_title::text,
                msg::error_login_taken_todo::text,
            ),
            ErrorCode::StaffInvalid => (
                msg::error_staff_invalid_title::text,
                msg::error_staff_invalid_todo::text,
            ),
            ErrorCode::StaffSelf => (
                msg::error_staff_self_title::text,
                msg::error_staff_self_todo::text,
            ),
            ErrorCode::ExportTooLarge => (
                msg::error_export_too_large_title::text,
                msg::error_export_too_large_todo::text,
            ),
            ErrorCode::SelectionInvalid => (
                msg::error_selection_invalid_title::text,
                msg::error_selection_invalid_todo::text,
            ),
            ErrorCode::ExportMixedProcedures => (
                msg::error_export_mixed_procedures_title::text,
                msg::error_export_mixed_procedures_todo::text,
            ),
            ErrorCode::FileNameInvalid => (
                msg::error_file_name_invalid_title::text,
                msg::error_file_name_invalid_todo::text,
            ),
            ErrorCode::FileTypeNotAllowed => (
                msg::error_file_type_not_allowed_title::text,
                msg::error_file_type_not_allowed_todo::text,
            ),
            ErrorCode::FileTooLarge => (
                msg::error_file_too_large_title::text,
                msg::error_file_too_large_todo::text,
            ),
            ErrorCode::TooManyFiles => (
                msg::error_too_many_files_title::text,
                msg::error_too_many_files_todo::text,
            ),
            ErrorCode::FileRejected => (
                msg::error_file_rejected_title::text,
                msg::error_file_rejected_todo::text,
            ),
            ErrorCode::CounterCodeInvalid => (
                msg::error_counter_code_invalid_title::text,
                msg::error_counter_code_invalid_todo::text,
            ),
            ErrorCode::CounterCodeExpired => (
                msg::error_counter_code_expired_title::text,
                msg::error_counter_code_expired_todo::text,
            ),
            ErrorCode::CounterFiled => (
                msg::error_counter_filed_title::text,
                msg::error_counter_filed_todo::text,
            ),
            ErrorCode::CounterNothingReady => (
                msg::error_counter_nothing_ready_title::text,
                msg::error_counter_nothing_ready_todo::text,
            ),
            ErrorCode::IdentityUnchecked => (
                msg::error_identity_unchecked_title::text,
                msg::error_identity_unchecked_todo::text,
            ),
            ErrorCode::FeeUnpaid => (
                msg::error_fee_unpaid_title::text,
                msg::error_fee_unpaid_todo::text,
            ),
            ErrorCode::PaymentUnavailable => (
                msg::error_payment_unavailable_title::text,
                msg::error_payment_unavailable_todo::text,
            ),
            ErrorCode::IdentityRequired => (
                msg::error_identity_required_title::text,
                msg::error_identity_required_todo::text,
            ),
            ErrorCode::SignInFailed => (
                msg::error_sign_in_failed_title::text,
                msg::error_sign_in_failed_todo::text,
            ),
            ErrorCode::SignInUnavailable => (
                msg::error_sign_in_unavailable_title::text,
                msg::error_sign_in_unavailable_todo::text,
            ),
            ErrorCode::EmailInvalid => (
                msg::error_email_invalid_title::text,
                msg::error_email_invalid_todo::text,
            ),
            ErrorCode::LinkExpired => (
                msg::error_link_expired_title::text,
                msg::error_link_expired_todo::text,
            ),
            ErrorCode::SignInRequired => (
                msg::error_sign_in_required_title::text,
                msg::error_sign_in_required_todo::text,
            ),
            ErrorCode::EmailUnconfirmed => (
                msg::error_email_unconfirmed_title::text,
                msg::error_email_unconfirmed_todo::text,
            ),
            ErrorCode::EmailCodeInvalid => (
                msg::error_email_code_invalid_title::text,
                msg::error_email_code_invalid_todo::text,
            ),
            ErrorCode::AccountUnverified => (
                msg::error_account_unverified_title::text,
                msg::error_account_unverified_todo::text,
            ),
            ErrorCode::AccountLoginFailed => (
                msg::error_account_login_failed_title::text,
                msg::error_account_login_failed_todo::text,
            ),
            ErrorCode::AccountThrottled => (
                msg::error_account_throttled_title::text,
                msg::error_account_throttled_todo::text,
            ),
            ErrorCode::ProcedureIdInvalid => (
                msg::error_procedure_id_invalid_title::text,
                msg::error_procedure_id_invalid_todo::text,
            ),
            ErrorCode::ProcedureIdTaken => (
                msg::error_procedure_id_taken_title::text,
                msg::error_procedure_id_taken_todo::text,
            ),
            ErrorCode::DefinitionInvalid => (
                msg::error_definition_invalid_title::text,
                msg::error_definition_invalid_todo::text,
            ),
            ErrorCode::ApiTokenInvalid => (
                msg::error_api_token_invalid_title::text,
                msg::error_api_token_invalid_todo::text,
            ),
            ErrorCode::ApiTokenReadOnly => (
                msg::error_api_token_read_only_title::text,
                msg::error_api_token_read_only_todo::text,
            ),
            ErrorCode::TokenNameInvalid => (
                msg::error_token_name_invalid_title::text,
                msg::error_token_name_invalid_todo::text,
            ),
            ErrorCode::WebhookUrlInvalid => (
                msg::error_webhook_url_invalid_title::text,
                msg::error_webhook_url_invalid_todo::text,
            ),
            ErrorCode::WebhookEventsMissing => (
                msg::error_webhook_events_missing_title::text,
                msg::error_webhook_events_missing_todo::text,
            ),
            ErrorCode::ProcedureRetired => (
                msg::error_procedure_retired_title::text,
                msg::error_procedure_retired_todo::text,
            ),
            ErrorCode::ImportInvalid => (
                msg::error_import_invalid_title::text,
                msg::error_import_invalid_todo::text,
            ),
            ErrorCode::ServiceUnavailable => (
                msg::error_service_unavailable_title::text,
                msg::error_service_unavailable_todo::text,
            ),
            ErrorCode::Internal => (
                msg::error_internal_title::text,
                msg::error_internal_todo::text,
            ),
        }
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
