//! A time of day as a department writes it: `HH:MM`, Japan time.

use std::fmt;

use chrono::NaiveTime;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A time of day written `HH:MM` (Japan time).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClockTime(pub NaiveTime);

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%H:%M"))
    }
}

impl std::str::FromStr for ClockTime {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wrong = || format!("「{s}」 is not a time written HH:MM (for example 09:00)");
        if !(4..=5).contains(&s.len()) {
            return Err(wrong());
        }
        NaiveTime::parse_from_str(s, "%H:%M")
            .map(ClockTime)
            .map_err(|_| wrong())
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}
