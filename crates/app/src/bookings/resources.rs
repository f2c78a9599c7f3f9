//! The resources a department defines, and the slots they open for the days their booking
//! window reaches. A definition replaced re-plans the slots not yet begun: capacity as now
//! written (never below what is booked and held), closed where the city or the resource is
//! shut, and closed with a reason where no session opens them any more — a booked resident
//! keeps the place.

use chrono::{Duration, NaiveDate};
use madoguchi_bookings::{DefinitionError, Problem, Resource};
use madoguchi_core::{Localized, ResourceId, Role, SlotId};
use madoguchi_records::{BookingResourceRecord, SlotRecord};

use super::Bookings;
use crate::kernel::booking::utc_of;
use crate::kernel::staff::{Clerk, require_city};
use crate::kernel::{App, AppError};

/// What a definition sent came to: stored (its slots opened), or its faults.
#[derive(Clone, Debug)]
pub enum Defined {
    Stored { id: ResourceId, slots_opened: usize },
    Faults(Vec<DefinitionError>),
}

/// Whether a definition may replace the city's resource of the same id.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Replace {
    Yes,
    No,
}

/// Why a slot no session opens any more is closed.
fn no_longer_held() -> Localized {
    Localized::new(
        "この時間の受付はなくなりました",
        "No longer offered at this time",
    )
}

impl Bookings<'_> {
    /// Stores a resource from its JSON definition (added, or replaced when the id exists)
    /// and opens its slots; a definition with faults is not stored and its faults are
    /// returned, each at its field. Supervisors, authors and administrators define
    /// resources; clerks do not.
    pub fn define(&self, clerk: &Clerk, definition: &str) -> Result<Defined, AppError> {
        self.store(clerk, definition, Replace::Yes)
    }

    /// Adds a new resource from its JSON definition, as [`Bookings::define`] does, but one
    /// whose id the city already has is refused with a fault at `/id` (nothing replaced).
    pub fn add(&self, clerk: &Clerk, definition: &str) -> Result<Defined, AppError> {
        self.store(clerk, definition, Replace::No)
    }

    /// Whether `clerk` may define this city's resources: supervisors, authors and
    /// administrators may; clerks may not.
    pub fn may_define(&self, clerk: &Clerk) -> bool {
        require_city(clerk, self.city).is_ok()
            && matches!(
                clerk.role,
                Role::Supervisor | Role::Author | Role::Administrator
            )
    }

    /// A resource's definition as stored, for one who may change it.
    pub fn definition(&self, clerk: &Clerk, id: &ResourceId) -> Result<Resource, AppError> {
        require_city(clerk, self.city)?;
        if !self.may_define(clerk) {
            return Err(AppError::Forbidden);
        }
        self.app.read(|c| self.resource(c, id))
    }

    fn store(
        &self,
        clerk: &Clerk,
        definition: &str,
        replace: Replace,
    ) -> Result<Defined, AppError> {
        require_city(clerk, self.city)?;
        if !self.may_define(clerk) {
            return Err(AppError::Forbidden);
        }
        let resource = match Resource::from_json(definition) {
            Ok(r) => r,
            Err(message) => {
                return Ok(Defined::Faults(vec![DefinitionError {
                    field: String::new(),
                    problem: Problem::Unreadable(message),
                }]));
            }
        };
        let faults = resource.check();
        if !faults.is_empty() {
            return Ok(Defined::Faults(faults));
        }
        let id = ResourceId::new(resource.id.clone());
        let record = BookingResourceRecord {
            tenant_id: self.city.clone(),
            id: id.clone(),
            definition: serde_json::to_string(&resource)
                .map_err(|e| AppError::internal("a booking resource to store", e))?,
            opened_through: None,
            updated_at: self.app.now().naive_utc(),
        };
        let stored = self.app.write(|c| {
            if replace == Replace::No && c.find_booking_resource(self.city, &id)?.is_some() {
                return Ok(false);
            }
            c.save_booking_resource(&record)?;
            Ok(true)
        })?;
        if !stored {
            return Ok(Defined::Faults(vec![DefinitionError {
                field: "/id".into(),
                problem: Problem::Taken,
            }]));
        }
        let slots_opened = self.open_slots(&id)?;
        Ok(Defined::Stored { id, slots_opened })
    }

    /// The city's resources, by id.
    pub fn resources(&self) -> Result<Vec<Resource>, AppError> {
        let rows = self.app.read(|c| Ok(c.booking_resources(self.city)?))?;
        rows.iter()
            .map(|r| {
                serde_json::from_str(&r.definition)
                    .map_err(|e| AppError::internal("a stored booking resource", e))
            })
            .collect()
    }

    /// Opens (and re-plans) the resource's slots from today through the last day its
    /// window reaches; the number of slots added.
    pub fn open_slots(&self, id: &ResourceId) -> Result<usize, AppError> {
        let today = self.local_now().date();
        let calendar = self.app.office_calendar(self.city).days;
        let now = self.app.now().naive_utc();
        self.app.write(|c| {
            let resource = self.resource(c, id)?;
            let through = today + Duration::days(i64::from(resource.window.opens_days_ahead));
            let existing = c.slots_between(self.city, id, today, through)?;
            let mut opening = Vec::new();
            let mut day = today;
            let mut planned_starts = Vec::new();
            while day <= through {
                for plan in resource.slots_on(day, &calendar) {
                    let starts_at = utc_of(plan.starts);
                    planned_starts.push(starts_at);
                    let capacity = i32::try_from(plan.capacity)
                        .map_err(|e| AppError::internal("a slot's capacity", e))?;
                    let closed = plan
                        .closed
                        .as_ref()
                        .map(serde_json::to_string)
                        .transpose()
                        .map_err(|e| AppError::internal("a closed slot's reason", e))?;
                    match existing.iter().find(|s| s.starts_at == starts_at) {
                        Some(slot) if slot.starts_at > now => {
                            c.replan_slot(&slot.id, capacity, closed.as_deref())?;
                        }
                        Some(_) => {}
                        None => {
                            opening.push(SlotRecord {
                                id: SlotId::new(uuid::Uuid::now_v7().to_string()),
                                tenant_id: self.city.clone(),
                                resource_id: id.clone(),
                                day,
                                starts_at,
                                ends_at: utc_of(plan.ends),
                                capacity,
                                booked: 0,
                                held: 0,
                                closed_reason: closed,
                                blocked_reason: None,
                            });
                        }
                    }
                }
                day += Duration::days(1);
            }
            // One statement for them all on PostgreSQL (a round trip per slot made a
            // counter's save take most of a second).
            let added = c.open_slots(&opening)?;
            let gone = serde_json::to_string(&no_longer_held())
                .map_err(|e| AppError::internal("a closed slot's reason", e))?;
            for slot in &existing {
                if slot.starts_at > now && !planned_starts.contains(&slot.starts_at) {
                    c.replan_slot(&slot.id, slot.capacity, Some(&gone))?;
                }
            }
            let mut row = c
                .find_booking_resource(self.city, id)?
                .ok_or(AppError::NotFound)?;
            row.opened_through = Some(through);
            c.save_booking_resource(&row)?;
            Ok(added)
        })
    }
}

/// How many slots one round of the sweeper frees at most.
const SWEEP_ROUND: i64 = 500;

impl App {
    /// Gives back the places of holds that expired (the next request for a slot does it
    /// too; this keeps the free counts residents read true meanwhile): the holds swept.
    pub fn sweep_expired_holds(&self) -> Result<usize, AppError> {
        let now = self.now().naive_utc();
        let slots = self.read(|c| Ok(c.slots_with_expired_holds(now, SWEEP_ROUND)?))?;
        let mut swept = 0;
        for slot in slots {
            swept += self.write(|c| Ok(c.sweep_expired_holds(&slot, now)?))?;
        }
        Ok(swept)
    }

    /// Opens each resource's slots for the days its window has reached since it was last
    /// opened, in every city (run daily by the worker); the number of slots added.
    pub fn open_booking_days(&self) -> Result<usize, AppError> {
        let today: NaiveDate = madoguchi_core::jst::date(self.now());
        let rows = self.read(|c| Ok(c.all_booking_resources()?))?;
        let mut added = 0;
        for row in rows {
            let Ok(resource) = serde_json::from_str::<Resource>(&row.definition) else {
                continue;
            };
            let through = today + Duration::days(i64::from(resource.window.opens_days_ahead));
            if row.opened_through.is_some_and(|d| d >= through) {
                continue;
            }
            added += self.bookings(&row.tenant_id).open_slots(&row.id)?;
        }
        Ok(added)
    }
}
