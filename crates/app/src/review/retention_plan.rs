//! The retention plan (廃棄予定目録, issue 44 item 5, its first step): for a section's
//! procedures, the decided filings whose keeping period (保存期間, the procedure's
//! `retention` class) has run out, listed for the section's head (文書管理責任者) before
//! anything is destroyed. Nothing is deleted here: this is the dry run the disposal is
//! decided on.
//!
//! The period is counted by fiscal year from the decision: it starts on the 1 April after
//! the fiscal year the filing was decided in (翌年度の4月1日起算), so a filing decided in
//! fiscal 2020 with a five-year class is kept until 31 March 2026 and is due from 1 April
//! 2026. Filings still open, and filings never decided (withdrawn), are not listed; a
//! filing under a legal hold (`legal_hold.rs`) is counted apart and never listed.

use chrono::{Datelike, NaiveDate};
use madoguchi_core::{ArrivalNumber, Localized, ProcedureId, jst};
use madoguchi_workflow::State;

use super::Review;
use crate::kernel::staff::{require_city, require_supervisor};
use crate::kernel::{AppError, Clerk};
use crate::submission::access::parse_number;

/// The most filings of one procedure the list reads (the next year's list has the rest).
pub const PLAN_LIMIT: i64 = 5000;

/// A procedure's retention class (`retention` in its definition).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeepFor {
    Years(u16),
    Permanent,
}

impl KeepFor {
    /// `1y` … `30y`, or `permanent`; anything else is no class (nothing is listed).
    pub fn parse(code: &str) -> Option<Self> {
        if code == "permanent" {
            return Some(KeepFor::Permanent);
        }
        let years: u16 = code.strip_suffix('y')?.parse().ok()?;
        (1..=30).contains(&years).then_some(KeepFor::Years(years))
    }

    /// Filings decided before this day (JST) are past their period on `today`: the first
    /// day of the fiscal year `years` before today's. `None`: kept for good.
    pub fn decided_before(self, today: NaiveDate) -> Option<NaiveDate> {
        let KeepFor::Years(years) = self else {
            return None;
        };
        let fiscal_year = if today.month() >= 4 {
            today.year()
        } else {
            today.year() - 1
        };
        NaiveDate::from_ymd_opt(fiscal_year - i32::from(years), 4, 1)
    }
}

/// One procedure of the section in the plan.
#[derive(Clone, Debug)]
pub struct PlanLine {
    pub procedure: ProcedureId,
    pub title: Localized,
    /// `None`: the definition names no class this reads.
    pub keep: Option<KeepFor>,
    /// Decided before this day: past the period. `None` for permanent or unknown classes.
    pub decided_before: Option<NaiveDate>,
    /// How many filings are past the period (and not held).
    pub due: i64,
    /// How many more are past it but kept for a legal hold in force.
    pub held: i64,
}

/// A filing past its period, as the list names it (no applicant's details).
#[derive(Clone, Debug)]
pub struct DueFiling {
    pub arrival_number: ArrivalNumber,
    pub procedure: ProcedureId,
    pub state: State,
    pub decided_on: NaiveDate,
}

/// The section's plan on a day.
#[derive(Clone, Debug)]
pub struct RetentionPlan {
    pub as_of: NaiveDate,
    pub lines: Vec<PlanLine>,
}

impl RetentionPlan {
    pub fn due(&self) -> i64 {
        self.lines.iter().map(|l| l.due).sum()
    }

    pub fn held(&self) -> i64 {
        self.lines.iter().map(|l| l.held).sum()
    }
}

impl Review<'_> {
    /// The section's procedures, each with its class and how many filings are past it
    /// today. For the section's supervisors who see every ward (the list is the section's).
    pub fn retention_plan(&self, clerk: &Clerk) -> Result<RetentionPlan, AppError> {
        self.plan_scope(clerk)?;
        let as_of = jst::date(self.app.now());
        let procedures = self.section_procedures(clerk)?;
        self.app.read(|c| {
            let mut lines = Vec::with_capacity(procedures.len());
            for (procedure, title, class) in procedures {
                let keep = KeepFor::parse(&class);
                let decided_before = keep.and_then(|k| k.decided_before(as_of));
                let (due, held) = match decided_before {
                    Some(day) => {
                        c.count_decided_before(&clerk.tenant, &procedure, jst::start_utc(day))?
                    }
                    None => (0, 0),
                };
                lines.push(PlanLine {
                    procedure,
                    title,
                    keep,
                    decided_before,
                    due,
                    held,
                });
            }
            Ok(RetentionPlan { as_of, lines })
        })
    }

    /// The filings past their period, procedure by procedure, oldest decision first (at
    /// most `PLAN_LIMIT` of each): the 廃棄予定目録.
    pub fn retention_list(&self, clerk: &Clerk) -> Result<Vec<DueFiling>, AppError> {
        self.plan_scope(clerk)?;
        let as_of = jst::date(self.app.now());
        let procedures = self.section_procedures(clerk)?;
        self.app.read(|c| {
            let mut out = Vec::new();
            for (procedure, _, class) in &procedures {
                // Read straight away: no count first (the page's plan counts).
                let Some(day) = KeepFor::parse(class).and_then(|k| k.decided_before(as_of)) else {
                    continue;
                };
                let rows =
                    c.decided_before(&clerk.tenant, procedure, jst::start_utc(day), PLAN_LIMIT)?;
                for row in rows {
                    let Some(decided_at) = row.decided_at else {
                        continue;
                    };
                    out.push(DueFiling {
                        arrival_number: parse_number(&row)?,
                        procedure: row.procedure_id.clone(),
                        state: row.state,
                        decided_on: jst::date(decided_at.and_utc()),
                    });
                }
            }
            Ok(out)
        })
    }

    /// The section's head for every ward: its supervisors without a ward.
    fn plan_scope(&self, clerk: &Clerk) -> Result<(), AppError> {
        require_city(clerk, self.city)?;
        require_supervisor(clerk)?;
        if clerk.ward.is_some() {
            return Err(AppError::Forbidden);
        }
        Ok(())
    }

    /// The section's procedures (current versions): id, title and retention class, by title.
    fn section_procedures(
        &self,
        clerk: &Clerk,
    ) -> Result<Vec<(ProcedureId, Localized, String)>, AppError> {
        let code = self.app.read(|c| self.app.department_code(c, clerk))?;
        let mut out: Vec<(ProcedureId, Localized, String)> = self
            .app
            .forms_for(&clerk.tenant)
            .all()
            .filter(|f| f.definition().procedure.department == code.as_str())
            .map(|f| {
                (
                    ProcedureId::new(f.id()),
                    f.title().clone(),
                    f.definition().procedure.retention.clone(),
                )
            })
            .collect();
        out.sort_by(|a, b| a.1.ja.cmp(&b.1.ja));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn classes_are_years_or_permanent() {
        assert_eq!(KeepFor::parse("5y"), Some(KeepFor::Years(5)));
        assert_eq!(KeepFor::parse("30y"), Some(KeepFor::Years(30)));
        assert_eq!(KeepFor::parse("permanent"), Some(KeepFor::Permanent));
        for bad in ["", "0y", "31y", "5", "y", "5 years", "-1y"] {
            assert_eq!(KeepFor::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_period_runs_from_the_first_of_april_after_the_decisions_fiscal_year() {
        let five = KeepFor::Years(5);
        // Decided in fiscal 2020 (to 31 March 2021): kept to 31 March 2026, due from 1 April.
        assert_eq!(five.decided_before(day(2026, 3, 31)), Some(day(2020, 4, 1)));
        assert_eq!(five.decided_before(day(2026, 4, 1)), Some(day(2021, 4, 1)));
        assert_eq!(
            five.decided_before(day(2026, 11, 29)),
            Some(day(2021, 4, 1))
        );
        // January to March belong to the fiscal year before.
        assert_eq!(
            KeepFor::Years(1).decided_before(day(2027, 2, 1)),
            Some(day(2025, 4, 1))
        );
        assert_eq!(KeepFor::Permanent.decided_before(day(2026, 11, 29)), None);
    }
}
