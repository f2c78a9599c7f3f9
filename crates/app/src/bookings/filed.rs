//! A filing's booking, seen, moved and cancelled by its applicant — from the receipt (in
//! the browser that filed it, or signed in) or from the link every mail of the booking
//! carries — up to the close of its resource's window. A move is one step (the new place
//! taken and the old one freed together, the booking's id kept); the filing's answer
//! follows it, its history says so, and the applicant gets a mail whose calendar entry
//! moves (REQUEST, SEQUENCE raised) or goes (CANCEL).

use madoguchi_core::{BookingId, ErrorCode, Localized, SlotId};
use madoguchi_forms::booking::SlotAnswer;
use madoguchi_records::{BookingRecord, Records, RecordsRead, SubmissionRecord};

use super::{Bookings, Offer};
use crate::kernel::booking::utc_of;
use crate::kernel::tokens::looks_like_token;
use crate::kernel::{AppError, token_hash};
use crate::notification::booking_mails::BookingNews;
use crate::submission::FiledBooking;

/// How an applicant reaches a filing's booking.
#[derive(Clone, Copy, Debug)]
pub enum Door<'a> {
    /// The receipt: the browser session (or signed-in account) that filed it, the
    /// arrival number, and the booking's id.
    Receipt {
        session: Option<&'a str>,
        number: &'a str,
        booking: &'a str,
    },
    /// The link in the booking's mails (`/bookings/{secret}`).
    Link(&'a str),
}

/// What the booking's page shows.
#[derive(Clone, Debug)]
pub struct BookingPage {
    pub booking: FiledBooking,
    pub arrival_number: String,
    pub procedure_title: Localized,
    /// The times it may move to, while it may still be changed.
    pub offer: Option<Offer>,
}

impl Bookings<'_> {
    /// The filing and its booking behind `door`; "not found" for anything else (another
    /// city's, another browser's, a wrong link).
    fn behind(
        &self,
        c: &mut dyn RecordsRead,
        door: Door<'_>,
    ) -> Result<(SubmissionRecord, BookingRecord), AppError> {
        match door {
            Door::Receipt {
                session,
                number,
                booking,
            } => {
                let row = self.app.residents_filing(c, self.city, session, number)?;
                let booking = c
                    .find_booking(self.city, &BookingId::new(booking))?
                    .filter(|b| b.submission_id.as_ref() == Some(&row.id))
                    .ok_or(AppError::NotFound)?;
                Ok((row, booking))
            }
            Door::Link(secret) => {
                if !looks_like_token(secret) {
                    return Err(AppError::NotFound);
                }
                let booking = c
                    .find_booking_by_link(&token_hash(secret))?
                    .filter(|b| b.tenant_id == *self.city)
                    .ok_or(AppError::NotFound)?;
                let submission = booking.submission_id.clone().ok_or(AppError::NotFound)?;
                let row = c
                    .find_submission(self.city, &submission)?
                    .ok_or(AppError::NotFound)?;
                Ok((row, booking))
            }
        }
    }

    /// The booking behind `door`, with the times it may move to.
    pub fn filed(&self, door: Door<'_>) -> Result<BookingPage, AppError> {
        let (row, booking) = self.app.read(|c| {
            let (row, b) = self.behind(c, door)?;
            let booking = self.app.filed_booking(c, self.city, &b)?;
            Ok((row, booking))
        })?;
        let offer = if booking.changeable {
            self.offer(booking.resource.as_str())?
        } else {
            None
        };
        let receipt = self.app.read(|c| self.app.receipt_of(c, &row))?;
        Ok(BookingPage {
            booking,
            arrival_number: row.arrival_number,
            procedure_title: receipt.procedure_title,
            offer,
        })
    }

    /// Moves the booking behind `door` to the time `to` names (a booking question's
    /// answer, `resource/YYYY-MM-DDTHH:MM`, of the same resource): refused, changing
    /// nothing, when it may no longer be changed or `to` is full, closed or outside the
    /// window.
    pub fn change_filed(&self, door: Door<'_>, to: &str) -> Result<FiledBooking, AppError> {
        let now = self.app.now().naive_utc();
        self.app.write(|c| {
            let (row, b) = self.behind(c, door)?;
            let before = self.app.filed_booking(c, self.city, &b)?;
            if !before.changeable {
                return Err(AppError::Refused(ErrorCode::SlotOutOfWindow));
            }
            let target = self.slot_named(c, &before, to)?;
            if target == b.slot_id {
                // The time it has: nothing to move.
                return Ok(before);
            }
            let (slot, _) = self.app.bookable_slot(c, self.city, &target)?;
            self.app.kept_for_the_line(c, self.city, &slot.id)?;
            c.sweep_expired_holds(&slot.id, now)?;
            if !c.move_booking(&b.id, &slot.id, now)? {
                return Err(AppError::Refused(ErrorCode::SlotFull));
            }
            let moved = c
                .find_booking(self.city, &b.id)?
                .ok_or(AppError::NotFound)?;
            let after = self.app.filed_booking(c, self.city, &moved)?;
            self.app
                .record_booking_moved(c, &row, &before.answer(), &after.answer())?;
            self.tell(c, &row, &after, BookingNews::Changed)?;
            Ok(after)
        })
    }

    /// Cancels the booking behind `door`, up to the close of its window: its place is free
    /// at once.
    pub fn cancel_filed(&self, door: Door<'_>) -> Result<(), AppError> {
        let now = self.app.now().naive_utc();
        self.app.write(|c| {
            let (row, b) = self.behind(c, door)?;
            let before = self.app.filed_booking(c, self.city, &b)?;
            if !before.changeable {
                return Err(AppError::Refused(ErrorCode::SlotOutOfWindow));
            }
            if !c.cancel_booking(&b.id, now)? {
                return Err(AppError::NotFound);
            }
            let cancelled = c
                .find_booking(self.city, &b.id)?
                .ok_or(AppError::NotFound)?;
            let after = self.app.filed_booking(c, self.city, &cancelled)?;
            self.app
                .record_booking_cancelled(c, &row, &before.answer())?;
            self.tell(c, &row, &after, BookingNews::Cancelled)
        })
    }

    /// The slot of the booking's resource that `answer` names; "not offered" otherwise.
    fn slot_named(
        &self,
        c: &mut dyn Records,
        booking: &FiledBooking,
        answer: &str,
    ) -> Result<SlotId, AppError> {
        let unavailable = AppError::Refused(ErrorCode::SlotClosed);
        let answer = SlotAnswer::parse(answer).ok_or(AppError::Refused(ErrorCode::SlotClosed))?;
        if answer.resource != booking.resource.as_str() {
            return Err(unavailable);
        }
        c.find_slot_at(self.city, &booking.resource, utc_of(answer.starts))?
            .map(|s| s.id)
            .ok_or(unavailable)
    }

    /// Queues the applicant's mail about the booking, if the filing gave an address.
    fn tell(
        &self,
        c: &mut dyn Records,
        row: &SubmissionRecord,
        booking: &FiledBooking,
        news: BookingNews,
    ) -> Result<(), AppError> {
        if let Some(mail) = self.app.booking_mail(c, self.city, row, booking, news)? {
            c.enqueue_mail(&mail)?;
        }
        Ok(())
    }
}
