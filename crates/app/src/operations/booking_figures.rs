//! The published figures of bookings (issue 49, item 9), per bookable resource and for all,
//! for a fiscal year: bookings whose time falls in it, how many were cancelled, the no-show
//! rate of those the counter marked, the median lead time between booking and the booked
//! time, and the share moved or cancelled online by the applicants themselves (from the
//! receipt or the mailed link; events recorded in the year). Rates in tenths of a percent
//! and days in tenths, as the other figures.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use madoguchi_core::{Attendance, BookingStatus, HistoryAction, Localized, TenantId, jst};
use serde::Serialize;

use super::figures::{median_tenths, permille};
use crate::kernel::{App, AppError};
use crate::submission::bookings::moved_times;

/// The booking figures of one resource (or of all, with `resource_id` "all").
#[derive(Clone, Debug, Default, Serialize)]
pub struct BookingFigureRow {
    pub resource_id: String,
    pub name: Localized,
    /// Bookings whose time falls in the year (requested, confirmed or cancelled).
    pub bookings: i64,
    pub cancelled: i64,
    /// Marked at the counter: came, did not come.
    pub arrived: i64,
    pub no_show: i64,
    /// Did not come, of those marked, in tenths of a percent.
    pub no_show_permille: Option<i64>,
    /// Median whole days between booking and the booked time, in tenths.
    pub median_lead_days_tenths: Option<i64>,
    /// Moved and cancelled online by the applicant.
    pub changed_online: i64,
    pub cancelled_online: i64,
    /// Those two, of the bookings, in tenths of a percent.
    pub changed_or_cancelled_online_permille: Option<i64>,
}

impl App {
    /// The booking figures of the year `[first, after)`: the total, and each resource with
    /// a booking in it, most booked first.
    pub(crate) fn booking_figures(
        &self,
        tenant: &TenantId,
        first: NaiveDate,
        after: NaiveDate,
    ) -> Result<(BookingFigureRow, Vec<BookingFigureRow>), AppError> {
        let (from, to) = (jst::start_utc(first), jst::start_utc(after));
        let (facts, moved, cancelled, resources) = self.read(|c| {
            Ok((
                c.booking_facts(tenant, from, to)?,
                c.event_details(tenant, HistoryAction::BookingChanged, from, to)?,
                c.event_details(tenant, HistoryAction::BookingCancelled, from, to)?,
                c.booking_resources(tenant)?,
            ))
        })?;
        let names: BTreeMap<String, Localized> = resources
            .iter()
            .filter_map(|r| {
                let d = serde_json::from_str::<madoguchi_bookings::Resource>(&r.definition).ok()?;
                Some((r.id.as_str().to_string(), d.name))
            })
            .collect();
        let mut rows: BTreeMap<String, BookingFigureRow> = BTreeMap::new();
        let mut leads: BTreeMap<String, Vec<(i32, i64)>> = BTreeMap::new();
        let new_row = |id: &str| BookingFigureRow {
            resource_id: id.to_string(),
            name: names
                .get(id)
                .cloned()
                .unwrap_or_else(|| Localized::new(id, id)),
            ..BookingFigureRow::default()
        };
        for f in &facts {
            let id = f.resource_id.as_str();
            let r = rows.entry(id.to_string()).or_insert_with(|| new_row(id));
            r.bookings += 1;
            match (f.status, f.attendance) {
                (BookingStatus::Cancelled, _) => r.cancelled += 1,
                (_, Some(Attendance::Arrived)) => r.arrived += 1,
                (_, Some(Attendance::NoShow)) => r.no_show += 1,
                _ => {}
            }
            let days = i32::try_from((f.starts_at - f.created_at).num_days()).unwrap_or(0);
            leads
                .entry(f.resource_id.as_str().to_string())
                .or_default()
                .push((days.max(0), 1));
        }
        for (details, changed) in [(&moved, true), (&cancelled, false)] {
            for detail in details.iter() {
                let Some(from) = moved_times(detail.as_deref()).0 else {
                    continue;
                };
                let id = from.resource.as_str();
                let r = rows.entry(id.to_string()).or_insert_with(|| new_row(id));
                if changed {
                    r.changed_online += 1;
                } else {
                    r.cancelled_online += 1;
                }
            }
        }
        let mut total = BookingFigureRow {
            resource_id: "all".into(),
            name: crate::kernel::words::localized(
                madoguchi_i18n::msg::app_figures_all_resources::text,
            ),
            ..BookingFigureRow::default()
        };
        let mut all_leads = Vec::new();
        let mut out: Vec<BookingFigureRow> = Vec::new();
        for (id, mut r) in rows {
            let mut lead = leads.remove(&id).unwrap_or_default();
            all_leads.extend(lead.iter().copied());
            r.median_lead_days_tenths = median_tenths(&mut lead);
            finish(&mut r);
            total.bookings += r.bookings;
            total.cancelled += r.cancelled;
            total.arrived += r.arrived;
            total.no_show += r.no_show;
            total.changed_online += r.changed_online;
            total.cancelled_online += r.cancelled_online;
            out.push(r);
        }
        total.median_lead_days_tenths = median_tenths(&mut all_leads);
        finish(&mut total);
        out.sort_by(|a, b| {
            b.bookings
                .cmp(&a.bookings)
                .then(a.resource_id.cmp(&b.resource_id))
        });
        Ok((total, out))
    }
}

/// The rates of a row from its counts.
fn finish(r: &mut BookingFigureRow) {
    r.no_show_permille = permille(r.no_show, r.arrived + r.no_show);
    r.changed_or_cancelled_online_permille =
        permille(r.changed_online + r.cancelled_online, r.bookings);
}
