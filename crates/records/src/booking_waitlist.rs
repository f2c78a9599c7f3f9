//! Waiting lists for full times (キャンセル待ち, issue 49 item 6): who waits for which slot,
//! in the order they joined, and the offer of a freed place held for the first in line.
//!
//! Every change of an entry's status is conditional on the status it leaves, so two nodes
//! offering the same freed place cannot both offer it, and an offer taken cannot lapse.

use madoguchi_core::{HoldId, ProcedureId, SlotId, TenantId, WaitlistId, WaitlistStatus};

use crate::{StoreError, Timestamp};

/// A place in a slot's line.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::booking_waitlist, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct WaitlistRecord {
    pub id: WaitlistId,
    pub tenant_id: TenantId,
    pub slot_id: SlotId,
    pub units: i32,
    /// The procedure and its booking question (JSON pointer) the place goes on to.
    pub procedure_id: ProcedureId,
    pub question: String,
    /// SHA-256 of the address, lower-cased: one open place per address and slot.
    pub contact_hash: String,
    /// Where the offer goes; `None` once the entry is over.
    pub email: Option<String>,
    /// SHA-256 of the secret in the link its mails carry.
    pub link_hash: String,
    pub status: WaitlistStatus,
    /// The hold an offer made.
    pub hold_id: Option<HoldId>,
    pub created_at: Timestamp,
    pub offered_at: Option<Timestamp>,
    pub offer_expires_at: Option<Timestamp>,
    pub ended_at: Option<Timestamp>,
    /// When its link was last mailed.
    pub mailed_at: Option<Timestamp>,
}

/// What a read may do with [`BookingWaitlist`].
pub trait BookingWaitlistRead {
    /// The entry whose link's secret hashes to `link_hash`.
    fn find_waitlist_by_link(
        &mut self,
        tenant_id: &TenantId,
        link_hash: &str,
    ) -> Result<Option<WaitlistRecord>, StoreError>;
    /// A slot's open entries (waiting or offered), first joined first.
    fn waitlist_of_slot(
        &mut self,
        tenant_id: &TenantId,
        slot_id: &SlotId,
    ) -> Result<Vec<WaitlistRecord>, StoreError>;
    /// How many wait (not yet offered) for each of `slots` that anyone waits for.
    fn waiting_counts(
        &mut self,
        tenant_id: &TenantId,
        slots: &[SlotId],
    ) -> Result<Vec<(SlotId, i64)>, StoreError>;
    /// Slots, in every city, with someone waiting and something to do: a place free (open,
    /// not full), or the time begun (the line is over). At most `limit` of them.
    fn slots_with_waiters(
        &mut self,
        now: Timestamp,
        limit: i64,
    ) -> Result<Vec<(TenantId, SlotId)>, StoreError>;
    /// Slots, in every city, with someone waiting that begin before `until`, soonest
    /// first: at most `limit` of them.
    fn waiting_slots_starting_before(
        &mut self,
        until: Timestamp,
        limit: i64,
    ) -> Result<Vec<(TenantId, SlotId)>, StoreError>;
    /// How many open places in lines of the city the address (its hash) holds.
    fn open_entries_of_contact(
        &mut self,
        tenant_id: &TenantId,
        contact_hash: &str,
    ) -> Result<i64, StoreError>;
    /// Offers, in every city, that ran out before `now`: at most `limit` of them.
    fn offers_run_out(
        &mut self,
        now: Timestamp,
        limit: i64,
    ) -> Result<Vec<WaitlistRecord>, StoreError>;
}

/// Joining a line and moving an entry on.
pub trait BookingWaitlist: BookingWaitlistRead {
    /// Adds `entry` at the end of its slot's line; `false` (nothing stored) when the same
    /// address already has an open place in that line.
    fn join_waitlist(&mut self, entry: &WaitlistRecord) -> Result<bool, StoreError>;
    /// Stores `entry` (its status, hold, times, address and when it was mailed) if its
    /// status is still `from`: `false` when another request moved it first.
    fn move_waitlist_entry(
        &mut self,
        entry: &WaitlistRecord,
        from: WaitlistStatus,
    ) -> Result<bool, StoreError>;
}
