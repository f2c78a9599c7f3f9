//! Bookings in one city (issue 49): the resources its departments define (a ward counter's
//! service, a health-centre session, a collection area), the slots they open, a place held
//! while a resident finishes a form, and the bookings made, changed and cancelled.
//!
//! No double booking and no lost place: every change to a slot's counts is one conditional
//! statement in the storage (`madoguchi_records::Bookings`), run in a unit of writes that
//! first gives back the slot's expired holds; a refusal rolls the whole unit back.

mod attendance;
mod block;
mod confirm;
mod day_list;
mod filed;
mod places;
mod reminders;
mod resources;
mod waitlist;
mod waitlist_offers;

use chrono::{DateTime, NaiveDateTime, Utc};
use madoguchi_core::{ResourceId, TenantId};
use madoguchi_records::RecordsRead;

use crate::kernel::{App, AppError};

pub use block::Blocked;
pub use day_list::{Booked, BookedFiling, DayList, DaySlot};
pub use filed::{BookingPage, Door};
pub use madoguchi_bookings::{
    ClockTime, ClosedDay, Confirm, DefinitionError, Problem, Refusal, Resource, Session, Unit,
    WeekDay, Window,
};
pub use places::{Held, Offer, OfferDay, SlotView};
pub use resources::Defined;
pub use waitlist::{LINE_MAX, OFFER_FOR, WaitlistEntry};

pub use crate::kernel::booking::HOLD_FOR;
pub use crate::submission::FiledBooking;
pub use crate::submission::bookings::slot_time;

/// Bookings in one city, reached as `app.bookings(&city)`: every use case acts in that city
/// alone; a clerk of another city is told "not found".
#[derive(Clone, Copy, Debug)]
pub struct Bookings<'a> {
    app: &'a App,
    city: &'a TenantId,
}

impl App {
    /// Bookings in `city`.
    pub fn bookings<'a>(&'a self, city: &'a TenantId) -> Bookings<'a> {
        Bookings { app: self, city }
    }
}

impl Bookings<'_> {
    /// A resource's definition as stored.
    fn resource(&self, c: &mut dyn RecordsRead, id: &ResourceId) -> Result<Resource, AppError> {
        self.app.booking_resource(c, self.city, id)
    }

    /// Now, on Japan's wall clock.
    fn local_now(&self) -> NaiveDateTime {
        self.app.local_now()
    }
}

/// A stored time as an instant.
fn instant(stored: NaiveDateTime) -> DateTime<Utc> {
    stored.and_utc()
}
