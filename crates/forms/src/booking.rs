//! Booking questions: a question whose answer is a slot of a bookable resource the city
//! defines (`docs/bookings.md`). The schema says `"type": "string", "format":
//! "booking-slot"`; `ui.fields.<f>.booking` says which resource — one named, or one chosen
//! by another answer (the ward office picked before) — and how many units a booking takes
//! (1, or the number another answer gives: the persons coming, the items to collect).
//!
//! The answer names its slot by the resource and the start on Japan's wall clock
//! (`aoba-mynumber/2027-03-02T09:30`): it reads the same on the check page, the receipt, the
//! PDF and the clerk's page without a look-up, and it stays the same slot however often
//! slots are re-opened. Whether the slot is open and free is the app's to say (the engine
//! has no database): it holds the place when the step is saved and books it with the filing.
//! A form's booking questions and their lint are in `registry/bookings.rs`.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How a booking question finds its resource and the units a booking takes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookingUi {
    /// The resource, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// The question (a JSON pointer) whose answer chooses the resource, through `resources`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_from: Option<String>,
    /// The resource for each answer of `resource_from`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub resources: BTreeMap<String, String>,
    /// The question (a JSON pointer to a whole number) that gives the units a booking
    /// takes; without one, 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units_from: Option<String>,
}

impl BookingUi {
    /// The resource the answers choose, if they choose one.
    pub fn resource_for(&self, data: &Value) -> Option<String> {
        if let Some(r) = &self.resource {
            return Some(r.clone());
        }
        let chosen = data.pointer(self.resource_from.as_deref()?)?.as_str()?;
        self.resources.get(chosen).cloned()
    }

    /// The units a booking takes for these answers (at least 1).
    pub fn units_for(&self, data: &Value) -> u32 {
        self.units_from
            .as_deref()
            .and_then(|p| data.pointer(p))
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| *n >= 1)
            .unwrap_or(1)
    }
}

/// A booking question's answer: the resource and the slot's start (Japan time).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlotAnswer {
    pub resource: String,
    pub starts: NaiveDateTime,
}

impl SlotAnswer {
    /// `aoba-mynumber/2027-03-02T09:30`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let (resource, starts) = text.split_once('/')?;
        let id_ok = madoguchi_core::booking::is_resource_id(resource);
        if !id_ok || starts.len() != 16 {
            return None;
        }
        let starts = NaiveDateTime::parse_from_str(starts, "%Y-%m-%dT%H:%M").ok()?;
        Some(Self {
            resource: resource.to_owned(),
            starts,
        })
    }

    pub fn new(resource: impl Into<String>, starts: NaiveDateTime) -> Self {
        Self {
            resource: resource.into(),
            starts,
        }
    }
}

impl std::fmt::Display for SlotAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}/{}",
            self.resource,
            self.starts.format("%Y-%m-%dT%H:%M")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_answer_names_its_resource_and_start() {
        let a = SlotAnswer::parse("aoba-mynumber/2027-03-02T09:30").unwrap();
        assert_eq!(a.resource, "aoba-mynumber");
        assert_eq!(a.to_string(), "aoba-mynumber/2027-03-02T09:30");
        for wrong in [
            "",
            "aoba-mynumber",
            "aoba-mynumber/2027-03-02",
            "Aoba/2027-03-02T09:30",
            "aoba/2027-02-30T09:30",
            "aoba/2027-03-02T9:30",
            "aoba/2027-03-02T09:30:00",
            "/2027-03-02T09:30",
        ] {
            assert!(SlotAnswer::parse(wrong).is_none(), "{wrong}");
        }
    }

    #[test]
    fn the_resource_and_units_follow_the_answers() {
        let ui = BookingUi {
            resource_from: Some("/visit_office".into()),
            resources: [("aoba".to_string(), "mynumber-aoba".to_string())].into(),
            units_from: Some("/persons".into()),
            ..BookingUi::default()
        };
        assert_eq!(
            ui.resource_for(&json!({"visit_office": "aoba"})).as_deref(),
            Some("mynumber-aoba")
        );
        assert_eq!(ui.resource_for(&json!({"visit_office": "izumi"})), None);
        assert_eq!(ui.units_for(&json!({"persons": 3})), 3);
        assert_eq!(ui.units_for(&json!({"persons": 0})), 1);
        assert_eq!(ui.units_for(&json!({})), 1);
    }
}
