//! The mails about a filing's booking: booked (or requested, 仮受付), changed, confirmed
//! (本受付), cancelled, and the reminder the day before. Each names the time and the place
//! and carries the booking's link (`/bookings/{secret}`, the same in every mail: an old mail
//! leads to the booking as it stands now); all but the reminder carry the calendar entry
//! (iCalendar, `invite.ics`) with the booking's stable UID and its SEQUENCE, a REQUEST that
//! adds or moves it or a CANCEL that removes it.

use chrono::{Duration, NaiveDateTime};
use madoguchi_bookings::ical::{self, EventStatus, Invitation, Method};
use madoguchi_core::{BookingStatus, Lang, MailKind, TenantId, jst};
use madoguchi_i18n::t;
use madoguchi_records::{OutboxRecord, RecordsRead, SubmissionRecord};

use crate::kernel::booking::utc_of;
use crate::kernel::{App, AppError};
use crate::notification::mails::About;
use crate::submission::FiledBooking;

/// What a booking's mail tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BookingNews {
    /// Booked with the filing (or requested, when a clerk confirms it: by its status).
    Made,
    Changed,
    Confirmed,
    Cancelled,
    /// Tomorrow is the day.
    Reminder,
    /// A clerk stopped its time: the reason, and the link to choose another.
    Stopped,
}

/// The address of a sender written as `Name <address>` or bare.
fn address_of(from: &str) -> &str {
    match (from.find('<'), from.rfind('>')) {
        (Some(open), Some(close)) if open < close => &from[open + 1..close],
        _ => from.trim(),
    }
}

impl App {
    /// The mail about `booking` of filing `row` to the filing's contact address; `None`
    /// when the answers gave none.
    pub(crate) fn booking_mail(
        &self,
        c: &mut dyn RecordsRead,
        city: &TenantId,
        row: &SubmissionRecord,
        booking: &FiledBooking,
        news: BookingNews,
    ) -> Result<Option<OutboxRecord>, AppError> {
        let Some(to) = row.contact_email.as_deref() else {
            return Ok(None);
        };
        let receipt = self.receipt_of(c, row)?;
        let link = format!(
            "{}/bookings/{}",
            self.public_url_of(city),
            self.booking_link(city, &booking.id)?
        );
        let requested = booking.status == BookingStatus::Requested;
        let manage = |lang| {
            if news == BookingNews::Cancelled {
                String::new()
            } else if booking.changeable {
                let until = match booking.changeable_until {
                    Some(day) => jst::format_date(day, lang),
                    None => t!(lang, mail_booking_until_start).to_string(),
                };
                t!(lang, mail_booking_manage, link = &link, until = until)
            } else {
                t!(lang, mail_booking_manage_closed).to_string()
            }
        };
        let what = |lang| match news {
            BookingNews::Made if requested => t!(lang, mail_booking_requested).to_string(),
            BookingNews::Made => t!(lang, mail_booking_made).to_string(),
            BookingNews::Changed => t!(lang, mail_booking_changed).to_string(),
            BookingNews::Confirmed => t!(lang, mail_booking_confirmed).to_string(),
            BookingNews::Cancelled => t!(lang, mail_booking_cancelled).to_string(),
            BookingNews::Reminder => t!(lang, mail_booking_reminder).to_string(),
            BookingNews::Stopped => t!(
                lang,
                mail_booking_stopped,
                reason = booking
                    .closed
                    .as_ref()
                    .map(|r| r.get(lang).to_string())
                    .unwrap_or_default()
            ),
        };
        let body = |lang, a: &About<'_>| {
            t!(
                lang,
                mail_booking_body,
                what = what(lang),
                title = a.title,
                number = &a.number,
                time = booking.time(lang),
                name = booking.name.get(lang),
                place = booking.place.get(lang),
                manage = manage(lang),
                dep = a.dep,
            )
        };
        let kind = match news {
            BookingNews::Cancelled => MailKind::BookingCancelled,
            BookingNews::Reminder => MailKind::BookingReminder,
            BookingNews::Stopped => MailKind::BookingStopped,
            _ => MailKind::Booking,
        };
        let subject = |lang, a: &About<'_>| {
            let (city, title, number) = (a.city, a.title, &a.number);
            match kind {
                MailKind::BookingCancelled => t!(
                    lang,
                    mail_booking_cancelled_subject,
                    city = city,
                    title = title,
                    number = number
                ),
                MailKind::BookingReminder => t!(
                    lang,
                    mail_booking_reminder_subject,
                    city = city,
                    title = title,
                    number = number
                ),
                MailKind::BookingStopped => t!(
                    lang,
                    mail_booking_stopped_subject,
                    city = city,
                    title = title,
                    number = number
                ),
                _ => t!(
                    lang,
                    mail_booking_subject,
                    city = city,
                    title = title,
                    number = number
                ),
            }
        };
        let mut mail = self.filing_mail(c, city, &receipt, kind, to, subject, body)?;
        // The reminder and a stop change nothing in the calendar.
        if kind == MailKind::Booking || kind == MailKind::BookingCancelled {
            let city_name = self.city_name_in(c, city)?;
            let summary = format!("{}({})", booking.name.ja, receipt.procedure_title.ja);
            let description = t!(
                Lang::Ja,
                mail_booking_calendar_note,
                number = receipt.arrival_number.to_string(),
                title = receipt.procedure_title.ja.as_str(),
            );
            let uid = format!("booking-{}@{}", booking.id.as_str(), self.mail_host(city));
            let from = self.mail_from_of(city);
            mail.calendar = Some(ical::calendar(&Invitation {
                uid: &uid,
                sequence: booking.sequence,
                method: if news == BookingNews::Cancelled {
                    Method::Cancel
                } else {
                    Method::Request
                },
                status: match (news, requested) {
                    (BookingNews::Cancelled, _) => EventStatus::Cancelled,
                    (_, true) => EventStatus::Tentative,
                    (_, false) => EventStatus::Confirmed,
                },
                starts: utc_of(booking.starts),
                ends: utc_of(booking.ends),
                stamp: self.now().naive_utc(),
                summary: &summary,
                location: &booking.place.ja,
                description: &description,
                // The link is a key; a calendar keeps entries for years, so it is not there.
                url: None,
                organizer: (&city_name.ja, address_of(&from)),
                attendee: to,
                alarm_before: Some(Duration::days(1)),
            }));
        }
        Ok(Some(mail))
    }

    /// The start and end of tomorrow on Japan's wall clock, as stored (UTC): what the
    /// reminders look for.
    pub(crate) fn tomorrow_as_stored(&self) -> (NaiveDateTime, NaiveDateTime) {
        let tomorrow = self.local_now().date() + Duration::days(1);
        let start = tomorrow.and_hms_opt(0, 0, 0).unwrap_or_default();
        (utc_of(start), utc_of(start + Duration::days(1)))
    }
}

#[cfg(test)]
mod tests {
    use super::address_of;

    #[test]
    fn the_sender_address_is_read_from_either_form() {
        assert_eq!(
            address_of("仙台市 <noreply@sendai.example.jp>"),
            "noreply@sendai.example.jp"
        );
        assert_eq!(
            address_of(" noreply@akita.example.jp "),
            "noreply@akita.example.jp"
        );
    }
}
