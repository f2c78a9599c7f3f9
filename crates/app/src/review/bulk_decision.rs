//! Bulk decisions for mass procedures (一括処理, issue 44 item 8): a clerk ticks filings of one
//! procedure in the queue (a benefit round, a season's permits), sees which of them pass the
//! checks a single approval makes, and approves those together — through the procedure's
//! approval route where the city names one (each is drafted for it, and the approver agrees
//! to them together on 決裁待ち), or at once where it does not. Each filing is still decided
//! on its own: its history, notice, mail to its applicant and payment request.
//!
//! The checks, for each ticked filing:
//! * of the same procedure as the others (the most ticked one);
//! * in a state this clerk may approve from;
//! * no decision already drafted for it on its route;
//! * not flagged as alike another open filing (「重複の疑い」 asks for a look of its own);
//! * its fee paid where the procedure takes it before the decision.
//!
//! All or none: a filing that changed between the check and the approval refuses the whole
//! batch (409), and the clerk sees the checks again.

use chrono::{DateTime, Utc};
use madoguchi_core::{ArrivalNumber, DraftStatus, Localized, Post, ProcedureId, SubmissionId, jst};
use madoguchi_forms::definition::FeeTiming;
use madoguchi_records::{RecordsRead, SubmissionRecord};
use madoguchi_workflow::{Action, ActionKind, State, transition};

use super::Review;
use super::decide::{MAX_BULK, Prepared, ReviewInput};
use crate::kernel::staff::{require_case_worker, require_city};
use crate::kernel::{AppError, Clerk};
use crate::submission::access::parse_number;

/// Why a ticked filing cannot be approved with the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BulkBlock {
    /// Of another procedure than the batch's.
    OtherProcedure,
    /// Not in a state this clerk may approve from (decided, waiting for a correction…).
    State,
    /// A decision on it is already on its approval route.
    Drafted,
    /// Alike another open filing (`procedure.duplicates`): look at it on its own.
    Alike,
    /// Its fee is not paid yet.
    FeeUnpaid,
}

impl BulkBlock {
    pub fn code(self) -> &'static str {
        match self {
            BulkBlock::OtherProcedure => "other_procedure",
            BulkBlock::State => "state",
            BulkBlock::Drafted => "drafted",
            BulkBlock::Alike => "alike",
            BulkBlock::FeeUnpaid => "fee_unpaid",
        }
    }
}

/// A ticked filing and what the checks found.
#[derive(Clone, Debug)]
pub struct BulkRow {
    pub id: SubmissionId,
    pub arrival_number: ArrivalNumber,
    pub procedure_title: Localized,
    pub applicant_name: Option<String>,
    pub arrived_at: DateTime<Utc>,
    pub state: State,
    /// `None`: passes and is approved with the others.
    pub block: Option<BulkBlock>,
}

/// The checks on a selection, before anything is decided.
#[derive(Clone, Debug)]
pub struct BulkPreview {
    /// The batch's procedure (the one most of the ticked filings are of).
    pub procedure: ProcedureId,
    pub procedure_title: Localized,
    /// The approval route each approval is drafted for (empty: decided at once).
    pub route: Vec<Post>,
    pub rows: Vec<BulkRow>,
    /// Ticked filings this clerk can no longer open (moved to another ward, gone).
    pub unseen: usize,
}

impl BulkPreview {
    /// The filings that pass, in the order ticked.
    pub fn passing(&self) -> impl Iterator<Item = &BulkRow> {
        self.rows.iter().filter(|r| r.block.is_none())
    }
}

/// What a bulk approval did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BulkApproved {
    /// Decided at once: each applicant told.
    Decided(usize),
    /// Drafted for the procedure's approval route (起案): decided when it agrees.
    Drafted(usize),
}

/// The clerk's approval as posted with the batch: an optional note, for the applicants too
/// when `tell_applicant` (a collection day, where to pick the result up).
#[derive(Clone, Debug, Default)]
pub struct BulkApproval {
    pub note: String,
    pub tell_applicant: bool,
}

impl Review<'_> {
    /// The checks on the ticked filings, nothing changed.
    pub fn bulk_decision_preview(
        &self,
        clerk: &Clerk,
        ids: &[String],
    ) -> Result<BulkPreview, AppError> {
        require_city(clerk, self.city)?;
        require_case_worker(clerk)?;
        let ids = selection(ids)?;
        self.app.read(|c| {
            let mut rows = Vec::with_capacity(ids.len());
            for id in &ids {
                match self.app.visible_to(c, clerk, id) {
                    Ok(row) => rows.push(row),
                    Err(AppError::NotFound) => {}
                    Err(e) => return Err(e),
                }
            }
            let unseen = ids.len() - rows.len();
            let Some(procedure) = most_ticked(&rows) else {
                // Nothing ticked is this clerk's to open (as a bulk export says).
                return Err(AppError::NotFound);
            };
            let blocks = self.blocks(c, clerk, &rows, &procedure)?;
            let first = rows
                .iter()
                .find(|r| r.procedure_id == procedure)
                .ok_or_else(|| AppError::broken("batch without its procedure"))?;
            let route = self.route_from(c, clerk, first)?;
            let procedure_title = self
                .app
                .form_version(c, &first.form_version)?
                .title()
                .clone();
            let mut out = Vec::with_capacity(rows.len());
            for (row, block) in rows.iter().zip(blocks) {
                let form = self.app.form_version(c, &row.form_version)?;
                out.push(BulkRow {
                    id: row.id.clone(),
                    arrival_number: parse_number(row)?,
                    procedure_title: form.title().clone(),
                    applicant_name: row.applicant_name.clone(),
                    arrived_at: row.arrived_at.and_utc(),
                    state: row.state,
                    block,
                });
            }
            Ok(BulkPreview {
                procedure,
                procedure_title,
                route,
                rows: out,
                unseen,
            })
        })
    }

    /// Approves the filings together, all or none: each passes the checks again in the
    /// transaction, then is decided (or drafted for its route) as a single approval is.
    pub fn approve_many(
        &self,
        clerk: &Clerk,
        ids: &[String],
        approval: &BulkApproval,
    ) -> Result<BulkApproved, AppError> {
        require_city(clerk, self.city)?;
        require_case_worker(clerk)?;
        let ids = selection(ids)?;
        let note = approval.note.trim().to_string();
        if note.chars().count() > madoguchi_workflow::state::MAX_REASON_CHARS {
            return Err(AppError::ReasonTooLong);
        }
        let input = ReviewInput {
            action: ActionKind::Approve.code().into(),
            reason: note.clone(),
            tell_applicant: approval.tell_applicant,
            ..ReviewInput::default()
        };
        let now = self.app.now();
        let prepared = Prepared {
            kind: ActionKind::Approve,
            action: Action::Approve,
            deadline: None,
            now,
            today: jst::date(now),
            tell_applicant: approval.tell_applicant && !note.is_empty(),
            note: Some(note).filter(|n| !n.is_empty()),
            route_record: None,
        };
        self.app.write(|c| {
            let mut rows = Vec::with_capacity(ids.len());
            for id in &ids {
                // Moved out of this clerk's sight since the check: the batch is not the one
                // they saw.
                let row = self
                    .app
                    .visible_to(c, clerk, id)
                    .map_err(|e| match e {
                        AppError::NotFound => AppError::InvalidTransition,
                        e => e,
                    })?;
                rows.push(row);
            }
            let procedure = rows[0].procedure_id.clone();
            let blocks = self.blocks(c, clerk, &rows, &procedure)?;
            if blocks.iter().any(Option::is_some) {
                return Err(AppError::InvalidTransition);
            }
            let (mut decided, mut drafted) = (0, 0);
            for id in &ids {
                if self.draft_if_routed(c, clerk, id, &prepared)?.is_some() {
                    drafted += 1;
                } else {
                    self.act_in(c, clerk, id, &input, &prepared)?;
                    decided += 1;
                }
            }
            tracing::info!(clerk = %clerk.id, procedure = %procedure, decided, drafted, "bulk approval recorded");
            Ok(if drafted > 0 {
                BulkApproved::Drafted(drafted)
            } else {
                BulkApproved::Decided(decided)
            })
        })
    }

    /// What stops each filing from being approved with the others.
    fn blocks(
        &self,
        c: &mut dyn RecordsRead,
        clerk: &Clerk,
        rows: &[SubmissionRecord],
        procedure: &ProcedureId,
    ) -> Result<Vec<Option<BulkBlock>>, AppError> {
        let keys: Vec<String> = rows
            .iter()
            .filter(|r| r.state.is_open())
            .filter_map(|r| r.duplicate_key.clone())
            .collect();
        let shared = if keys.is_empty() {
            Vec::new()
        } else {
            c.shared_duplicate_keys(&clerk.tenant, &keys)?
        };
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let block = if row.procedure_id != *procedure {
                Some(BulkBlock::OtherProcedure)
            } else if transition(row.state, &Action::Approve, clerk.role).is_err() {
                Some(BulkBlock::State)
            } else if c
                .decision_drafts_of(&row.tenant_id, &row.id)?
                .iter()
                .any(|d| d.status == DraftStatus::Pending)
            {
                Some(BulkBlock::Drafted)
            } else if row
                .duplicate_key
                .as_ref()
                .is_some_and(|k| shared.contains(k))
            {
                Some(BulkBlock::Alike)
            } else {
                let form = self.app.form_version(c, &row.form_version)?;
                (!self
                    .app
                    .fee_settled(c, &form, row, FeeTiming::OnSubmission)?)
                .then_some(BulkBlock::FeeUnpaid)
            };
            out.push(block);
        }
        Ok(out)
    }
}

/// The ticked ids, each once, in the order ticked: 1 to `MAX_BULK` of them.
fn selection(ids: &[String]) -> Result<Vec<String>, AppError> {
    let mut seen = std::collections::HashSet::new();
    let ids: Vec<String> = ids
        .iter()
        .map(|i| i.trim().to_string())
        .filter(|i| !i.is_empty() && seen.insert(i.clone()))
        .collect();
    if ids.is_empty() || ids.len() > MAX_BULK {
        return Err(AppError::Refused(
            madoguchi_core::ErrorCode::SelectionInvalid,
        ));
    }
    Ok(ids)
}

/// The procedure most of the filings are of (the first ticked on a tie).
fn most_ticked(rows: &[SubmissionRecord]) -> Option<ProcedureId> {
    let mut counts: Vec<(&ProcedureId, usize)> = Vec::new();
    for row in rows {
        match counts.iter_mut().find(|(p, _)| **p == row.procedure_id) {
            Some((_, n)) => *n += 1,
            None => counts.push((&row.procedure_id, 1)),
        }
    }
    // `max_by_key` keeps the last of equals: look from the end for the first ticked.
    counts
        .iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .map(|(p, _)| (*p).clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selection_is_each_id_once_and_at_most_the_bulk_limit() {
        let ids = vec!["a".to_string(), " a ".into(), "b".into(), "".into()];
        assert_eq!(selection(&ids).unwrap(), vec!["a", "b"]);
        assert!(selection(&[]).is_err());
        assert!(selection(&["".into()]).is_err());
        let many: Vec<String> = (0..=MAX_BULK).map(|i| i.to_string()).collect();
        assert!(selection(&many).is_err());
        assert!(selection(&many[..MAX_BULK]).is_ok());
    }
}
