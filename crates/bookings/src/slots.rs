//! The slots a resource opens on a day: each session held on the day's weekday, cut into
//! slots; on a day the city or the resource is shut, the same slots, closed, with the reason
//! residents are shown ("why is 3 March not offered?" has an answer in a row).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use madoguchi_core::Localized;
use madoguchi_workflow::{BusinessCalendar, Closure};

use crate::definition::Resource;

/// A slot a resource opens: its start and end (Japan time), capacity in the resource's
/// unit, and the reason it is closed, if it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedSlot {
    pub starts: NaiveDateTime,
    pub ends: NaiveDateTime,
    pub capacity: u32,
    pub closed: Option<Localized>,
}

/// Why the city's offices are shut on a day, as residents read it.
pub fn closure_reason(closure: &Closure) -> Localized {
    match closure {
        Closure::Holiday(name) => Localized::new(
            format!("祝日({name})のため休みです"),
            format!("Closed for a public holiday ({name})"),
        ),
        Closure::YearEnd => Localized::new(
            "年末年始(12月29日〜1月3日)のため休みです",
            "Closed for the New Year holidays (29 December to 3 January)",
        ),
        Closure::CityClosed => Localized::new(
            "市の休業日のため休みです",
            "Closed: a closing day of the city",
        ),
    }
}

impl Resource {
    /// The slots the resource opens on `day`, in time order (none on a day no session is
    /// held). The city's holidays and closing days (`calendar`) and the resource's own
    /// closed days close them, with the reason; a slot two sessions would both open is
    /// opened once, by the first.
    pub fn slots_on(&self, day: NaiveDate, calendar: &BusinessCalendar) -> Vec<PlannedSlot> {
        let closed = self
            .closed
            .iter()
            .find(|c| c.day == day)
            .map(|c| c.reason.clone())
            .or_else(|| calendar.closure(day).as_ref().map(closure_reason));
        let mut out: Vec<PlannedSlot> = Vec::new();
        for s in &self.sessions {
            let held = s.days.iter().any(|d| d.is(day.weekday()))
                && s.valid_from.is_none_or(|f| f <= day)
                && s.valid_until.is_none_or(|u| day <= u);
            if !held || s.until <= s.from {
                continue;
            }
            let (from, until) = (day.and_time(s.from.0), day.and_time(s.until.0));
            let step = s
                .every
                .filter(|m| *m > 0)
                .map(|m| Duration::minutes(i64::from(m)));
            let mut starts = from;
            while starts < until {
                let ends = step.map_or(until, |st| starts + st);
                if ends > until {
                    break;
                }
                if !out.iter().any(|o| o.starts == starts) {
                    out.push(PlannedSlot {
                        starts,
                        ends,
                        capacity: s.capacity,
                        closed: closed.clone(),
                    });
                }
                starts = ends;
            }
        }
        out.sort_by_key(|s| s.starts);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ClockTime, ClosedDay, Session, Unit, WeekDay, Window};

    fn t(text: &str) -> ClockTime {
        text.parse().unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn counter() -> Resource {
        Resource {
            id: "aoba-mynumber".into(),
            name: Localized::new(
                "青葉区役所 マイナンバーカード窓口",
                "Aoba Ward Office, My Number Card counter",
            ),
            place: Localized::new("青葉区役所 1階", "Aoba Ward Office, 1st floor"),
            unit: Unit::Persons,
            sessions: vec![
                Session {
                    days: vec![
                        WeekDay::Mon,
                        WeekDay::Tue,
                        WeekDay::Wed,
                        WeekDay::Thu,
                        WeekDay::Fri,
                    ],
                    from: t("09:00"),
                    until: t("11:00"),
                    every: Some(30),
                    capacity: 4,
                    valid_from: None,
                    valid_until: None,
                },
                Session {
                    days: vec![WeekDay::Sat],
                    from: t("09:00"),
                    until: t("12:00"),
                    every: None,
                    capacity: 10,
                    valid_from: Some(d(2027, 4, 1)),
                    valid_until: None,
                },
            ],
            closed: vec![ClosedDay {
                day: d(2027, 3, 3),
                reason: Localized::new("システム更新のため休みです", "Closed for a system update"),
            }],
            window: Window {
                opens_days_ahead: 45,
                closes_business_days_before: 2,
                same_day_cutoff: None,
            },
            per_person: Some(1),
            confirm: Default::default(),
        }
    }

    #[test]
    fn a_weekday_opens_its_sessions_slots_in_order() {
        let r = counter();
        let slots = r.slots_on(d(2027, 3, 2), &BusinessCalendar::japan());
        let times: Vec<String> = slots
            .iter()
            .map(|s| s.starts.format("%H:%M").to_string())
            .collect();
        assert_eq!(times, ["09:00", "09:30", "10:00", "10:30"]);
        assert!(slots.iter().all(|s| s.capacity == 4 && s.closed.is_none()));
        assert_eq!(slots[3].ends.format("%H:%M").to_string(), "11:00");
    }

    #[test]
    fn closed_days_keep_their_slots_with_the_reason() {
        let r = counter();
        let cal = BusinessCalendar::japan();
        let own = r.slots_on(d(2027, 3, 3), &cal);
        assert_eq!(own.len(), 4);
        assert_eq!(
            own[0].closed.as_ref().unwrap().ja,
            "システム更新のため休みです"
        );
        // 春分の日 2027 is Sunday 21 March: its substitute Monday 22 March is closed.
        let holiday = r.slots_on(d(2027, 3, 22), &cal);
        assert!(
            holiday[0].closed.as_ref().unwrap().ja.contains("祝日"),
            "{holiday:?}"
        );
        let year_end = r.slots_on(d(2027, 12, 29), &cal);
        assert_eq!(
            year_end[0].closed.as_ref().unwrap().en,
            "Closed for the New Year holidays (29 December to 3 January)"
        );
    }

    #[test]
    fn a_session_is_held_only_on_its_days_and_within_its_validity() {
        let r = counter();
        let cal = BusinessCalendar::japan();
        assert!(
            r.slots_on(d(2027, 3, 27), &cal).is_empty(),
            "a Saturday before 1 April"
        );
        let sat = r.slots_on(d(2027, 4, 3), &cal);
        assert_eq!(sat.len(), 1, "one slot for the whole session");
        assert_eq!(
            (sat[0].capacity, sat[0].ends.format("%H:%M").to_string()),
            (10, "12:00".into())
        );
        assert!(
            r.slots_on(d(2027, 4, 4), &cal).is_empty(),
            "no session on Sundays"
        );
    }
}
