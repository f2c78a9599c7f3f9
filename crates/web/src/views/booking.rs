//! A booking question on a step: the days its resource offers, each a disclosure
//! (`<details>`, so no JavaScript is needed and nothing typed on the step is lost by
//! opening another day) holding that day's times as radio buttons of one group, each with
//! what is left or why it cannot be chosen. The day of the answer (or the first day with a
//! place) comes open. Full, closed and out-of-window times are shown, not hidden, and cannot
//! be chosen.

use chrono::{Datelike, NaiveDate, Weekday};
use madoguchi_app::bookings::{Offer, OfferDay, Refusal, SlotView};
use madoguchi_core::{Lang, jst};
use madoguchi_forms::booking::SlotAnswer;
use madoguchi_i18n::t;

use super::FieldView;

/// What a booking question draws.
#[derive(Clone, Debug, Default)]
pub struct SlotPicker {
    /// Where the resident goes.
    pub place: Option<String>,
    /// Said instead of the list: no place chosen yet, or nothing offered there.
    pub notice: Option<String>,
    pub days: Vec<DayGroup>,
    /// The time chosen, as words.
    pub chosen: Option<String>,
    /// Some full time may be waited for (キャンセル待ち).
    pub waitable: bool,
    /// Where its waiting list is joined, on the pages that offer it.
    pub waitlist: Option<String>,
}

/// A day and its times.
#[derive(Clone, Debug)]
pub struct DayGroup {
    pub label: String,
    pub status: String,
    /// Shown open: the day of the answer, or the first day with a place.
    pub open: bool,
    pub choices: Vec<SlotChoice>,
    /// No time of the day can be chosen.
    pub nothing_free: bool,
}

/// A time of a day.
#[derive(Clone, Debug)]
pub struct SlotChoice {
    pub id: String,
    pub value: String,
    pub label: String,
    pub note: String,
    pub checked: bool,
    pub disabled: bool,
}

/// What a booking question on the step offers, by question name: the resource's offer (none
/// when the city has no such resource), or nothing yet (the question choosing the place is
/// unanswered), with the units a booking takes.
#[derive(Clone, Debug)]
pub enum Offered {
    /// The question that chooses the place (its label) has no answer yet.
    ChooseFirst(String),
    /// The resource chosen, or `None` when the city offers none under its id.
    Resource(Option<Offer>, u32),
}

/// `12月1日(火)` / `Tue 1 Dec 2026`.
fn day_label(day: NaiveDate, lang: Lang) -> String {
    const JA: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
    match lang.code() {
        "ja" => format!(
            "{}({})",
            jst::format_date(day, lang),
            JA[day.weekday().num_days_from_monday() as usize]
        ),
        _ => format!(
            "{} {}",
            weekday_en(day.weekday()),
            jst::format_date(day, lang)
        ),
    }
}

fn weekday_en(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    }
}

fn day_status(d: &OfferDay, units: u32, lang: Lang) -> String {
    if let Some(reason) = d.closed() {
        return format!("{}: {}", t!(lang, web_booking_closed), reason.get(lang));
    }
    if d.offers(units) {
        return t!(lang, web_booking_free).to_string();
    }
    slot_note(d.slots.iter().find(|s| s.bookable.is_err()), units, lang)
        .unwrap_or_else(|| t!(lang, web_booking_full).to_string())
}

/// Why a slot cannot be chosen, or what is left in it.
fn slot_note(slot: Option<&SlotView>, units: u32, lang: Lang) -> Option<String> {
    let s = slot?;
    Some(match (&s.closed, &s.bookable) {
        (Some(reason), _) => format!("{}: {}", t!(lang, web_booking_closed), reason.get(lang)),
        (None, Err(Refusal::NotOpenYet { .. })) => t!(lang, web_booking_not_open).to_string(),
        (None, Err(_)) => t!(lang, web_booking_over).to_string(),
        (None, Ok(())) if s.free >= units => t!(lang, web_booking_left, n = s.free.to_string()),
        (None, Ok(())) => t!(lang, web_booking_full).to_string(),
    })
}

/// The picker of a booking question: `chosen` is its answer now; the first time that can
/// be chosen (or the chosen one) carries `base_id`, where the error summary leads.
pub fn picker(offered: &Offered, chosen: Option<&str>, base_id: &str, lang: Lang) -> SlotPicker {
    let (offer, units) = match offered {
        Offered::ChooseFirst(question) => {
            return SlotPicker {
                notice: Some(t!(
                    lang,
                    web_booking_choose_first,
                    question = question.as_str()
                )),
                ..SlotPicker::default()
            };
        }
        Offered::Resource(None, _) => {
            return SlotPicker {
                notice: Some(t!(lang, web_booking_none).to_string()),
                ..SlotPicker::default()
            };
        }
        Offered::Resource(Some(offer), units) => (offer, *units),
    };
    let place = Some(t!(lang, web_booking_place, place = offer.place.get(lang)));
    if offer.days.is_empty() {
        return SlotPicker {
            place,
            notice: Some(t!(lang, web_booking_none).to_string()),
            ..SlotPicker::default()
        };
    }
    let answer = chosen.and_then(SlotAnswer::parse);
    let open_day = answer
        .as_ref()
        .map(|a| a.starts.date())
        .filter(|d| offer.days.iter().any(|o| o.day == *d))
        .or_else(|| offer.days.iter().find(|d| d.offers(units)).map(|d| d.day));
    let mut n = 0;
    let mut days: Vec<DayGroup> = offer
        .days
        .iter()
        .map(|d| DayGroup {
            label: day_label(d.day, lang),
            status: day_status(d, units, lang),
            open: Some(d.day) == open_day,
            nothing_free: !d.offers(units),
            choices: d
                .slots
                .iter()
                .map(|s| {
                    let value = SlotAnswer::new(offer.id.clone(), s.starts).to_string();
                    let checked = chosen == Some(value.as_str());
                    n += 1;
                    SlotChoice {
                        id: format!("{base_id}-{n}"),
                        label: format!(
                            "{}〜{}",
                            s.starts.format("%-H:%M"),
                            s.ends.format("%-H:%M")
                        ),
                        note: slot_note(Some(s), units, lang).unwrap_or_default(),
                        disabled: !s.offers(units) && !checked,
                        checked,
                        value,
                    }
                })
                .collect(),
        })
        .collect();
    // The error summary's link leads to the time chosen, or the first that can be.
    let lead = days
        .iter_mut()
        .flat_map(|d| d.choices.iter_mut())
        .filter(|c| c.checked || !c.disabled)
        .min_by_key(|c| !c.checked);
    if let Some(c) = lead {
        c.id = base_id.to_string();
    }
    SlotPicker {
        place,
        notice: None,
        waitable: offer
            .days
            .iter()
            .flat_map(|d| d.slots.iter())
            .any(|s| s.can_wait_for(units)),
        waitlist: None,
        chosen: answer.map(|a| {
            t!(
                lang,
                web_booking_chosen,
                time = jst::format_local(a.starts, lang)
            )
        }),
        days,
    }
}

/// Gives each booking question among `fields` its picker.
pub fn attach_pickers(fields: &mut [FieldView], offered: &[(String, Offered)], lang: Lang) {
    for f in fields.iter_mut() {
        if f.is_booking()
            && let Some((_, o)) = offered.iter().find(|(name, _)| *name == f.name)
        {
            let chosen = (!f.value.is_empty()).then_some(f.value.as_str());
            f.picker = Some(picker(o, chosen, &f.id, lang));
        }
        attach_pickers(&mut f.dependents, offered, lang);
    }
}

/// Gives the pickers among `fields` with a full time the link to wait for one: `href`.
pub fn link_waitlists(fields: &mut [FieldView], href: &str) {
    for f in fields.iter_mut() {
        if let Some(p) = f.picker.as_mut().filter(|p| p.waitable) {
            p.waitlist = Some(href.to_string());
        }
        link_waitlists(&mut f.dependents, href);
    }
}

/// The full times of `offer` that can be waited for, as a picker of their own (each time
/// a choice, with how many wait); `None` when there is none.
pub fn waitlist_picker(
    offer: &Offer,
    units: u32,
    chosen: Option<&str>,
    base_id: &str,
    lang: Lang,
) -> Option<SlotPicker> {
    let mut n = 0;
    let days: Vec<DayGroup> = offer
        .days
        .iter()
        .filter_map(|d| {
            let choices: Vec<SlotChoice> = d
                .slots
                .iter()
                .filter(|s| s.can_wait_for(units))
                .map(|s| {
                    let value = SlotAnswer::new(offer.id.clone(), s.starts).to_string();
                    n += 1;
                    SlotChoice {
                        id: if n == 1 {
                            base_id.to_string()
                        } else {
                            format!("{base_id}-{n}")
                        },
                        label: format!(
                            "{}〜{}",
                            s.starts.format("%-H:%M"),
                            s.ends.format("%-H:%M")
                        ),
                        note: t!(lang, web_booking_waiting, n = s.waiting.to_string()),
                        checked: chosen == Some(value.as_str()),
                        disabled: false,
                        value,
                    }
                })
                .collect();
            (!choices.is_empty()).then(|| DayGroup {
                label: day_label(d.day, lang),
                status: t!(lang, web_booking_full).to_string(),
                open: true,
                nothing_free: false,
                choices,
            })
        })
        .collect();
    (!days.is_empty()).then(|| SlotPicker {
        place: Some(t!(lang, web_booking_place, place = offer.place.get(lang))),
        days,
        ..SlotPicker::default()
    })
}
