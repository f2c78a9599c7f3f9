//! Bodies of the bookings routes: a resource defined, and its slots.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Text;

/// A resource stored, with the slots it opened now.
#[derive(Serialize, ToSchema, Debug)]
pub struct ResourceStored {
    #[schema(example = "aoba-mynumber")]
    pub id: String,
    /// Slots added for the days its window reaches (0 when they were all there).
    pub slots_opened: usize,
}

/// The days asked for (`from` and `to` inclusive, at most 62 days; without them, from today
/// through the window's last day).
#[derive(Deserialize, Debug, Default)]
#[serde(default)]
pub struct SlotQuery {
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A resource's slots.
#[derive(Serialize, ToSchema, Debug)]
pub struct SlotList {
    pub resource: String,
    pub slots: Vec<SlotBody>,
}

/// A slot: its time (Japan time), its capacity in the resource's unit, what is booked and
/// held, and why it is closed.
#[derive(Serialize, ToSchema, Debug)]
pub struct SlotBody {
    /// What a booking question's answer names: `<resource>/<start>`.
    #[schema(example = "aoba-mynumber/2027-03-02T09:30")]
    pub answer: String,
    #[schema(value_type = String, example = "2027-03-02T09:30:00")]
    pub starts: NaiveDateTime,
    #[schema(value_type = String, example = "2027-03-02T10:00:00")]
    pub ends: NaiveDateTime,
    pub capacity: u32,
    pub booked: u32,
    pub held: u32,
    /// Places that can be held or booked now: 0 while anyone waits for one (a freed place
    /// is offered to the first in line).
    pub free: u32,
    /// How many wait for a place in it (キャンセル待ち), not yet offered one.
    pub waiting: u32,
    /// Why it is closed (a holiday, the resource's own closed day, a block).
    pub closed: Option<Text>,
    /// Its booking window lets it be booked now.
    pub bookable: bool,
}
