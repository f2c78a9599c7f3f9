//! The resource form as posted: every input as typed (so a refused form comes back as the
//! department wrote it), read into a definition with each fault at its input, and filled
//! from a stored definition to edit it.
//!
//! Inputs: `id`, `name-ja`, `name-en`, `place-ja`, `place-en`, `unit`, `confirm`, `opens`,
//! `closes`, `cutoff`, `per-person`; for each weekly session row `i`, `s{i}-day` (one per
//! day ticked), `s{i}-from`, `s{i}-until`, `s{i}-every`, `s{i}-capacity`,
//! `s{i}-valid-from`, `s{i}-valid-until`, `s{i}-remove`; for each closed-day row `i`,
//! `c{i}-day`, `c{i}-reason-ja`, `c{i}-reason-en`, `c{i}-remove`. A row left blank is no
//! row.

use chrono::NaiveDate;
use madoguchi_app::bookings::{
    ClockTime, ClosedDay, Confirm, Resource, Session, Unit, WeekDay, Window,
};
use madoguchi_core::Localized;

/// The days of the week as the form's checkboxes carry them.
pub(super) const DAYS: [(&str, WeekDay); 7] = [
    ("mon", WeekDay::Mon),
    ("tue", WeekDay::Tue),
    ("wed", WeekDay::Wed),
    ("thu", WeekDay::Thu),
    ("fri", WeekDay::Fri),
    ("sat", WeekDay::Sat),
    ("sun", WeekDay::Sun),
];

/// The most rows of each kind a form may carry (the page adds one at a time).
const ROWS_MAX: usize = 60;

/// One weekly session's row.
#[derive(Clone, Debug, Default)]
pub(super) struct SessionRow {
    pub(super) days: [bool; 7],
    pub(super) from: String,
    pub(super) until: String,
    pub(super) every: String,
    pub(super) capacity: String,
    pub(super) valid_from: String,
    pub(super) valid_until: String,
    pub(super) remove: bool,
}

impl SessionRow {
    fn is_blank(&self) -> bool {
        !self.days.contains(&true)
            && [
                &self.from,
                &self.until,
                &self.every,
                &self.capacity,
                &self.valid_from,
                &self.valid_until,
            ]
            .iter()
            .all(|v| v.is_empty())
    }
}

/// One closed day's row.
#[derive(Clone, Debug, Default)]
pub(super) struct ClosedRow {
    pub(super) day: String,
    pub(super) reason_ja: String,
    pub(super) reason_en: String,
    pub(super) remove: bool,
}

impl ClosedRow {
    fn is_blank(&self) -> bool {
        self.day.is_empty() && self.reason_ja.is_empty() && self.reason_en.is_empty()
    }
}

/// The whole form.
#[derive(Clone, Debug, Default)]
pub(super) struct ResourceForm {
    pub(super) id: String,
    pub(super) name_ja: String,
    pub(super) name_en: String,
    pub(super) place_ja: String,
    pub(super) place_en: String,
    pub(super) unit: String,
    pub(super) confirm: String,
    pub(super) opens: String,
    pub(super) closes: String,
    pub(super) cutoff: String,
    pub(super) per_person: String,
    pub(super) sessions: Vec<SessionRow>,
    pub(super) closed: Vec<ClosedRow>,
}

/// What is wrong, at which input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Slip {
    Missing,
    NotTime,
    NotNumber,
    NotDate,
    Choose,
}

/// A fault found reading the form: the input's id and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Fault {
    pub(super) input: String,
    pub(super) slip: Slip,
}

/// A definition read from the form, with the rows its sessions and closed days came from
/// (to put a fault the definition's check finds at `/sessions/2/…` on the right row).
#[derive(Clone, Debug)]
pub(super) struct Read {
    pub(super) resource: Resource,
    pub(super) session_rows: Vec<usize>,
    pub(super) closed_rows: Vec<usize>,
}

impl ResourceForm {
    /// A new resource's form: persons, booked on filing, one blank row of each kind.
    pub(super) fn blank() -> ResourceForm {
        ResourceForm {
            unit: "persons".into(),
            confirm: "on_filing".into(),
            closes: "0".into(),
            sessions: vec![SessionRow::default()],
            closed: vec![ClosedRow::default()],
            ..ResourceForm::default()
        }
    }

    /// A stored definition's form, with one blank closed-day row to add to.
    pub(super) fn of(r: &Resource) -> ResourceForm {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let mut closed: Vec<ClosedRow> = r
            .closed
            .iter()
            .map(|c| ClosedRow {
                day: c.day.to_string(),
                reason_ja: c.reason.ja.clone(),
                reason_en: c.reason.en.clone(),
                remove: false,
            })
            .collect();
        closed.push(ClosedRow::default());
        ResourceForm {
            id: r.id.clone(),
            name_ja: r.name.ja.clone(),
            name_en: r.name.en.clone(),
            place_ja: r.place.ja.clone(),
            place_en: r.place.en.clone(),
            unit: match r.unit {
                Unit::Persons => "persons",
                Unit::Minutes => "minutes",
                Unit::Points => "points",
            }
            .into(),
            confirm: match r.confirm {
                Confirm::OnFiling => "on_filing",
                Confirm::ByClerk => "by_clerk",
            }
            .into(),
            opens: r.window.opens_days_ahead.to_string(),
            closes: r.window.closes_business_days_before.to_string(),
            cutoff: r
                .window
                .same_day_cutoff
                .map(|c| c.to_string())
                .unwrap_or_default(),
            per_person: r.per_person.map(|n| n.to_string()).unwrap_or_default(),
            sessions: r
                .sessions
                .iter()
                .map(|s| SessionRow {
                    days: DAYS.map(|(_, d)| s.days.contains(&d)),
                    from: s.from.to_string(),
                    until: s.until.to_string(),
                    every: s.every.map(|n| n.to_string()).unwrap_or_default(),
                    capacity: s.capacity.to_string(),
                    valid_from: date(s.valid_from),
                    valid_until: date(s.valid_until),
                    remove: false,
                })
                .collect(),
            closed,
        }
    }

    /// The form as posted; inputs it does not know are left aside.
    pub(super) fn from_pairs(pairs: &[(String, String)]) -> ResourceForm {
        let mut f = ResourceForm::default();
        for (key, value) in pairs {
            let value = madoguchi_forms::normalize::ascii_to_halfwidth(value)
                .trim()
                .to_string();
            match key.as_str() {
                "id" => f.id = value,
                "name-ja" => f.name_ja = value,
                "name-en" => f.name_en = value,
                "place-ja" => f.place_ja = value,
                "place-en" => f.place_en = value,
                "unit" => f.unit = value,
                "confirm" => f.confirm = value,
                "opens" => f.opens = value,
                "closes" => f.closes = value,
                "cutoff" => f.cutoff = value,
                "per-person" => f.per_person = value,
                _ => f.row_input(key, value),
            }
        }
        f
    }

    fn row_input(&mut self, key: &str, value: String) {
        let Some((kind, rest)) = key.split_at_checked(1) else {
            return;
        };
        let Some((index, name)) = rest.split_once('-') else {
            return;
        };
        let Some(i) = index.parse::<usize>().ok().filter(|&i| i < ROWS_MAX) else {
            return;
        };
        match kind {
            "s" => {
                if self.sessions.len() <= i {
                    self.sessions.resize(i + 1, SessionRow::default());
                }
                let row = &mut self.sessions[i];
                match name {
                    "day" => {
                        if let Some(d) = DAYS.iter().position(|(code, _)| *code == value) {
                            row.days[d] = true;
                        }
                    }
                    "from" => row.from = value,
                    "until" => row.until = value,
                    "every" => row.every = value,
                    "capacity" => row.capacity = value,
                    "valid-from" => row.valid_from = value,
                    "valid-until" => row.valid_until = value,
                    "remove" => row.remove = !value.is_empty(),
                    _ => {}
                }
            }
            "c" => {
                if self.closed.len() <= i {
                    self.closed.resize(i + 1, ClosedRow::default());
                }
                let row = &mut self.closed[i];
                match name {
                    "day" => row.day = value,
                    "reason-ja" => row.reason_ja = value,
                    "reason-en" => row.reason_en = value,
                    "remove" => row.remove = !value.is_empty(),
                    _ => {}
                }
            }
            _ => {}
        }
    }

    /// The rows kept when the form is drawn again: the removed and blank ones dropped, and
    /// one blank row of a kind asked for (`more`: `session` or `closed`), or one blank row
    /// where none is left.
    pub(super) fn tidied(mut self, more: &str) -> ResourceForm {
        self.sessions.retain(|r| !r.remove && !r.is_blank());
        self.closed.retain(|r| !r.remove && !r.is_blank());
        if more == "session" || self.sessions.is_empty() {
            self.sessions.push(SessionRow::default());
        }
        if more == "closed" || self.closed.is_empty() {
            self.closed.push(ClosedRow::default());
        }
        self
    }

    /// The definition the form describes, or every input that cannot be read.
    pub(super) fn read(&self) -> Result<Read, Vec<Fault>> {
        let mut faults = Vec::new();
        let unit = match self.unit.as_str() {
            "persons" => Unit::Persons,
            "minutes" => Unit::Minutes,
            "points" => Unit::Points,
            _ => {
                faults.push(fault("unit-persons", Slip::Choose));
                Unit::Persons
            }
        };
        let confirm = match self.confirm.as_str() {
            "on_filing" => Confirm::OnFiling,
            "by_clerk" => Confirm::ByClerk,
            _ => {
                faults.push(fault("confirm-on_filing", Slip::Choose));
                Confirm::OnFiling
            }
        };
        let opens = number(&self.opens, "opens", true, &mut faults).unwrap_or(1);
        let closes = number(&self.closes, "closes", false, &mut faults).unwrap_or(0);
        let cutoff = time(&self.cutoff, "cutoff", false, &mut faults);
        let per_person = number(&self.per_person, "per-person", false, &mut faults);
        let mut sessions = Vec::new();
        let mut session_rows = Vec::new();
        for (i, row) in self.sessions.iter().enumerate() {
            if row.remove || row.is_blank() {
                continue;
            }
            let at = |name: &str| format!("s{i}-{name}");
            let days = DAYS
                .iter()
                .zip(row.days)
                .filter(|(_, ticked)| *ticked)
                .map(|((_, d), _)| *d)
                .collect();
            let from = time(&row.from, &at("from"), true, &mut faults);
            let until = time(&row.until, &at("until"), true, &mut faults);
            let every = number(&row.every, &at("every"), false, &mut faults);
            let capacity = number(&row.capacity, &at("capacity"), true, &mut faults);
            let valid_from = date(&row.valid_from, &at("valid-from"), false, &mut faults);
            let valid_until = date(&row.valid_until, &at("valid-until"), false, &mut faults);
            if let (Some(from), Some(until), Some(capacity)) = (from, until, capacity) {
                sessions.push(Session {
                    days,
                    from,
                    until,
                    every,
                    capacity,
                    valid_from,
                    valid_until,
                });
                session_rows.push(i);
            }
        }
        let mut closed = Vec::new();
        let mut closed_rows = Vec::new();
        for (i, row) in self.closed.iter().enumerate() {
            if row.remove || row.is_blank() {
                continue;
            }
            if let Some(day) = date(&row.day, &format!("c{i}-day"), true, &mut faults) {
                closed.push(ClosedDay {
                    day,
                    reason: Localized::new(&row.reason_ja, &row.reason_en),
                });
                closed_rows.push(i);
            }
        }
        if !faults.is_empty() {
            return Err(faults);
        }
        Ok(Read {
            resource: Resource {
                id: self.id.clone(),
                name: Localized::new(&self.name_ja, &self.name_en),
                place: Localized::new(&self.place_ja, &self.place_en),
                unit,
                sessions,
                closed,
                window: Window {
                    opens_days_ahead: opens,
                    closes_business_days_before: closes,
                    same_day_cutoff: cutoff,
                },
                per_person,
                confirm,
            },
            session_rows,
            closed_rows,
        })
    }
}

impl Read {
    /// The input a fault of the definition's check (a JSON pointer) belongs to.
    pub(super) fn input_of(&self, pointer: &str) -> String {
        let parts: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
        let row = |rows: &[usize], i: &str| {
            i.parse::<usize>()
                .ok()
                .and_then(|i| rows.get(i).copied())
                .unwrap_or(0)
        };
        match parts.as_slice() {
            ["name", ..] => "name-ja".into(),
            ["place", ..] => "place-ja".into(),
            ["sessions"] => "s0-day-mon".into(),
            ["sessions", i, "days"] => format!("s{}-day-mon", row(&self.session_rows, i)),
            ["sessions", i, field, ..] => format!(
                "s{}-{}",
                row(&self.session_rows, i),
                field.replace('_', "-")
            ),
            ["closed", i, "reason", ..] => format!("c{}-reason-ja", row(&self.closed_rows, i)),
            ["closed", i, ..] => format!("c{}-day", row(&self.closed_rows, i)),
            ["per_person"] => "per-person".into(),
            ["window", ..] => "opens".into(),
            _ => "id".into(),
        }
    }
}

fn fault(input: &str, slip: Slip) -> Fault {
    Fault {
        input: input.into(),
        slip,
    }
}

/// An input read by `parse`: none when blank (a fault when `required`), a fault of kind
/// `wrong` when it cannot be read.
fn input<T>(
    text: &str,
    input: &str,
    required: bool,
    faults: &mut Vec<Fault>,
    wrong: Slip,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    if text.is_empty() {
        if required {
            faults.push(fault(input, Slip::Missing));
        }
        return None;
    }
    let read = parse(text);
    if read.is_none() {
        faults.push(fault(input, wrong));
    }
    read
}

/// A whole number.
fn number(text: &str, at: &str, required: bool, faults: &mut Vec<Fault>) -> Option<u32> {
    input(text, at, required, faults, Slip::NotNumber, |t| {
        t.parse().ok()
    })
}

/// A time `HH:MM` (or `H:MM`).
fn time(text: &str, at: &str, required: bool, faults: &mut Vec<Fault>) -> Option<ClockTime> {
    input(text, at, required, faults, Slip::NotTime, |t| {
        t.parse().ok()
    })
}

/// A date `YYYY-MM-DD`.
fn date(text: &str, at: &str, required: bool, faults: &mut Vec<Fault>) -> Option<NaiveDate> {
    input(text, at, required, faults, Slip::NotDate, |t| {
        NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()
    })
}

#[cfg(test)]
#[path = "form_tests.rs"]
mod tests;
