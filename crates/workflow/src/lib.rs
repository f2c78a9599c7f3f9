#![doc = include_str!("../README.md")]

pub mod calendar;
pub mod state;

pub use calendar::BusinessCalendar;
pub use state::{Action, State, TransitionError, transition};
