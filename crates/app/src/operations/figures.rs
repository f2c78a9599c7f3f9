//! Published figures (公開する実績): per procedure and overall, for a fiscal year (April to
//! March) — how many filings, how many completed online, how long decisions took against the
//! standard processing period (標準処理期間), and how often a correction was needed. The same
//! numbers feed the public page, its CSV and its JSON. Rates are kept as tenths of a percent
//! and days as tenths of a day (integers), so what is published is exactly reproducible.

use chrono::{Datelike, NaiveDate};
use madoguchi_core::ProcedureId;
use madoguchi_core::{FilingMode, Localized, TenantId, jst};
use madoguchi_workflow::State;
use serde::Serialize;

use crate::kernel::{App, AppError};

/// The figures of one procedure (or of all, with `procedure_id` "all").
#[derive(Clone, Debug, Serialize)]
pub struct FigureRow {
    pub procedure_id: ProcedureId,
    pub title: Localized,
    pub category: String,
    /// 標準処理期間 in business days, when the procedure has one.
    pub standard_days: Option<u32>,
    /// Filings that arrived in the year.
    pub filed: i64,
    /// Of those: completed online / prepared online and finished at a counter.
    pub online: i64,
    pub at_counter: i64,
    /// Of those at a counter: entered by a clerk with the resident at the desk.
    pub entered_by_staff: i64,
    /// Filings that never came through this service, as the city counted them (paper forms
    /// and counter filings outside it, `/office/figures`); the online share is of `filed`
    /// and these together.
    pub elsewhere: i64,
    pub approved: i64,
    pub rejected: i64,
    pub withdrawn: i64,
    /// Not yet decided or withdrawn.
    pub open: i64,
    /// Median business days to a decision, in tenths (45 = 4.5 days).
    pub median_days_tenths: Option<i64>,
    /// Decided within the standard period, in tenths of a percent of decisions.
    pub within_period_permille: Option<i64>,
    /// Filings that needed at least one correction, in tenths of a percent of filings.
    pub correction_permille: Option<i64>,
    /// Filed online and approved, the fee asked after approval still unpaid: not
    /// completed, so not counted in `online_permille`.
    pub awaiting_payment: i64,
    /// Filed online, the fee taken at a counter (the resident came in): not completed
    /// online, so not counted in `online_permille`.
    pub fee_at_counter: i64,
    /// Completed online (filed online, less those awaiting payment or whose fee was taken
    /// at a counter), in tenths of a percent of filings.
    pub online_permille: Option<i64>,
    /// Decisions that went round an approval route in this service (電子決裁).
    pub e_approved: i64,
    /// Of the decisions, in tenths of a percent (電子決裁率).
    pub e_approval_permille: Option<i64>,
}

impl FigureRow {
    /// A row with nothing counted yet.
    fn empty(procedure_id: ProcedureId, title: Localized) -> Self {
        FigureRow {
            procedure_id,
            title,
            category: String::new(),
            standard_days: None,
            filed: 0,
            online: 0,
            at_counter: 0,
            entered_by_staff: 0,
            elsewhere: 0,
            approved: 0,
            rejected: 0,
            withdrawn: 0,
            open: 0,
            median_days_tenths: None,
            within_period_permille: None,
            correction_permille: None,
            awaiting_payment: 0,
            fee_at_counter: 0,
            online_permille: None,
            e_approved: 0,
            e_approval_permille: None,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Figures {
    pub fiscal_year: i32,
    pub from: NaiveDate,
    /// Last day included.
    pub to: NaiveDate,
    pub total: FigureRow,
    /// Procedures with at least one filing in the year (here or counted elsewhere), most
    /// filed first.
    pub procedures: Vec<FigureRow>,
    /// Filings per month, April first: (first day of the month, count).
    pub monthly: Vec<(NaiveDate, i64)>,
    /// Bookings whose time falls in the year, all resources.
    pub booking_total: super::booking_figures::BookingFigureRow,
    /// Each resource with a booking in the year, most booked first.
    pub bookings: Vec<super::booking_figures::BookingFigureRow>,
    /// Approval routes: drafts sent back, and each step's time to its word.
    pub approvals: super::approval_figures::ApprovalFigures,
    /// The facts the procedures state that were marked for the city to confirm, and how
    /// many of them the city has confirmed, as they stand today.
    pub facts: FactProgress,
    pub generated_on: NaiveDate,
}

/// How far the city has signed off the facts its procedures state (`/office/facts`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FactProgress {
    /// Facts marked for the city to confirm, over every procedure it offers.
    pub marked: usize,
    /// Of those, the ones the city has confirmed (for the words stated today).
    pub confirmed: usize,
}

/// `part / whole` in tenths of a percent, rounded half up.
pub(super) fn permille(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| (part * 2000 + whole) / (2 * whole))
}

/// The median of a histogram of whole days, in tenths of a day.
pub(super) fn median_tenths(histogram: &mut [(i32, i64)]) -> Option<i64> {
    histogram.sort_unstable();
    let n: i64 = histogram.iter().map(|(_, c)| c).sum();
    if n == 0 {
        return None;
    }
    // The k-th value (0-based) of the sorted sample.
    let value_at = |k: i64| {
        let mut seen = 0;
        for (days, count) in histogram.iter() {
            seen += count;
            if k < seen {
                return i64::from(*days);
            }
        }
        0
    };
    let (lo, hi) = (value_at((n - 1) / 2), value_at(n / 2));
    Some((lo + hi) * 5)
}

/// The fiscal year (年度) a date is in.
pub fn fiscal_year_of(d: NaiveDate) -> i32 {
    if d.month() >= 4 {
        d.year()
    } else {
        d.year() - 1
    }
}

impl App {
    /// The figures of a fiscal year (default: the current one, so far).
    pub fn figures(
        &self,
        tenant: &TenantId,
        fiscal_year: Option<i32>,
    ) -> Result<Figures, AppError> {
        let today = jst::date(self.now());
        let year = fiscal_year.unwrap_or_else(|| fiscal_year_of(today));
        if !(2000..=fiscal_year_of(today)).contains(&year) {
            return Err(AppError::NotFound);
        }
        let first = NaiveDate::from_ymd_opt(year, 4, 1).ok_or(AppError::NotFound)?;
        let after = NaiveDate::from_ymd_opt(year + 1, 4, 1).ok_or(AppError::NotFound)?;
        let (counts, elsewhere) = self.read(|c| {
            Ok((
                c.figure_counts(tenant, jst::start_utc(first), jst::start_utc(after))?,
                c.filings_elsewhere(tenant, first, after)?,
            ))
        })?;
        let mut monthly = Vec::with_capacity(12);
        for m in 0..12 {
            let start = first
                .checked_add_months(chrono::Months::new(m))
                .ok_or(AppError::NotFound)?;
            let end = start
                .checked_add_months(chrono::Months::new(1))
                .ok_or(AppError::NotFound)?;
            let n: i64 = self
                .read(|c| {
                    Ok(c.count_arrivals(tenant, jst::start_utc(start), jst::start_utc(end))?)
                })?
                .iter()
                .map(|(_, n)| n)
                .sum();
            monthly.push((start, n));
        }
        let mut rows: Vec<FigureRow> = Vec::new();
        let mut all_days: Vec<(i32, i64)> = Vec::new();
        let row_of = |rows: &mut Vec<FigureRow>, id: &ProcedureId| -> usize {
            if let Some(i) = rows.iter().position(|r| r.procedure_id == *id) {
                return i;
            }
            let form = self.forms_for(tenant).get(id.as_str());
            rows.push(FigureRow {
                category: form
                    .as_ref()
                    .map(|f| f.definition().procedure.category.clone())
                    .unwrap_or_default(),
                standard_days: form.as_ref().and_then(|f| f.settings().processing_days),
                ..FigureRow::empty(
                    id.clone(),
                    form.as_ref()
                        .map(|f| f.title().clone())
                        .unwrap_or_else(|| Localized::new(id.as_str(), id.as_str())),
                )
            });
            rows.len() - 1
        };
        for (procedure, mode, state, n) in &counts.by_state {
            let i = row_of(&mut rows, procedure);
            let r = &mut rows[i];
            r.filed += n;
            if *mode == FilingMode::Online {
                r.online += n;
            } else {
                r.at_counter += n;
            }
            match state {
                State::Approved => r.approved += n,
                State::Rejected => r.rejected += n,
                State::Withdrawn => r.withdrawn += n,
                // Closed files were decided; which way is on the decision event.
                State::Closed => {}
                _ => r.open += n,
            }
        }
        for e in &elsewhere {
            let i = row_of(&mut rows, &e.procedure_id);
            rows[i].elsewhere += e.paper + e.counter;
        }
        let routes = self.route_counts(tenant, first, after)?;
        let mut decided_total = 0;
        let mut within: Vec<(ProcedureId, i64, i64)> = Vec::new();
        let mut histograms: std::collections::BTreeMap<ProcedureId, Vec<(i32, i64)>> =
            std::collections::BTreeMap::new();
        for (procedure, days, n) in &counts.by_days {
            histograms
                .entry(procedure.clone())
                .or_default()
                .push((*days, *n));
            all_days.push((*days, *n));
        }
        for r in &mut rows {
            let decided: i64 = histograms
                .get(&r.procedure_id)
                .map_or(0, |h| h.iter().map(|(_, n)| n).sum());
            let late = counts
                .late
                .iter()
                .find(|(p, _)| *p == r.procedure_id)
                .map_or(0, |(_, n)| *n);
            r.e_approved = routes
                .routed
                .iter()
                .find(|(p, _)| *p == r.procedure_id)
                .map_or(0, |(_, n)| *n);
            r.e_approval_permille = permille(r.e_approved, decided);
            decided_total += decided;
            if r.standard_days.is_some() {
                r.within_period_permille = permille(decided - late, decided);
                within.push((r.procedure_id.clone(), decided - late, decided));
            }
            r.median_days_tenths = histograms
                .get_mut(&r.procedure_id)
                .and_then(|h| median_tenths(h));
            let corrected = counts
                .corrected
                .iter()
                .find(|(p, _)| *p == r.procedure_id)
                .map_or(0, |(_, n)| *n);
            r.correction_permille = permille(corrected, r.filed);
            r.awaiting_payment = counts
                .approved_unpaid
                .iter()
                .find(|(p, _)| *p == r.procedure_id)
                .map_or(0, |(_, n)| *n);
            r.fee_at_counter = counts
                .fee_at_counter
                .iter()
                .find(|(p, _)| *p == r.procedure_id)
                .map_or(0, |(_, n)| *n);
            r.online_permille = permille(
                r.online - r.awaiting_payment - r.fee_at_counter,
                r.filed + r.elsewhere,
            );
            r.entered_by_staff = counts
                .entered_by_staff
                .iter()
                .find(|(p, _)| *p == r.procedure_id)
                .map_or(0, |(_, n)| *n);
        }
        rows.sort_by(|a, b| {
            (b.filed + b.elsewhere)
                .cmp(&(a.filed + a.elsewhere))
                .then(a.procedure_id.cmp(&b.procedure_id))
        });
        let mut total = FigureRow::empty(
            ProcedureId::new("all"),
            crate::kernel::words::localized(madoguchi_i18n::msg::app_figures_all_procedures::text),
        );
        for r in &rows {
            total.filed += r.filed;
            total.online += r.online;
            total.at_counter += r.at_counter;
            total.entered_by_staff += r.entered_by_staff;
            total.approved += r.approved;
            total.rejected += r.rejected;
            total.withdrawn += r.withdrawn;
            total.open += r.open;
            total.awaiting_payment += r.awaiting_payment;
            total.fee_at_counter += r.fee_at_counter;
            total.elsewhere += r.elsewhere;
            total.e_approved += r.e_approved;
        }
        total.e_approval_permille = permille(total.e_approved, decided_total);
        let corrected_total: i64 = counts.corrected.iter().map(|(_, n)| n).sum();
        total.correction_permille = permille(corrected_total, total.filed);
        total.online_permille = permille(
            total.online - total.awaiting_payment - total.fee_at_counter,
            total.filed + total.elsewhere,
        );
        total.median_days_tenths = median_tenths(&mut all_days);
        let (ok, decided) = within
            .iter()
            .fold((0, 0), |(a, b), (_, ok, d)| (a + ok, b + d));
        total.within_period_permille = permille(ok, decided);
        let (booking_total, bookings) = self.booking_figures(tenant, first, after)?;
        Ok(Figures {
            fiscal_year: year,
            from: first,
            to: after.pred_opt().unwrap_or(after),
            total,
            procedures: rows,
            monthly,
            booking_total,
            bookings,
            approvals: routes.figures,
            facts: self.facts_confirmed(tenant)?,
            generated_on: today,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_rates_are_exact() {
        assert_eq!(median_tenths(&mut [(3, 1), (1, 1), (2, 1)]), Some(20));
        assert_eq!(median_tenths(&mut [(1, 1), (4, 1)]), Some(25));
        assert_eq!(median_tenths(&mut [(5, 3), (1, 1)]), Some(50));
        assert_eq!(median_tenths(&mut []), None);
        assert_eq!(permille(1, 3), Some(333));
        assert_eq!(permille(2, 3), Some(667));
        assert_eq!(permille(0, 0), None);
        assert_eq!(
            fiscal_year_of(NaiveDate::from_ymd_opt(2027, 3, 31).unwrap()),
            2026
        );
    }
}
