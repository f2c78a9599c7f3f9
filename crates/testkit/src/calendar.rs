//! Reads a calendar entry a booking mail carries with an iCalendar parser of its own
//! (`icalendar`), not the writer's code: what a resident's calendar would make of it.

use icalendar::parser::{Component, read_calendar, unfold};

/// The one event of an iTIP message, as a calendar reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invite {
    /// `REQUEST` or `CANCEL`.
    pub method: String,
    pub uid: String,
    pub sequence: u32,
    /// `CONFIRMED`, `TENTATIVE` or `CANCELLED`.
    pub status: String,
    /// `DTSTART` and `DTEND` as written (`20261201T000000Z`).
    pub start: String,
    pub end: String,
    pub summary: String,
    pub location: String,
    /// Its reminder's trigger (`-PT1440M`), if it has one.
    pub alarm: Option<String>,
}

fn value(c: &Component<'_>, name: &str) -> String {
    c.find_prop(name)
        .map(|p| p.val.as_str().to_string())
        .unwrap_or_default()
}

/// Parses `ics`; panics, saying why, unless it is one calendar with exactly one event.
pub fn read_invite(ics: &str) -> Invite {
    assert!(
        ics.lines().all(|l| l.len() <= 76) && ics.contains("\r\n"),
        "lines are CRLF-ended and folded at 75 octets:\n{ics}"
    );
    let unfolded = unfold(ics);
    let calendar = read_calendar(&unfolded).unwrap_or_else(|e| panic!("{e}:\n{ics}"));
    let method = calendar
        .properties
        .iter()
        .find(|p| p.name.as_str() == "METHOD")
        .map(|p| p.val.as_str().to_string())
        .unwrap_or_default();
    let events: Vec<&Component<'_>> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    assert_eq!(events.len(), 1, "one event:\n{ics}");
    let e = events[0];
    let alarm = e
        .components
        .iter()
        .find(|c| c.name.as_str() == "VALARM")
        .map(|a| value(a, "TRIGGER"));
    Invite {
        method,
        uid: value(e, "UID"),
        sequence: value(e, "SEQUENCE")
            .parse()
            .unwrap_or_else(|_| panic!("SEQUENCE:\n{ics}")),
        status: value(e, "STATUS"),
        start: value(e, "DTSTART"),
        end: value(e, "DTEND"),
        summary: value(e, "SUMMARY"),
        location: value(e, "LOCATION"),
        alarm,
    }
}
