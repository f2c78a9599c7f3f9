//! Review (the back office): the queue, a filing's detail, decisions and corrections,
//! assignment, exports, undelivered mail and the files a clerk opens.

mod bulk_decision;
mod decide;
mod deliveries;
mod detail;
mod export;
mod files;
mod legal_hold;
mod next;
mod queue;
mod reminders;
mod retention_plan;
mod route;
mod route_lists;

use madoguchi_core::TenantId;

use crate::kernel::App;

/// The back office of one city: the queue, a filing's detail and the files a clerk opens,
/// decisions, corrections and assignment, exports, undelivered mail. Reached as
/// `app.review(&city)`; every use case takes the clerk acting, and a clerk of another city
/// is "not found" through it. The correction reminders, which run for every city, are
/// `App::send_correction_reminders`.
#[derive(Clone, Copy, Debug)]
pub struct Review<'a> {
    app: &'a App,
    city: &'a TenantId,
}

impl App {
    /// The back office of `city`.
    pub fn review<'a>(&'a self, city: &'a TenantId) -> Review<'a> {
        Review { app: self, city }
    }
}

pub use crate::submission::fees::CounterFee;
pub use bulk_decision::{BulkApproval, BulkApproved, BulkBlock, BulkPreview, BulkRow};
pub use decide::{DecisionInput, MAX_CORRECTION_DAYS, ReviewInput};
pub use deliveries::FailedDelivery;
pub use detail::{CorrectionView, EventView, SubmissionDetail};
pub use export::{Export, ExportFormat, ExportQuery};
pub use legal_hold::{HoldMove, HoldView, MAX_HOLD_REASON_CHARS};
pub use madoguchi_records::QueueSort;
pub use queue::{AssigneeChoice, Choice, DueChoice, QueueItem, QueuePage, QueueQuery};
pub use retention_plan::{DueFiling, KeepFor, PLAN_LIMIT, PlanLine, RetentionPlan};
pub use route::{MAX_COMMENT_CHARS, SignAs, SignOffInput, SignedOff};
pub use route_lists::{DraftView, MyDraft, RouteView, SignoffView, StepView, WaitingDecision};
