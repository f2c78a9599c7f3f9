//! What follows a booking in the storage (issue 49): a filing's bookings, the booking behind
//! a mailed link, the bookings due a reminder the day before, and whether the person came.

use madoguchi_core::{
    Attendance, BookingId, BookingStatus, HistoryAction, ResourceId, SubmissionId, TenantId,
};

use crate::{BookingRecord, StoreError, Timestamp};

/// One booking as the published figures count it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookingFact {
    pub resource_id: ResourceId,
    pub status: BookingStatus,
    pub attendance: Option<Attendance>,
    /// When it was made, and when its time starts (UTC).
    pub created_at: Timestamp,
    pub starts_at: Timestamp,
}

/// What a read may do with [`BookingFollowUp`].
pub trait BookingFollowUpRead {
    /// A filing's bookings (cancelled ones too), oldest first.
    fn bookings_of_submission(
        &mut self,
        tenant_id: &TenantId,
        submission_id: &SubmissionId,
    ) -> Result<Vec<BookingRecord>, StoreError>;
    /// A person's bookings taking a place that no filing holds yet (a counter visit's,
    /// booked when the resident took the code), oldest first.
    fn unfiled_bookings_of(
        &mut self,
        tenant_id: &TenantId,
        holder_hash: &str,
    ) -> Result<Vec<BookingRecord>, StoreError>;
    /// The city's bookings whose time starts in `from..to` (every status), for the
    /// published figures.
    fn booking_facts(
        &mut self,
        tenant_id: &TenantId,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<BookingFact>, StoreError>;
    /// The details of the city's history events of `action` recorded in `from..to` (a
    /// booking moved or cancelled by its applicant: the times it names).
    fn event_details(
        &mut self,
        tenant_id: &TenantId,
        action: HistoryAction,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<Option<String>>, StoreError>;
    /// The booking whose mailed link has the secret with this SHA-256.
    fn find_booking_by_link(
        &mut self,
        link_hash: &str,
    ) -> Result<Option<BookingRecord>, StoreError>;
    /// Bookings taking a place, not yet reminded, whose slot starts in `from..to` (every
    /// city), at most `limit`, earliest first.
    fn bookings_to_remind(
        &mut self,
        from: Timestamp,
        to: Timestamp,
        limit: i64,
    ) -> Result<Vec<BookingRecord>, StoreError>;
}

/// Reminders and attendance of bookings (a booking's link is stored with it when it is
/// made).
pub trait BookingFollowUp: BookingFollowUpRead {
    /// Marks the booking reminded, if it was not: false when another worker did first.
    fn mark_booking_reminded(&mut self, id: &BookingId, at: Timestamp) -> Result<bool, StoreError>;
    /// Files a booking made before its filing with it (the counter files the visit): false
    /// when a filing holds it already or it takes no place.
    fn attach_booking(
        &mut self,
        id: &BookingId,
        submission_id: &SubmissionId,
    ) -> Result<bool, StoreError>;
    /// Marks whether the person of a booking taking a place came (`None` clears the mark);
    /// false when the booking takes no place.
    fn mark_attendance(
        &mut self,
        id: &BookingId,
        attendance: Option<Attendance>,
        at: Timestamp,
    ) -> Result<bool, StoreError>;
}
