//! Legal holds' table (`migrations/*/2027-01-20-000001_legal_holds`).

diesel::table! {
    legal_holds (id) {
        id -> Text,
        tenant_id -> Text,
        submission_id -> Text,
        reason -> Text,
        placed_by -> Text,
        placed_at -> Timestamp,
        lifted_by -> Nullable<Text>,
        lifted_at -> Nullable<Timestamp>,
        lift_reason -> Nullable<Text>,
    }
}

use super::{clerks, submissions};

diesel::joinable!(legal_holds -> submissions (submission_id));
diesel::allow_tables_to_appear_in_same_query!(legal_holds, submissions);
diesel::allow_tables_to_appear_in_same_query!(legal_holds, clerks);
