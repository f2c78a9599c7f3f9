//! Review (the back office): the queue, a filing's detail, decisions and corrections,
//! assignment, exports, undelivered mail and the files a clerk opens.

mod decide;
mod deliveries;
mod detail;
mod export;
mod files;
mod next;
mod queue;
mod reminders;

pub use decide::{DecisionInput, MAX_CORRECTION_DAYS, ReviewInput};
pub use deliveries::FailedDelivery;
pub use detail::{CorrectionView, EventView, SubmissionDetail};
pub use export::{Export, ExportFormat, ExportQuery};
pub use madoguchi_records::QueueSort;
pub use queue::{AssigneeChoice, Choice, DueChoice, QueueItem, QueuePage, QueueQuery};
