//! The mails of a waiting list (キャンセル待ち): the place in line taken, and a freed place
//! held for the person. Both carry the entry's link (`/waitlist/{secret}`, the same in
//! every mail, so the first one leads to the offer too) and say the time, what is booked
//! and where.

use chrono::NaiveDateTime;
use madoguchi_core::{Localized, MailKind, TenantId, jst};
use madoguchi_i18n::t;
use madoguchi_records::{OutboxRecord, RecordsRead, WaitlistRecord};

use crate::kernel::{App, AppError};
use crate::notification::mail::{body_in_every_language, subject_in_every_language};
use crate::submission::bookings::slot_time;

/// What an entry waits for, in words.
pub(crate) struct WaitingFor<'a> {
    /// The procedure's title.
    pub title: &'a Localized,
    /// What is booked and where.
    pub name: &'a Localized,
    pub place: &'a Localized,
    /// Start and end on Japan's wall clock.
    pub starts: NaiveDateTime,
    pub ends: NaiveDateTime,
}

/// What a waiting list's mail tells.
#[derive(Clone, Copy, Debug)]
pub(crate) enum WaitlistNews {
    /// In line, `n`-th.
    Joined(usize),
    /// A place is held until this instant (UTC as stored).
    Offered(NaiveDateTime),
}

impl App {
    /// The link a waiting list entry's mails carry.
    pub(crate) fn waitlist_link(
        &self,
        city: &TenantId,
        entry: &WaitlistRecord,
    ) -> Result<String, AppError> {
        Ok(format!(
            "{}/waitlist/{}",
            self.public_url_of(city),
            self.link_secret("waitlist links", city, entry.id.as_str())?
        ))
    }

    /// The mail to the entry's address; `None` once the entry is over (no address kept).
    pub(crate) fn waitlist_mail(
        &self,
        c: &mut dyn RecordsRead,
        city: &TenantId,
        entry: &WaitlistRecord,
        about: &WaitingFor<'_>,
        news: WaitlistNews,
    ) -> Result<Option<OutboxRecord>, AppError> {
        let Some(to) = entry.email.as_deref() else {
            return Ok(None);
        };
        let link = self.waitlist_link(city, entry)?;
        let city_name = self.city_name_in(c, city)?;
        let (kind, subject, body) = match news {
            WaitlistNews::Joined(position) => (
                MailKind::WaitlistJoined,
                subject_in_every_language(|lang| {
                    t!(
                        lang,
                        mail_waitlist_joined_subject,
                        city = city_name.get(lang),
                        title = about.title.get(lang)
                    )
                }),
                body_in_every_language(|lang| {
                    t!(
                        lang,
                        mail_waitlist_joined_body,
                        position = position.to_string(),
                        title = about.title.get(lang),
                        time = slot_time(about.starts, about.ends, lang),
                        name = about.name.get(lang),
                        place = about.place.get(lang),
                        link = &link,
                        city = city_name.get(lang),
                    )
                }),
            ),
            WaitlistNews::Offered(until) => (
                MailKind::WaitlistOffer,
                subject_in_every_language(|lang| {
                    t!(
                        lang,
                        mail_waitlist_offer_subject,
                        city = city_name.get(lang),
                        title = about.title.get(lang)
                    )
                }),
                body_in_every_language(|lang| {
                    t!(
                        lang,
                        mail_waitlist_offer_body,
                        until = jst::format_datetime(until.and_utc(), lang),
                        title = about.title.get(lang),
                        time = slot_time(about.starts, about.ends, lang),
                        name = about.name.get(lang),
                        place = about.place.get(lang),
                        link = &link,
                        city = city_name.get(lang),
                    )
                }),
            ),
        };
        Ok(Some(self.outbox_mail(city, None, kind, to, subject, body)?))
    }
}
