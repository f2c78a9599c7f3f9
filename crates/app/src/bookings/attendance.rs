//! Whether a booked person came: the counter marks each booking of the day arrived (when
//! they check in) or no-show (once their time has begun), from the day list; the no-show
//! rate in the figures is read from the marks.

use madoguchi_core::{Attendance, AuditAction, BookingId, ErrorCode};

use super::Bookings;
use crate::kernel::AppError;
use crate::kernel::audit::AuditEntry;
use crate::kernel::booking::local_of;
use crate::kernel::staff::{Clerk, require_case_worker, require_city};

impl Bookings<'_> {
    /// Marks a booking of a filing of the clerk's department as arrived or no-show
    /// (`None` clears a mark made by mistake): refused for a day still to come, and
    /// "no-show" before the booked time has begun; "not found" for another department's.
    pub fn mark(
        &self,
        clerk: &Clerk,
        id: &BookingId,
        attendance: Option<Attendance>,
    ) -> Result<(), AppError> {
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
            let slot = c
                .find_slot(self.city, &booking.slot_id)?
                .ok_or(AppError::NotFound)?;
            let today = self.local_now().date();
            let too_early = match attendance {
                Some(Attendance::Arrived) => local_of(slot.starts_at).date() > today,
                Some(Attendance::NoShow) => slot.starts_at > now.naive_utc(),
                None => false,
            };
            if too_early {
                return Err(AppError::Refused(ErrorCode::SlotOutOfWindow));
            }
            if !c.mark_attendance(id, attendance, now.naive_utc())? {
                return Err(AppError::InvalidTransition);
            }
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::BookingAttendance)
                    .submission(&row.id)
                    .detail(
                        serde_json::json!({
                            "booking": id.as_str(),
                            "attendance": attendance.map(|a| a.code()),
                        })
                        .to_string(),
                    ),
            )
        })
    }
}
