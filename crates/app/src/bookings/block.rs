//! A clerk stops a slot, or a whole day, with a reason residents read (a counter short of
//! staff, a system update), and lifts the block again. The block is kept apart from the
//! resource's own closed days, so a redefinition does not lift it. Bookings already in a
//! stopped slot stand; each person is told by mail, with the reason and the booking's link
//! to choose another time.

use chrono::{NaiveDate, NaiveTime};
use madoguchi_core::{AuditAction, Localized, ResourceId};
use madoguchi_forms::{FieldError, FormErrorCode};

use super::Bookings;
use crate::kernel::AppError;
use crate::kernel::audit::AuditEntry;
use crate::kernel::booking::local_of;
use crate::kernel::staff::{Clerk, require_case_worker, require_city};
use crate::notification::booking_mails::BookingNews;

/// What a block (or its lifting) changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Blocked {
    /// Slots stopped (or opened again).
    pub slots: usize,
    /// People with a booking in them who were told by mail.
    pub told: usize,
}

/// The longest reason a clerk may give.
const REASON_MAX: usize = 200;

impl Bookings<'_> {
    /// Stops the slots of `resource` on `day` not yet begun — the one starting at `at`, or
    /// all of them — with `reason` (required, up to 200 characters, what residents read);
    /// the people booked in them are told. `reason: None` lifts the block instead.
    pub fn block(
        &self,
        clerk: &Clerk,
        resource: &ResourceId,
        day: NaiveDate,
        at: Option<NaiveTime>,
        reason: Option<&str>,
    ) -> Result<Blocked, AppError> {
        require_city(clerk, self.city)?;
        require_case_worker(clerk)?;
        let reason = match reason.map(str::trim) {
            Some(r) if r.is_empty() || r.chars().count() > REASON_MAX => {
                let code = if r.is_empty() {
                    FormErrorCode::Required
                } else {
                    FormErrorCode::TooLong
                };
                return Err(AppError::Validation {
                    step: String::new(),
                    errors: vec![FieldError::new("/reason", code)],
                });
            }
            Some(r) => Some(Localized::new(r, r)),
            None => None,
        };
        let stored = reason
            .as_ref()
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| AppError::internal("a block's reason", e))?;
        let now = self.app.now().naive_utc();
        self.app.write(|c| {
            self.resource(c, resource)?;
            let mut done = Blocked::default();
            for slot in c.slots_between(self.city, resource, day, day)? {
                let starts = local_of(slot.starts_at);
                if slot.starts_at <= now || at.is_some_and(|t| t != starts.time()) {
                    continue;
                }
                if slot.blocked_reason == stored || !c.block_slot(&slot.id, stored.as_deref())? {
                    continue;
                }
                done.slots += 1;
                if stored.is_none() {
                    continue;
                }
                for b in c.bookings_in_slot(self.city, &slot.id)? {
                    let Some(submission) = &b.submission_id else {
                        continue;
                    };
                    let Some(row) = c.find_submission(self.city, submission)? else {
                        continue;
                    };
                    let booking = self.app.filed_booking(c, self.city, &b)?;
                    let mail = self.app.booking_mail(
                        c,
                        self.city,
                        &row,
                        &booking,
                        BookingNews::Stopped,
                    )?;
                    if let Some(mail) = mail {
                        c.enqueue_mail(&mail)?;
                        done.told += 1;
                    }
                }
            }
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::BookingsBlocked).detail(
                    serde_json::json!({
                        "resource": resource.as_str(),
                        "day": day.to_string(),
                        "at": at.map(|t| t.format("%H:%M").to_string()),
                        "reason": reason.as_ref().map(|r| r.ja.clone()),
                        "slots": done.slots,
                    })
                    .to_string(),
                ),
            )?;
            Ok(done)
        })
    }
}
