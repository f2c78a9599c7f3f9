//! Congestion now (issue 49 item 8): the counters a city lists with a waiting line, the
//! numbered tickets (番号札) a desk hands out as people check in, the next number called,
//! and for everyone — residents on a phone before they set out, a display in the hall,
//! open data — each counter's waiting count and expected wait, read live.
//!
//! A ticket holds no personal data: a number, when it was handed out and when called.
//! Numbers start at 1 each day (Japan time) and are taken by one conditional update of the
//! counter's row, so two desks never hand out the same number; a number is called once,
//! the lowest waiting first, even when two desks call at the same moment.

mod estimate;
mod lines;

use chrono::{DateTime, NaiveDateTime, Utc};
use madoguchi_core::{AuditAction, CounterLineId, Localized, TenantId, TicketId, jst};
use madoguchi_records::{CounterLineRecord, TicketRecord};

use crate::kernel::audit::AuditEntry;
use crate::kernel::staff::{Clerk, require_case_worker, require_city};
use crate::kernel::{App, AppError};

pub use estimate::{PACE_WINDOW, expected_wait};
pub use lines::{LineFault, LineField, LineProblem, NewLine};

/// Congestion in one city, reached as `app.congestion(&city)`: every use case acts in
/// that city alone; a clerk of another city is told "not found".
#[derive(Clone, Copy, Debug)]
pub struct Congestion<'a> {
    app: &'a App,
    city: &'a TenantId,
}

impl App {
    /// Congestion in `city`.
    pub fn congestion<'a>(&'a self, city: &'a TenantId) -> Congestion<'a> {
        Congestion { app: self, city }
    }
}

/// One counter as everyone may read it now.
#[derive(Clone, Debug, serde::Serialize)]
pub struct LineNow {
    pub id: CounterLineId,
    pub name: Localized,
    pub place: Localized,
    /// Numbers handed out today and not yet called.
    pub waiting: u32,
    /// The number called last (being served), if any today.
    pub calling: Option<i32>,
    /// The expected wait in minutes of one taking a number now (`None`: too few calls in
    /// the last hour to tell).
    pub expected_minutes: Option<u32>,
    /// Numbers handed out and called today.
    pub issued_today: u32,
    pub called_today: u32,
}

/// Every counter of the city, now.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Board {
    pub as_of: DateTime<Utc>,
    pub lines: Vec<LineNow>,
}

impl Congestion<'_> {
    /// Every counter of the city, as anyone may read it now.
    pub fn board(&self) -> Result<Board, AppError> {
        let now = self.app.now();
        let today = jst::date(now);
        let (lines, tickets) = self.app.read(|c| {
            Ok((
                c.counter_lines(self.city)?,
                c.tickets_of_day(self.city, today)?,
            ))
        })?;
        let lines = lines
            .into_iter()
            .map(|l| line_now(l, &tickets, now.naive_utc()))
            .collect::<Result<_, _>>()?;
        Ok(Board { as_of: now, lines })
    }

    /// Whether `clerk` may add the city's counters: supervisors and administrators.
    pub fn may_define(&self, clerk: &Clerk) -> bool {
        require_city(clerk, self.city).is_ok()
            && matches!(
                clerk.role,
                madoguchi_core::Role::Supervisor | madoguchi_core::Role::Administrator
            )
    }

    /// Whether `clerk` works the counters' numbers: clerks and supervisors of the city.
    pub fn may_work(&self, clerk: &Clerk) -> bool {
        require_city(clerk, self.city).is_ok() && clerk.is_case_worker()
    }

    /// Adds a counter: its faults (nothing stored), or none when it was added (audited).
    pub fn add_line(&self, clerk: &Clerk, new: &NewLine) -> Result<Vec<LineFault>, AppError> {
        require_city(clerk, self.city)?;
        if !self.may_define(clerk) {
            return Err(AppError::Forbidden);
        }
        let faults = new.faults();
        if !faults.is_empty() {
            return Ok(faults);
        }
        let record = CounterLineRecord {
            tenant_id: self.city.clone(),
            id: CounterLineId::new(new.id.trim()),
            name: json(&new.name())?,
            place: json(&new.place())?,
            issued_day: None,
            last_number: 0,
            created_at: self.app.now().naive_utc(),
        };
        let mut added = false;
        self.app.write(|c| {
            added = c.add_counter_line(&record)?;
            if !added {
                return Ok(());
            }
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::CounterLineAdded)
                    .detail(serde_json::json!({ "counter_line": record.id.as_str() }).to_string()),
            )
        })?;
        Ok(if added {
            Vec::new()
        } else {
            vec![LineFault {
                field: LineField::Id,
                problem: LineProblem::Taken,
            }]
        })
    }

    /// Hands out the counter's next number of the day (a person checks in).
    pub fn issue(&self, clerk: &Clerk, line: &CounterLineId) -> Result<i32, AppError> {
        self.require_worker(clerk)?;
        let now = self.app.now();
        let today = jst::date(now);
        let mut number = 0;
        self.app.write(|c| {
            number = c
                .take_ticket_number(self.city, line, today)?
                .ok_or(AppError::NotFound)?;
            c.insert_ticket(&TicketRecord {
                id: TicketId::new(uuid::Uuid::now_v7().to_string()),
                tenant_id: self.city.clone(),
                line_id: line.clone(),
                day: today,
                number,
                issued_at: now.naive_utc(),
                called_at: None,
            })?;
            Ok(())
        })?;
        Ok(number)
    }

    /// Calls the counter's lowest number of the day still waiting; `None` when no one is.
    pub fn call_next(&self, clerk: &Clerk, line: &CounterLineId) -> Result<Option<i32>, AppError> {
        self.require_worker(clerk)?;
        let now = self.app.now();
        let today = jst::date(now);
        let mut called = None;
        self.app.write(|c| {
            called = None;
            if !c.counter_lines(self.city)?.iter().any(|l| l.id == *line) {
                return Err(AppError::NotFound);
            }
            // Another desk may call the same number at this moment: its update wins, and
            // this one takes the next.
            for ticket in c.tickets_of_day(self.city, today)? {
                if ticket.line_id == *line
                    && ticket.called_at.is_none()
                    && c.call_ticket(&ticket.id, now.naive_utc())?
                {
                    called = Some(ticket.number);
                    break;
                }
            }
            Ok(())
        })?;
        Ok(called)
    }

    fn require_worker(&self, clerk: &Clerk) -> Result<(), AppError> {
        require_city(clerk, self.city)?;
        require_case_worker(clerk)
    }
}

fn json(text: &Localized) -> Result<String, AppError> {
    serde_json::to_string(text).map_err(|e| AppError::internal("a counter's name", e))
}

fn line_now(
    line: CounterLineRecord,
    tickets: &[TicketRecord],
    now: NaiveDateTime,
) -> Result<LineNow, AppError> {
    let read = |text: &str| {
        serde_json::from_str::<Localized>(text)
            .map_err(|e| AppError::internal("a stored counter's name", e))
    };
    let mine: Vec<&TicketRecord> = tickets.iter().filter(|t| t.line_id == line.id).collect();
    let calls: Vec<NaiveDateTime> = mine.iter().filter_map(|t| t.called_at).collect();
    let waiting = count(mine.iter().filter(|t| t.called_at.is_none()).count());
    let calling = mine
        .iter()
        .filter(|t| t.called_at.is_some())
        .max_by_key(|t| (t.called_at, t.number))
        .map(|t| t.number);
    Ok(LineNow {
        name: read(&line.name)?,
        place: read(&line.place)?,
        id: line.id,
        waiting,
        calling,
        expected_minutes: expected_wait(waiting, &calls, now),
        issued_today: count(mine.len()),
        called_today: count(calls.len()),
    })
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
