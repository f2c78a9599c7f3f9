//! Bookings: resources, slots, holds and bookings. Every change to a slot's `booked` or
//! `held` is one `UPDATE … WHERE` that holds only while the slot has room, so two residents
//! taking the last place cannot both succeed on either engine: SQLite's writes take turns,
//! and PostgreSQL re-reads a row an `UPDATE` waited for before applying its `WHERE`.

use chrono::NaiveDate;
use diesel::prelude::*;
use madoguchi_core::{
    BookingId, BookingStatus, HoldId, ResourceId, SlotId, SubmissionId, TenantId,
};
use madoguchi_records::schema::{booking_holds, booking_resources, booking_slots, bookings};
use madoguchi_records::{
    BookingRecord, BookingResourceRecord, Bookings, BookingsRead, HoldRecord, SlotRecord,
    StoreError,
};

use crate::{DbConn, Timestamp};

/// The statuses that take a place in a slot.
const TAKING: [BookingStatus; 2] = [BookingStatus::Requested, BookingStatus::Confirmed];

impl BookingsRead for DbConn {
    fn find_booking_resource(
        &mut self,
        tenant_id: &TenantId,
        id: &ResourceId,
    ) -> Result<Option<BookingResourceRecord>, StoreError> {
        Ok(booking_resources::table
            .find((tenant_id, id))
            .select(BookingResourceRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn booking_resources(
        &mut self,
        tenant_id: &TenantId,
    ) -> Result<Vec<BookingResourceRecord>, StoreError> {
        Ok(booking_resources::table
            .filter(booking_resources::tenant_id.eq(tenant_id))
            .order(booking_resources::id)
            .select(BookingResourceRecord::as_select())
            .load(self)?)
    }

    fn all_booking_resources(&mut self) -> Result<Vec<BookingResourceRecord>, StoreError> {
        Ok(booking_resources::table
            .order((booking_resources::tenant_id, booking_resources::id))
            .select(BookingResourceRecord::as_select())
            .load(self)?)
    }

    fn slots_between(
        &mut self,
        tenant_id: &TenantId,
        resource_id: &ResourceId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<SlotRecord>, StoreError> {
        Ok(booking_slots::table
            .filter(booking_slots::tenant_id.eq(tenant_id))
            .filter(booking_slots::resource_id.eq(resource_id))
            .filter(booking_slots::day.between(from, to))
            .order(booking_slots::starts_at)
            .select(SlotRecord::as_select())
            .load(self)?)
    }

    fn find_slot(
        &mut self,
        tenant_id: &TenantId,
        id: &SlotId,
    ) -> Result<Option<SlotRecord>, StoreError> {
        Ok(booking_slots::table
            .find(id)
            .filter(booking_slots::tenant_id.eq(tenant_id))
            .select(SlotRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn find_slot_at(
        &mut self,
        tenant_id: &TenantId,
        resource_id: &ResourceId,
        starts_at: Timestamp,
    ) -> Result<Option<SlotRecord>, StoreError> {
        Ok(booking_slots::table
            .filter(booking_slots::tenant_id.eq(tenant_id))
            .filter(booking_slots::resource_id.eq(resource_id))
            .filter(booking_slots::starts_at.eq(starts_at))
            .select(SlotRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn holds_of(
        &mut self,
        tenant_id: &TenantId,
        holder_hash: &str,
    ) -> Result<Vec<HoldRecord>, StoreError> {
        Ok(booking_holds::table
            .filter(booking_holds::tenant_id.eq(tenant_id))
            .filter(booking_holds::holder_hash.eq(holder_hash))
            .order(booking_holds::created_at)
            .select(HoldRecord::as_select())
            .load(self)?)
    }

    fn find_hold(
        &mut self,
        tenant_id: &TenantId,
        id: &HoldId,
    ) -> Result<Option<HoldRecord>, StoreError> {
        Ok(booking_holds::table
            .find(id)
            .filter(booking_holds::tenant_id.eq(tenant_id))
            .select(HoldRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn find_booking(
        &mut self,
        tenant_id: &TenantId,
        id: &BookingId,
    ) -> Result<Option<BookingRecord>, StoreError> {
        Ok(bookings::table
            .find(id)
            .filter(bookings::tenant_id.eq(tenant_id))
            .select(BookingRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn bookings_in_slot(
        &mut self,
        tenant_id: &TenantId,
        slot_id: &SlotId,
    ) -> Result<Vec<BookingRecord>, StoreError> {
        Ok(bookings::table
            .filter(bookings::tenant_id.eq(tenant_id))
            .filter(bookings::slot_id.eq(slot_id))
            .filter(bookings::status.eq_any(TAKING))
            .order(bookings::created_at)
            .select(BookingRecord::as_select())
            .load(self)?)
    }

    fn slots_with_expired_holds(
        &mut self,
        now: Timestamp,
        limit: i64,
    ) -> Result<Vec<SlotId>, StoreError> {
        Ok(booking_holds::table
            .filter(booking_holds::expires_at.le(now))
            .select(booking_holds::slot_id)
            .distinct()
            .limit(limit)
            .load(self)?)
    }

    fn places_of_holder(
        &mut self,
        tenant_id: &TenantId,
        resource_id: &ResourceId,
        holder_hash: &str,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        let booked: i64 = bookings::table
            .inner_join(booking_slots::table)
            .filter(bookings::tenant_id.eq(tenant_id))
            .filter(bookings::resource_id.eq(resource_id))
            .filter(bookings::holder_hash.eq(holder_hash))
            .filter(bookings::status.eq_any(TAKING))
            .filter(booking_slots::starts_at.gt(now))
            .count()
            .get_result(self)?;
        let held: i64 = booking_holds::table
            .inner_join(booking_slots::table)
            .filter(booking_holds::tenant_id.eq(tenant_id))
            .filter(booking_slots::resource_id.eq(resource_id))
            .filter(booking_holds::holder_hash.eq(holder_hash))
            .filter(booking_holds::expires_at.gt(now))
            .count()
            .get_result(self)?;
        Ok(booked + held)
    }
}

impl Bookings for DbConn {
    fn save_booking_resource(&mut self, r: &BookingResourceRecord) -> Result<(), StoreError> {
        let changed = diesel::update(booking_resources::table.find((&r.tenant_id, &r.id)))
            .set((
                booking_resources::definition.eq(&r.definition),
                booking_resources::opened_through.eq(r.opened_through),
                booking_resources::updated_at.eq(r.updated_at),
            ))
            .execute(self)?;
        if changed == 0 {
            diesel::insert_into(booking_resources::table)
                .values(r)
                .execute(self)?;
        }
        Ok(())
    }

    fn open_slots(&mut self, slots: &[SlotRecord]) -> Result<usize, StoreError> {
        if slots.is_empty() {
            return Ok(0);
        }
        match self {
            DbConn::Postgres(pg) => Ok(super::slot_opening::on_postgres(pg, slots)?),
            DbConn::Sqlite(lite) => {
                let mut added = 0;
                for slot in slots {
                    added += diesel::insert_or_ignore_into(booking_slots::table)
                        .values(slot)
                        .execute(lite)?;
                }
                Ok(added)
            }
        }
    }

    fn replan_slot(
        &mut self,
        id: &SlotId,
        capacity: i32,
        closed_reason: Option<&str>,
    ) -> Result<(), StoreError> {
        let slot = booking_slots::table.find(id);
        let fits =
            diesel::update(slot.filter((booking_slots::booked + booking_slots::held).le(capacity)))
                .set((
                    booking_slots::capacity.eq(capacity),
                    booking_slots::closed_reason.eq(closed_reason),
                ))
                .execute(self)?;
        if fits == 0 {
            // Fewer places than are taken: what is taken stays, nothing more is offered.
            diesel::update(slot)
                .set((
                    booking_slots::capacity.eq(booking_slots::booked + booking_slots::held),
                    booking_slots::closed_reason.eq(closed_reason),
                ))
                .execute(self)?;
        }
        Ok(())
    }

    fn sweep_expired_holds(
        &mut self,
        slot_id: &SlotId,
        now: Timestamp,
    ) -> Result<usize, StoreError> {
        let expired: Vec<(HoldId, i32)> = booking_holds::table
            .filter(booking_holds::slot_id.eq(slot_id))
            .filter(booking_holds::expires_at.le(now))
            .select((booking_holds::id, booking_holds::units))
            .load(self)?;
        let mut swept = 0;
        for (id, units) in expired {
            // Only the statement that deleted the hold gives its units back: a sweeper
            // running at the same moment deletes nothing and gives nothing.
            let gone = diesel::delete(
                booking_holds::table
                    .find(&id)
                    .filter(booking_holds::expires_at.le(now)),
            )
            .execute(self)?;
            if gone == 1 {
                give_back_held(self, slot_id, units)?;
                swept += 1;
            }
        }
        Ok(swept)
    }

    fn hold_place(&mut self, hold: &HoldRecord) -> Result<bool, StoreError> {
        let taken = diesel::update(
            booking_slots::table
                .find(&hold.slot_id)
                .filter(booking_slots::tenant_id.eq(&hold.tenant_id))
                .filter(booking_slots::closed_reason.is_null())
                .filter(booking_slots::blocked_reason.is_null())
                .filter(
                    (booking_slots::booked + booking_slots::held + hold.units)
                        .le(booking_slots::capacity),
                ),
        )
        .set(booking_slots::held.eq(booking_slots::held + hold.units))
        .execute(self)?;
        if taken == 0 {
            return Ok(false);
        }
        diesel::insert_into(booking_holds::table)
            .values(hold)
            .execute(self)?;
        Ok(true)
    }

    fn renew_hold(&mut self, id: &HoldId, expires_at: Timestamp) -> Result<bool, StoreError> {
        let n = diesel::update(booking_holds::table.find(id))
            .set(booking_holds::expires_at.eq(expires_at))
            .execute(self)?;
        Ok(n == 1)
    }

    fn hand_over_hold(
        &mut self,
        id: &HoldId,
        holder_hash: &str,
        expires_at: Timestamp,
    ) -> Result<bool, StoreError> {
        let n = diesel::update(booking_holds::table.find(id))
            .set((
                booking_holds::holder_hash.eq(holder_hash),
                booking_holds::expires_at.eq(expires_at),
            ))
            .execute(self)?;
        Ok(n == 1)
    }

    fn renew_holds_of(
        &mut self,
        tenant_id: &TenantId,
        holder_hash: &str,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<usize, StoreError> {
        Ok(diesel::update(
            booking_holds::table
                .filter(booking_holds::tenant_id.eq(tenant_id))
                .filter(booking_holds::holder_hash.eq(holder_hash))
                .filter(booking_holds::expires_at.gt(now)),
        )
        .set(booking_holds::expires_at.eq(expires_at))
        .execute(self)?)
    }

    fn release_hold(&mut self, id: &HoldId) -> Result<bool, StoreError> {
        let Some((slot_id, units)) = booking_holds::table
            .find(id)
            .select((booking_holds::slot_id, booking_holds::units))
            .first::<(SlotId, i32)>(self)
            .optional()?
        else {
            return Ok(false);
        };
        if diesel::delete(booking_holds::table.find(id)).execute(self)? == 0 {
            return Ok(false);
        }
        give_back_held(self, &slot_id, units)?;
        Ok(true)
    }

    fn book(&mut self, b: &BookingRecord, from: Option<&HoldId>) -> Result<bool, StoreError> {
        let held = match from {
            Some(id) => booking_holds::table
                .find(id)
                .filter(booking_holds::slot_id.eq(&b.slot_id))
                .select(booking_holds::units)
                .first::<i32>(self)
                .optional()?,
            None => None,
        };
        let moved = match (from, held) {
            (Some(id), Some(units)) if units == b.units => {
                // The held units become booked: the hold deleted by this statement alone.
                diesel::delete(booking_holds::table.find(id)).execute(self)? == 1
                    && diesel::update(booking_slots::table.find(&b.slot_id))
                        .set((
                            booking_slots::held.eq(booking_slots::held - b.units),
                            booking_slots::booked.eq(booking_slots::booked + b.units),
                        ))
                        .execute(self)?
                        == 1
            }
            (Some(id), Some(units)) => {
                // A hold of another size: given back, then the booking's units taken.
                if diesel::delete(booking_holds::table.find(id)).execute(self)? == 1 {
                    give_back_held(self, &b.slot_id, units)?;
                }
                take_booked(self, &b.slot_id, b.units)?
            }
            _ => take_booked(self, &b.slot_id, b.units)?,
        };
        if !moved {
            return Ok(false);
        }
        diesel::insert_into(bookings::table)
            .values(b)
            .execute(self)?;
        Ok(true)
    }

    fn cancel_booking(&mut self, id: &BookingId, at: Timestamp) -> Result<bool, StoreError> {
        let Some((slot_id, units)) = bookings::table
            .find(id)
            .filter(bookings::status.eq_any(TAKING))
            .select((bookings::slot_id, bookings::units))
            .first::<(SlotId, i32)>(self)
            .optional()?
        else {
            return Ok(false);
        };
        let n = diesel::update(
            bookings::table
                .find(id)
                .filter(bookings::status.eq_any(TAKING)),
        )
        .set((
            bookings::status.eq(BookingStatus::Cancelled),
            bookings::sequence.eq(bookings::sequence + 1),
            bookings::updated_at.eq(at),
        ))
        .execute(self)?;
        if n == 0 {
            return Ok(false);
        }
        diesel::update(booking_slots::table.find(&slot_id))
            .set(booking_slots::booked.eq(booking_slots::booked - units))
            .execute(self)?;
        Ok(true)
    }

    fn move_booking(
        &mut self,
        id: &BookingId,
        to: &SlotId,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let Some((from, units)) = bookings::table
            .find(id)
            .filter(bookings::status.eq_any(TAKING))
            .select((bookings::slot_id, bookings::units))
            .first::<(SlotId, i32)>(self)
            .optional()?
        else {
            return Ok(false);
        };
        if &from == to || !take_booked(self, to, units)? {
            return Ok(false);
        }
        let n = diesel::update(
            bookings::table
                .find(id)
                .filter(bookings::slot_id.eq(&from))
                .filter(bookings::status.eq_any(TAKING)),
        )
        .set((
            bookings::slot_id.eq(to),
            bookings::sequence.eq(bookings::sequence + 1),
            bookings::updated_at.eq(at),
            // The new time is reminded the day before it too.
            bookings::reminded_at.eq(None::<Timestamp>),
        ))
        .execute(self)?;
        if n == 0 {
            // Moved or cancelled at the same moment: the units just taken go back.
            diesel::update(booking_slots::table.find(to))
                .set(booking_slots::booked.eq(booking_slots::booked - units))
                .execute(self)?;
            return Ok(false);
        }
        diesel::update(booking_slots::table.find(&from))
            .set(booking_slots::booked.eq(booking_slots::booked - units))
            .execute(self)?;
        Ok(true)
    }

    fn cancel_bookings_of(
        &mut self,
        tenant_id: &TenantId,
        submission_id: &SubmissionId,
        at: Timestamp,
    ) -> Result<usize, StoreError> {
        let ids: Vec<BookingId> = bookings::table
            .filter(bookings::tenant_id.eq(tenant_id))
            .filter(bookings::submission_id.eq(submission_id))
            .filter(bookings::status.eq_any(TAKING))
            .select(bookings::id)
            .load(self)?;
        let mut cancelled = 0;
        for id in ids {
            if self.cancel_booking(&id, at)? {
                cancelled += 1;
            }
        }
        Ok(cancelled)
    }

    fn block_slot(&mut self, id: &SlotId, reason: Option<&str>) -> Result<bool, StoreError> {
        let n = diesel::update(booking_slots::table.find(id))
            .set(booking_slots::blocked_reason.eq(reason))
            .execute(self)?;
        Ok(n == 1)
    }

    fn confirm_booking(&mut self, id: &BookingId, at: Timestamp) -> Result<bool, StoreError> {
        let n = diesel::update(
            bookings::table
                .find(id)
                .filter(bookings::status.eq(BookingStatus::Requested)),
        )
        .set((
            bookings::status.eq(BookingStatus::Confirmed),
            // Calendars take the confirmed entry as an update of the requested one.
            bookings::sequence.eq(bookings::sequence + 1),
            bookings::updated_at.eq(at),
        ))
        .execute(self)?;
        Ok(n == 1)
    }
}

/// Takes `units` of an open slot as booked, if free.
fn take_booked(c: &mut DbConn, slot_id: &SlotId, units: i32) -> Result<bool, StoreError> {
    let n = diesel::update(
        booking_slots::table
            .find(slot_id)
            .filter(booking_slots::closed_reason.is_null())
            .filter(booking_slots::blocked_reason.is_null())
            .filter(
                (booking_slots::booked + booking_slots::held + units).le(booking_slots::capacity),
            ),
    )
    .set(booking_slots::booked.eq(booking_slots::booked + units))
    .execute(c)?;
    Ok(n == 1)
}

/// Gives back `units` held in a slot.
fn give_back_held(c: &mut DbConn, slot_id: &SlotId, units: i32) -> Result<(), StoreError> {
    diesel::update(booking_slots::table.find(slot_id))
        .set(booking_slots::held.eq(booking_slots::held - units))
        .execute(c)?;
    Ok(())
}
