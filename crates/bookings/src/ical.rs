//! A booking as an iCalendar object (RFC 5545) sent by mail (iTIP, RFC 5546): one
//! `VEVENT` with the booking's stable `UID` and its `SEQUENCE`, as a `REQUEST` (booked,
//! changed, confirmed) or a `CANCEL`, so a resident's calendar adds the visit, moves it when
//! it is changed and removes it when it is cancelled — never a second entry.
//!
//! Times are written in UTC (`…Z`): Japan has no daylight saving, and a UTC time needs no
//! `VTIMEZONE` for every calendar to place it right.

use std::fmt::Write as _;

use chrono::{Duration, NaiveDateTime};

/// What the mail asks the calendar to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Add the event, or update it when the `UID` is known and the `SEQUENCE` is higher.
    Request,
    /// Remove the event with this `UID`.
    Cancel,
}

impl Method {
    /// The iTIP method, as the calendar part's `method=` parameter and `METHOD` property.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        }
    }
}

/// Where the booking stands, as the event's `STATUS`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventStatus {
    Confirmed,
    /// Requested, not yet confirmed by a clerk (仮受付).
    Tentative,
    Cancelled,
}

/// A booking as a calendar event.
#[derive(Clone, Debug)]
pub struct Invitation<'a> {
    /// Stable for the booking's whole life (`booking-<id>@<host>`).
    pub uid: &'a str,
    /// Raised by every change and by the cancellation.
    pub sequence: u32,
    pub method: Method,
    pub status: EventStatus,
    /// Start and end, in UTC.
    pub starts: NaiveDateTime,
    pub ends: NaiveDateTime,
    /// When the message was made, in UTC.
    pub stamp: NaiveDateTime,
    pub summary: &'a str,
    pub location: &'a str,
    pub description: &'a str,
    /// Where the booking is seen, changed and cancelled.
    pub url: Option<&'a str>,
    /// The city (name, address the mail comes from).
    pub organizer: (&'a str, &'a str),
    /// The resident's address.
    pub attendee: &'a str,
    /// A reminder this long before the start (none for a cancellation).
    pub alarm_before: Option<Duration>,
}

/// The iCalendar text of `invitation`: CRLF line ends, lines folded at 75 octets.
pub fn calendar(invitation: &Invitation<'_>) -> String {
    let i = invitation;
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Madoguchi//Bookings//JA".into(),
        "CALSCALE:GREGORIAN".into(),
        format!("METHOD:{}", i.method.as_str()),
        "BEGIN:VEVENT".into(),
        format!("UID:{}", text(i.uid)),
        format!("SEQUENCE:{}", i.sequence),
        format!("DTSTAMP:{}", utc(i.stamp)),
        format!("DTSTART:{}", utc(i.starts)),
        format!("DTEND:{}", utc(i.ends)),
        format!("SUMMARY:{}", text(i.summary)),
        format!("LOCATION:{}", text(i.location)),
        format!("DESCRIPTION:{}", text(i.description)),
        format!(
            "STATUS:{}",
            match i.status {
                EventStatus::Confirmed => "CONFIRMED",
                EventStatus::Tentative => "TENTATIVE",
                EventStatus::Cancelled => "CANCELLED",
            }
        ),
        "TRANSP:OPAQUE".into(),
        format!(
            "ORGANIZER;CN={}:mailto:{}",
            parameter(i.organizer.0),
            i.organizer.1
        ),
        format!(
            "ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:{}",
            i.attendee
        ),
    ];
    if let Some(url) = i.url {
        lines.push(format!("URL:{url}"));
    }
    if let (Some(before), Method::Request) = (i.alarm_before, i.method) {
        lines.extend([
            "BEGIN:VALARM".into(),
            "ACTION:DISPLAY".into(),
            format!("DESCRIPTION:{}", text(i.summary)),
            format!("TRIGGER:-PT{}M", before.num_minutes()),
            "END:VALARM".into(),
        ]);
    }
    lines.extend(["END:VEVENT".into(), "END:VCALENDAR".into()]);
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

fn utc(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value: backslash, semicolon, comma and line breaks escaped (RFC 5545 §3.3.11).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for ch in value.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value (the organizer's name): quoted, with the characters a quoted value
/// cannot hold left out (RFC 5545 §3.2).
fn parameter(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    format!("\"{clean}\"")
}

/// Appends `line` folded so that no line is longer than 75 octets (a continuation starts
/// with one space), never splitting a character, each ending in CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for ch in line.chars() {
        let len = ch.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += len;
    }
    let _ = write!(out, "\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn invitation(method: Method) -> String {
        calendar(&Invitation {
            uid: "booking-0190@example.jp",
            sequence: 2,
            method,
            status: EventStatus::Confirmed,
            starts: at("2027-03-03 01:00"),
            ends: at("2027-03-03 01:30"),
            stamp: at("2027-02-20 00:00"),
            summary: "マイナンバーカードの受け取り, 青葉区役所",
            location: "青葉区役所 1階; 市民課",
            description: "到達番号 123\n変更・取消はこちら",
            url: Some("https://sendai.example.jp/bookings/abc"),
            organizer: ("仙台市", "noreply@sendai.example.jp"),
            attendee: "taro@example.jp",
            alarm_before: Some(Duration::days(1)),
        })
    }

    #[test]
    fn lines_end_in_crlf_and_are_at_most_75_octets() {
        let ics = invitation(Method::Request);
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
            assert!(!line.contains('\n'));
        }
        // Unfolded, the long Japanese description is whole again.
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("DESCRIPTION:到達番号 123\\n変更・取消はこちら\r\n"));
        assert!(unfolded.contains("SUMMARY:マイナンバーカードの受け取り\\, 青葉区役所\r\n"));
        assert!(unfolded.contains("LOCATION:青葉区役所 1階\\; 市民課\r\n"));
    }

    #[test]
    fn a_request_has_its_times_in_utc_and_an_alarm_a_cancel_has_none() {
        let ics = invitation(Method::Request);
        assert!(ics.contains("METHOD:REQUEST\r\n"));
        assert!(ics.contains("DTSTART:20270303T010000Z\r\n"));
        assert!(ics.contains("SEQUENCE:2\r\n"));
        assert!(ics.contains("TRIGGER:-PT1440M\r\n"));
        let cancel = invitation(Method::Cancel);
        assert!(cancel.contains("METHOD:CANCEL\r\n"));
        assert!(!cancel.contains("VALARM"));
    }

    #[test]
    fn folding_never_splits_a_character() {
        let mut out = String::new();
        fold(&"あ".repeat(60), &mut out);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75);
            assert!(std::str::from_utf8(line.as_bytes()).is_ok());
        }
        assert_eq!(out.replace("\r\n ", "").trim_end(), "あ".repeat(60));
    }
}
