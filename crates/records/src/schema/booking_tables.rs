//! The bookings tables (`migrations/*/2027-01-04-000001_bookings`, with the columns
//! `2027-01-05-000001_booking_follow_up` added).

diesel::table! {
    booking_resources (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        definition -> Text,
        opened_through -> Nullable<Date>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    booking_slots (id) {
        id -> Text,
        tenant_id -> Text,
        resource_id -> Text,
        day -> Date,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        capacity -> Integer,
        booked -> Integer,
        held -> Integer,
        closed_reason -> Nullable<Text>,
        blocked_reason -> Nullable<Text>,
    }
}

diesel::table! {
    booking_holds (id) {
        id -> Text,
        tenant_id -> Text,
        slot_id -> Text,
        units -> Integer,
        holder_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    bookings (id) {
        id -> Text,
        tenant_id -> Text,
        resource_id -> Text,
        slot_id -> Text,
        units -> Integer,
        holder_hash -> Text,
        submission_id -> Nullable<Text>,
        status -> Text,
        sequence -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        link_hash -> Nullable<Text>,
        reminded_at -> Nullable<Timestamp>,
        attendance -> Nullable<Text>,
        attendance_at -> Nullable<Timestamp>,
    }
}

// `migrations/*/2027-01-08-000001_booking_waitlist`.
diesel::table! {
    booking_waitlist (id) {
        id -> Text,
        tenant_id -> Text,
        slot_id -> Text,
        units -> Integer,
        procedure_id -> Text,
        question -> Text,
        contact_hash -> Text,
        email -> Nullable<Text>,
        link_hash -> Text,
        status -> Text,
        hold_id -> Nullable<Text>,
        created_at -> Timestamp,
        offered_at -> Nullable<Timestamp>,
        offer_expires_at -> Nullable<Timestamp>,
        ended_at -> Nullable<Timestamp>,
        mailed_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(booking_holds -> booking_slots (slot_id));
diesel::joinable!(booking_waitlist -> booking_slots (slot_id));
diesel::joinable!(bookings -> booking_slots (slot_id));

diesel::allow_tables_to_appear_in_same_query!(
    booking_resources,
    booking_slots,
    booking_holds,
    bookings,
    booking_waitlist
);
