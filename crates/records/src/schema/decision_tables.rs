//! Approval routes' tables (`migrations/*/2027-01-13-000001_decision_routes`).

diesel::table! {
    decision_drafts (id) {
        id -> Text,
        tenant_id -> Text,
        submission_id -> Text,
        action -> Text,
        reason -> Text,
        tell_applicant -> Bool,
        route -> Text,
        step -> Integer,
        status -> Text,
        drafted_by -> Text,
        drafted_at -> Timestamp,
        closed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    decision_signoffs (id) {
        id -> Text,
        tenant_id -> Text,
        draft_id -> Text,
        step -> Integer,
        clerk_id -> Text,
        post -> Text,
        verdict -> Text,
        stand_in -> Bool,
        comment -> Text,
        signed_at -> Timestamp,
    }
}

use super::{clerks, submissions};

diesel::joinable!(decision_signoffs -> decision_drafts (draft_id));
diesel::joinable!(decision_drafts -> submissions (submission_id));
diesel::allow_tables_to_appear_in_same_query!(decision_drafts, decision_signoffs);
diesel::allow_tables_to_appear_in_same_query!(decision_drafts, submissions);
diesel::allow_tables_to_appear_in_same_query!(decision_drafts, clerks);
diesel::allow_tables_to_appear_in_same_query!(decision_signoffs, submissions);
diesel::allow_tables_to_appear_in_same_query!(decision_signoffs, clerks);
