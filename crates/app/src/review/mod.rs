//! Review (the back office): the queue, a filing's detail, decisions and corrections,
//! assignment, exports, undelivered mail and the files a clerk opens.

mod decide;
mod deliveries;
mod export;
mod files;
mod office;

pub use decide::{DecisionInput, MAX_CORRECTION_DAYS, ReviewInput};
pub use deliveries::FailedDelivery;
pub use export::{Export, ExportFormat, ExportQuery};
pub use madoguchi_records::QueueSort;
pub use office::{
    AssigneeChoice, Choice, CorrectionView, DueChoice, EventView, QueueItem, QueuePage, QueueQuery,
    SubmissionDetail,
};
