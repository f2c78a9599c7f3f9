//! A bookable resource as a department writes it (JSON): a ward counter's service, a health
//! centre's session, a collection area. Its weekly sessions open slots of a capacity counted
//! in units; its own closed days add to the city's; its window says how far ahead and until
//! when a slot may be booked.

use std::fmt;

use chrono::{NaiveDate, Weekday};
use madoguchi_core::Localized;
use madoguchi_i18n::t;
use serde::{Deserialize, Serialize};

use crate::clock_time::ClockTime;
use crate::window::Window;

/// The most slots one session may open in a day (every 5 minutes for 12 hours is 144).
const SLOTS_PER_SESSION_MAX: u32 = 288;
/// The largest capacity a slot may have in any unit (a whole day's load points).
pub const CAPACITY_MAX: u32 = 100_000;

/// A bookable resource.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// Lower-case letters, digits and hyphens (`aoba-mynumber`); unique in its city.
    pub id: String,
    /// What residents book: 「青葉区役所 マイナンバーカード窓口」.
    pub name: Localized,
    /// Where they go (or, for a collection, where the items are put out).
    pub place: Localized,
    /// What a slot's capacity counts.
    pub unit: Unit,
    /// The weekly sessions that open slots.
    pub sessions: Vec<Session>,
    /// The resource's own closed days, with the reason residents are shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closed: Vec<ClosedDay>,
    /// How far ahead, and until when, a slot may be booked.
    pub window: Window,
    /// The most bookings one person may hold at once for this resource (none: no limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_person: Option<u32>,
    /// Whether a filing's booking stands at once or waits for a clerk (仮受付 → 本受付).
    #[serde(default)]
    pub confirm: Confirm,
}

/// What a slot's capacity counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// People (a health check-up session seats 20).
    Persons,
    /// Person-minutes of counter time (two counters for 30 minutes: 60).
    Minutes,
    /// Load points (a collection area's daily load; each item kind has its points).
    Points,
}

/// Whether a booking stands when its filing arrives, or when a clerk confirms it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confirm {
    /// The filing's arrival books the place.
    #[default]
    OnFiling,
    /// The filing requests it (仮受付) and holds the place; a clerk confirms (本受付).
    ByClerk,
}

/// A weekly session: on these days, from `from` until `until`, a slot every `every`
/// minutes (or one slot for the whole session), each of `capacity` units.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub days: Vec<WeekDay>,
    pub from: ClockTime,
    pub until: ClockTime,
    /// Minutes per slot; none: one slot from `from` until `until`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every: Option<u32>,
    pub capacity: u32,
    /// The first day the session is held (none: from now on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<NaiveDate>,
    /// The last day it is held (none: until changed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
}

/// A day the resource is shut though a session would be held, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosedDay {
    pub day: NaiveDate,
    pub reason: Localized,
}

/// A day of the week as written in a definition (`mon` … `sun`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WeekDay {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl WeekDay {
    pub fn is(self, day: Weekday) -> bool {
        let mine = match self {
            WeekDay::Mon => Weekday::Mon,
            WeekDay::Tue => Weekday::Tue,
            WeekDay::Wed => Weekday::Wed,
            WeekDay::Thu => Weekday::Thu,
            WeekDay::Fri => Weekday::Fri,
            WeekDay::Sat => Weekday::Sat,
            WeekDay::Sun => Weekday::Sun,
        };
        mine == day
    }
}

/// What is wrong with a definition, at which field (a JSON pointer into it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefinitionError {
    pub field: String,
    pub problem: Problem,
}

/// The kinds of fault a definition can have; each message says how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The JSON could not be read as a definition (serde's message says where).
    Unreadable(String),
    /// The id is empty, too long or has characters other than a–z, 0–9 and `-`.
    BadId,
    /// A text residents read is empty in Japanese.
    NoJapanese,
    /// No sessions, or a session on no days.
    Empty,
    /// `until` is not after `from`.
    EndsBeforeStart,
    /// `every` is 0 or does not fit the session.
    BadLength,
    /// Capacity 0 or above the maximum.
    BadCapacity,
    /// `valid_until` before `valid_from`.
    ValidityReversed,
    /// The same closed day twice.
    Duplicate,
    /// A per-person limit of 0.
    BadLimit,
    /// The window opens no day ahead, or more than two years ahead.
    BadWindow,
    /// A new resource's id is one the city already has.
    Taken,
}

impl DefinitionError {
    /// What is wrong and how to fix it, naming the field, in every language.
    pub fn message(&self) -> Localized {
        let field = self.field.as_str();
        Localized::from_fn(|lang| match &self.problem {
            Problem::Unreadable(detail) => t!(lang, bookings_unreadable, detail = detail.as_str()),
            Problem::BadId => t!(lang, bookings_bad_id, field = field),
            Problem::NoJapanese => t!(lang, bookings_no_japanese, field = field),
            Problem::Empty => t!(lang, bookings_empty, field = field),
            Problem::EndsBeforeStart => t!(lang, bookings_ends_before_start, field = field),
            Problem::BadLength => t!(lang, bookings_bad_length, field = field),
            Problem::BadCapacity => t!(lang, bookings_bad_capacity, field = field),
            Problem::ValidityReversed => t!(lang, bookings_validity_reversed, field = field),
            Problem::Duplicate => t!(lang, bookings_duplicate, field = field),
            Problem::BadLimit => t!(lang, bookings_bad_limit, field = field),
            Problem::BadWindow => t!(lang, bookings_bad_window, field = field),
            Problem::Taken => t!(lang, bookings_taken, field = field),
        })
    }
}

impl fmt::Display for DefinitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl Resource {
    /// Reads a definition from JSON; a field of the wrong kind is named in the error.
    pub fn from_json(text: &str) -> Result<Self, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// Every fault of the definition, each at its field; empty when it can be used.
    pub fn check(&self) -> Vec<DefinitionError> {
        let mut out = Vec::new();
        let mut fault = |field: String, problem| out.push(DefinitionError { field, problem });
        let id_ok = madoguchi_core::booking::is_resource_id(&self.id);
        if !id_ok {
            fault("/id".into(), Problem::BadId);
        }
        for (field, text) in [("/name", &self.name), ("/place", &self.place)] {
            if text.ja.trim().is_empty() {
                fault(field.into(), Problem::NoJapanese);
            }
        }
        if self.sessions.is_empty() {
            fault("/sessions".into(), Problem::Empty);
        }
        for (i, s) in self.sessions.iter().enumerate() {
            let at = |f: &str| format!("/sessions/{i}/{f}");
            if s.days.is_empty() {
                fault(at("days"), Problem::Empty);
            }
            if s.until <= s.from {
                fault(at("until"), Problem::EndsBeforeStart);
            } else if let Some(every) = s.every {
                let minutes = (s.until.0 - s.from.0).num_minutes();
                let fits = every > 0
                    && i64::from(every) <= minutes
                    && minutes / i64::from(every) <= i64::from(SLOTS_PER_SESSION_MAX);
                if !fits {
                    fault(at("every"), Problem::BadLength);
                }
            }
            if s.capacity == 0 || s.capacity > CAPACITY_MAX {
                fault(at("capacity"), Problem::BadCapacity);
            }
            if let (Some(from), Some(until)) = (s.valid_from, s.valid_until)
                && until < from
            {
                fault(at("valid_until"), Problem::ValidityReversed);
            }
        }
        let mut days: Vec<NaiveDate> = Vec::new();
        for (i, c) in self.closed.iter().enumerate() {
            if days.contains(&c.day) {
                fault(format!("/closed/{i}/day"), Problem::Duplicate);
            }
            days.push(c.day);
            if c.reason.ja.trim().is_empty() {
                fault(format!("/closed/{i}/reason"), Problem::NoJapanese);
            }
        }
        if self.per_person == Some(0) {
            fault("/per_person".into(), Problem::BadLimit);
        }
        if !(1..=730).contains(&self.window.opens_days_ahead) {
            fault("/window/opens_days_ahead".into(), Problem::BadWindow);
        }
        out
    }
}
