//! Waiting lists for full times (キャンセル待ち, issue 49 item 6). A resident who finds the
//! time they need full joins its line from the form with an e-mail address. While anyone
//! waits for a slot, a place freed in it (a cancellation, a move, a withdrawn filing, a
//! hold run out) is kept for the line: no one else can hold or book it
//! (`kept_for_the_line`). The worker then holds it for the first in line for
//! [`OFFER_FOR`] and mails them the entry's link; opening it and choosing "continue" hands
//! the hold to that browser as a fresh hold and puts the time on their form, which they
//! finish and send as any filing. An offer not taken in time lapses and the place goes to
//! the next; a slot that can no longer be booked ends its line.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use madoguchi_core::{
    ErrorCode, HoldId, Localized, ProcedureId, ResourceId, WaitlistId, WaitlistStatus,
};
use madoguchi_forms::booking::SlotAnswer;
use madoguchi_forms::{FieldError, FormErrorCode};
use madoguchi_records::{DraftRecord, RecordsRead, WaitlistRecord};
use serde_json::Value;

use super::Bookings;
use crate::kernel::AppError;
use crate::kernel::booking::{HOLD_FOR, local_of, units_of, utc_of};
use crate::kernel::tokens::{looks_like_token, token_hash};
use crate::notification::waitlist_mails::{WaitingFor, WaitlistNews};
use crate::submission::prefill;

/// How long a freed place is kept for the person it is offered to (never past the slot's
/// start): long enough to read a mail sent in the night, short enough for the next in line.
pub const OFFER_FOR: Duration = Duration::hours(12);

/// How soon the same address joining the same line again is mailed its link again.
const REMAIL_AFTER: Duration = Duration::minutes(10);

/// The longest line one time may have.
pub const LINE_MAX: usize = 50;

/// How many times one address may wait for at once in a city.
pub const PER_ADDRESS_MAX: i64 = 3;

/// A place in line as its link shows it.
#[derive(Clone, Debug)]
pub struct WaitlistEntry {
    pub status: WaitlistStatus,
    /// 1 for the first still waiting (only while waiting).
    pub position: Option<usize>,
    pub procedure: ProcedureId,
    /// The procedure's title, and what is booked where.
    pub title: Localized,
    pub name: Localized,
    pub place: Localized,
    /// The slot's start and end on Japan's wall clock.
    pub starts: NaiveDateTime,
    pub ends: NaiveDateTime,
    /// Until when an offered place is kept.
    pub offer_until: Option<DateTime<Utc>>,
}

/// A fault of the waiting list's form, at its input (`/slot` or `/email`).
fn invalid(pointer: &str, code: FormErrorCode) -> AppError {
    AppError::Validation {
        step: String::new(),
        errors: vec![FieldError::new(pointer, code)],
    }
}

/// Puts `value` as the answer to the top-level question at `pointer`.
fn set_answer(data: &mut Value, pointer: &str, value: String) {
    if !data.is_object() {
        *data = Value::Object(serde_json::Map::new());
    }
    if let (Some(map), Some(key)) = (data.as_object_mut(), pointer.strip_prefix('/')) {
        map.insert(
            key.replace("~1", "/").replace("~0", "~"),
            Value::String(value),
        );
    }
}

impl Bookings<'_> {
    /// Joins the line of the full time `slot` (a booking question's answer) of `procedure`,
    /// for the booking question of the browser's form that offers it, with `email` where
    /// the offer goes; mails the entry's link. The same address twice in one line keeps
    /// its place and is mailed the link again, at most every ten minutes. Refused at `/slot` when the time is not one
    /// of the form's, cannot be booked, still has room, or its line is full; at `/email`
    /// when the address cannot be one.
    pub fn join_waitlist(
        &self,
        session_token: Option<&str>,
        procedure: &ProcedureId,
        slot: &str,
        email: &str,
    ) -> Result<(), AppError> {
        let (slot, email) = (slot.trim(), email.trim());
        let answer = SlotAnswer::parse(slot);
        let mut errors = Vec::new();
        match &answer {
            _ if slot.is_empty() => errors.push(FieldError::new("/slot", FormErrorCode::Required)),
            None => errors.push(FieldError::new("/slot", FormErrorCode::SlotInvalid)),
            Some(_) => {}
        }
        if email.is_empty() {
            errors.push(FieldError::new("/email", FormErrorCode::Required));
        } else if !madoguchi_forms::formats::is_email(email) || email.len() > 254 {
            errors.push(FieldError::new("/email", FormErrorCode::NotEmail));
        }
        let Some(answer) = answer.filter(|_| errors.is_empty()) else {
            return Err(AppError::Validation {
                step: String::new(),
                errors,
            });
        };
        let (form, _) = self.app.procedure(self.city, procedure)?;
        let now = self.app.now().naive_utc();
        let session = session_token
            .filter(|t| looks_like_token(t))
            .map(token_hash);
        self.app.write(|c| {
            // Only from a form in progress: its answers name the place waited for.
            let draft = match &session {
                Some(s) => c.find_live_draft(self.city, s, procedure, now)?,
                None => None,
            }
            .ok_or(AppError::DraftMissing)?;
            let data = self.app.open_data(&form, &draft.data)?;
            let unavailable = || invalid("/slot", FormErrorCode::SlotUnavailable);
            let question = form
                .booking_answers(&data)
                .into_iter()
                .find(|a| a.resource.as_deref() == Some(answer.resource.as_str()))
                .ok_or_else(unavailable)?;
            let units = units_of(question.units)?;
            let resource_id = ResourceId::new(answer.resource.clone());
            let row = c
                .find_slot_at(self.city, &resource_id, utc_of(answer.starts))?
                .ok_or_else(unavailable)?;
            let resource = self.resource(c, &resource_id)?;
            if row.closed().is_some() || self.app.within_window(self.city, &resource, &row).is_err()
            {
                return Err(unavailable());
            }
            // A party larger than the time holds could never be offered a place.
            if units > row.capacity {
                return Err(unavailable());
            }
            let line = c.waitlist_of_slot(self.city, &row.id)?;
            if line.is_empty() && row.free() >= units {
                return Err(invalid("/slot", FormErrorCode::SlotNotFull));
            }
            let contact_hash = token_hash(&email.to_lowercase());
            // The place in line: among those still waiting (as the entry's page counts).
            let place_of = |line: &[WaitlistRecord], id: &WaitlistId| {
                line.iter()
                    .filter(|e| e.status == WaitlistStatus::Waiting)
                    .position(|e| e.id == *id)
                    .map_or(1, |i| i + 1)
            };
            let mine = line
                .iter()
                .find(|e| e.contact_hash == contact_hash)
                .map(|e| (e.clone(), place_of(&line, &e.id)));
            let (entry, position, fresh) = match mine {
                Some((found, at)) => (found, at, false),
                None if line.len() >= LINE_MAX => {
                    return Err(invalid("/slot", FormErrorCode::WaitlistFull));
                }
                None if c.open_entries_of_contact(self.city, &contact_hash)? >= PER_ADDRESS_MAX => {
                    return Err(invalid("/email", FormErrorCode::WaitlistTooMany));
                }
                None => {
                    let id = WaitlistId::new(uuid::Uuid::now_v7().to_string());
                    let entry = WaitlistRecord {
                        link_hash: token_hash(&self.app.link_secret(
                            "waitlist links",
                            self.city,
                            id.as_str(),
                        )?),
                        id,
                        tenant_id: self.city.clone(),
                        slot_id: row.id.clone(),
                        units,
                        procedure_id: procedure.clone(),
                        question: question.field.pointer.clone(),
                        contact_hash,
                        email: Some(email.to_string()),
                        status: WaitlistStatus::Waiting,
                        hold_id: None,
                        created_at: now,
                        offered_at: None,
                        offer_expires_at: None,
                        ended_at: None,
                        mailed_at: Some(now),
                    };
                    if c.join_waitlist(&entry)? {
                        let line = c.waitlist_of_slot(self.city, &row.id)?;
                        let at = place_of(&line, &entry.id);
                        (entry, at, true)
                    } else {
                        // The same address joined this line a moment ago: that place.
                        let line = c.waitlist_of_slot(self.city, &row.id)?;
                        let found = line
                            .iter()
                            .find(|e| e.contact_hash == entry.contact_hash)
                            .cloned()
                            .ok_or_else(unavailable)?;
                        let at = place_of(&line, &found.id);
                        (found, at, false)
                    }
                }
            };
            let about = WaitingFor {
                title: form.title(),
                name: &resource.name,
                place: &resource.place,
                starts: local_of(row.starts_at),
                ends: local_of(row.ends_at),
            };
            let news = match (entry.status, entry.offer_expires_at) {
                (WaitlistStatus::Offered, Some(until)) => WaitlistNews::Offered(until),
                _ => WaitlistNews::Joined(position),
            };
            // Joined again: the link again, but not more often than every ten minutes —
            // the form cannot be used to fill a stranger's mailbox.
            if !fresh {
                if entry.mailed_at.is_some_and(|at| at > now - REMAIL_AFTER) {
                    return Ok(());
                }
                let mailed = WaitlistRecord {
                    mailed_at: Some(now),
                    ..entry.clone()
                };
                if !c.move_waitlist_entry(&mailed, entry.status)? {
                    return Ok(());
                }
            }
            if let Some(mail) = self.app.waitlist_mail(c, self.city, &entry, &about, news)? {
                c.enqueue_mail(&mail)?;
            }
            Ok(())
        })
    }

    /// The entry behind a link: "not found" for a link of no entry of this city.
    pub fn waitlist_entry(&self, link: &str) -> Result<WaitlistEntry, AppError> {
        self.app.read(|c| {
            let entry = self.entry_of(c, link)?;
            let slot = c
                .find_slot(self.city, &entry.slot_id)?
                .ok_or(AppError::NotFound)?;
            let resource = self.resource(c, &slot.resource_id)?;
            let position = if entry.status == WaitlistStatus::Waiting {
                c.waitlist_of_slot(self.city, &entry.slot_id)?
                    .iter()
                    .filter(|e| e.status == WaitlistStatus::Waiting)
                    .position(|e| e.id == entry.id)
                    .map(|i| i + 1)
            } else {
                None
            };
            let title = self
                .app
                .forms_for(self.city)
                .get(entry.procedure_id.as_str())
                .map(|f| f.title().clone())
                .unwrap_or_else(|| {
                    Localized::new(entry.procedure_id.as_str(), entry.procedure_id.as_str())
                });
            Ok(WaitlistEntry {
                status: entry.status,
                position,
                procedure: entry.procedure_id,
                title,
                name: resource.name,
                place: resource.place,
                starts: local_of(slot.starts_at),
                ends: local_of(slot.ends_at),
                offer_until: entry
                    .offer_expires_at
                    .filter(|_| entry.status == WaitlistStatus::Offered)
                    .map(|t| t.and_utc()),
            })
        })
    }

    /// Leaves the line (or turns an offer down: its place goes to the next); nothing
    /// changes for an entry already over.
    pub fn leave_waitlist(&self, link: &str) -> Result<(), AppError> {
        let now = self.app.now().naive_utc();
        self.app.write(|c| {
            let entry = self.entry_of(c, link)?;
            if !entry.status.is_open() {
                return Ok(());
            }
            let over = WaitlistRecord {
                status: WaitlistStatus::Withdrawn,
                email: None,
                hold_id: None,
                ended_at: Some(now),
                ..entry.clone()
            };
            if c.move_waitlist_entry(&over, entry.status)? {
                if let Some(hold) = &entry.hold_id {
                    c.release_hold(hold)?;
                }
                return Ok(());
            }
            // Offered a place a moment ago: leaving turns the offer down.
            let now_offered = self.entry_of(c, link)?;
            if now_offered.status == WaitlistStatus::Offered
                && c.move_waitlist_entry(
                    &WaitlistRecord {
                        hold_id: None,
                        ..over
                    },
                    WaitlistStatus::Offered,
                )?
                && let Some(hold) = &now_offered.hold_id
            {
                c.release_hold(hold)?;
            }
            Ok(())
        })
    }

    /// Takes an offered place on to the form of the browser whose session is `session_token`:
    /// the hold becomes theirs for [`HOLD_FOR`] (renewed as they work, like any place held
    /// on a form), the time becomes the answer of the booking question in their draft of
    /// the procedure (a new draft when they have none), and the procedure and the step that
    /// asks it are returned. Refused (`HoldExpired`) once the offer is over, and as any hold
    /// is when the window has closed or the person is at the resource's limit.
    pub fn take_offer(
        &self,
        link: &str,
        session_token: &str,
    ) -> Result<(ProcedureId, String), AppError> {
        if !looks_like_token(session_token) {
            return Err(AppError::DraftMissing);
        }
        let procedure = self
            .app
            .read(|c| Ok(self.entry_of(c, link)?.procedure_id))?;
        let (form, _) = self.app.procedure(self.city, &procedure)?;
        let session = token_hash(session_token);
        let now_t = self.app.now();
        let now = now_t.naive_utc();
        let over = || AppError::Refused(ErrorCode::HoldExpired);
        self.app.write(|c| {
            let entry = self.entry_of(c, link)?;
            if entry.status != WaitlistStatus::Offered {
                return Err(over());
            }
            let hold_id: HoldId = entry.hold_id.clone().ok_or_else(over)?;
            let hold = c
                .find_hold(self.city, &hold_id)?
                .filter(|h| h.expires_at > now)
                .ok_or_else(over)?;
            let slot = c
                .find_slot(self.city, &hold.slot_id)?
                .ok_or(AppError::NotFound)?;
            // Stopped by a clerk meanwhile: it could not be booked with the form.
            if slot.closed().is_some() {
                return Err(AppError::Refused(ErrorCode::SlotClosed));
            }
            let resource = self.resource(c, &slot.resource_id)?;
            self.app.within_window(self.city, &resource, &slot)?;
            // Another time of the same resource this browser held goes back first.
            for h in c.holds_of(self.city, &session)? {
                if c.find_slot(self.city, &h.slot_id)?
                    .is_some_and(|s| s.resource_id == slot.resource_id)
                {
                    c.release_hold(&h.id)?;
                }
            }
            self.app
                .within_booking_limit(c, self.city, &resource, &session)?;
            if !c.hand_over_hold(&hold_id, &session, (now_t + HOLD_FOR).naive_utc())? {
                return Err(over());
            }
            let value =
                SlotAnswer::new(slot.resource_id.as_str(), local_of(slot.starts_at)).to_string();
            let draft = match c.find_live_draft(self.city, &session, &procedure, now)? {
                Some(d) => {
                    let mut data = self.app.open_data(&form, &d.data)?;
                    set_answer(&mut data, &entry.question, value);
                    DraftRecord {
                        data: self.app.seal_data(&form, &data)?,
                        updated_at: now,
                        expires_at: now + self.app.config.draft_ttl,
                        ..d
                    }
                }
                None => {
                    self.app.keep_form_version(c, &form)?;
                    // What a first save would start it with: a signed-in resident's own
                    // answers filled in.
                    let filled = self.app.prefill_in(c, self.city, &session, &form)?;
                    let mut data = Value::Object(filled.data);
                    set_answer(&mut data, &entry.question, value);
                    DraftRecord {
                        id: madoguchi_core::DraftId::new(uuid::Uuid::now_v7().to_string()),
                        tenant_id: self.city.clone(),
                        session_hash: session.clone(),
                        procedure_id: procedure.clone(),
                        form_version: form.version().to_string(),
                        data: self.app.seal_data(&form, &data)?,
                        created_at: now,
                        updated_at: now,
                        expires_at: now + self.app.config.draft_ttl,
                        privacy_notice_shown_at: None,
                        prefilled: prefill::stored_marks(&filled.marks),
                        external_check: None,
                    }
                }
            };
            c.save_draft(&draft)?;
            let taken = WaitlistRecord {
                status: WaitlistStatus::Taken,
                email: None,
                hold_id: None,
                ended_at: Some(now),
                ..entry.clone()
            };
            if !c.move_waitlist_entry(&taken, WaitlistStatus::Offered)? {
                return Err(over());
            }
            Ok((procedure.clone(), form.step_id_asking(&entry.question)))
        })
    }

    /// The entry of this city behind a link's secret.
    fn entry_of(&self, c: &mut dyn RecordsRead, link: &str) -> Result<WaitlistRecord, AppError> {
        if link.is_empty() || link.len() > 100 {
            return Err(AppError::NotFound);
        }
        c.find_waitlist_by_link(self.city, &token_hash(link))?
            .ok_or(AppError::NotFound)
    }
}
