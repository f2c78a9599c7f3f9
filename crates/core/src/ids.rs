//! Identifier newtypes. All ids are text in the database (portable across SQLite and
//! PostgreSQL); the types keep a tenant id from being passed where a clerk id belongs.
//! With the `diesel` feature each one is also a `Text` column type (see `column`), so the
//! record structs of `madoguchi-records` carry them directly.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! text_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
        #[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
        #[serde(transparent)]
        pub struct $name(String);

        $crate::column::text_column!($name, |v| v.as_str(), |s| {
            Ok::<_, std::convert::Infallible>($name(s))
        });

        impl $name {
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_inner(self) -> String {
                self.0
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self(value)
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self(value.to_owned())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

text_id!(
    /// A municipality served by this deployment, keyed by its 6-digit local-government
    /// code with check digit (全国地方公共団体コード), e.g. `041009` for Sendai.
    TenantId
);
text_id!(
    /// A department (所管課) of a municipality.
    DepartmentId
);
text_id!(
    /// A clerk account.
    ClerkId
);
text_id!(
    /// A stored submission (UUID v7 text, ordered by creation).
    SubmissionId
);
text_id!(
    /// A correction request (補正依頼) on a submission.
    CorrectionId
);
text_id!(
    /// The code a department is known by in URLs, API tokens and procedure definitions
    /// (e.g. `shimin`), unique within its municipality.
    DepartmentCode
);
text_id!(
    /// One entry of a filing's history (UUID v7 text).
    EventId
);
text_id!(
    /// One entry of the staff audit log (UUID v7 text).
    AuditId
);
text_id!(
    /// One attempt to collect a filing's fee (UUID v7 text).
    PaymentId
);
text_id!(
    /// A refund owed on a payment (UUID v7 text).
    RefundId
);
text_id!(
    /// An uploaded file (UUID v7 text).
    AttachmentId
);
text_id!(
    /// A resident's saved draft (UUID v7 text).
    DraftId
);
text_id!(
    /// A generated document: a notice, a receipt (UUID v7 text).
    DocumentId
);
text_id!(
    /// A mail waiting in, or sent from, the outbox (UUID v7 text).
    OutboxId
);
text_id!(
    /// A resident account (UUID v7 text).
    AccountId
);
text_id!(
    /// A department's API token (UUID v7 text).
    ApiTokenId
);
text_id!(
    /// A department's webhook subscription (UUID v7 text).
    WebhookId
);
text_id!(
    /// One delivery of an event to a webhook (UUID v7 text).
    DeliveryId
);
text_id!(
    /// A failed sign-in attempt kept for throttling (UUID v7 text).
    LoginFailureId
);
text_id!(
    /// A bookable resource of a city (a ward counter's service, a health-centre session, a
    /// collection area), by the id its department gives it (`aoba-mynumber`).
    ResourceId
);
text_id!(
    /// A slot a resource opens (UUID v7 text).
    SlotId
);
text_id!(
    /// A place held in a slot while a resident finishes a form (UUID v7 text).
    HoldId
);
text_id!(
    /// A booking (UUID v7 text): it keeps its id when moved to another slot.
    BookingId
);
text_id!(
    /// A place in a slot's waiting list (キャンセル待ち, UUID v7 text).
    WaitlistId
);
text_id!(
    /// A counter pre-entry (窓口事前入力) waiting to be opened at the counter.
    VisitId
);
text_id!(
    /// A counter with a waiting line (窓口), by the id the city gives it (`aoba-shimin`).
    CounterLineId
);
text_id!(
    /// A numbered ticket (番号札) a counter handed out (UUID v7 text).
    TicketId
);
text_id!(
    /// A drafted decision going round its approval route (UUID v7 text).
    DecisionDraftId
);
text_id!(
    /// One approver's word on a drafted decision (UUID v7 text).
    SignoffId
);
text_id!(
    /// A procedure (手続), by its definition's id (e.g. `juminhyo`): the same text in
    /// URLs (`/p/{id}`), drafts, submissions and the definitions the forms crate loads.
    ProcedureId
);
text_id!(
    /// A published version of a procedure definition (UUID v7 text).
    ProcedureVersionId
);
