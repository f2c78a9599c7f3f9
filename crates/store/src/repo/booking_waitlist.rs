//! Waiting lists for full times (`madoguchi_records::BookingWaitlist`).

use diesel::prelude::*;
use madoguchi_core::{SlotId, TenantId, WaitlistStatus};
use madoguchi_records::schema::booking_slots;
use madoguchi_records::schema::booking_waitlist as w;
use madoguchi_records::{BookingWaitlist, BookingWaitlistRead, StoreError, WaitlistRecord};

use crate::{DbConn, Timestamp};

/// The statuses of an entry still in line.
const OPEN: [WaitlistStatus; 2] = [WaitlistStatus::Waiting, WaitlistStatus::Offered];

impl BookingWaitlistRead for DbConn {
    fn find_waitlist_by_link(
        &mut self,
        tenant_id: &TenantId,
        link_hash: &str,
    ) -> Result<Option<WaitlistRecord>, StoreError> {
        Ok(w::table
            .filter(w::tenant_id.eq(tenant_id))
            .filter(w::link_hash.eq(link_hash))
            .select(WaitlistRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn waitlist_of_slot(
        &mut self,
        tenant_id: &TenantId,
        slot_id: &SlotId,
    ) -> Result<Vec<WaitlistRecord>, StoreError> {
        Ok(w::table
            .filter(w::tenant_id.eq(tenant_id))
            .filter(w::slot_id.eq(slot_id))
            .filter(w::status.eq_any(OPEN))
            .order((w::created_at, w::id))
            .select(WaitlistRecord::as_select())
            .load(self)?)
    }

    fn waiting_counts(
        &mut self,
        tenant_id: &TenantId,
        slots: &[SlotId],
    ) -> Result<Vec<(SlotId, i64)>, StoreError> {
        if slots.is_empty() {
            return Ok(Vec::new());
        }
        let mut counts = Vec::new();
        // Bounded batches: a month of slots over many resources stays under any engine's
        // limit on bound parameters.
        for chunk in slots.chunks(500) {
            counts.extend(
                w::table
                    .filter(w::tenant_id.eq(tenant_id))
                    .filter(w::status.eq(WaitlistStatus::Waiting))
                    .filter(w::slot_id.eq_any(chunk))
                    .group_by(w::slot_id)
                    .select((w::slot_id, diesel::dsl::count_star()))
                    .load::<(SlotId, i64)>(self)?,
            );
        }
        Ok(counts)
    }

    fn slots_with_waiters(
        &mut self,
        now: Timestamp,
        limit: i64,
    ) -> Result<Vec<(TenantId, SlotId)>, StoreError> {
        // Only slots with something to do: a full slot whose people wait is left alone, so
        // lines with nothing freed never crowd out those with a place to offer.
        let room = (booking_slots::booked + booking_slots::held)
            .lt(booking_slots::capacity)
            .and(booking_slots::closed_reason.is_null())
            .and(booking_slots::blocked_reason.is_null());
        Ok(w::table
            .inner_join(booking_slots::table)
            .filter(w::status.eq(WaitlistStatus::Waiting))
            .filter(room.or(booking_slots::starts_at.le(now)))
            .select((w::tenant_id, w::slot_id))
            .distinct()
            .order((w::tenant_id, w::slot_id))
            .limit(limit)
            .load(self)?)
    }

    fn waiting_slots_starting_before(
        &mut self,
        until: Timestamp,
        limit: i64,
    ) -> Result<Vec<(TenantId, SlotId)>, StoreError> {
        Ok(w::table
            .inner_join(booking_slots::table)
            .filter(w::status.eq(WaitlistStatus::Waiting))
            .filter(booking_slots::starts_at.lt(until))
            .select((w::tenant_id, w::slot_id, booking_slots::starts_at))
            .distinct()
            .order((booking_slots::starts_at, w::slot_id))
            .limit(limit)
            .load::<(TenantId, SlotId, Timestamp)>(self)?
            .into_iter()
            .map(|(t, s, _)| (t, s))
            .collect())
    }

    fn open_entries_of_contact(
        &mut self,
        tenant_id: &TenantId,
        contact_hash: &str,
    ) -> Result<i64, StoreError> {
        Ok(w::table
            .filter(w::tenant_id.eq(tenant_id))
            .filter(w::contact_hash.eq(contact_hash))
            .filter(w::status.eq_any(OPEN))
            .count()
            .get_result(self)?)
    }

    fn offers_run_out(
        &mut self,
        now: Timestamp,
        limit: i64,
    ) -> Result<Vec<WaitlistRecord>, StoreError> {
        Ok(w::table
            .filter(w::status.eq(WaitlistStatus::Offered))
            .filter(w::offer_expires_at.le(now))
            .order(w::offer_expires_at)
            .limit(limit)
            .select(WaitlistRecord::as_select())
            .load(self)?)
    }
}

impl BookingWaitlist for DbConn {
    fn join_waitlist(&mut self, entry: &WaitlistRecord) -> Result<bool, StoreError> {
        // The partial unique index (slot, address) among open entries decides: a second
        // place in the same line is not stored, on either engine, even when two requests
        // race.
        let added = match self {
            DbConn::Postgres(pg) => diesel::insert_into(w::table)
                .values(entry)
                .on_conflict_do_nothing()
                .execute(pg)?,
            DbConn::Sqlite(lite) => diesel::insert_or_ignore_into(w::table)
                .values(entry)
                .execute(lite)?,
        };
        Ok(added == 1)
    }

    fn move_waitlist_entry(
        &mut self,
        entry: &WaitlistRecord,
        from: WaitlistStatus,
    ) -> Result<bool, StoreError> {
        let n = diesel::update(
            w::table
                .find(&entry.id)
                .filter(w::tenant_id.eq(&entry.tenant_id))
                .filter(w::status.eq(from)),
        )
        .set((
            w::status.eq(entry.status),
            w::email.eq(&entry.email),
            w::hold_id.eq(&entry.hold_id),
            w::offered_at.eq(entry.offered_at),
            w::offer_expires_at.eq(entry.offer_expires_at),
            w::ended_at.eq(entry.ended_at),
            w::mailed_at.eq(entry.mailed_at),
        ))
        .execute(self)?;
        Ok(n == 1)
    }
}
