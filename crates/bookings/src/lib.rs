#![doc = include_str!("../README.md")]

mod clock_time;
mod definition;
pub mod ical;
mod slots;
mod window;

pub use clock_time::ClockTime;
pub use definition::{
    ClosedDay, Confirm, DefinitionError, Problem, Resource, Session, Unit, WeekDay,
};
pub use slots::{PlannedSlot, closure_reason};
pub use window::{Refusal, Window};
