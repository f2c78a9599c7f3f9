//! The statutory clock of a filing (標準処理期間): its due date, pauses and flags.

use chrono::NaiveDate;
use madoguchi_core::{HistoryAction, TenantId};
use madoguchi_forms::Form;
use madoguchi_records::{EventRecord, Records, SubmissionRecord};
use madoguchi_workflow::clock::{ClockEvent, Reading};
use madoguchi_workflow::{State, clock};
use serde_json::Value;

use crate::kernel::{App, AppError};

impl App {
    /// The statutory clock of a submission from its history.
    pub(crate) fn read_clock(
        &self,
        form: &Form,
        row: &SubmissionRecord,
        events: &[EventRecord],
        today: NaiveDate,
    ) -> Reading {
        let clock_events: Vec<ClockEvent> =
            std::iter::once(ClockEvent::Arrived(row.arrived_at.and_utc()))
                .chain(events.iter().filter_map(|e| {
                    let at = e.at.and_utc();
                    match e.action {
                        HistoryAction::RequestCorrection => Some(ClockEvent::Paused(at)),
                        HistoryAction::Resubmit => Some(ClockEvent::Resumed(at)),
                        HistoryAction::Extend => e
                            .detail
                            .as_deref()
                            .and_then(|d| serde_json::from_str::<Value>(d).ok())
                            .and_then(|d| d["days"].as_u64())
                            .and_then(|d| u32::try_from(d).ok())
                            .map(ClockEvent::Extended),
                        HistoryAction::Approve
                        | HistoryAction::Reject
                        | HistoryAction::Withdraw => Some(ClockEvent::Stopped(at)),
                        HistoryAction::Submit
                        | HistoryAction::Claim
                        | HistoryAction::Assign
                        | HistoryAction::Close
                        | HistoryAction::Payment
                        | HistoryAction::Refund
                        | HistoryAction::BookingChanged
                        | HistoryAction::BookingCancelled
                        | HistoryAction::DecisionDrafted
                        | HistoryAction::DecisionEndorsed
                        | HistoryAction::DecisionReturned
                        | HistoryAction::LegalHoldPlaced
                        | HistoryAction::LegalHoldLifted => None,
                    }
                }))
                .collect();
        let office = self.office_calendar(&row.tenant_id);
        clock::read(
            &office.days,
            office.hours,
            form.settings().processing_days,
            &clock_events,
            today,
        )
    }

    /// Overdue, and due soon (by the municipality's business days).
    pub(crate) fn due_flags(
        &self,
        tenant: &TenantId,
        state: State,
        due_on: Option<NaiveDate>,
        today: NaiveDate,
    ) -> (bool, bool) {
        let running = matches!(state, State::Arrived | State::InReview | State::Resubmitted);
        match (running, due_on) {
            (true, Some(due)) => {
                let overdue = today > due;
                let soon = !overdue
                    && self
                        .office_calendar(tenant)
                        .days
                        .business_days_between(today, due)
                        <= DUE_SOON_DAYS;
                (overdue, soon)
            }
            _ => (false, false),
        }
    }

    /// Recomputes and stores the statutory due date after an event.
    pub(crate) fn update_due_date(
        &self,
        c: &mut dyn Records,
        form: &Form,
        row: &SubmissionRecord,
        today: NaiveDate,
    ) -> Result<(), AppError> {
        let events = c.events(&row.tenant_id, &row.id)?;
        let reading = self.read_clock(form, row, &events, today);
        if reading.due_on != row.due_on || reading.phase == madoguchi_workflow::Phase::Paused {
            c.set_due_on(&row.id, reading.due_on)?;
        }
        Ok(())
    }
}

/// "Due soon": this many business days or fewer left.
pub const DUE_SOON_DAYS: u32 = 2;
