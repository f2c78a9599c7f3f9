//! The worker's round of the waiting lists (キャンセル待ち, `bookings::waitlist`): freed
//! places offered to the first in line, offers not taken in time lapsed, and the lines of
//! times no longer open for booking ended.

use chrono::{DateTime, Duration, Utc};
use madoguchi_bookings::Refusal;
use madoguchi_core::{HoldId, Localized, SlotId, TenantId, WaitlistStatus};
use madoguchi_records::{HoldRecord, Records, WaitlistRecord};

use super::Bookings;
use super::waitlist::OFFER_FOR;
use crate::kernel::booking::local_of;
use crate::kernel::tokens::token_hash;
use crate::kernel::{App, AppError};
use crate::notification::waitlist_mails::{WaitingFor, WaitlistNews};

/// How many slots (and run-out offers) one round of the worker takes.
const ROUND: i64 = 200;

/// How far ahead the ending round looks for lines of times whose booking has closed.
const LOOK_AHEAD: Duration = Duration::days(62);

/// Lapses every entry still waiting in `waiting`: the slot can no longer be booked.
fn end_line(
    c: &mut dyn Records,
    waiting: Vec<WaitlistRecord>,
    now: chrono::NaiveDateTime,
) -> Result<usize, AppError> {
    let mut ended = 0;
    for e in waiting {
        let over = WaitlistRecord {
            status: WaitlistStatus::Lapsed,
            email: None,
            ended_at: Some(now),
            ..e
        };
        if c.move_waitlist_entry(&over, WaitlistStatus::Waiting)? {
            ended += 1;
        }
    }
    Ok(ended)
}

impl Bookings<'_> {
    /// Offers the free places of `slot` to those waiting for it, first joined first; ends
    /// the line when the slot can no longer be booked. The offers made.
    fn offer_slot(&self, slot: &SlotId, now_t: DateTime<Utc>) -> Result<usize, AppError> {
        let now = now_t.naive_utc();
        let calendar = self.app.office_calendar(self.city).days;
        let local_now = self.local_now();
        self.app.write(|c| {
            let Some(row) = c.find_slot(self.city, slot)? else {
                return Ok(0);
            };
            let resource = self.resource(c, &row.resource_id)?;
            let waiting: Vec<WaitlistRecord> = c
                .waitlist_of_slot(self.city, slot)?
                .into_iter()
                .filter(|e| e.status == WaitlistStatus::Waiting)
                .collect();
            match resource
                .window
                .allows(local_now, local_of(row.starts_at), &calendar)
            {
                Err(Refusal::Past | Refusal::Closed { .. }) => {
                    // Nothing can be booked in it any more: the line is over.
                    end_line(c, waiting, now)?;
                    return Ok(0);
                }
                Err(Refusal::NotOpenYet { .. }) => return Ok(0),
                Ok(()) => {}
            }
            // A clerk's block may be lifted: the line waits.
            if row.closed().is_some() {
                return Ok(0);
            }
            c.sweep_expired_holds(slot, now)?;
            let mut free = c.find_slot(self.city, slot)?.map_or(0, |s| s.free());
            let forms = self.app.forms_for(self.city);
            let mut offered = 0;
            for e in waiting {
                // Its procedure is no longer offered: the place could not be used.
                if forms.get(e.procedure_id.as_str()).is_none() {
                    let over = WaitlistRecord {
                        status: WaitlistStatus::Lapsed,
                        email: None,
                        ended_at: Some(now),
                        ..e
                    };
                    c.move_waitlist_entry(&over, WaitlistStatus::Waiting)?;
                    continue;
                }
                if free < e.units {
                    continue;
                }
                let expires_at = (now_t + OFFER_FOR).naive_utc().min(row.starts_at);
                let hold = HoldRecord {
                    id: HoldId::new(uuid::Uuid::now_v7().to_string()),
                    tenant_id: self.city.clone(),
                    slot_id: row.id.clone(),
                    units: e.units,
                    holder_hash: token_hash(&format!("waitlist:{}", e.id.as_str())),
                    created_at: now,
                    expires_at,
                };
                if !c.hold_place(&hold)? {
                    break;
                }
                let offer = WaitlistRecord {
                    status: WaitlistStatus::Offered,
                    hold_id: Some(hold.id.clone()),
                    offered_at: Some(now),
                    offer_expires_at: Some(expires_at),
                    mailed_at: Some(now),
                    ..e
                };
                if !c.move_waitlist_entry(&offer, WaitlistStatus::Waiting)? {
                    c.release_hold(&hold.id)?;
                    continue;
                }
                free -= offer.units;
                offered += 1;
                let procedure_title = forms
                    .get(offer.procedure_id.as_str())
                    .map(|f| f.title().clone())
                    .unwrap_or_else(|| {
                        Localized::new(offer.procedure_id.as_str(), offer.procedure_id.as_str())
                    });
                let about = WaitingFor {
                    title: &procedure_title,
                    name: &resource.name,
                    place: &resource.place,
                    starts: local_of(row.starts_at),
                    ends: local_of(row.ends_at),
                };
                if let Some(mail) = self.app.waitlist_mail(
                    c,
                    self.city,
                    &offer,
                    &about,
                    WaitlistNews::Offered(expires_at),
                )? {
                    c.enqueue_mail(&mail)?;
                }
            }
            Ok(offered)
        })
    }

    /// Ends the line of `slot` when booking it has closed or it has begun: the entries
    /// lapsed.
    fn end_line_if_closed(&self, slot: &SlotId, now_t: DateTime<Utc>) -> Result<usize, AppError> {
        let now = now_t.naive_utc();
        let calendar = self.app.office_calendar(self.city).days;
        let local_now = self.local_now();
        self.app.write(|c| {
            let Some(row) = c.find_slot(self.city, slot)? else {
                return Ok(0);
            };
            let resource = self.resource(c, &row.resource_id)?;
            match resource
                .window
                .allows(local_now, local_of(row.starts_at), &calendar)
            {
                Err(Refusal::Past | Refusal::Closed { .. }) => {
                    let waiting: Vec<WaitlistRecord> = c
                        .waitlist_of_slot(self.city, slot)?
                        .into_iter()
                        .filter(|e| e.status == WaitlistStatus::Waiting)
                        .collect();
                    end_line(c, waiting, now)
                }
                _ => Ok(0),
            }
        })
    }
}

impl App {
    /// The worker's round of the waiting lists, in every city: offers that ran out lapse
    /// (their place given back, to go to the next in line), and the free places of slots
    /// with people waiting are offered. The offers made.
    pub fn offer_freed_places(&self) -> Result<usize, AppError> {
        let now_t = self.now();
        let now = now_t.naive_utc();
        for entry in self.read(|c| Ok(c.offers_run_out(now, ROUND)?))? {
            self.write(|c| {
                let over = WaitlistRecord {
                    status: WaitlistStatus::Lapsed,
                    email: None,
                    hold_id: None,
                    ended_at: Some(now),
                    ..entry.clone()
                };
                if c.move_waitlist_entry(&over, WaitlistStatus::Offered)?
                    && let Some(hold) = &entry.hold_id
                {
                    c.release_hold(hold)?;
                }
                Ok(())
            })?;
        }
        let mut offered = 0;
        for (city, slot) in self.read(|c| Ok(c.slots_with_waiters(now, ROUND)?))? {
            // One slot that fails (a definition that no longer reads) stops no other line.
            match self.bookings(&city).offer_slot(&slot, now_t) {
                Ok(n) => offered += n,
                Err(e) => tracing::error!(
                    city = %city,
                    slot = %slot,
                    error = %madoguchi_core::error_chain(&e),
                    "offering a slot's freed places failed"
                ),
            }
        }
        Ok(offered)
    }
}

impl App {
    /// Ends the lines of times whose booking has closed (run with the daily opening of
    /// slots, every ten minutes): those waiting are told nothing more and their addresses
    /// are cleared. The entries ended.
    pub fn end_closed_waitlists(&self) -> Result<usize, AppError> {
        let now_t = self.now();
        let until = (now_t + LOOK_AHEAD).naive_utc();
        let mut ended = 0;
        let lines: Vec<(TenantId, SlotId)> =
            self.read(|c| Ok(c.waiting_slots_starting_before(until, ROUND * 5)?))?;
        for (city, slot) in lines {
            match self.bookings(&city).end_line_if_closed(&slot, now_t) {
                Ok(n) => ended += n,
                Err(e) => tracing::error!(
                    city = %city,
                    slot = %slot,
                    error = %madoguchi_core::error_chain(&e),
                    "ending a closed waiting list failed"
                ),
            }
        }
        Ok(ended)
    }
}
