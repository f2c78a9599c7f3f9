#![doc = include_str!("../README.md")]

pub mod arrival;
pub mod booking;
mod column;
pub mod counter;
pub mod error;
pub mod fees;
pub mod ids;
pub mod jst;
pub mod lang;
pub mod money;
pub mod notification;
pub mod office;
pub mod report;
pub mod resident;
pub mod state;

pub use arrival::ArrivalNumber;
pub use booking::{Attendance, BookingStatus, WaitlistStatus};
pub use counter::{CounterFiling, CounterOutcome, FiledProcedure};
pub use error::ErrorCode;
pub use fees::{
    FeeTiming, PaymentChannel, PaymentMethod, PaymentStatus, RefundReason, RefundState,
};
pub use ids::{
    AccountId, ApiTokenId, AttachmentId, AuditId, BookingId, ClerkId, CorrectionId, CounterLineId,
    DecisionDraftId, DeliveryId, DepartmentCode, DepartmentId, DocumentId, DraftId, EventId,
    HoldId, LoginFailureId, OutboxId, PaymentId, ProcedureId, ProcedureVersionId, RefundId,
    ResourceId, SignoffId, SlotId, SubmissionId, TenantId, TicketId, VisitId, WaitlistId,
    WebhookId,
};
pub use lang::{Lang, Localized};
pub use money::Yen;
pub use notification::MailKind;
pub use office::{AuditAction, DraftStatus, DraftedDecision, Post, Role, Verdict, WebhookEvent};
pub use report::error_chain;
pub use resident::{AccountLinkPurpose, DocumentKind, IdentityDocument, SignInLevel};
pub use state::{ActorKind, FilingMode, HistoryAction, SubmissionState};

/// A path on this site that is safe to redirect to: starts with one `/`, no backslash and
/// no control character (so never `//other.example`, `/\other.example`, or `/\t/other`,
/// which browsers read as `//other` once they drop the tab).
pub fn is_local_path(p: &str) -> bool {
    p.starts_with('/')
        && !p.starts_with("//")
        && !p.contains('\\')
        && !p.chars().any(char::is_control)
        && p.len() < 512
}
