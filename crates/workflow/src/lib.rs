#![doc = include_str!("../README.md")]

pub mod calendar;
pub mod clock;
pub mod state;

pub use calendar::{BusinessCalendar, Closure, HolidayDataError};
pub use clock::{ClockEvent, OfficeHours, Phase, Reading};
pub use state::{
    Action, ActionKind, RULES, Role, Rule, State, TransitionError, allowed_actions, rule_for,
    transition,
};
