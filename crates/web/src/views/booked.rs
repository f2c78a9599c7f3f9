//! A filing's bookings as the resident's pages show them (the receipt, the status
//! look-up, the booking's own page): the time, what was booked, where to go, whether it
//! stands, and — where the reader may change it — the link to do so.

use madoguchi_app::bookings::FiledBooking;
use madoguchi_core::{BookingStatus, Lang, jst};
use madoguchi_i18n::t;

/// One booking.
#[derive(Clone, Debug)]
pub struct BookedVisit {
    pub time: String,
    pub name: String,
    /// `場所: …`.
    pub place: String,
    /// Requested and not yet confirmed, or cancelled.
    pub note: Option<String>,
    pub cancelled: bool,
    /// Its page, when the reader may change or cancel it there.
    pub href: Option<String>,
    /// Until when it may be changed, in words.
    pub until: Option<String>,
    /// Its time was stopped by a clerk: the reason, and that it should move.
    pub stopped: Option<String>,
}

/// The visits of `bookings`; `page_of` gives each one's page where the reader may manage it.
pub fn booked_visits(
    bookings: &[FiledBooking],
    page_of: impl Fn(&FiledBooking) -> Option<String>,
    lang: Lang,
) -> Vec<BookedVisit> {
    bookings
        .iter()
        .map(|b| BookedVisit {
            time: b.time(lang),
            name: b.name.get(lang).to_string(),
            place: t!(lang, web_booking_place, place = b.place.get(lang)),
            note: b.status_note(lang),
            cancelled: b.status == BookingStatus::Cancelled,
            href: if b.changeable { page_of(b) } else { None },
            stopped: b
                .closed
                .as_ref()
                .filter(|_| b.status != BookingStatus::Cancelled)
                .map(|r| t!(lang, web_booking_stopped, reason = r.get(lang))),
            until: b.changeable.then(|| match b.changeable_until {
                Some(day) => t!(lang, web_booking_until, day = jst::format_date(day, lang)),
                None => t!(lang, web_booking_until_start).to_string(),
            }),
        })
        .collect()
}
