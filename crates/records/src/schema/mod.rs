//! Table definitions, written by hand in portable types only (Text, Timestamp, Date, BigInt,
//! Integer, Bool) so one schema serves both engines. The migration tests check that the
//! database agrees with it on both.

mod booking_tables;
mod decision_tables;
mod fact_tables;
mod hold_tables;
mod waiting_tables;

pub use booking_tables::*;
pub use decision_tables::*;
pub use fact_tables::*;
pub use hold_tables::*;
pub use waiting_tables::*;

diesel::table! {
    tenants (id) {
        id -> Text,
        name_ja -> Text,
        name_en -> Text,
        created_at -> Timestamp,
        status -> Text,
        settings -> Text,
        updated_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    tenant_hosts (host) {
        host -> Text,
        tenant_id -> Text,
        created_at -> Timestamp,
    }
}

// The stand-in payment provider's checkouts (one row: `id` 1), shared by the nodes.
diesel::table! {
    stub_ledger (id) {
        id -> Integer,
        ledger -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    departments (id) {
        id -> Text,
        tenant_id -> Text,
        code -> Text,
        name_ja -> Text,
        name_en -> Text,
        created_at -> Timestamp,
        ward_office -> Bool,
        publish_needs_approval -> Bool,
    }
}

diesel::table! {
    wards (tenant_id, code) {
        tenant_id -> Text,
        code -> Text,
        name_ja -> Text,
        name_en -> Text,
    }
}

diesel::table! {
    clerks (id) {
        id -> Text,
        tenant_id -> Text,
        department_id -> Text,
        login -> Text,
        display_name -> Text,
        password_hash -> Text,
        active -> Bool,
        created_at -> Timestamp,
        ward_code -> Nullable<Text>,
        role -> Text,
        totp_secret -> Nullable<Text>,
        totp_last_step -> Nullable<BigInt>,
        session_epoch -> Integer,
        post -> Text,
    }
}

diesel::table! {
    clerk_sessions (token_hash) {
        token_hash -> Text,
        clerk_id -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
        mfa_verified -> Bool,
        absolute_expires_at -> Nullable<Timestamp>,
        epoch -> Integer,
    }
}

diesel::table! {
    form_versions (version) {
        version -> Text,
        procedure_id -> Text,
        definition -> Text,
        first_loaded_at -> Timestamp,
    }
}

diesel::table! {
    drafts (id) {
        id -> Text,
        tenant_id -> Text,
        session_hash -> Text,
        procedure_id -> Text,
        form_version -> Text,
        data -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        expires_at -> Timestamp,
        privacy_notice_shown_at -> Nullable<Timestamp>,
        prefilled -> Text,
        external_check -> Nullable<Text>,
    }
}

diesel::table! {
    submissions (id) {
        id -> Text,
        tenant_id -> Text,
        department_id -> Text,
        procedure_id -> Text,
        form_version -> Text,
        arrival_number -> Text,
        arrived_at -> Timestamp,
        due_on -> Nullable<Date>,
        state -> Text,
        data -> Text,
        data_sha256 -> Text,
        fee_yen -> BigInt,
        applicant_name -> Nullable<Text>,
        contact_email -> Nullable<Text>,
        resident_session_hash -> Nullable<Text>,
        updated_at -> Timestamp,
        ward_code -> Nullable<Text>,
        assignee_id -> Nullable<Text>,
        search_key -> Text,
        filing_mode -> Text,
        decided_at -> Nullable<Timestamp>,
        days_used -> Nullable<Integer>,
        correction_count -> Integer,
        resident_account -> Nullable<Text>,
        status_key_hash -> Nullable<Text>,
        privacy_notice_shown_at -> Nullable<Timestamp>,
        entered_by -> Nullable<Text>,
        duplicate_key -> Nullable<Text>,
    }
}

diesel::table! {
    filings_elsewhere (tenant_id, procedure_id, month) {
        tenant_id -> Text,
        procedure_id -> Text,
        month -> Date,
        paper -> BigInt,
        counter -> BigInt,
        entered_by -> Text,
        entered_at -> Timestamp,
    }
}

diesel::table! {
    submission_events (id) {
        id -> Text,
        tenant_id -> Text,
        submission_id -> Text,
        seq -> Integer,
        at -> Timestamp,
        actor_kind -> Text,
        actor_id -> Nullable<Text>,
        action -> Text,
        from_state -> Nullable<Text>,
        to_state -> Text,
        reason -> Nullable<Text>,
        detail -> Nullable<Text>,
    }
}

diesel::table! {
    idempotency_keys (tenant_id, idem_key) {
        tenant_id -> Text,
        idem_key -> Text,
        request_hash -> Text,
        submission_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> Text,
        tenant_id -> Text,
        submission_id -> Nullable<Text>,
        kind -> Text,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        message_id -> Text,
        created_at -> Timestamp,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        sent_at -> Nullable<Timestamp>,
        failed_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        calendar -> Nullable<Text>,
    }
}

diesel::table! {
    postal_codes (postal_code, seq) {
        postal_code -> Text,
        seq -> Integer,
        local_gov_code -> Text,
        prefecture -> Text,
        city -> Text,
        town -> Text,
        prefecture_kana -> Text,
        city_kana -> Text,
        town_kana -> Text,
    }
}

diesel::table! {
    corrections (id) {
        id -> Text,
        tenant_id -> Text,
        submission_id -> Text,
        seq -> Integer,
        requested_by -> Text,
        requested_at -> Timestamp,
        fields -> Text,
        message -> Text,
        deadline -> Date,
        token_hash -> Text,
        resubmitted_at -> Nullable<Timestamp>,
        previous_data -> Nullable<Text>,
        reminded_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    counter_visits (id) {
        id -> Text,
        tenant_id -> Text,
        session_hash -> Text,
        code_hash -> Text,
        procedures -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        opened_by -> Nullable<Text>,
        opened_at -> Nullable<Timestamp>,
        filed_by -> Nullable<Text>,
        filed_at -> Nullable<Timestamp>,
        outcome -> Nullable<Text>,
    }
}

diesel::table! {
    staff_entries (session_hash) {
        session_hash -> Text,
        tenant_id -> Text,
        clerk_id -> Text,
        started_at -> Timestamp,
    }
}

diesel::table! {
    documents (id) {
        id -> Text,
        tenant_id -> Text,
        submission_id -> Text,
        kind -> Text,
        created_at -> Timestamp,
        content -> Text,
        token_hash -> Text,
    }
}

diesel::table! {
    attachments (id) {
        id -> Text,
        tenant_id -> Text,
        session_hash -> Text,
        procedure_id -> Text,
        field -> Text,
        file_name -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        created_at -> Timestamp,
        submission_id -> Nullable<Text>,
        correction_id -> Nullable<Text>,
    }
}

diesel::table! {
    request_counts (key_hash, window_start) {
        key_hash -> Text,
        window_start -> Timestamp,
        requests -> BigInt,
    }
}

diesel::table! {
    login_failures (id) {
        id -> Text,
        key_kind -> Text,
        key_hash -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        tenant_id -> Text,
        at -> Timestamp,
        clerk_id -> Nullable<Text>,
        action -> Text,
        submission_id -> Nullable<Text>,
        target_clerk_id -> Nullable<Text>,
        reason -> Nullable<Text>,
        detail -> Nullable<Text>,
    }
}

diesel::joinable!(departments -> tenants (tenant_id));
diesel::joinable!(clerks -> departments (department_id));
diesel::joinable!(clerk_sessions -> clerks (clerk_id));
diesel::joinable!(submissions -> departments (department_id));
diesel::joinable!(submission_events -> submissions (submission_id));

diesel::table! {
    payments (id) {
        id -> Text,
        tenant_id -> Text,
        submission_id -> Text,
        timing -> Text,
        amount_yen -> BigInt,
        status -> Text,
        checkout_id -> Nullable<Text>,
        page_url -> Nullable<Text>,
        method -> Nullable<Text>,
        konbini_number -> Nullable<Text>,
        amount_paid_yen -> BigInt,
        amount_refunded_yen -> BigInt,
        token_hash -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        paid_at -> Nullable<Timestamp>,
        next_check_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        channel -> Text,
        receipt_number -> Nullable<Text>,
        recorded_by -> Nullable<Text>,
    }
}

diesel::table! {
    payment_events (event_id) {
        event_id -> Text,
        payment_id -> Text,
        status -> Text,
        received_at -> Timestamp,
    }
}

diesel::table! {
    refunds (id) {
        id -> Text,
        tenant_id -> Text,
        payment_id -> Text,
        amount_yen -> BigInt,
        reason -> Text,
        state -> Text,
        requested_at -> Timestamp,
        done_at -> Nullable<Timestamp>,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        last_error -> Nullable<Text>,
        provider_refund_id -> Nullable<Text>,
        returned_by -> Nullable<Text>,
    }
}

diesel::table! {
    resident_sign_ins (state_hash) {
        state_hash -> Text,
        tenant_id -> Text,
        session_hash -> Text,
        pending -> Text,
        return_to -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    resident_identities (session_hash) {
        session_hash -> Text,
        tenant_id -> Text,
        issuer -> Text,
        subject -> Text,
        level -> Text,
        acr -> Nullable<Text>,
        authenticated_at -> Timestamp,
        expires_at -> Timestamp,
        verified_claims -> Nullable<Text>,
        claims_verified_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    draft_links (token_hash) {
        token_hash -> Text,
        tenant_id -> Text,
        draft_id -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    resident_accounts (id) {
        id -> Text,
        tenant_id -> Text,
        email -> Text,
        password_hash -> Text,
        verified_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        password_changed_at -> Timestamp,
    }
}

diesel::table! {
    resident_profiles (tenant_id, resident_account) {
        tenant_id -> Text,
        resident_account -> Text,
        data -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    account_links (token_hash) {
        token_hash -> Text,
        account_id -> Text,
        purpose -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        session_hash -> Nullable<Text>,
    }
}

diesel::table! {
    guest_emails (session_hash, email) {
        session_hash -> Text,
        tenant_id -> Text,
        email -> Text,
        code_hash -> Text,
        attempts -> Integer,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        verified_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    procedure_drafts (tenant_id, procedure_id) {
        tenant_id -> Text,
        procedure_id -> Text,
        department_code -> Text,
        definition -> Text,
        updated_by -> Text,
        updated_at -> Timestamp,
        submitted_by -> Nullable<Text>,
        submitted_at -> Nullable<Timestamp>,
        submitted_note -> Nullable<Text>,
    }
}

diesel::table! {
    procedure_versions (id) {
        id -> Text,
        tenant_id -> Text,
        procedure_id -> Text,
        number -> Integer,
        form_version -> Text,
        department_code -> Text,
        published_by -> Text,
        published_at -> Timestamp,
        change_note -> Text,
    }
}

diesel::table! {
    procedure_retirements (tenant_id, procedure_id) {
        tenant_id -> Text,
        procedure_id -> Text,
        retired_by -> Text,
        retired_at -> Timestamp,
        reason -> Text,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> Text,
        tenant_id -> Text,
        department_code -> Text,
        name -> Text,
        can_write -> Bool,
        secret_hash -> Text,
        created_by -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    webhooks (id) {
        id -> Text,
        tenant_id -> Text,
        department_code -> Text,
        url -> Text,
        events -> Text,
        secret -> Text,
        created_by -> Text,
        created_at -> Timestamp,
        disabled_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> Text,
        webhook_id -> Text,
        event -> Text,
        payload -> Text,
        created_at -> Timestamp,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        delivered_at -> Nullable<Timestamp>,
        failed_at -> Nullable<Timestamp>,
        last_status -> Nullable<Integer>,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    key_checks (name) {
        name -> Text,
        check_value -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(webhook_deliveries -> webhooks (webhook_id));

diesel::allow_tables_to_appear_in_same_query! {
    tenant_hosts,
    stub_ledger,
    tenants, departments, clerks, clerk_sessions, form_versions, drafts, submissions, filings_elsewhere,
    submission_events, idempotency_keys, outbox, postal_codes, wards, corrections, attachments,
    counter_visits, staff_entries, documents, login_failures, request_counts, audit_log, payments, payment_events, refunds,
    resident_sign_ins, resident_identities, draft_links, resident_accounts, account_links,
    resident_profiles,
    guest_emails, procedure_drafts, procedure_versions, procedure_retirements, api_tokens,
    webhooks, webhook_deliveries,
}
