//! The city's confirmations of its procedures' facts
//! (`migrations/*/2027-01-21-000001_fact_confirmations`).

diesel::table! {
    fact_confirmations (id) {
        id -> Text,
        tenant_id -> Text,
        procedure_id -> Text,
        fact -> Text,
        digest -> Text,
        form_version -> Text,
        evidence_kind -> Text,
        evidence -> Text,
        confirmed_by -> Text,
        confirmed_at -> Timestamp,
    }
}

use super::clerks;

diesel::allow_tables_to_appear_in_same_query!(fact_confirmations, clerks);
