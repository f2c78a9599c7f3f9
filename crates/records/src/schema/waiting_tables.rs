//! The waiting lines' tables (`migrations/*/2027-01-06-000001_counter_waiting`).

diesel::table! {
    counter_lines (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        name -> Text,
        place -> Text,
        issued_day -> Nullable<Date>,
        last_number -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    counter_tickets (id) {
        id -> Text,
        tenant_id -> Text,
        line_id -> Text,
        day -> Date,
        number -> Integer,
        issued_at -> Timestamp,
        called_at -> Nullable<Timestamp>,
    }
}

diesel::allow_tables_to_appear_in_same_query!(counter_lines, counter_tickets);
