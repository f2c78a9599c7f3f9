//! The published figures of approval routes (電子決裁, issue 44 item 1): of the decisions on a
//! year's filings, how many went round an approval route in this service (Akita's KPI,
//! 電子決裁率), how often drafts were sent back, and how long each step of a route waited
//! for its word (median, in hours).

use chrono::NaiveDate;
use madoguchi_core::{DraftStatus, ProcedureId, TenantId, Verdict, jst};
use madoguchi_records::SignoffRecord;
use serde::Serialize;

use crate::kernel::{App, AppError};

/// A step of the routes (the first after the drafter is 1): how many words were given on it
/// and how long it waited for them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StepFigure {
    pub step: usize,
    pub signed: i64,
    /// Of those, by a stand-in (代決).
    pub stand_in: i64,
    /// Median time from the draft (or the step before) to this step's word, in tenths of
    /// an hour.
    pub median_hours_tenths: Option<i64>,
}

/// The year's approval-route figures.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ApprovalFigures {
    /// Drafts sent back to their drafter (差戻し).
    pub returned: i64,
    pub steps: Vec<StepFigure>,
}

/// What `App::figures` needs of the routes: decisions through a route by procedure, and
/// the year's figures.
pub(super) struct RouteCounts {
    pub(super) routed: Vec<(ProcedureId, i64)>,
    pub(super) figures: ApprovalFigures,
}

/// The median of `values` (sorted here), in tenths of the unit of `per` (60 s for minutes
/// → tenths of an hour when `per` is 3,600 s).
fn median_tenths_of(values: &mut [i64], per: i64) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    let mid = (values[(n - 1) / 2] + values[n / 2]) * 5;
    // Rounded half up to a tenth.
    Some((mid + per / 2) / per)
}

impl App {
    pub(super) fn route_counts(
        &self,
        tenant: &TenantId,
        first: NaiveDate,
        after: NaiveDate,
    ) -> Result<RouteCounts, AppError> {
        let (drafts, words) = self.read(|c| {
            let drafts =
                c.closed_drafts_of_arrivals(tenant, jst::start_utc(first), jst::start_utc(after))?;
            let ids: Vec<_> = drafts.iter().map(|(_, d)| d.id.clone()).collect();
            Ok((drafts, c.signoffs_of(tenant, &ids)?))
        })?;
        let mut routed: Vec<(ProcedureId, i64)> = Vec::new();
        let mut figures = ApprovalFigures::default();
        // Seconds each step waited, by step.
        let mut waits: Vec<Vec<i64>> = Vec::new();
        for (procedure, draft) in &drafts {
            match draft.status {
                DraftStatus::Decided => match routed.iter_mut().find(|(p, _)| p == procedure) {
                    Some((_, n)) => *n += 1,
                    None => routed.push((procedure.clone(), 1)),
                },
                _ => figures.returned += 1,
            }
            let mut mine: Vec<&SignoffRecord> =
                words.iter().filter(|w| w.draft_id == draft.id).collect();
            mine.sort_by_key(|w| w.step);
            let mut since = draft.drafted_at;
            for w in mine {
                let step = usize::try_from(w.step).unwrap_or(0);
                if waits.len() <= step {
                    waits.resize_with(step + 1, Vec::new);
                    figures.steps.resize_with(step + 1, || StepFigure {
                        step: 0,
                        signed: 0,
                        stand_in: 0,
                        median_hours_tenths: None,
                    });
                }
                waits[step].push((w.signed_at - since).num_seconds().max(0));
                let f = &mut figures.steps[step];
                f.step = step + 1;
                f.signed += 1;
                f.stand_in += i64::from(w.stand_in);
                if w.verdict == Verdict::Return {
                    break;
                }
                since = w.signed_at;
            }
        }
        for (f, w) in figures.steps.iter_mut().zip(waits.iter_mut()) {
            f.median_hours_tenths = median_tenths_of(w, 3_600);
        }
        Ok(RouteCounts { routed, figures })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_are_in_tenths_of_an_hour() {
        assert_eq!(median_tenths_of(&mut [], 3_600), None);
        assert_eq!(median_tenths_of(&mut [5_400], 3_600), Some(15));
        assert_eq!(median_tenths_of(&mut [7_200, 3_600, 0], 3_600), Some(10));
        assert_eq!(median_tenths_of(&mut [0, 3_600], 3_600), Some(5));
    }
}
