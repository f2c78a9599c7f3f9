#![doc = include_str!("../README.md")]

mod accounts;
mod attachments;
mod audit;
mod authoring;
mod booking_follow_up;
mod booking_waitlist;
mod bookings;
mod corrections;
mod counter;
mod decisions;
mod documents;
mod drafts;
mod error;
mod facts;
mod figures;
mod forms;
mod holds;
mod identity;
mod integrations;
mod keys;
mod org;
mod outbox;
mod payments;
mod postal;
mod queue;
mod retention;
#[cfg(feature = "diesel")]
pub mod schema;
mod sessions;
mod submissions;
mod tenancy;
mod vitals;
mod waiting;

pub use accounts::*;
pub use attachments::*;
pub use audit::*;
pub use authoring::*;
pub use booking_follow_up::*;
pub use booking_waitlist::*;
pub use bookings::*;
pub use corrections::*;
pub use counter::*;
pub use decisions::*;
pub use documents::*;
pub use drafts::*;
pub use error::StoreError;
pub use facts::*;
pub use figures::*;
pub use forms::*;
pub use holds::*;
pub use identity::*;
pub use integrations::*;
pub use keys::*;
pub use org::*;
pub use outbox::*;
pub use payments::*;
pub use postal::*;
pub use queue::*;
pub use retention::*;
pub use sessions::*;
pub use submissions::*;
pub use tenancy::*;
pub use vitals::*;
pub use waiting::*;

/// UTC timestamps as stored (TIMESTAMP without time zone, always UTC).
pub type Timestamp = chrono::NaiveDateTime;

/// Every storage trait at once, for code that holds a concrete connection and calls
/// storage methods on it (`use madoguchi_records::prelude::*;`).
pub mod prelude {
    pub use crate::{
        Accounts, AccountsRead, Attachments, AttachmentsRead, Audit, AuditRead, Authoring,
        AuthoringRead, BookingFollowUp, BookingFollowUpRead, BookingWaitlist, BookingWaitlistRead,
        Bookings, BookingsRead, Corrections, CorrectionsRead, Counter, CounterRead, Decisions,
        DecisionsRead, Documents, DocumentsRead, Drafts, DraftsRead, FactConfirmations,
        FactConfirmationsRead, Figures, FilingsElsewhere, FormVersions, FormVersionsRead, Identity,
        IdentityRead, Integrations, IntegrationsRead, Keys, KeysRead, LegalHolds, LegalHoldsRead,
        Organisation, OrganisationRead, Outbox, OutboxRead, Payments, PaymentsRead, Postal,
        PostalRead, Queue, Records, RecordsRead, Retention, RetentionRead, Sessions, SessionsRead,
        Submissions, SubmissionsRead, Tenancy, TenancyRead, VitalSigns, Waiting, WaitingRead,
    };
}

/// A trait that is exactly the sum of others, and is had by anything that has them all:
/// the list is written once, for the trait and for its blanket implementation.
macro_rules! all_of {
    ($(#[$attr:meta])* pub trait $name:ident: $($part:path),+ $(,)?) => {
        $(#[$attr])*
        pub trait $name: $($part +)+ {}

        impl<T: ?Sized $(+ $part)+> $name for T {}
    };
}

all_of!(
    /// Every storage operation a read needs: what `Database::read` hands out. It has no
    /// method that writes, so a write inside a read does not compile. Implemented for anything
    /// that implements every storage trait's reads.
    ///
    /// A draft saved inside a read is refused by the compiler:
    ///
    /// ```compile_fail,E0599
    /// use madoguchi_records::{DraftRecord, Drafts, RecordsRead};
    /// fn inside_a_read(c: &mut dyn RecordsRead, draft: &DraftRecord) {
    ///     let _ = c.save_draft(draft);
    /// }
    /// ```
    ///
    /// while the same inside a unit of writes compiles:
    ///
    /// ```
    /// use madoguchi_records::{DraftRecord, Drafts, Records};
    /// fn inside_a_write(c: &mut dyn Records, draft: &DraftRecord) {
    ///     let _ = c.save_draft(draft);
    /// }
    /// ```
    pub trait RecordsRead:
        OrganisationRead,
        SessionsRead,
        AuditRead,
        FormVersionsRead,
        DraftsRead,
        SubmissionsRead,
        Queue,
        CorrectionsRead,
        Figures,
        OutboxRead,
        AttachmentsRead,
        DocumentsRead,
        CounterRead,
        DecisionsRead,
        LegalHoldsRead,
        FactConfirmationsRead,
        PaymentsRead,
        IdentityRead,
        AccountsRead,
        AuthoringRead,
        BookingsRead,
        BookingFollowUpRead,
        BookingWaitlistRead,
        IntegrationsRead,
        PostalRead,
        RetentionRead,
        VitalSigns,
        KeysRead,
        TenancyRead,
        WaitingRead
);

all_of!(
    /// Every storage operation the use cases need: one connection or transaction that can do
    /// all of them, reads and writes. Implemented for anything that implements every storage
    /// trait.
    pub trait Records:
        RecordsRead,
        Organisation,
        Sessions,
        Audit,
        FormVersions,
        Drafts,
        Submissions,
        Corrections,
        Outbox,
        Attachments,
        Documents,
        Counter,
        Decisions,
        LegalHolds,
        FactConfirmations,
        Payments,
        FilingsElsewhere,
        Identity,
        Accounts,
        Authoring,
        Bookings,
        BookingFollowUp,
        BookingWaitlist,
        Integrations,
        Postal,
        Retention,
        Keys,
        Tenancy,
        Waiting
);

/// A unit of writes on a database: one transaction (or one atomic statement).
pub type Work<'a> = &'a mut dyn FnMut(&mut dyn Records) -> Result<(), StoreError>;

/// A unit of reads on a database: one connection, with only the storage's reads.
pub type ReadWork<'a> = &'a mut dyn FnMut(&mut dyn RecordsRead) -> Result<(), StoreError>;

/// The database, as the use cases see it.
pub trait Database: Send + Sync + std::fmt::Debug {
    /// `SQLite` or `PostgreSQL`, for logs.
    fn engine(&self) -> &'static str;
    /// Does the database answer a trivial query within about `within`? (for `/readyz`)
    fn ping(&self, within: std::time::Duration) -> Result<(), StoreError>;
    /// Runs `work`, which only reads (it is handed the storage's reads alone), on a
    /// connection outside any unit of writes.
    fn read(&self, work: ReadWork<'_>) -> Result<(), StoreError>;
    /// Runs `work` as one unit of writes: everything or nothing, durable when this returns
    /// `Ok`. Returning an error from `work` rolls back what it wrote. The unit may share its
    /// transaction and commit with other writes running at the same moment (group commit,
    /// each in a savepoint of its own): it sees their writes as if they had gone first, and
    /// nothing it does may assume it is the transaction's only work.
    fn write(&self, work: Work<'_>) -> Result<(), StoreError>;
    /// Runs `work`, which writes with **one statement** (or with a method that says it is
    /// atomic on its own, such as `Submissions::insert_new_filings`), as a unit of writes:
    /// durable when this returns `Ok`, nothing written when `work` fails. Where each write
    /// is its own transaction (PostgreSQL) no transaction is opened around it: one
    /// statement is atomic and commits by itself, and `BEGIN` and `COMMIT` would be two
    /// round trips for nothing. Where writes take turns (SQLite) it is `write`.
    fn write_atomic(&self, work: Work<'_>) -> Result<(), StoreError> {
        self.write(work)
    }
    /// Do writes take turns on one shared transaction (group commit's lanes: SQLite)? Then
    /// a write's own computing is best done before `write`, outside the turn; where each
    /// write is its own transaction (PostgreSQL by default), inside it, on its connection.
    fn writes_take_turns(&self) -> bool {
        false
    }
    /// The connection pool's use and waits (for `/metrics`); nothing known by default.
    fn pool_vitals(&self) -> PoolVitals {
        PoolVitals::default()
    }
}
