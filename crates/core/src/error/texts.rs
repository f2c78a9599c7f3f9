//! Which catalogue messages say what an error code means: `error-<code>-title` and
//! `error-<code>-todo` in `crates/i18n/locales/*/errors.ftl`.

use madoguchi_i18n::Phrase;

use super::ErrorCode;

impl ErrorCode {
    /// The catalogue messages of the code (`error-<code>-title`, `error-<code>-todo`).
    pub(super) fn texts(self) -> (Phrase, Phrase) {
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
            ErrorCode::RequestTimeout => (
                msg::error_request_timeout_title::text,
                msg::error_request_timeout_todo::text,
            ),
            ErrorCode::PayloadTooLarge => (
                msg::error_payload_too_large_title::text,
                msg::error_payload_too_large_todo::text,
            ),
            ErrorCode::MalformedRequest => (
                msg::error_malformed_request_title::text,
                msg::error_malformed_request_todo::text,
            ),
            ErrorCode::AmbiguousRequest => (
                msg::error_ambiguous_request_title::text,
                msg::error_ambiguous_request_todo::text,
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
            ErrorCode::RateLimited => (
                msg::error_rate_limited_title::text,
                msg::error_rate_limited_todo::text,
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
            ErrorCode::ExternalCheckUnavailable => (
                msg::error_external_check_unavailable_title::text,
                msg::error_external_check_unavailable_todo::text,
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
            ErrorCode::StatusLookupFailed => (
                msg::error_status_lookup_failed_title::text,
                msg::error_status_lookup_failed_todo::text,
            ),
            ErrorCode::StatusLookupThrottled => (
                msg::error_status_lookup_throttled_title::text,
                msg::error_status_lookup_throttled_todo::text,
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
            ErrorCode::SlotFull => (
                msg::error_slot_full_title::text,
                msg::error_slot_full_todo::text,
            ),
            ErrorCode::SlotClosed => (
                msg::error_slot_closed_title::text,
                msg::error_slot_closed_todo::text,
            ),
            ErrorCode::SlotOutOfWindow => (
                msg::error_slot_out_of_window_title::text,
                msg::error_slot_out_of_window_todo::text,
            ),
            ErrorCode::BookingLimit => (
                msg::error_booking_limit_title::text,
                msg::error_booking_limit_todo::text,
            ),
            ErrorCode::HoldExpired => (
                msg::error_hold_expired_title::text,
                msg::error_hold_expired_todo::text,
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
