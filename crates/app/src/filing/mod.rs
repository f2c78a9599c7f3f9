//! Filing (the resident's side): find a procedure, answer it step by step with files,
//! check and submit (pages or API), see what was filed, continue a draft elsewhere, answer
//! a correction request or withdraw, and the life-event guide.

pub(crate) mod api_files;
mod applications;
mod attachments;
mod batch;
mod correction;
mod drafts;
pub(crate) mod external_check;
mod guide;
mod procedures;
mod status_lookup;
mod steps;
mod submit;

use madoguchi_core::TenantId;

use crate::kernel::App;

/// Filing in one city, the resident's side: the procedures offered, a draft answered step
/// by step with its files, the check and the filing (pages, API, batches), what was filed
/// (receipts, notices, status), corrections and withdrawals, and the life-event guide.
/// Reached as `app.filing(&city)`; a draft, filing, link or procedure of another city is
/// "not found" through it.
#[derive(Clone, Copy, Debug)]
pub struct Filing<'a> {
    app: &'a App,
    city: &'a TenantId,
}

impl App {
    /// Filing in `city`.
    pub fn filing<'a>(&'a self, city: &'a TenantId) -> Filing<'a> {
        Filing { app: self, city }
    }
}

pub use applications::ApplicationView;
pub use correction::{CorrectionOutcome, CorrectionPage};
pub use drafts::DraftSummary;
pub use guide::GuideEntry;
pub use procedures::{OfferVersion, ProcedureSummary};
pub use status_lookup::FilingStatus;
pub use steps::{DraftView, Refilled, StepOutcome};
pub use submit::{CheckView, Checked};
