//! What follows a booking: its filing's, its link's, reminders and attendance
//! (`madoguchi_records::BookingFollowUp`).

use diesel::prelude::*;
use madoguchi_core::{
    Attendance, BookingId, BookingStatus, HistoryAction, ResourceId, SubmissionId, TenantId,
};
use madoguchi_records::schema::{booking_slots, bookings, submission_events};
use madoguchi_records::{
    BookingFact, BookingFollowUp, BookingFollowUpRead, BookingRecord, StoreError,
};

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

    fn unfiled_bookings_of(
        &mut self,
        tenant_id: &TenantId,
        holder_hash: &str,
    ) -> Result<Vec<BookingRecord>, StoreError> {
        Ok(bookings::table
            .filter(bookings::tenant_id.eq(tenant_id))
            .filter(bookings::holder_hash.eq(holder_hash))
            .filter(bookings::submission_id.is_null())
            .filter(bookings::status.eq_any(TAKING))
            .order((bookings::created_at, bookings::id))
            .select(BookingRecord::as_select())
            .load(self)?)
    }

    fn booking_facts(
        &mut self,
        tenant_id: &TenantId,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<BookingFact>, StoreError> {
        type Row = (
            ResourceId,
            BookingStatus,
            Option<Attendance>,
            Timestamp,
            Timestamp,
        );
        let rows: Vec<Row> = bookings::table
            .inner_join(booking_slots::table)
            .filter(bookings::tenant_id.eq(tenant_id))
            .filter(booking_slots::starts_at.ge(from))
            .filter(booking_slots::starts_at.lt(to))
            .select((
                bookings::resource_id,
                bookings::status,
                bookings::attendance,
                bookings::created_at,
                booking_slots::starts_at,
            ))
            .load(self)?;
        Ok(rows
            .into_iter()
            .map(
                |(resource_id, status, attendance, created_at, starts_at)| BookingFact {
                    resource_id,
                    status,
                    attendance,
                    created_at,
                    starts_at,
                },
            )
            .collect())
    }

    fn event_details(
        &mut self,
        tenant_id: &TenantId,
        action: HistoryAction,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<Option<String>>, StoreError> {
        Ok(submission_events::table
            .filter(submission_events::tenant_id.eq(tenant_id))
            .filter(submission_events::action.eq(action))
            .filter(submission_events::at.ge(from))
            .filter(submission_events::at.lt(to))
            .select(submission_events::detail)
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

    fn attach_booking(
        &mut self,
        id: &BookingId,
        submission_id: &SubmissionId,
    ) -> Result<bool, StoreError> {
        let n = diesel::update(
            bookings::table
                .find(id)
                .filter(bookings::submission_id.is_null())
                .filter(bookings::status.eq_any(TAKING)),
        )
        .set(bookings::submission_id.eq(submission_id))
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
