//! Request-then-confirm (仮受付 → 本受付): a resource defined with `"confirm": "by_clerk"`
//! takes its place when the filing requests it; a clerk of the filing's department
//! confirms it, and the applicant is told the day (with the calendar entry, now
//! CONFIRMED).

use madoguchi_core::{AuditAction, BookingId, BookingStatus, ErrorCode};

use super::Bookings;
use crate::kernel::AppError;
use crate::kernel::audit::AuditEntry;
use crate::kernel::staff::{Clerk, require_case_worker, require_city};
use crate::notification::booking_mails::BookingNews;

impl Bookings<'_> {
    /// Confirms a requested booking of a filing of the clerk's department. The place it
    /// requested is re-checked: refused when its slot has since been closed or has begun
    /// (a clerk then moves it or tells the applicant); "not found" for a booking of
    /// another department or city.
    pub fn confirm(&self, clerk: &Clerk, id: &BookingId) -> Result<(), AppError> {
        require_city(clerk, self.city)?;
        require_case_worker(clerk)?;
        let now = self.app.now();
        self.app.write(|c| {
            let booking = c.find_booking(self.city, id)?.ok_or(AppError::NotFound)?;
            let submission = booking.submission_id.clone().ok_or(AppError::NotFound)?;
            let row = c
                .find_submission(self.city, &submission)?
                .filter(|f| f.department_id == clerk.department)
                .ok_or(AppError::NotFound)?;
            if booking.status != BookingStatus::Requested {
                return Err(AppError::InvalidTransition);
            }
            let slot = c
                .find_slot(self.city, &booking.slot_id)?
                .ok_or(AppError::NotFound)?;
            if slot.closed().is_some() {
                return Err(AppError::Refused(ErrorCode::SlotClosed));
            }
            if slot.starts_at <= now.naive_utc() {
                return Err(AppError::Refused(ErrorCode::SlotOutOfWindow));
            }
            if !c.confirm_booking(id, now.naive_utc())? {
                return Err(AppError::InvalidTransition);
            }
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::BookingConfirmed)
                    .submission(&row.id)
                    .detail(serde_json::json!({ "booking": id.as_str() }).to_string()),
            )?;
            let confirmed = c.find_booking(self.city, id)?.ok_or(AppError::NotFound)?;
            let confirmed = self.app.filed_booking(c, self.city, &confirmed)?;
            if let Some(mail) =
                self.app
                    .booking_mail(c, self.city, &row, &confirmed, BookingNews::Confirmed)?
            {
                c.enqueue_mail(&mail)?;
            }
            Ok(())
        })
    }
}
