//! The submission model: a filing as stored, its receipt and history, the form it was made
//! with, validation, drafts, the fee ledger, the statutory clock and what corrections
//! changed. Built on the kernel; used by notification and every context.

pub(crate) mod access;
pub(crate) mod bookings;
pub(crate) mod changes;
pub(crate) mod check_mark;
pub(crate) mod clock;
pub mod counter;
pub(crate) mod drafts;
pub(crate) mod duplicates;
pub(crate) mod fees;
pub(crate) mod forms;
pub mod layout;
pub mod prefill;
pub(crate) mod receipt;
mod serving;
pub(crate) mod store;
pub(crate) use store::NamedUploads;
pub mod verified_claims;

pub use bookings::FiledBooking;
pub use changes::{Change, changes_between};
pub use clock::DUE_SOON_DAYS;
pub use counter::IdentityDocument;
pub use duplicates::FilingAlike;
pub use fees::{FeePath, PaymentView, method_label};
pub use prefill::{PrefillMarks, PrefillSource};
pub use receipt::{HistoryItem, Receipt, SubmitOutcome};
