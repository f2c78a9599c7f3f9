//! Legal holds (法的保留, issue 44 item 5): while a lawsuit, an appeal (審査請求) or a
//! disclosure request (情報公開請求) concerns a filing, a supervisor of its section puts a
//! hold on it with the reason, and it is left out of the retention plan (never disposed
//! of) until the hold is lifted, again with a reason. Each is an entry of the filing's
//! history (the audit log reads it), never shown to the applicant.

use chrono::{DateTime, Utc};
use madoguchi_core::HistoryAction;
use madoguchi_records::{LegalHoldRecord, RecordsRead, SubmissionRecord};

use super::Review;
use crate::kernel::audit::{Actor, HistoryEntry};
use crate::kernel::staff::{require_city, require_supervisor};
use crate::kernel::{AppError, Clerk};

/// The most characters of a hold's reason.
pub const MAX_HOLD_REASON_CHARS: usize = 500;

/// Put on, or take off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HoldMove {
    Place,
    Lift,
}

/// The hold in force on a filing, as its page shows it.
#[derive(Clone, Debug)]
pub struct HoldView {
    pub reason: String,
    pub placed_by: Option<String>,
    pub placed_at: DateTime<Utc>,
}

impl Review<'_> {
    /// Places or lifts the filing's legal hold: supervisors of its section only, with a
    /// reason; a hold already in force (or none to lift) is 409.
    pub fn legal_hold(
        &self,
        clerk: &Clerk,
        id: &str,
        step: HoldMove,
        reason: &str,
    ) -> Result<(), AppError> {
        require_city(clerk, self.city)?;
        require_supervisor(clerk)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(AppError::ReasonRequired);
        }
        if reason.chars().count() > MAX_HOLD_REASON_CHARS {
            return Err(AppError::ReasonTooLong);
        }
        let now = self.app.now();
        self.app.write(|c| {
            let row = self.app.visible_to(c, clerk, id)?;
            let (done, action) = match step {
                HoldMove::Place => (
                    c.insert_legal_hold(&LegalHoldRecord {
                        id: uuid::Uuid::now_v7().to_string(),
                        tenant_id: row.tenant_id.clone(),
                        submission_id: row.id.clone(),
                        reason: reason.to_string(),
                        placed_by: clerk.id.clone(),
                        placed_at: now.naive_utc(),
                        lifted_by: None,
                        lifted_at: None,
                        lift_reason: None,
                    })?,
                    HistoryAction::LegalHoldPlaced,
                ),
                HoldMove::Lift => (
                    c.lift_legal_hold(
                        &row.tenant_id,
                        &row.id,
                        &clerk.id,
                        now.naive_utc(),
                        reason,
                    )?,
                    HistoryAction::LegalHoldLifted,
                ),
            };
            if !done {
                return Err(AppError::InvalidTransition);
            }
            self.app.append_history(
                c,
                &row,
                now,
                HistoryEntry {
                    actor: Actor::Clerk(clerk.id.clone()),
                    action,
                    from: Some(row.state),
                    to: row.state,
                    reason: Some(reason.to_string()),
                    detail: None,
                },
            )?;
            tracing::info!(arrival_number = %row.arrival_number, clerk = %clerk.id, action = action.code(), "legal hold recorded");
            Ok(())
        })
    }

    /// The hold in force on `row`, if any.
    pub(super) fn hold_in_force(
        &self,
        c: &mut dyn RecordsRead,
        row: &SubmissionRecord,
    ) -> Result<Option<HoldView>, AppError> {
        let Some(hold) = c
            .legal_holds_of(&row.tenant_id, &row.id)?
            .into_iter()
            .find(|h| h.lifted_at.is_none())
        else {
            return Ok(None);
        };
        Ok(Some(HoldView {
            reason: hold.reason,
            placed_by: c.find_clerk(&hold.placed_by)?.map(|k| k.display_name),
            placed_at: hold.placed_at.and_utc(),
        }))
    }
}
