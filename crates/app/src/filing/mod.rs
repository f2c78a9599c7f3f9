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

pub use applications::ApplicationView;
pub use correction::{CorrectionOutcome, CorrectionPage};
pub use drafts::DraftSummary;
pub use guide::GuideEntry;
pub use procedures::{OfferVersion, ProcedureSummary};
pub use status_lookup::FilingStatus;
pub use steps::{DraftView, Refilled, StepOutcome};
pub use submit::{CheckView, Checked};
