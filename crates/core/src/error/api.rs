//! What an error code means to a client program of the API: `api-error-<code>` in
//! `crates/i18n/locales/*/api.ftl`. The pages say the same with `error-<code>-title`/`-todo`
//! (`texts.rs`), in words for a person at a page.

use madoguchi_i18n::{Lang, Phrase};

use super::ErrorCode;

impl ErrorCode {
    /// The API's words for the code: what was wrong with the request and what to send
    /// instead, for the `message` of the JSON error envelope.
    pub fn api_message(self, lang: Lang) -> &'static str {
        self.api_text()(lang)
    }

    /// The catalogue message of the code for the API (`api-error-<code>`).
    fn api_text(self) -> Phrase {
        use madoguchi_i18n::msg;
        match self {
            ErrorCode::NotFound => msg::api_error_not_found::text,
            ErrorCode::MethodNotAllowed => msg::api_error_method_not_allowed::text,
            ErrorCode::PayloadTooLarge => msg::api_error_payload_too_large::text,
            ErrorCode::RequestTimeout => msg::api_error_request_timeout::text,
            ErrorCode::MalformedRequest => msg::api_error_malformed_request::text,
            ErrorCode::AmbiguousRequest => msg::api_error_ambiguous_request::text,
            ErrorCode::UnsupportedMediaType => msg::api_error_unsupported_media_type::text,
            ErrorCode::CsrfFailed => msg::api_error_csrf_failed::text,
            ErrorCode::ValidationFailed => msg::api_error_validation_failed::text,
            ErrorCode::IdempotencyKeyMissing => msg::api_error_idempotency_key_missing::text,
            ErrorCode::IdempotencyKeyReused => msg::api_error_idempotency_key_reused::text,
            ErrorCode::DraftMissing => msg::api_error_draft_missing::text,
            ErrorCode::LoginFailed => msg::api_error_login_failed::text,
            ErrorCode::LoginRequired => msg::api_error_login_required::text,
            ErrorCode::TooManyAttempts => msg::api_error_too_many_attempts::text,
            ErrorCode::RateLimited => msg::api_error_rate_limited::text,
            ErrorCode::CodeInvalid => msg::api_error_code_invalid::text,
            ErrorCode::InvalidTransition => msg::api_error_invalid_transition::text,
            ErrorCode::ReasonRequired => msg::api_error_reason_required::text,
            ErrorCode::ReasonTooLong => msg::api_error_reason_too_long::text,
            ErrorCode::Forbidden => msg::api_error_forbidden::text,
            ErrorCode::CorrectionFieldsMissing => msg::api_error_correction_fields_missing::text,
            ErrorCode::DeadlineInvalid => msg::api_error_deadline_invalid::text,
            ErrorCode::ExtensionInvalid => msg::api_error_extension_invalid::text,
            ErrorCode::AssigneeInvalid => msg::api_error_assignee_invalid::text,
            ErrorCode::PasswordWeak => msg::api_error_password_weak::text,
            ErrorCode::LoginTaken => msg::api_error_login_taken::text,
            ErrorCode::StaffInvalid => msg::api_error_staff_invalid::text,
            ErrorCode::StaffSelf => msg::api_error_staff_self::text,
            ErrorCode::ExportTooLarge => msg::api_error_export_too_large::text,
            ErrorCode::SelectionInvalid => msg::api_error_selection_invalid::text,
            ErrorCode::ExportMixedProcedures => msg::api_error_export_mixed_procedures::text,
            ErrorCode::FileNameInvalid => msg::api_error_file_name_invalid::text,
            ErrorCode::FileTypeNotAllowed => msg::api_error_file_type_not_allowed::text,
            ErrorCode::FileTooLarge => msg::api_error_file_too_large::text,
            ErrorCode::TooManyFiles => msg::api_error_too_many_files::text,
            ErrorCode::FileRejected => msg::api_error_file_rejected::text,
            ErrorCode::CounterCodeInvalid => msg::api_error_counter_code_invalid::text,
            ErrorCode::CounterCodeExpired => msg::api_error_counter_code_expired::text,
            ErrorCode::CounterFiled => msg::api_error_counter_filed::text,
            ErrorCode::CounterNothingReady => msg::api_error_counter_nothing_ready::text,
            ErrorCode::IdentityUnchecked => msg::api_error_identity_unchecked::text,
            ErrorCode::FeeUnpaid => msg::api_error_fee_unpaid::text,
            ErrorCode::PaymentUnavailable => msg::api_error_payment_unavailable::text,
            ErrorCode::IdentityRequired => msg::api_error_identity_required::text,
            ErrorCode::SignInFailed => msg::api_error_sign_in_failed::text,
            ErrorCode::SignInUnavailable => msg::api_error_sign_in_unavailable::text,
            ErrorCode::ExternalCheckUnavailable => msg::api_error_external_check_unavailable::text,
            ErrorCode::EmailInvalid => msg::api_error_email_invalid::text,
            ErrorCode::LinkExpired => msg::api_error_link_expired::text,
            ErrorCode::SignInRequired => msg::api_error_sign_in_required::text,
            ErrorCode::EmailUnconfirmed => msg::api_error_email_unconfirmed::text,
            ErrorCode::EmailCodeInvalid => msg::api_error_email_code_invalid::text,
            ErrorCode::AccountUnverified => msg::api_error_account_unverified::text,
            ErrorCode::AccountLoginFailed => msg::api_error_account_login_failed::text,
            ErrorCode::AccountThrottled => msg::api_error_account_throttled::text,
            ErrorCode::StatusLookupFailed => msg::api_error_status_lookup_failed::text,
            ErrorCode::StatusLookupThrottled => msg::api_error_status_lookup_throttled::text,
            ErrorCode::ProcedureIdInvalid => msg::api_error_procedure_id_invalid::text,
            ErrorCode::ProcedureIdTaken => msg::api_error_procedure_id_taken::text,
            ErrorCode::DefinitionInvalid => msg::api_error_definition_invalid::text,
            ErrorCode::SlotFull => msg::api_error_slot_full::text,
            ErrorCode::SlotClosed => msg::api_error_slot_closed::text,
            ErrorCode::SlotOutOfWindow => msg::api_error_slot_out_of_window::text,
            ErrorCode::BookingLimit => msg::api_error_booking_limit::text,
            ErrorCode::HoldExpired => msg::api_error_hold_expired::text,
            ErrorCode::ApiTokenInvalid => msg::api_error_api_token_invalid::text,
            ErrorCode::ApiTokenReadOnly => msg::api_error_api_token_read_only::text,
            ErrorCode::TokenNameInvalid => msg::api_error_token_name_invalid::text,
            ErrorCode::WebhookUrlInvalid => msg::api_error_webhook_url_invalid::text,
            ErrorCode::WebhookEventsMissing => msg::api_error_webhook_events_missing::text,
            ErrorCode::ProcedureRetired => msg::api_error_procedure_retired::text,
            ErrorCode::ImportInvalid => msg::api_error_import_invalid::text,
            ErrorCode::ServiceUnavailable => msg::api_error_service_unavailable::text,
            ErrorCode::Internal => msg::api_error_internal::text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words that belong on a page, not in an answer to a program.
    const PAGE_WORDS: [&str; 8] = [
        "page",
        "button",
        "click",
        "画面",
        "ボタン",
        "ページ",
        "クリック",
        "press",
    ];

    #[test]
    fn every_code_has_api_words_in_every_language_without_page_words() {
        for code in ErrorCode::ALL {
            for lang in Lang::ALL {
                let text = code.api_message(lang);
                assert!(
                    !text.trim().is_empty(),
                    "{code:?} has no API text in {lang:?}"
                );
                let lower = text.to_lowercase();
                for word in PAGE_WORDS {
                    assert!(
                        !lower.contains(word),
                        "the API text of {code:?} in {lang:?} speaks of a page (`{word}`): {text}"
                    );
                }
                let (title, _) = code.message(lang);
                assert_ne!(
                    text, title,
                    "{code:?}: the API text repeats the page's title"
                );
            }
        }
    }
}
