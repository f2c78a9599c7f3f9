//! What every context that books needs: a resource's definition, whether a slot may be
//! booked now, the per-person limit, and a booking made inside the caller's unit of writes
//! — the bookings context (`app.bookings(&city)`) for holds, changes and cancellations, and
//! a filing that carries a booking question, whose booking is stored with it or not at all.

use chrono::{Duration, NaiveDateTime};
use madoguchi_bookings::{Confirm, Resource};
use madoguchi_core::{
    BookingId, BookingStatus, ErrorCode, HoldId, ResourceId, SlotId, SubmissionId, TenantId, jst,
};
use madoguchi_forms::registry::BookingAnswer;
use madoguchi_forms::{FieldError, Form, FormErrorCode};
use madoguchi_records::{BookingRecord, HoldRecord, Records, RecordsRead, SlotRecord};
use serde_json::Value;

use crate::kernel::{App, AppError};

/// How long a place is held while a resident finishes the form; each step saved renews it.
pub const HOLD_FOR: Duration = Duration::minutes(20);

/// A time on Japan's wall clock as stored (UTC).
pub(crate) fn utc_of(local: NaiveDateTime) -> NaiveDateTime {
    local - Duration::hours(9)
}

/// A stored time (UTC) on Japan's wall clock.
pub(crate) fn local_of(stored: NaiveDateTime) -> NaiveDateTime {
    stored + Duration::hours(9)
}

/// What a booking is made with: the slot, the units, for whom, from which hold, for which
/// filing.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Booking<'a> {
    pub slot: &'a SlotId,
    pub units: u32,
    /// SHA-256 of the person it is for.
    pub holder: &'a str,
    pub hold: Option<&'a HoldId>,
    pub submission: Option<&'a SubmissionId>,
}

pub(crate) fn units_of(units: u32) -> Result<i32, AppError> {
    match i32::try_from(units) {
        Ok(u) if u > 0 => Ok(u),
        _ => Err(AppError::Refused(ErrorCode::SlotFull)),
    }
}

impl App {
    /// The secret in the link a booking's mails carry (`/bookings/{secret}`): derived from
    /// the city and the booking's id with a key of the counter key's, so every mail of the
    /// booking — confirmation, change, reminder — carries the same link, an old mail leads
    /// to the booking as it stands now, and only the secret's SHA-256 is stored.
    pub(crate) fn booking_link(&self, city: &TenantId, id: &BookingId) -> Result<String, AppError> {
        self.link_secret("booking links", city, id.as_str())
    }

    /// The secret in a mailed link to the record `id` of `city`: an HMAC of both under a
    /// key derived from the counter key for `purpose`, so every mail about the record
    /// carries the same link and only its SHA-256 need be stored.
    pub(crate) fn link_secret(
        &self,
        purpose: &str,
        city: &TenantId,
        id: &str,
    ) -> Result<String, AppError> {
        use base64::Engine as _;
        use hmac::{Hmac, KeyInit, Mac};
        let key = crate::kernel::secrets::derive_key(&self.config.keys.counter, purpose);
        let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(&key)
            .map_err(|e| AppError::internal("link key", e))?;
        mac.update(city.as_str().as_bytes());
        mac.update(b"\n");
        mac.update(id.as_bytes());
        Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes()))
    }

    /// A resource's definition as stored.
    pub(crate) fn booking_resource(
        &self,
        c: &mut dyn RecordsRead,
        city: &TenantId,
        id: &ResourceId,
    ) -> Result<Resource, AppError> {
        let row = c
            .find_booking_resource(city, id)?
            .ok_or(AppError::NotFound)?;
        serde_json::from_str(&row.definition)
            .map_err(|e| AppError::internal("a stored booking resource", e))
    }

    /// Now, on Japan's wall clock.
    pub(crate) fn local_now(&self) -> NaiveDateTime {
        jst::to_jst(self.now()).naive_local()
    }

    /// The slot and its resource, if it is open and its window lets it be booked now.
    pub(crate) fn bookable_slot(
        &self,
        c: &mut dyn RecordsRead,
        city: &TenantId,
        slot: &SlotId,
    ) -> Result<(SlotRecord, Resource), AppError> {
        let row = c.find_slot(city, slot)?.ok_or(AppError::NotFound)?;
        let resource = self.booking_resource(c, city, &row.resource_id)?;
        if row.closed().is_some() {
            return Err(AppError::Refused(ErrorCode::SlotClosed));
        }
        self.within_window(city, &resource, &row)?;
        Ok((row, resource))
    }

    /// Refused when the resource's window does not let the slot be booked (or changed,
    /// or cancelled online) now.
    pub(crate) fn within_window(
        &self,
        city: &TenantId,
        resource: &Resource,
        slot: &SlotRecord,
    ) -> Result<(), AppError> {
        let calendar = self.office_calendar(city).days;
        resource
            .window
            .allows(self.local_now(), local_of(slot.starts_at), &calendar)
            .map_err(|_| AppError::Refused(ErrorCode::SlotOutOfWindow))
    }

    /// Refused as full while anyone waits for the slot (キャンセル待ち): a place freed in
    /// it goes to the first in line (`bookings::waitlist`), not to whoever asks next.
    pub(crate) fn kept_for_the_line(
        &self,
        c: &mut dyn RecordsRead,
        city: &TenantId,
        slot: &SlotId,
    ) -> Result<(), AppError> {
        let waiting = c.waiting_counts(city, std::slice::from_ref(slot))?;
        if waiting.iter().any(|(_, n)| *n > 0) {
            return Err(AppError::Refused(ErrorCode::SlotFull));
        }
        Ok(())
    }

    /// Refused when the person already has as many places as the resource allows.
    pub(crate) fn within_booking_limit(
        &self,
        c: &mut dyn RecordsRead,
        city: &TenantId,
        resource: &Resource,
        holder: &str,
    ) -> Result<(), AppError> {
        let Some(limit) = resource.per_person else {
            return Ok(());
        };
        let id = ResourceId::new(resource.id.clone());
        let now = self.now().naive_utc();
        if c.places_of_holder(city, &id, holder, now)? >= i64::from(limit) {
            return Err(AppError::Refused(ErrorCode::BookingLimit));
        }
        Ok(())
    }

    /// Books inside the caller's unit of writes: from the person's hold if it is still
    /// there (expired or not, while unswept its place is theirs), otherwise afresh if the
    /// slot has room; requested or confirmed as the resource says. A refusal is an error,
    /// so the caller's unit (the filing with it) is rolled back whole.
    pub(crate) fn book_in(
        &self,
        c: &mut dyn Records,
        city: &TenantId,
        b: Booking<'_>,
    ) -> Result<BookingId, AppError> {
        let units = units_of(b.units)?;
        let now = self.now().naive_utc();
        let (row, resource) = self.bookable_slot(c, city, b.slot)?;
        let own_hold = match b.hold {
            Some(id) => c
                .find_hold(city, id)?
                .filter(|h| h.holder_hash == b.holder && h.slot_id == row.id)
                .map(|h| h.id),
            None => None,
        };
        if own_hold.is_none() {
            self.kept_for_the_line(c, city, &row.id)?;
            self.within_booking_limit(c, city, &resource, b.holder)?;
            c.sweep_expired_holds(&row.id, now)?;
        }
        let id = BookingId::new(uuid::Uuid::now_v7().to_string());
        let link_hash = Some(crate::kernel::token_hash(&self.booking_link(city, &id)?));
        let booking = BookingRecord {
            id,
            tenant_id: city.clone(),
            resource_id: row.resource_id.clone(),
            slot_id: row.id.clone(),
            units,
            holder_hash: b.holder.to_owned(),
            submission_id: b.submission.cloned(),
            status: match resource.confirm {
                Confirm::OnFiling => BookingStatus::Confirmed,
                Confirm::ByClerk => BookingStatus::Requested,
            },
            sequence: 0,
            created_at: now,
            updated_at: now,
            link_hash,
            reminded_at: None,
            attendance: None,
            attendance_at: None,
        };
        if !c.book(&booking, own_hold.as_ref())? {
            return Err(AppError::Refused(ErrorCode::SlotFull));
        }
        Ok(booking.id)
    }
}

/// What a refusal of a booking question's slot says on that question.
pub(crate) fn field_error_of(pointer: &str, refused: &AppError) -> Option<FieldError> {
    let code = match refused {
        AppError::Refused(ErrorCode::SlotFull) => FormErrorCode::SlotFull,
        AppError::Refused(ErrorCode::BookingLimit) => FormErrorCode::BookingLimitReached,
        AppError::Refused(ErrorCode::SlotClosed | ErrorCode::SlotOutOfWindow)
        | AppError::NotFound => FormErrorCode::SlotUnavailable,
        _ => return None,
    };
    Some(FieldError::new(pointer, code))
}

/// A refusal of a booking question's slot as an error on the question, on its step.
pub(crate) fn on_question(form: &Form, pointer: &str, refused: AppError) -> AppError {
    match field_error_of(pointer, &refused) {
        Some(error) => AppError::Validation {
            step: form.step_id_asking(pointer),
            errors: vec![error],
        },
        None => refused,
    }
}

impl App {
    /// The slot a booking question's answer names, if it is a slot of the resource the
    /// other answers choose now; a refusal as an error on the question.
    pub(crate) fn slot_of_answer(
        &self,
        c: &mut dyn RecordsRead,
        city: &TenantId,
        answer: &BookingAnswer<'_>,
    ) -> Result<Option<SlotRecord>, AppError> {
        let Some(slot) = &answer.slot else {
            return Ok(None);
        };
        let unavailable = || AppError::NotFound;
        if answer.resource.as_deref() != Some(slot.resource.as_str()) {
            return Err(unavailable());
        }
        let resource = ResourceId::new(slot.resource.clone());
        c.find_slot_at(city, &resource, utc_of(slot.starts))?
            .map(Some)
            .ok_or_else(unavailable)
    }

    /// Holds the places a step's booking questions chose, in the caller's unit of writes
    /// (the step's save): a place already held is kept, another of the same resource held
    /// by the person is given back, and every other live hold of the person is renewed —
    /// working on a form keeps its places. A refusal is an error on its question.
    pub(crate) fn hold_answers(
        &self,
        c: &mut dyn Records,
        city: &TenantId,
        holder: &str,
        answers: &[BookingAnswer<'_>],
    ) -> Result<(), AppError> {
        let now = self.now();
        let until = (now + HOLD_FOR).naive_utc();
        c.renew_holds_of(city, holder, now.naive_utc(), until)?;
        for answer in answers {
            let refused = |e: AppError| match field_error_of(&answer.field.pointer, &e) {
                Some(error) => AppError::Validation {
                    step: String::new(),
                    errors: vec![error],
                },
                None => e,
            };
            let Some(slot) = self.slot_of_answer(c, city, answer).map_err(refused)? else {
                continue;
            };
            let mine = c.holds_of(city, holder)?;
            if mine.iter().any(|h| h.slot_id == slot.id) {
                continue;
            }
            // The person's hold of another time of the same resource goes back.
            for h in &mine {
                if c.find_slot(city, &h.slot_id)?
                    .is_some_and(|s| s.resource_id == slot.resource_id)
                {
                    c.release_hold(&h.id)?;
                }
            }
            self.hold_in(c, city, &slot.id, answer.units, holder)
                .map_err(refused)?;
        }
        Ok(())
    }

    /// Holds `units` of a slot for a person in the caller's unit of writes, for
    /// [`HOLD_FOR`].
    pub(crate) fn hold_in(
        &self,
        c: &mut dyn Records,
        city: &TenantId,
        slot: &SlotId,
        units: u32,
        holder: &str,
    ) -> Result<HoldRecord, AppError> {
        let units = units_of(units)?;
        let now = self.now();
        let (row, resource) = self.bookable_slot(c, city, slot)?;
        self.kept_for_the_line(c, city, &row.id)?;
        self.within_booking_limit(c, city, &resource, holder)?;
        c.sweep_expired_holds(&row.id, now.naive_utc())?;
        let hold = HoldRecord {
            id: HoldId::new(uuid::Uuid::now_v7().to_string()),
            tenant_id: city.clone(),
            slot_id: row.id.clone(),
            units,
            holder_hash: holder.to_owned(),
            created_at: now.naive_utc(),
            expires_at: (now + HOLD_FOR).naive_utc(),
        };
        if !c.hold_place(&hold)? {
            return Err(AppError::Refused(ErrorCode::SlotFull));
        }
        Ok(hold)
    }

    /// Books every booking question a filing answers, in the filing's own unit of writes:
    /// from the person's hold of the slot where there is one. A refusal is an error on its
    /// question, which rolls the filing back.
    pub(crate) fn book_answers(
        &self,
        c: &mut dyn Records,
        city: &TenantId,
        form: &Form,
        data: &Value,
        holder: &str,
        submission: &SubmissionId,
    ) -> Result<Vec<BookingId>, AppError> {
        let mut made = Vec::new();
        for answer in form.booking_answers(data) {
            let refused = |e: AppError| on_question(form, &answer.field.pointer, e);
            let Some(slot) = self.slot_of_answer(c, city, &answer).map_err(refused)? else {
                continue;
            };
            // Booked before the filing (a counter visit's): the filing takes it over.
            if let Some(id) = self.take_over_booking(c, city, holder, &slot.id, submission)? {
                made.push(id);
                continue;
            }
            let hold = c
                .holds_of(city, holder)?
                .into_iter()
                .find(|h| h.slot_id == slot.id)
                .map(|h| h.id);
            let booking = Booking {
                slot: &slot.id,
                units: answer.units,
                holder,
                hold: hold.as_ref(),
                submission: Some(submission),
            };
            made.push(self.book_in(c, city, booking).map_err(refused)?);
        }
        Ok(made)
    }
}
