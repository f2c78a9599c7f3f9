//! Bookings in one city (issue 49): the resources its departments define (a ward counter's
//! service, a health-centre session, a collection area), the slots they open, a place held
//! while a resident finishes a form, and the bookings made, changed and cancelled.
//!
//! No double booking and no lost place: every change to a slot's counts is one conditional
//! statement in the storage (`madoguchi_records::Bookings`), run in a unit of writes that
//! first gives back the slot's expired holds; a refusal rolls the whole unit back.

mod places;
mod resources;

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use madoguchi_bookings::Resource;
use madoguchi_core::{ResourceId, TenantId, jst};
use madoguchi_records::RecordsRead;

use crate::kernel::{App, AppError};

pub use places::{Held, SlotView};
pub use resources::Defined;

/// How long a place is held while a resident finishes the form; each step saved renews it.
pub const HOLD_FOR: Duration = Duration::minutes(20);

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
        let row = c
            .find_booking_resource(self.city, id)?
            .ok_or(AppError::NotFound)?;
        serde_json::from_str(&row.definition)
            .map_err(|e| AppError::internal("a stored booking resource", e))
    }

    /// Now, on Japan's wall clock.
    fn local_now(&self) -> NaiveDateTime {
        jst::to_jst(self.app.now()).naive_local()
    }
}

/// A time on Japan's wall clock as stored (UTC).
fn utc_of(local: NaiveDateTime) -> NaiveDateTime {
    local - Duration::hours(9)
}

/// A stored time (UTC) on Japan's wall clock.
fn local_of(stored: NaiveDateTime) -> NaiveDateTime {
    stored + Duration::hours(9)
}

/// A stored time as an instant.
fn instant(stored: NaiveDateTime) -> DateTime<Utc> {
    stored.and_utc()
}
