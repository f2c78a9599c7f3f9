//! The clerks' day list of a resource (issue 49, item 6): who comes when — each slot of the
//! day with its capacity, what is booked and held, why it is closed, and the bookings in it
//! with their filings. A booking of a filing another department handles is counted, not
//! named: a clerk sees the applicants of their own department's filings only.

use chrono::{NaiveDate, NaiveDateTime};
use madoguchi_core::{
    Attendance, BookingId, BookingStatus, Localized, ResourceId, SlotId, SubmissionId,
    SubmissionState,
};

use super::Bookings;
use crate::kernel::AppError;
use crate::kernel::booking::local_of;
use crate::kernel::staff::{Clerk, require_case_worker, require_city};

/// One slot of the day.
#[derive(Clone, Debug)]
pub struct DaySlot {
    /// Start and end on Japan's wall clock.
    pub starts: NaiveDateTime,
    pub ends: NaiveDateTime,
    pub capacity: u32,
    pub booked: u32,
    pub held: u32,
    /// How many wait for a place in it (キャンセル待ち), not yet offered one.
    pub waiting: u32,
    pub closed: Option<Localized>,
    /// A clerk stopped it (the block may be lifted).
    pub blocked: bool,
    /// It has not begun (it may still be stopped).
    pub to_come: bool,
    pub people: Vec<Booked>,
}

/// A booking in a slot.
#[derive(Clone, Debug)]
pub struct Booked {
    pub id: BookingId,
    pub units: u32,
    pub status: BookingStatus,
    /// Whether the person came, as marked.
    pub attendance: Option<Attendance>,
    /// The clerk may mark whether they came (their department's, the day is here).
    pub can_mark: bool,
    /// The clerk may confirm it (their department's request, its time still to come).
    pub can_confirm: bool,
    /// The filing, when it is the clerk's department's (else the booking is only counted).
    pub filing: Option<BookedFiling>,
}

/// The filing of a booking, as the day list shows it.
#[derive(Clone, Debug)]
pub struct BookedFiling {
    pub submission_id: SubmissionId,
    pub arrival_number: String,
    pub applicant_name: Option<String>,
    pub state: SubmissionState,
}

/// The day list.
#[derive(Clone, Debug)]
pub struct DayList {
    /// The city's resources (id, name), to choose from.
    pub resources: Vec<(ResourceId, Localized)>,
    /// The resource shown (none when the city has none), and what its capacity counts.
    pub resource: Option<ResourceId>,
    pub unit: Option<madoguchi_bookings::Unit>,
    pub day: NaiveDate,
    pub slots: Vec<DaySlot>,
}

fn count(n: i32) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

impl Bookings<'_> {
    /// The day list of `resource` (the city's first when none is asked for, or the one
    /// asked for is not the city's) on `day`, for a clerk or supervisor of this city.
    pub fn day_list(
        &self,
        clerk: &Clerk,
        resource: Option<&ResourceId>,
        day: NaiveDate,
    ) -> Result<DayList, AppError> {
        require_city(clerk, self.city)?;
        require_case_worker(clerk)?;
        let today = self.local_now().date();
        let now = self.app.now().naive_utc();
        self.app.read(|c| {
            let rows = c.booking_resources(self.city)?;
            let mut resources = Vec::new();
            let mut units = Vec::new();
            for row in &rows {
                let r = serde_json::from_str::<madoguchi_bookings::Resource>(&row.definition)
                    .map_err(|e| AppError::internal("a stored booking resource", e))?;
                units.push((row.id.clone(), r.unit));
                resources.push((row.id.clone(), r.name));
            }
            let shown = resource
                .filter(|r| resources.iter().any(|(id, _)| id == *r))
                .cloned()
                .or_else(|| resources.first().map(|(id, _)| id.clone()));
            let mut slots = Vec::new();
            if let Some(id) = &shown {
                let rows = c.slots_between(self.city, id, day, day)?;
                let ids: Vec<SlotId> = rows.iter().map(|s| s.id.clone()).collect();
                let waiting = c.waiting_counts(self.city, &ids)?;
                for s in rows {
                    let mut people = Vec::new();
                    for b in c.bookings_in_slot(self.city, &s.id)? {
                        let filing = match &b.submission_id {
                            Some(sid) => c
                                .find_submission(self.city, sid)?
                                .filter(|f| f.department_id == clerk.department)
                                .map(|f| BookedFiling {
                                    submission_id: f.id,
                                    arrival_number: f.arrival_number,
                                    applicant_name: f.applicant_name,
                                    state: f.state,
                                }),
                            None => None,
                        };
                        let own = filing.is_some();
                        people.push(Booked {
                            id: b.id,
                            units: count(b.units),
                            status: b.status,
                            attendance: b.attendance,
                            can_mark: own && local_of(s.starts_at).date() <= today,
                            can_confirm: own
                                && b.status == BookingStatus::Requested
                                && s.closed().is_none()
                                && s.starts_at > now,
                            filing,
                        });
                    }
                    slots.push(DaySlot {
                        starts: local_of(s.starts_at),
                        ends: local_of(s.ends_at),
                        capacity: count(s.capacity),
                        booked: count(s.booked),
                        held: count(s.held),
                        waiting: waiting
                            .iter()
                            .find(|(w, _)| *w == s.id)
                            .map_or(0, |(_, n)| u32::try_from(*n).unwrap_or(u32::MAX)),
                        blocked: s.blocked_reason.is_some(),
                        to_come: s.starts_at > now,
                        closed: s.closed().and_then(|r| serde_json::from_str(r).ok()),
                        people,
                    });
                }
            }
            let unit = units
                .iter()
                .find(|(id, _)| Some(id) == shown.as_ref())
                .map(|(_, u)| *u);
            Ok(DayList {
                resources,
                unit,
                resource: shown,
                day,
                slots,
            })
        })
    }
}

impl Bookings<'_> {
    /// Today in Japan (the day list's default day).
    pub fn today(&self) -> NaiveDate {
        self.local_now().date()
    }
}
