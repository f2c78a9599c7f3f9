//! Repositories: plain functions over `&mut DbConn`, one module per group of tables. They
//! read and write rows; callers (the `app` crate) decide what the rows mean.

pub mod drafts;
pub mod forms;
pub mod org;
pub mod outbox;
pub mod sessions;
pub mod submissions;

pub use drafts::DraftRow;
pub use forms::FormVersionRow;
pub use org::{ClerkRow, DepartmentRow, TenantRow};
pub use outbox::OutboxRow;
pub use sessions::ClerkSessionRow;
pub use submissions::{EventRow, IdempotencyRow, SubmissionRow};
