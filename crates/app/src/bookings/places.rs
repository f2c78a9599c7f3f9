//! Places in slots: what a resource offers on some days, a place held while a resident
//! finishes a form, the booking made from it, and its change and cancellation.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use madoguchi_bookings::Refusal;
use madoguchi_core::{BookingId, ErrorCode, HoldId, Localized, ResourceId, SlotId, SubmissionId};
use madoguchi_records::{BookingRecord, Records};

use super::{Bookings, HOLD_FOR, instant};
use crate::kernel::AppError;
use crate::kernel::booking::{Booking, local_of};

/// A slot as a resident or clerk sees it.
#[derive(Clone, Debug)]
pub struct SlotView {
    pub id: SlotId,
    /// Start and end on Japan's wall clock.
    pub starts: NaiveDateTime,
    pub ends: NaiveDateTime,
    pub capacity: u32,
    pub booked: u32,
    pub held: u32,
    /// Units free now (0 when closed).
    pub free: u32,
    /// Why it is closed, if it is.
    pub closed: Option<Localized>,
    /// Whether the window lets it be booked now.
    pub bookable: Result<(), Refusal>,
    /// How many wait for a place in it (キャンセル待ち), not yet offered one.
    pub waiting: u32,
}

impl SlotView {
    /// Can `units` be booked in it now?
    pub fn offers(&self, units: u32) -> bool {
        self.bookable.is_ok() && self.closed.is_none() && self.free >= units
    }

    /// Can one wait for it: open and in its window, but without room for `units`?
    pub fn can_wait_for(&self, units: u32) -> bool {
        self.bookable.is_ok() && self.closed.is_none() && self.free < units
    }
}

/// A place held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Held {
    pub id: HoldId,
    pub slot: SlotId,
    pub expires_at: DateTime<Utc>,
}

fn count(n: i32) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

impl Bookings<'_> {
    /// The resource's slots on the days `from..=to`, each with what is free and whether it
    /// may be booked now.
    pub fn slots(
        &self,
        resource: &ResourceId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<SlotView>, AppError> {
        let (definition, rows, waiting) = self.app.read(|c| {
            let rows = c.slots_between(self.city, resource, from, to)?;
            let ids: Vec<SlotId> = rows.iter().map(|s| s.id.clone()).collect();
            Ok((
                self.resource(c, resource)?,
                rows,
                c.waiting_counts(self.city, &ids)?,
            ))
        })?;
        let calendar = self.app.office_calendar(self.city).days;
        let now = self.local_now();
        let waiting_for = |id: &SlotId| {
            waiting
                .iter()
                .find(|(s, _)| s == id)
                .map_or(0, |(_, n)| u32::try_from(*n).unwrap_or(u32::MAX))
        };
        Ok(rows
            .into_iter()
            .map(|s| {
                let starts = local_of(s.starts_at);
                let waiting = waiting_for(&s.id);
                SlotView {
                    bookable: definition.window.allows(now, starts, &calendar),
                    // A place freed while people wait is theirs (kept for the line).
                    free: if waiting > 0 { 0 } else { count(s.free()) },
                    waiting,
                    closed: s.closed().and_then(|r| serde_json::from_str(r).ok()),
                    id: s.id,
                    starts,
                    ends: local_of(s.ends_at),
                    capacity: count(s.capacity),
                    booked: count(s.booked),
                    held: count(s.held),
                }
            })
            .collect())
    }

    /// Holds `units` of a slot for `holder` (SHA-256 of who holds it) for [`HOLD_FOR`]:
    /// refused when the slot is closed, outside its window, full, or the person is at the
    /// resource's limit.
    pub fn hold(&self, slot: &SlotId, units: u32, holder: &str) -> Result<Held, AppError> {
        let hold = self
            .app
            .write(|c| self.app.hold_in(c, self.city, slot, units, holder))?;
        Ok(Held {
            id: hold.id,
            slot: hold.slot_id,
            expires_at: instant(hold.expires_at),
        })
    }

    /// Keeps a hold for another [`HOLD_FOR`] (while the resident works on the form);
    /// refused when it has been given back or swept.
    pub fn renew(&self, hold: &HoldId, holder: &str) -> Result<DateTime<Utc>, AppError> {
        let expires_at = self.app.now() + HOLD_FOR;
        self.app.write(|c| {
            let row = c.find_hold(self.city, hold)?;
            if row.is_none_or(|h| h.holder_hash != holder) {
                return Err(AppError::Refused(ErrorCode::HoldExpired));
            }
            if !c.renew_hold(hold, expires_at.naive_utc())? {
                return Err(AppError::Refused(ErrorCode::HoldExpired));
            }
            Ok(expires_at)
        })
    }

    /// Gives a hold back (the resident chose another time, or left).
    pub fn release(&self, hold: &HoldId, holder: &str) -> Result<(), AppError> {
        self.app.write(|c| {
            if c.find_hold(self.city, hold)?
                .is_some_and(|h| h.holder_hash == holder)
            {
                c.release_hold(hold)?;
            }
            Ok(())
        })
    }

    /// Books `units` of a slot for `holder`: from their hold if it is still there (expired
    /// or not, while unswept its place is theirs), otherwise afresh if the slot has room.
    /// The booking is requested or confirmed as the resource says.
    pub fn book(
        &self,
        slot: &SlotId,
        units: u32,
        holder: &str,
        hold: Option<&HoldId>,
        submission: Option<&SubmissionId>,
    ) -> Result<BookingId, AppError> {
        self.app
            .write(|c| self.book_in(c, slot, units, holder, hold, submission))
    }

    /// [`Bookings::book`] inside a unit of writes the caller holds (the filing's own, so
    /// the filing and its booking are stored together or not at all).
    pub fn book_in(
        &self,
        c: &mut dyn Records,
        slot: &SlotId,
        units: u32,
        holder: &str,
        hold: Option<&HoldId>,
        submission: Option<&SubmissionId>,
    ) -> Result<BookingId, AppError> {
        let booking = Booking {
            slot,
            units,
            holder,
            hold,
            submission,
        };
        self.app.book_in(c, self.city, booking)
    }

    /// The booking, if it is `holder`'s.
    pub fn booking(&self, id: &BookingId, holder: &str) -> Result<BookingRecord, AppError> {
        self.app
            .read(|c| Ok(c.find_booking(self.city, id)?))?
            .filter(|b| b.holder_hash == holder)
            .ok_or(AppError::NotFound)
    }

    /// Cancels `holder`'s booking, up to the close of its slot's window; its place is free
    /// again at once.
    pub fn cancel(&self, id: &BookingId, holder: &str) -> Result<(), AppError> {
        self.app.write(|c| {
            self.changeable_booking(c, id, holder)?;
            if !c.cancel_booking(id, self.app.now().naive_utc())? {
                return Err(AppError::NotFound);
            }
            Ok(())
        })
    }

    /// Moves `holder`'s booking to another slot of the same resource in one step: the new
    /// place taken and the old one freed together, the booking's id kept and its sequence
    /// raised; nothing changes when the new slot is full, closed or outside its window.
    pub fn change(&self, id: &BookingId, holder: &str, to: &SlotId) -> Result<(), AppError> {
        let now = self.app.now().naive_utc();
        self.app.write(|c| {
            let booking = self.changeable_booking(c, id, holder)?;
            let (target, _) = self.app.bookable_slot(c, self.city, to)?;
            if target.resource_id != booking.resource_id {
                return Err(AppError::NotFound);
            }
            self.app.kept_for_the_line(c, self.city, &target.id)?;
            c.sweep_expired_holds(&target.id, now)?;
            if !c.move_booking(id, &target.id, now)? {
                return Err(AppError::Refused(ErrorCode::SlotFull));
            }
            Ok(())
        })
    }

    /// `holder`'s booking taking a place, if it may still be changed or cancelled online:
    /// up to the same close as booking its slot.
    fn changeable_booking(
        &self,
        c: &mut dyn Records,
        id: &BookingId,
        holder: &str,
    ) -> Result<BookingRecord, AppError> {
        let booking = c
            .find_booking(self.city, id)?
            .filter(|b| b.holder_hash == holder && b.status.takes_a_place())
            .ok_or(AppError::NotFound)?;
        let row = c
            .find_slot(self.city, &booking.slot_id)?
            .ok_or(AppError::NotFound)?;
        let resource = self.resource(c, &row.resource_id)?;
        self.app.within_window(self.city, &resource, &row)?;
        Ok(booking)
    }
}

/// What a resource offers a booking question: its name and place, and its slots from today
/// through the last day its window reaches, by day.
#[derive(Clone, Debug)]
pub struct Offer {
    /// The resource's id (what a booking question's answer names).
    pub id: String,
    pub name: Localized,
    pub place: Localized,
    pub days: Vec<OfferDay>,
}

/// One day of an [`Offer`].
#[derive(Clone, Debug)]
pub struct OfferDay {
    pub day: NaiveDate,
    pub slots: Vec<SlotView>,
}

impl OfferDay {
    /// Can `units` be booked in any of its slots now?
    pub fn offers(&self, units: u32) -> bool {
        self.slots.iter().any(|s| s.offers(units))
    }

    /// Why the day is closed, when every slot of it is closed for the same reason.
    pub fn closed(&self) -> Option<&Localized> {
        let first = self.slots.first()?.closed.as_ref()?;
        self.slots
            .iter()
            .all(|s| s.closed.as_ref() == Some(first))
            .then_some(first)
    }
}

impl Bookings<'_> {
    /// What `resource` offers now, day by day; `None` when the city has no such resource.
    pub fn offer(&self, resource: &str) -> Result<Option<Offer>, AppError> {
        let id = ResourceId::new(resource);
        let definition = match self.app.read(|c| self.resource(c, &id)) {
            Ok(d) => d,
            Err(AppError::NotFound) => return Ok(None),
            Err(e) => return Err(e),
        };
        let today = self.local_now().date();
        let last = today + chrono::Duration::days(i64::from(definition.window.opens_days_ahead));
        let slots = self.slots(&id, today, last)?;
        let mut days: Vec<OfferDay> = Vec::new();
        for slot in slots {
            let day = slot.starts.date();
            match days.last_mut() {
                Some(d) if d.day == day => d.slots.push(slot),
                _ => days.push(OfferDay {
                    day,
                    slots: vec![slot],
                }),
            }
        }
        Ok(Some(Offer {
            id: definition.id,
            name: definition.name,
            place: definition.place,
            days,
        }))
    }
}
