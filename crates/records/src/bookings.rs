//! Bookings: a city's bookable resources, their slots, the places held while a resident
//! fills in a form, and the bookings made (issue 49).
//!
//! A slot's `booked` and `held` move only through the methods below, each a conditional
//! statement that refuses (returns `false`) rather than overbook: "take `u` units if
//! `booked + held + u <= capacity`". The tables' CHECK makes an overbooked row impossible to
//! store on either engine.

use chrono::NaiveDate;
use madoguchi_core::{
    Attendance, BookingId, BookingStatus, HoldId, ResourceId, SlotId, SubmissionId, TenantId,
};

use crate::{StoreError, Timestamp};

/// A bookable resource and its definition (JSON, `madoguchi_bookings::Resource`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::booking_resources, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct BookingResourceRecord {
    pub tenant_id: TenantId,
    pub id: ResourceId,
    pub definition: String,
    /// Slots are opened through this day (Japan time).
    pub opened_through: Option<NaiveDate>,
    pub updated_at: Timestamp,
}

/// A slot: its time, capacity in the resource's unit, what is booked and held in it, and
/// why it is closed (JSON `Localized`), if it is.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::booking_slots, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct SlotRecord {
    pub id: SlotId,
    pub tenant_id: TenantId,
    pub resource_id: ResourceId,
    /// The day in Japan time.
    pub day: NaiveDate,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub capacity: i32,
    pub booked: i32,
    pub held: i32,
    pub closed_reason: Option<String>,
    /// JSON `{"ja": …, "en": …}`: why a clerk stopped it, until they lift the block.
    pub blocked_reason: Option<String>,
}

impl SlotRecord {
    /// Why it takes no booking now (JSON `{"ja": …, "en": …}`): closed by the calendar or
    /// the resource's definition, or blocked by a clerk.
    pub fn closed(&self) -> Option<&str> {
        self.closed_reason
            .as_deref()
            .or(self.blocked_reason.as_deref())
    }

    /// Units still free (0 when closed).
    pub fn free(&self) -> i32 {
        if self.closed().is_some() {
            return 0;
        }
        (self.capacity - self.booked - self.held).max(0)
    }
}

/// A place held in a slot until `expires_at`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::booking_holds, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct HoldRecord {
    pub id: HoldId,
    pub tenant_id: TenantId,
    pub slot_id: SlotId,
    pub units: i32,
    /// SHA-256 of who holds it.
    pub holder_hash: String,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// A booking.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::bookings, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct BookingRecord {
    pub id: BookingId,
    pub tenant_id: TenantId,
    pub resource_id: ResourceId,
    pub slot_id: SlotId,
    pub units: i32,
    /// SHA-256 of the person it is for.
    pub holder_hash: String,
    pub submission_id: Option<SubmissionId>,
    pub status: BookingStatus,
    /// Raised by each change (the calendar attachment's SEQUENCE).
    pub sequence: i32,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// SHA-256 of the secret in the link its mails carry.
    pub link_hash: Option<String>,
    /// When the reminder the day before went out.
    pub reminded_at: Option<Timestamp>,
    /// Whether the person came, and when the counter marked it.
    pub attendance: Option<Attendance>,
    pub attendance_at: Option<Timestamp>,
}

/// What a read may do with [`Bookings`].
pub trait BookingsRead {
    fn find_booking_resource(
        &mut self,
        tenant_id: &TenantId,
        id: &ResourceId,
    ) -> Result<Option<BookingResourceRecord>, StoreError>;
    /// The city's resources, by id.
    fn booking_resources(
        &mut self,
        tenant_id: &TenantId,
    ) -> Result<Vec<BookingResourceRecord>, StoreError>;
    /// Every city's resources (for the daily opening of slots).
    fn all_booking_resources(&mut self) -> Result<Vec<BookingResourceRecord>, StoreError>;
    /// A resource's slots on the days `from..=to`, in time order.
    fn slots_between(
        &mut self,
        tenant_id: &TenantId,
        resource_id: &ResourceId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<SlotRecord>, StoreError>;
    fn find_slot(
        &mut self,
        tenant_id: &TenantId,
        id: &SlotId,
    ) -> Result<Option<SlotRecord>, StoreError>;
    /// The slot of a resource starting at `starts_at`.
    fn find_slot_at(
        &mut self,
        tenant_id: &TenantId,
        resource_id: &ResourceId,
        starts_at: Timestamp,
    ) -> Result<Option<SlotRecord>, StoreError>;
    /// The holds of a person in a city.
    fn holds_of(
        &mut self,
        tenant_id: &TenantId,
        holder_hash: &str,
    ) -> Result<Vec<HoldRecord>, StoreError>;
    fn find_hold(
        &mut self,
        tenant_id: &TenantId,
        id: &HoldId,
    ) -> Result<Option<HoldRecord>, StoreError>;
    fn find_booking(
        &mut self,
        tenant_id: &TenantId,
        id: &BookingId,
    ) -> Result<Option<BookingRecord>, StoreError>;
    /// The bookings taking a place in a slot (requested or confirmed).
    fn bookings_in_slot(
        &mut self,
        tenant_id: &TenantId,
        slot_id: &SlotId,
    ) -> Result<Vec<BookingRecord>, StoreError>;
    /// Slots holding holds that expired before `now`, at most `limit` of them.
    fn slots_with_expired_holds(
        &mut self,
        now: Timestamp,
        limit: i64,
    ) -> Result<Vec<SlotId>, StoreError>;
    /// How many places a person has for a resource: bookings taking a place whose slot
    /// has not begun, and unexpired holds.
    fn places_of_holder(
        &mut self,
        tenant_id: &TenantId,
        resource_id: &ResourceId,
        holder_hash: &str,
        now: Timestamp,
    ) -> Result<i64, StoreError>;
}

/// Resources, slots, holds and bookings; every change to a slot's counts is conditional.
pub trait Bookings: BookingsRead {
    /// Stores a resource's definition (added or replaced).
    fn save_booking_resource(&mut self, record: &BookingResourceRecord) -> Result<(), StoreError>;
    /// Opens the slots, each unless one starts at the same time for its resource (another
    /// node opened it first): how many were added. PostgreSQL takes them in one statement.
    fn open_slots(&mut self, slots: &[SlotRecord]) -> Result<usize, StoreError>;
    /// Sets an existing slot's capacity (never below what is booked and held) and whether
    /// it is closed, as its resource now says.
    fn replan_slot(
        &mut self,
        id: &SlotId,
        capacity: i32,
        closed_reason: Option<&str>,
    ) -> Result<(), StoreError>;
    /// Gives back the units of the slot's holds that expired before `now`, and deletes them;
    /// the number of holds swept.
    fn sweep_expired_holds(
        &mut self,
        slot_id: &SlotId,
        now: Timestamp,
    ) -> Result<usize, StoreError>;
    /// Takes `hold.units` of its slot as held and stores the hold, if the slot is open and
    /// has that many units free; false (nothing written) if not.
    fn hold_place(&mut self, hold: &HoldRecord) -> Result<bool, StoreError>;
    /// Moves a hold's expiry; false if the hold is gone.
    fn renew_hold(&mut self, id: &HoldId, expires_at: Timestamp) -> Result<bool, StoreError>;
    /// Gives a hold to another person (a waiting list's offer taken by the browser that
    /// opened it) until `expires_at`; `false` when the hold is gone.
    fn hand_over_hold(
        &mut self,
        id: &HoldId,
        holder_hash: &str,
        expires_at: Timestamp,
    ) -> Result<bool, StoreError>;
    /// Moves the expiry of every hold of a person in a city not yet expired at `now`; the
    /// number renewed.
    fn renew_holds_of(
        &mut self,
        tenant_id: &TenantId,
        holder_hash: &str,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<usize, StoreError>;
    /// Deletes a hold and gives its units back; false if it was gone.
    fn release_hold(&mut self, id: &HoldId) -> Result<bool, StoreError>;
    /// Stores `booking` in its slot: from the hold `from` if it is still there (its units
    /// move from held to booked), otherwise by taking the units afresh if they are free.
    /// False (nothing written) when the place is gone.
    fn book(&mut self, booking: &BookingRecord, from: Option<&HoldId>) -> Result<bool, StoreError>;
    /// Cancels a booking taking a place and gives its units back; false if it took none.
    fn cancel_booking(&mut self, id: &BookingId, at: Timestamp) -> Result<bool, StoreError>;
    /// Moves a booking taking a place to `to` (its id kept, its sequence raised), if `to`
    /// is open with its units free; false (nothing written) if not.
    fn move_booking(
        &mut self,
        id: &BookingId,
        to: &SlotId,
        at: Timestamp,
    ) -> Result<bool, StoreError>;
    /// Cancels every booking of a filing taking a place (the filing withdrawn or refused)
    /// and gives their units back; the number cancelled.
    fn cancel_bookings_of(
        &mut self,
        tenant_id: &TenantId,
        submission_id: &SubmissionId,
        at: Timestamp,
    ) -> Result<usize, StoreError>;
    /// Blocks a slot with a clerk's reason (JSON), or lifts the block (`None`); false if
    /// there is no such slot.
    fn block_slot(&mut self, id: &SlotId, reason: Option<&str>) -> Result<bool, StoreError>;
    /// A requested booking confirmed (本受付), its sequence raised; false if it was not
    /// requested.
    fn confirm_booking(&mut self, id: &BookingId, at: Timestamp) -> Result<bool, StoreError>;
}
