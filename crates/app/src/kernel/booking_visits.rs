//! Bookings made before their filing: a counter visit's (書かない窓口). A resident who
//! prepares a procedure at home and takes the code to show at the counter books its time
//! then — a hold would be long gone by the day — and the code and the drafts last until the
//! end of the booked day; the counter's filing on the day takes the booking over.

use chrono::{Duration, NaiveDateTime};
use madoguchi_core::{BookingId, SlotId, SubmissionId, TenantId};
use madoguchi_forms::Form;
use madoguchi_records::Records;
use serde_json::Value;

use crate::kernel::booking::{Booking, local_of, on_question, utc_of};
use crate::kernel::{App, AppError};

impl App {
    /// Books, in the caller's unit of writes, every booking question the answers choose
    /// for a person with no filing yet: a time they booked so already is kept; one of the
    /// same resource at another time is given back first. A refusal is an error on its
    /// question.
    pub(crate) fn book_before_filing(
        &self,
        c: &mut dyn Records,
        city: &TenantId,
        form: &Form,
        data: &Value,
        holder: &str,
    ) -> Result<(), AppError> {
        let now = self.now().naive_utc();
        for answer in form.booking_answers(data) {
            let refused = |e: AppError| on_question(form, &answer.field.pointer, e);
            let Some(slot) = self.slot_of_answer(c, city, &answer).map_err(refused)? else {
                continue;
            };
            let unfiled = c.unfiled_bookings_of(city, holder)?;
            if unfiled.iter().any(|b| b.slot_id == slot.id) {
                continue;
            }
            for other in unfiled.iter().filter(|b| b.resource_id == slot.resource_id) {
                c.cancel_booking(&other.id, now)?;
            }
            let hold = c
                .holds_of(city, holder)?
                .into_iter()
                .find(|h| h.slot_id == slot.id)
                .map(|h| h.id);
            let booking = Booking {
                slot: &slot.id,
                units: answer.units,
                holder,
                hold: hold.as_ref(),
                submission: None,
            };
            self.book_in(c, city, booking).map_err(refused)?;
        }
        Ok(())
    }

    /// The end (midnight, Japan time, as stored) of the last day a person has booked with
    /// no filing yet: how long their counter code and drafts must last.
    pub(crate) fn booked_until(
        &self,
        c: &mut dyn Records,
        city: &TenantId,
        holder: &str,
    ) -> Result<Option<NaiveDateTime>, AppError> {
        let mut until = None;
        for b in c.unfiled_bookings_of(city, holder)? {
            let Some(slot) = c.find_slot(city, &b.slot_id)? else {
                continue;
            };
            let next_day = local_of(slot.starts_at).date() + Duration::days(1);
            let end = utc_of(next_day.and_hms_opt(0, 0, 0).unwrap_or_default());
            until = until.max(Some(end));
        }
        Ok(until)
    }

    /// Files, in the filing's unit of writes, the person's booking of `slot` made before
    /// the filing, if there is one: its id.
    pub(crate) fn take_over_booking(
        &self,
        c: &mut dyn Records,
        city: &TenantId,
        holder: &str,
        slot: &SlotId,
        submission: &SubmissionId,
    ) -> Result<Option<BookingId>, AppError> {
        for b in c.unfiled_bookings_of(city, holder)? {
            if b.slot_id == *slot && c.attach_booking(&b.id, submission)? {
                return Ok(Some(b.id));
            }
        }
        Ok(None)
    }
}
