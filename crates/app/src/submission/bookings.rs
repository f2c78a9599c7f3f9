//! A filing's bookings as its applicant sees them (the receipt, 「申請の状況」, the mailed
//! link, the status look-up and the receipt PDF), and what a change or cancellation of one
//! writes into the filing: the booking question's answer moved to the new time, and a line
//! of its history.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use madoguchi_core::{
    BookingId, BookingStatus, HistoryAction, Lang, Localized, ResourceId, TenantId, jst,
};
use madoguchi_forms::booking::SlotAnswer;
use madoguchi_forms::registry::canonical_json;
use madoguchi_i18n::t;
use madoguchi_records::{BookingRecord, DataUpdate, Records, RecordsRead, SubmissionRecord};
use serde_json::{Value, json};

use crate::kernel::audit::{Actor, HistoryEntry};
use crate::kernel::booking::local_of;
use crate::kernel::tokens::sha256_hex;
use crate::kernel::{App, AppError};
use crate::submission::forms::search_key;

/// A slot's time in words: `2026年12月1日(火) 9:00〜9:30`, `Tue 1 Dec 2026, 9:00–9:30`.
pub fn slot_time(starts: NaiveDateTime, ends: NaiveDateTime, lang: Lang) -> String {
    const JA: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
    let day = starts.date();
    let weekday = day.weekday();
    let (from, until) = (starts.format("%-H:%M"), ends.format("%-H:%M"));
    match lang {
        Lang::Ja => format!(
            "{}({}) {from}〜{until}",
            jst::format_date(day, lang),
            JA[weekday.num_days_from_monday() as usize]
        ),
        _ => format!("{weekday} {}, {from}–{until}", jst::format_date(day, lang)),
    }
}

/// A booking of a filing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FiledBooking {
    pub id: BookingId,
    pub resource: ResourceId,
    /// What was booked and where to go.
    pub name: Localized,
    pub place: Localized,
    /// Start and end on Japan's wall clock.
    pub starts: NaiveDateTime,
    pub ends: NaiveDateTime,
    pub units: u32,
    pub status: BookingStatus,
    /// Raised by every change (the calendar entry's SEQUENCE).
    pub sequence: u32,
    /// The applicant may still change or cancel it online.
    pub changeable: bool,
    /// The last day that may be done on, when the resource closes changes some business
    /// days before (`None`: until it begins).
    pub changeable_until: Option<NaiveDate>,
    /// Why its time takes no bookings now (a clerk stopped it): it stands, and may be moved.
    pub closed: Option<Localized>,
}

impl FiledBooking {
    /// The booking question's answer naming its time (`resource/YYYY-MM-DDTHH:MM`).
    pub fn answer(&self) -> SlotAnswer {
        SlotAnswer::new(self.resource.as_str(), self.starts)
    }

    /// Its time in words: `2026年12月1日(火) 9:00〜9:30`, `Tue 1 Dec 2026, 9:00–9:30`.
    pub fn time(&self, lang: Lang) -> String {
        slot_time(self.starts, self.ends, lang)
    }

    /// What its status adds to the time, unless it simply stands: requested and not yet
    /// confirmed (仮受付), or cancelled.
    pub fn status_note(&self, lang: Lang) -> Option<String> {
        match self.status {
            BookingStatus::Requested => Some(t!(lang, app_booking_requested).to_string()),
            BookingStatus::Cancelled => Some(t!(lang, app_booking_cancelled).to_string()),
            BookingStatus::Confirmed => None,
        }
    }
}

impl App {
    /// A booking as its applicant sees it.
    pub(crate) fn filed_booking(
        &self,
        c: &mut dyn RecordsRead,
        city: &TenantId,
        b: &BookingRecord,
    ) -> Result<FiledBooking, AppError> {
        let slot = c
            .find_slot(city, &b.slot_id)?
            .ok_or_else(|| AppError::broken(format!("booking {} has no slot", b.id.as_str())))?;
        let resource = self.booking_resource(c, city, &b.resource_id)?;
        let starts = local_of(slot.starts_at);
        let calendar = self.office_calendar(city).days;
        let changeable = b.status.takes_a_place()
            && resource
                .window
                .allows(self.local_now(), starts, &calendar)
                .is_ok();
        Ok(FiledBooking {
            id: b.id.clone(),
            resource: b.resource_id.clone(),
            name: resource.name,
            place: resource.place,
            starts,
            ends: local_of(slot.ends_at),
            units: u32::try_from(b.units).unwrap_or(0),
            status: b.status,
            sequence: u32::try_from(b.sequence).unwrap_or(0),
            changeable,
            changeable_until: (changeable && resource.window.closes_business_days_before > 0)
                .then(|| resource.window.last_day(starts.date(), &calendar)),
            closed: slot.closed().and_then(|r| serde_json::from_str(r).ok()),
        })
    }

    /// A filing's bookings, cancelled ones too, oldest first.
    pub(crate) fn filed_bookings(
        &self,
        c: &mut dyn RecordsRead,
        city: &TenantId,
        row: &SubmissionRecord,
    ) -> Result<Vec<FiledBooking>, AppError> {
        c.bookings_of_submission(city, &row.id)?
            .iter()
            .map(|b| self.filed_booking(c, city, b))
            .collect()
    }

    /// Writes into the filing that its applicant moved a booking from `from` to `to`: the
    /// booking question answered with `from` answers `to` (everything derived from the
    /// answers follows, the digest included), and the history says so with both times.
    pub(crate) fn record_booking_moved(
        &self,
        c: &mut dyn Records,
        row: &SubmissionRecord,
        from: &SlotAnswer,
        to: &SlotAnswer,
    ) -> Result<(), AppError> {
        let form = self.form_version(c, &row.form_version)?;
        let mut data = self.open_data(&form, &row.data)?;
        let asked: Vec<String> = form
            .booking_answers(&data)
            .into_iter()
            .filter(|a| a.slot.as_ref() == Some(from))
            .map(|a| a.field.pointer.clone())
            .collect();
        for pointer in &asked {
            if let Some(value) = data.pointer_mut(pointer) {
                *value = Value::String(to.to_string());
            }
        }
        let now = self.now();
        if !asked.is_empty() {
            c.replace_submission_data(
                &row.id,
                &DataUpdate {
                    data: self.seal_data(&form, &data)?,
                    data_sha256: sha256_hex(canonical_json(&data).as_bytes()),
                    search_key: search_key(&form, &data),
                    applicant_name: row.applicant_name.clone(),
                    contact_email: row.contact_email.clone(),
                    ward_code: row.ward_code.clone(),
                    fee_yen: row.fee_yen,
                    duplicate_key: row.duplicate_key.clone(),
                },
                now.naive_utc(),
            )?;
        }
        self.booking_history(c, row, HistoryAction::BookingChanged, from, Some(to))
    }

    /// Writes into the filing's history that its applicant cancelled the booking at `at`.
    pub(crate) fn record_booking_cancelled(
        &self,
        c: &mut dyn Records,
        row: &SubmissionRecord,
        at: &SlotAnswer,
    ) -> Result<(), AppError> {
        self.booking_history(c, row, HistoryAction::BookingCancelled, at, None)
    }

    fn booking_history(
        &self,
        c: &mut dyn Records,
        row: &SubmissionRecord,
        action: HistoryAction,
        from: &SlotAnswer,
        to: Option<&SlotAnswer>,
    ) -> Result<(), AppError> {
        let detail = json!({
            "from": from.to_string(),
            "to": to.map(ToString::to_string),
        });
        self.append_history(
            c,
            row,
            self.now(),
            HistoryEntry {
                actor: Actor::Resident,
                action,
                from: Some(row.state),
                to: row.state,
                reason: None,
                detail: Some(detail.to_string()),
            },
        )?;
        Ok(())
    }
}

/// The times a booking's history entry names, from its detail: (from, to).
pub(crate) fn moved_times(detail: Option<&str>) -> (Option<SlotAnswer>, Option<SlotAnswer>) {
    let detail: Value = detail
        .and_then(|d| serde_json::from_str(d).ok())
        .unwrap_or(Value::Null);
    let time = |key: &str| detail[key].as_str().and_then(SlotAnswer::parse);
    (time("from"), time("to"))
}
