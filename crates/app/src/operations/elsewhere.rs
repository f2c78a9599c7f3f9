//! Filings made elsewhere (issue 44 item 6): a section's supervisor enters, per procedure
//! of the section and month, the paper forms and the counter filings that never came through this
//! service, so the online share published is the city's real rate; an administrator may
//! enter them for every procedure of the city. A second entry for a month replaces the first
//! and keeps who entered it last and when.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use madoguchi_core::{Localized, ProcedureId, TenantId, jst};
use madoguchi_records::{FilingsElsewhereRecord, RecordsRead};
use madoguchi_workflow::Role;

use crate::kernel::staff::require_city;
use crate::kernel::{App, AppError, Clerk};
use crate::operations::fiscal_year_of;

/// The most one month's count may be (a typo guard, far above any city's volume).
pub const MAX_COUNT: i64 = 10_000_000;

/// What the entry form sends, as typed.
#[derive(Clone, Debug, Default)]
pub struct ElsewhereInput {
    pub procedure: String,
    /// `2026-04` (also `2026/4`, full-width digits).
    pub month: String,
    pub paper: String,
    pub counter: String,
}

/// The inputs of the entry form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ElsewhereField {
    Procedure,
    Month,
    Paper,
    Counter,
}

impl ElsewhereField {
    pub fn input(self) -> &'static str {
        match self {
            ElsewhereField::Procedure => "procedure",
            ElsewhereField::Month => "month",
            ElsewhereField::Paper => "paper",
            ElsewhereField::Counter => "counter",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ElsewhereProblem {
    Missing,
    /// Not a procedure this person may enter counts for.
    NotOffered,
    /// Not a month written `2026-04`.
    NotMonth,
    /// A month still to come (or before 2000).
    OutOfRange,
    /// Not a whole number from 0 to [`MAX_COUNT`].
    NotCount,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ElsewhereFault {
    pub field: ElsewhereField,
    pub problem: ElsewhereProblem,
}

/// One month's counts as entered.
#[derive(Clone, Debug)]
pub struct ElsewhereRow {
    pub procedure_id: ProcedureId,
    pub title: Localized,
    pub month: NaiveDate,
    pub paper: i64,
    pub counter: i64,
    pub entered_by: String,
    pub entered_at: DateTime<Utc>,
}

/// The entry page: the procedures offered and what was entered for the fiscal year.
#[derive(Clone, Debug)]
pub struct ElsewherePage {
    pub fiscal_year: i32,
    pub procedures: Vec<(ProcedureId, Localized)>,
    pub entered: Vec<ElsewhereRow>,
}

impl App {
    /// Who enters the counts (`Clerk::enters_figures`).
    pub fn may_enter_figures(&self, clerk: &Clerk) -> bool {
        clerk.enters_figures()
    }

    /// The city's procedures of this person's section (every one for an administrator), by
    /// title: those a supervisor enters counts for and signs the facts of.
    pub(super) fn section_forms(
        &self,
        c: &mut dyn RecordsRead,
        clerk: &Clerk,
    ) -> Result<Vec<std::sync::Arc<madoguchi_forms::Form>>, AppError> {
        let section = match clerk.role {
            Role::Administrator => None,
            _ => Some(self.department_code(c, clerk)?),
        };
        let mut all: Vec<_> = self
            .forms_for(&clerk.tenant)
            .all()
            .filter(|f| {
                section
                    .as_ref()
                    .is_none_or(|code| code.as_str() == f.settings().department)
            })
            .cloned()
            .collect();
        all.sort_by(|a, b| a.title().ja.cmp(&b.title().ja));
        Ok(all)
    }

    /// The procedures this person enters counts for, by title.
    fn figure_procedures(
        &self,
        c: &mut dyn RecordsRead,
        clerk: &Clerk,
    ) -> Result<Vec<(ProcedureId, Localized)>, AppError> {
        Ok(self
            .section_forms(c, clerk)?
            .iter()
            .map(|f| (f.procedure_id(), f.title().clone()))
            .collect())
    }

    /// The entry page for the current fiscal year.
    pub fn filings_elsewhere_page(
        &self,
        city: &TenantId,
        clerk: &Clerk,
    ) -> Result<ElsewherePage, AppError> {
        require_city(clerk, city)?;
        if !self.may_enter_figures(clerk) {
            return Err(AppError::Forbidden);
        }
        let year = fiscal_year_of(jst::date(self.now()));
        let first = NaiveDate::from_ymd_opt(year, 4, 1).ok_or(AppError::NotFound)?;
        let after = NaiveDate::from_ymd_opt(year + 1, 4, 1).ok_or(AppError::NotFound)?;
        self.read(|c| {
            let procedures = self.figure_procedures(c, clerk)?;
            let names = c.clerks_of(&clerk.tenant)?;
            let entered = c
                .filings_elsewhere(&clerk.tenant, first, after)?
                .into_iter()
                .filter_map(|r| {
                    let title = procedures
                        .iter()
                        .find(|(id, _)| *id == r.procedure_id)?
                        .1
                        .clone();
                    let entered_by = names
                        .iter()
                        .find(|n| n.id == r.entered_by.as_str())
                        .map_or_else(|| r.entered_by.to_string(), |n| n.display_name.clone());
                    Some(ElsewhereRow {
                        procedure_id: r.procedure_id,
                        title,
                        month: r.month,
                        paper: r.paper,
                        counter: r.counter,
                        entered_by,
                        entered_at: r.entered_at.and_utc(),
                    })
                })
                .collect();
            Ok(ElsewherePage {
                fiscal_year: year,
                procedures,
                entered,
            })
        })
    }

    /// Stores one month's counts, or says what is wrong at each input (nothing stored).
    pub fn enter_filings_elsewhere(
        &self,
        city: &TenantId,
        clerk: &Clerk,
        input: &ElsewhereInput,
    ) -> Result<Result<(), Vec<ElsewhereFault>>, AppError> {
        require_city(clerk, city)?;
        if !self.may_enter_figures(clerk) {
            return Err(AppError::Forbidden);
        }
        let offered = self.read(|c| self.figure_procedures(c, clerk))?;
        let this_month = first_of(jst::date(self.now()));
        let mut faults = Vec::new();
        let mut fault = |field, problem| faults.push(ElsewhereFault { field, problem });
        let procedure = input.procedure.trim();
        if procedure.is_empty() {
            fault(ElsewhereField::Procedure, ElsewhereProblem::Missing);
        } else if !offered.iter().any(|(id, _)| id.as_str() == procedure) {
            fault(ElsewhereField::Procedure, ElsewhereProblem::NotOffered);
        }
        let month = match parse_month(&input.month) {
            _ if input.month.trim().is_empty() => {
                fault(ElsewhereField::Month, ElsewhereProblem::Missing);
                None
            }
            None => {
                fault(ElsewhereField::Month, ElsewhereProblem::NotMonth);
                None
            }
            Some(m) if m > this_month || m.year() < 2000 => {
                fault(ElsewhereField::Month, ElsewhereProblem::OutOfRange);
                None
            }
            Some(m) => Some(m),
        };
        let mut count = |typed: &str, field| match typed.trim() {
            "" => {
                fault(field, ElsewhereProblem::Missing);
                None
            }
            t => parse_count(t).or_else(|| {
                fault(field, ElsewhereProblem::NotCount);
                None
            }),
        };
        let paper = count(&input.paper, ElsewhereField::Paper);
        let counter = count(&input.counter, ElsewhereField::Counter);
        let (Some(month), Some(paper), Some(counter), true) =
            (month, paper, counter, faults.is_empty())
        else {
            return Ok(Err(faults));
        };
        let record = FilingsElsewhereRecord {
            tenant_id: clerk.tenant.clone(),
            procedure_id: ProcedureId::new(procedure),
            month,
            paper,
            counter,
            entered_by: clerk.id.clone(),
            entered_at: self.now().naive_utc(),
        };
        self.write(|c| Ok(c.set_filings_elsewhere(&record)?))?;
        Ok(Ok(()))
    }
}

fn first_of(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// Full-width digits and separators as their ASCII forms.
fn ascii(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            // What a Japanese input method gives for the hyphen key, and other dashes.
            '－' | 'ー' | '−' | '‐' | '‑' | '–' | '—' | '／' => '-',
            '，' => ',',
            _ => c,
        })
        .collect()
}

/// `2026-04`, `2026-4`, `2026/04`, `202604` → the month's first day.
fn parse_month(text: &str) -> Option<NaiveDate> {
    let mut text = ascii(text).replace('/', "-");
    if text.len() == 6 && text.chars().all(|c| c.is_ascii_digit()) {
        text.insert(4, '-');
    }
    let (y, m) = text.split_once('-')?;
    let (y, m) = (y.parse::<i32>().ok()?, m.parse::<u32>().ok()?);
    if !(1000..=9999).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, 1)
}

/// A whole number from 0 to [`MAX_COUNT`]; thousands may be separated (`1,200`).
fn parse_count(text: &str) -> Option<i64> {
    let digits = ascii(text).replace(',', "");
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 9 {
        return None;
    }
    digits.parse::<i64>().ok().filter(|n| *n <= MAX_COUNT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_counts_are_read_as_people_type_them() {
        let april = NaiveDate::from_ymd_opt(2026, 4, 1);
        for typed in [
            "2026-04",
            "2026-4",
            "2026/04",
            "２０２６－０４",
            " 2026-04 ",
        ] {
            assert_eq!(parse_month(typed), april, "{typed}");
        }
        for typed in ["2026", "04-2026", "2026-13", "26-04", "2026-04-01"] {
            assert_eq!(parse_month(typed), None, "{typed}");
        }
        assert_eq!(parse_count("1,200"), Some(1200));
        assert_eq!(parse_count("１２"), Some(12));
        assert_eq!(parse_count("0"), Some(0));
        for typed in ["-1", "1.5", "十", "10000001", "99999999999999999999"] {
            assert_eq!(parse_count(typed), None, "{typed}");
        }
    }
}
