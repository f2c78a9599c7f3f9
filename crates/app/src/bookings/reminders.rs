//! The reminder the day before a booked time (Sabae's practice; residents forget visits
//! booked weeks ahead), in every city: run by the worker's `bookings` lane.

use chrono::Duration;

use crate::kernel::{App, AppError};
use crate::notification::booking_mails::BookingNews;

/// How many bookings one round reminds at most.
const REMIND_ROUND: i64 = 200;

/// A booking made, moved or confirmed this recently is not reminded: its own mail has just
/// told the time.
const JUST_TOLD: Duration = Duration::hours(12);

impl App {
    /// Queues the reminder of every booking whose time is tomorrow (Japan time), once per
    /// booking and day (a booking moved to another day is reminded again); the reminders
    /// queued.
    pub fn send_booking_reminders(&self) -> Result<usize, AppError> {
        let (from, to) = self.tomorrow_as_stored();
        let due = self.read(|c| Ok(c.bookings_to_remind(from, to, REMIND_ROUND)?))?;
        let mut queued = 0;
        for b in due {
            let now = self.now().naive_utc();
            queued += self.write(|c| {
                // Only the worker that marks it reminds it.
                if !c.mark_booking_reminded(&b.id, now)? || b.updated_at > now - JUST_TOLD {
                    return Ok(0);
                }
                let Some(submission) = &b.submission_id else {
                    return Ok(0);
                };
                let Some(row) = c.find_submission(&b.tenant_id, submission)? else {
                    return Ok(0);
                };
                let booking = self.filed_booking(c, &b.tenant_id, &b)?;
                match self.booking_mail(c, &b.tenant_id, &row, &booking, BookingNews::Reminder)? {
                    Some(mail) => {
                        c.enqueue_mail(&mail)?;
                        Ok(1)
                    }
                    None => Ok(0),
                }
            })?;
        }
        Ok(queued)
    }
}
