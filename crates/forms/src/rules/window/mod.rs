//! `x-date-window`: dates bounded by the filing day (a birth date not after today, a visit
//! not before today and at most 60 days ahead) or by another date of the same filing (a
//! visit within 14 days of the move). The validator has no clock, so the rule is not
//! checked by the compiled schema: the keyword only refuses a badly written value when the
//! schema compiles, and `Form::validate` checks the rules against the filing day it is
//! given (`DateWindows::failures`). A rule with `"severity": "warning"` does not refuse:
//! a date outside it is reported by `DateWindows::warnings`, with the rule's `message`
//! saying what it means (a notification past its legal period is still accepted).

use chrono::NaiveDate;
use madoguchi_core::Localized;
use serde::Deserialize;
use serde_json::Value;

use super::{date_at, expand};
use crate::errors::{FieldError, FormErrorCode};
use crate::filing_day::FilingDay;
use crate::provenance::Source;

const KEYWORD: &str = "x-date-window";

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateWindowRule {
    /// Pointer of the date, relative to the root; `*` for every item of a list.
    pub field: String,
    #[serde(default)]
    not_before: Option<Bound>,
    #[serde(default)]
    not_after: Option<Bound>,
    /// Whether a date outside the window is refused (the default) or only warned about.
    #[serde(default)]
    severity: Severity,
    /// For a warning: what being outside the window means for the resident, shown after
    /// the sentence naming the field and the window.
    #[serde(default)]
    message: Option<Localized>,
    /// The texts the window was read in (required, or `to_confirm`, when it states a
    /// period: see `provenance`).
    #[serde(default)]
    sources: Vec<Source>,
    /// What the city still has to confirm about the window, for authors.
    #[serde(default)]
    to_confirm: Option<String>,
    /// The answer the rule is for: the window applies only when the answer at `field` is
    /// `is` (a death abroad is held to 3 months)…
    #[serde(default)]
    when: Option<AnswerIs>,
    /// …or the answer that sets it aside: not when the answer is `is` (a death abroad is
    /// not held to the 7 days of a death in Japan).
    #[serde(default)]
    unless: Option<AnswerIs>,
    /// The author's reasoning (how the sources become these ends).
    #[serde(default, rename = "$comment")]
    _comment: Option<String>,
}

/// An answer a window applies for (`when`) or is set aside by (`unless`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerIs {
    /// Pointer of the answer, relative to the root.
    pub field: String,
    /// The value.
    pub is: Value,
}

impl AnswerIs {
    fn holds(&self, instance: &Value) -> bool {
        instance.pointer(&self.field) == Some(&self.is)
    }
}

/// What a date outside a window does to the filing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The filing is refused until the date is inside the window.
    #[default]
    Error,
    /// The filing is accepted; the resident and the clerk are told.
    Warning,
}

/// A date outside a warning rule's window: where and how (as a [`FieldError`] would say),
/// and what it means in the rule's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateWarning {
    pub outside: FieldError,
    pub message: Localized,
}

impl DateWindowRule {
    fn ends(&self) -> impl Iterator<Item = (End, &Bound)> {
        [
            (End::NotBefore, &self.not_before),
            (End::NotAfter, &self.not_after),
        ]
        .into_iter()
        .filter_map(|(name, b)| b.as_ref().map(|b| (name, b)))
    }

    /// A filing deadline: an end counted from another answer's date, or moved past closed
    /// days.
    fn is_deadline(&self) -> bool {
        self.ends().any(|(_, b)| b.field().is_some() || b.moves())
    }

    /// Whether the window states a fact that needs its source: a deadline, or an end
    /// counted from the filing day by a number of days, months or years (a move date from
    /// 10 days before it, a renewal 92 days ahead, a booking horizon). A window whose ends
    /// are only the filing day itself (a birth date not in the future) is a plausibility
    /// bound and states nothing.
    fn states_a_period(&self) -> bool {
        self.is_deadline() || self.ends().any(|(_, b)| b.is_offset())
    }
}

/// A window that states a period without `sources` or `to_confirm` (for the lint).
pub(crate) struct UnsourcedWindow<'a> {
    /// The rule's index in the root schema's `x-date-window`.
    pub index: usize,
    /// The date the rule is about.
    pub field: &'a str,
    /// Counted from another answer's date or moved past closed days (else from the
    /// filing day only).
    pub deadline: bool,
}

/// The `x-date-window` rules of a form.
#[derive(Clone, Debug, Default)]
pub struct DateWindows(Vec<DateWindowRule>);

impl DateWindows {
    /// The rules written on the root schema, checked as the keyword checks them.
    pub fn from_schema(schema: &Value) -> Result<Self, String> {
        match schema.get(KEYWORD) {
            None => Ok(Self::default()),
            Some(value) => parse(value).map(Self),
        }
    }

    /// The dates each rule is about, as pointers with `*` (for the lint).
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|r| r.field.as_str())
    }

    /// The windows that state a period (see `DateWindowRule::states_a_period`) and carry
    /// neither `sources` nor `to_confirm` (for the lint).
    pub(crate) fn unsourced(&self) -> impl Iterator<Item = UnsourcedWindow<'_>> {
        self.0
            .iter()
            .enumerate()
            .filter(|(_, r)| r.states_a_period() && r.sources.is_empty() && r.to_confirm.is_none())
            .map(|(index, r)| UnsourcedWindow {
                index,
                field: r.field.as_str(),
                deadline: r.is_deadline(),
            })
    }

    /// The answers rules apply for or are set aside by: the rule's index, `when` or
    /// `unless`, and the pointer with the value (for the lint).
    pub fn conditions(&self) -> impl Iterator<Item = (usize, &'static str, &AnswerIs)> {
        self.0.iter().enumerate().flat_map(|(i, r)| {
            [("when", &r.when), ("unless", &r.unless)]
                .into_iter()
                .filter_map(move |(k, a)| a.as_ref().map(|a| (i, k, a)))
        })
    }

    /// The other dates the rules count from: the rule's index, the end (`not_before` or
    /// `not_after`) and the pointer (for the lint).
    pub fn references(&self) -> impl Iterator<Item = (usize, &'static str, &str)> {
        self.0.iter().enumerate().flat_map(|(i, r)| {
            r.ends()
                .filter_map(move |(end, b)| b.field().map(|f| (i, end.name(), f)))
        })
    }

    /// Every date outside a refusing window when filed on `filed_on`: `date_too_early` or
    /// `date_too_late` on the date, with the window's two ends as ISO dates in `related`
    /// (`"2026-11-24..2027-01-23"`, an open end empty) and, for an end written in days that
    /// does not move past closed days, its distance in days in `lower` and `limit` — from
    /// the filing day (0 is the filing day itself) or, when `lower_field` / `limit_field`
    /// name another date of the filing, from that date. An end in months or years, or one
    /// moved to the next opening day, is given by its date only.
    pub fn failures(&self, instance: &Value, filed_on: impl Into<FilingDay>) -> Vec<FieldError> {
        let filed = filed_on.into();
        self.outside(Severity::Error, instance, &filed)
            .map(|(_, e)| e)
            .collect()
    }

    /// Every date outside a warning rule's window, said as [`Self::failures`] says it, with
    /// the rule's message. They do not stop the filing.
    pub fn warnings(&self, instance: &Value, filed_on: impl Into<FilingDay>) -> Vec<DateWarning> {
        let filed = filed_on.into();
        self.outside(Severity::Warning, instance, &filed)
            .map(|(rule, outside)| DateWarning {
                outside,
                message: rule.message.clone().unwrap_or_default(),
            })
            .collect()
    }

    fn outside<'a>(
        &'a self,
        severity: Severity,
        instance: &'a Value,
        filed: &'a FilingDay,
    ) -> impl Iterator<Item = (&'a DateWindowRule, FieldError)> + 'a {
        self.0
            .iter()
            .filter(move |r| r.severity == severity)
            .flat_map(move |rule| {
                expand(instance, &rule.field)
                    .into_iter()
                    .filter_map(move |at| rule.check(instance, &at, filed))
                    .map(move |e| (rule, e))
            })
    }
}

impl DateWindowRule {
    /// The date at `at` against this rule's window: the error when it is outside.
    fn check(&self, instance: &Value, at: &str, filed: &FilingDay) -> Option<FieldError> {
        let applies = self.when.as_ref().is_none_or(|a| a.holds(instance))
            && !self.unless.as_ref().is_some_and(|a| a.holds(instance));
        if !applies {
            return None;
        }
        let (first, last) = period_at(instance, at)?;
        let end = |which: End, b: &Option<Bound>| {
            b.as_ref()
                .and_then(|b| b.resolve(which, instance, at, filed))
        };
        let (from, to) = (
            end(End::NotBefore, &self.not_before),
            end(End::NotAfter, &self.not_after),
        );
        // A month is inside when one of its days is: too early when its last day is
        // before the window, too late when its first day is after it.
        let code = if from.as_ref().is_some_and(|f| last < f.day) {
            FormErrorCode::DateTooEarly
        } else if to.as_ref().is_some_and(|t| first > t.day) {
            FormErrorCode::DateTooLate
        } else {
            return None;
        };
        let iso = |e: &Option<Resolved>| e.as_ref().map(|r| r.day.to_string()).unwrap_or_default();
        let mut e = FieldError::new(at.to_string(), code);
        e.related = Some(format!("{}..{}", iso(&from), iso(&to)));
        if let Some(r) = from {
            e.lower = r.days;
            e.lower_field = r.other;
        }
        if let Some(r) = to {
            e.limit = r.days;
            e.limit_field = r.other;
        }
        Some(e)
    }
}

/// The days an answer spans: a date (`2026-11-24`) is one day, a month (`2026-11`) runs
/// from its first day to its last. Anything else is left to the field's own checks.
fn period_at(instance: &Value, pointer: &str) -> Option<(NaiveDate, NaiveDate)> {
    if let Some(day) = date_at(instance, pointer) {
        return Some((day, day));
    }
    let text = instance.pointer(pointer)?.as_str()?;
    let (y, m) = text.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    let first = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1)?;
    let last = first
        .checked_add_months(chrono::Months::new(1))?
        .pred_opt()?;
    Some((first, last))
}

mod bound;
mod parse;
use bound::{Bound, End, Resolved};
pub(crate) use parse::date_window_factory;
use parse::parse;

#[cfg(test)]
mod calendar_tests;
#[cfg(test)]
mod tests;
