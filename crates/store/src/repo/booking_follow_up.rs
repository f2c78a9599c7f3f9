//! What follows a booking: its filing's, its link's, reminders and attendance
//! (`madoguchi_records::BookingFollowUp`).

use diesel::prelude::*;
use madoguchi_core::{Attendance, BookingId, BookingStatus, SubmissionId, TenantId};
use madoguchi_records::schema::{booking_slots, bookings};
use madoguchi_records::{BookingFollowUp, BookingFollowUpRead, BookingRecord, StoreError};

use crate::{DbConn, Timestamp};

/// The statuses that take a place in a slot.
const TAKING: [BookingStatus; 2] = [BookingStatus::Requested, BookingStatus::Confirmed];

impl BookingFollowUpRead for DbConn {
    fn bookings_of_submission(
        &mut self,
        tenant_id: &TenantId,
        submission_id: &SubmissionId,
    ) -> Result<Vec<BookingRecord>, StoreError> {
        Ok(bookings::table
            .filter(bookings::tenant_id.eq(tenant_id))
            .filter(bookings::submission_id.eq(submission_id))
            .order((bookings::created_at, bookings::id))
            .select(BookingRecord::as_select())
            .load(self)?)
    }

    fn find_booking_by_link(
        &mut self,
        link_hash: &str,
    ) -> Result<Option<BookingRecord>, StoreError> {
        Ok(bookings::table
            .filter(bookings::link_hash.eq(link_hash))
            .select(BookingRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn bookings_to_remind(
        &mut self,
        from: Timestamp,
        to: Timestamp,
        limit: i64,
    ) -> Result<Vec<BookingRecord>, StoreError> {
        Ok(bookings::table
            .inner_join(booking_slots::table)
            .filter(booking_slots::starts_at.ge(from))
            .filter(booking_slots::starts_at.lt(to))
            .filter(bookings::status.eq_any(TAKING))
            .filter(bookings::reminded_at.is_null())
            .order((booking_slots::starts_at, bookings::id))
            .limit(limit)
            .select(BookingRecord::as_select())
            .load(self)?)
    }
}

impl BookingFollowUp for DbConn {
    fn mark_booking_reminded(&mut self, id: &BookingId, at: Timestamp) -> Result<bool, StoreError> {
        let n = diesel::update(
            bookings::table
                .find(id)
                .filter(bookings::reminded_at.is_null()),
        )
        .set(bookings::reminded_at.eq(at))
        .execute(self)?;
        Ok(n == 1)
    }

    fn mark_attendance(
        &mut self,
        id: &BookingId,
        attendance: Option<Attendance>,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let n = diesel::update(
            bookings::table
                .find(id)
                .filter(bookings::status.eq_any(TAKING)),
        )
        .set((
            bookings::attendance.eq(attendance),
            bookings::attendance_at.eq(attendance.map(|_| at)),
        ))
        .execute(self)?;
        Ok(n == 1)
    }
}
