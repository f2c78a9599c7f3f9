//! What follows a booking in the storage (issue 49): a filing's bookings, the booking behind
//! a mailed link, the bookings due a reminder the day before, and whether the person came.

use madoguchi_core::{Attendance, BookingId, SubmissionId, TenantId};

use crate::{BookingRecord, StoreError, Timestamp};

/// What a read may do with [`BookingFollowUp`].
pub trait BookingFollowUpRead {
    /// A filing's bookings (cancelled ones too), oldest first.
    fn bookings_of_submission(
        &mut self,
        tenant_id: &TenantId,
        submission_id: &SubmissionId,
    ) -> Result<Vec<BookingRecord>, StoreError>;
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
    /// Marks whether the person of a booking taking a place came (`None` clears the mark);
    /// false when the booking takes no place.
    fn mark_attendance(
        &mut self,
        id: &BookingId,
        attendance: Option<Attendance>,
        at: Timestamp,
    ) -> Result<bool, StoreError>;
}
