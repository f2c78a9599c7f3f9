//! One end of a window: the filing day, or a count of days, months or years from the
//! filing day or from another date of the filing, possibly moved past closed days.

use chrono::{Days, NaiveDate};
use serde::Deserialize;
use serde_json::Value;

use super::period_at;
use crate::filing_day::FilingDay;
use crate::rules::bind;
use crate::rules::period::{MAX_MONTHS, earliest_reaching, latest_ended, months_after};

/// Days further than this from the day counted from are not a window anyone means (and
/// keep the date arithmetic far from chrono's limits).
pub(super) const MAX_DAYS: i64 = 36_600;

/// `"today"`, or `{"days": n}`, `{"months": n}`, `{"years": n}`, each optionally with
/// `"field": ptr` (counted from that date instead of the filing day) and
/// `"if_closed": "next_opening_day"`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub(super) enum Bound {
    Today(TodayWord),
    Counted(Count),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum TodayWord {
    Today,
}

/// `{"field": "/move_date", "days": 14}`: 14 days after the answer to `/move_date`;
/// `{"years": -2}`: within two years before the filing day.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Count {
    #[serde(default)]
    field: Option<String>,
    #[serde(default)]
    days: Option<i64>,
    #[serde(default)]
    months: Option<i64>,
    #[serde(default)]
    years: Option<i64>,
    #[serde(default)]
    if_closed: Option<IfClosed>,
}

/// What happens to an end that falls on a day the office is closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum IfClosed {
    /// It moves to the next day the office is open (民法 第142条; 戸籍法 and tax laws say
    /// the same of their own periods).
    NextOpeningDay,
}

/// How far an end is from the day it counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Step {
    Days(i64),
    /// Calendar months (a year is 12), counted as `rules::period` says.
    Months(i64),
}

/// Which end of the window a bound is: a count backwards in months names the earliest day
/// still within it for `not_before`, the latest day already past it for `not_after`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum End {
    NotBefore,
    NotAfter,
}

impl End {
    pub(super) fn name(self) -> &'static str {
        match self {
            End::NotBefore => "not_before",
            End::NotAfter => "not_after",
        }
    }
}

/// An end resolved for one answer: its day, the other date it counts from, and its
/// distance in days when it is written in days and does not move (for the message).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Resolved {
    pub day: NaiveDate,
    pub other: Option<String>,
    pub days: Option<i64>,
}

impl Bound {
    /// The count as written: `None` when it names no unit or two of them (refused by the
    /// lint, see [`Bound::problem`]).
    pub(super) fn step(&self) -> Option<Step> {
        match self {
            Bound::Today(_) => Some(Step::Days(0)),
            Bound::Counted(c) => match (c.days, c.months, c.years) {
                (Some(d), None, None) => Some(Step::Days(d)),
                (None, Some(m), None) => Some(Step::Months(m)),
                (None, None, Some(y)) => Some(Step::Months(y.checked_mul(12)?)),
                // `{"field": ptr}` alone is that date itself.
                (None, None, None) if c.field.is_some() => Some(Step::Days(0)),
                _ => None,
            },
        }
    }

    /// The other date this end is counted from, if it is not the filing day.
    pub(super) fn field(&self) -> Option<&str> {
        match self {
            Bound::Counted(c) => c.field.as_deref(),
            Bound::Today(_) => None,
        }
    }

    /// Whether the end moves to the next opening day when it falls on a closed one.
    pub(super) fn moves(&self) -> bool {
        matches!(self, Bound::Counted(c) if c.if_closed.is_some())
    }

    /// Whether the end is some days, months or years away from the day it counts from
    /// (`{"days": 0}` is that day itself; a count the lint refuses is not).
    pub(super) fn is_offset(&self) -> bool {
        !matches!(self.step(), None | Some(Step::Days(0) | Step::Months(0)))
    }

    /// What is wrong with this end as written, for the lint.
    pub(super) fn problem(&self, end: End, field: &str) -> Option<String> {
        let Bound::Counted(c) = self else {
            return None;
        };
        let name = end.name();
        let units = [c.days, c.months, c.years].iter().flatten().count();
        if units > 1 {
            return Some(format!(
                "`{name}` of the rule on `{field}` counts in more than one of `days`, `months` and `years`: write one (2 years and 3 months is `{{\"months\": 27}}`)"
            ));
        }
        if units == 0 && c.field.is_none() {
            return Some(format!(
                "`{name}` of the rule on `{field}` says neither `days`, `months` nor `years`: write `\"today\"` for the filing day itself"
            ));
        }
        match self.step()? {
            Step::Days(d) if d.abs() > MAX_DAYS => Some(format!(
                "the rule on `{field}` reaches more than {MAX_DAYS} days from the day it counts from"
            )),
            Step::Months(m) if m.abs() > MAX_MONTHS => Some(format!(
                "the rule on `{field}` reaches more than {MAX_MONTHS} months from the day it counts from"
            )),
            Step::Months(0) => Some(format!(
                "`{name}` of the rule on `{field}` counts 0 months: a period of no months means the day itself — write `\"today\"`, `{{\"field\": …}}` or `{{\"days\": 0}}`"
            )),
            _ if !self.moves() => None,
            // Counted back from the filing day, a moving `not_before` is the earliest answer
            // whose deadline (n after it, moved past closed days) has not passed.
            Step::Days(n) | Step::Months(n)
                if n < 0 && end == End::NotBefore && c.field.is_none() =>
            {
                None
            }
            _ if end == End::NotBefore => Some(format!(
                "`not_before` of the rule on `{field}` moves to the next opening day: that would shorten the window; write it on `not_after` (a deadline after another date), or count back from the filing day (`{{\"days\": -30, \"if_closed\": \"next_opening_day\"}}`: the answer's own deadline has not passed)"
            )),
            Step::Days(n) | Step::Months(n) if n < 0 => Some(format!(
                "`{name}` of the rule on `{field}` counts back and moves to the next opening day: only a deadline counted forward moves past a closed day"
            )),
            _ => None,
        }
    }

    /// The end for the date at `at`: `None` when it counts from another date that is not
    /// answered (or not a date), which leaves that end open — the other date's own checks
    /// say what is wrong with it.
    pub(super) fn resolve(
        &self,
        end: End,
        instance: &Value,
        at: &str,
        filed: &FilingDay,
    ) -> Option<Resolved> {
        let (from, other) = match self.field() {
            Some(f) => {
                let other = bind(f, at);
                // A month counts from its first day.
                let (day, _) = period_at(instance, &other)?;
                (day, Some(other))
            }
            None => (filed.date, None),
        };
        let step = self.step()?;
        let day = match step {
            Step::Days(d) => shift(from, d)?,
            Step::Months(m) => {
                let n = u32::try_from(m.unsigned_abs()).ok()?;
                match (m >= 0, end) {
                    (true, _) => months_after(from, n)?,
                    (false, End::NotBefore) => earliest_reaching(from, n)?,
                    (false, End::NotAfter) => latest_ended(from, n)?,
                }
            }
        };
        let day = match (self.moves(), step, end) {
            (false, _, _) => day,
            (true, Step::Days(n) | Step::Months(n), End::NotBefore) if n < 0 => {
                earliest_in_time(day, step, filed)?
            }
            (true, _, _) => filed.next_opening_day(day),
        };
        let days = match step {
            Step::Days(d) if !self.moves() => Some(d),
            _ => None,
        };
        Some(Resolved {
            day,
            other: other.filter(|_| days.is_some()),
            days,
        })
    }
}

fn shift(day: NaiveDate, offset: i64) -> Option<NaiveDate> {
    let n = Days::new(offset.unsigned_abs());
    if offset >= 0 {
        day.checked_add_days(n)
    } else {
        day.checked_sub_days(n)
    }
}

/// The earliest answer whose deadline — `step` (negative, counted back) turned forward
/// from it, moved to the next opening day — is not before the filing day, starting from
/// `day`, the earliest one without the move (a closed day can only keep more answers in
/// time).
fn earliest_in_time(day: NaiveDate, step: Step, filed: &FilingDay) -> Option<NaiveDate> {
    let deadline = |x: NaiveDate| -> Option<NaiveDate> {
        let end = match step {
            Step::Days(n) => shift(x, n.checked_neg()?)?,
            Step::Months(n) => months_after(x, u32::try_from(n.unsigned_abs()).ok()?)?,
        };
        Some(filed.next_opening_day(end))
    };
    let mut d = day;
    // A closed stretch is at most a few weeks: this bounds the search all the same.
    for _ in 0..366 {
        let before = d.pred_opt()?;
        if deadline(before)? < filed.date {
            break;
        }
        d = before;
    }
    Some(d)
}
