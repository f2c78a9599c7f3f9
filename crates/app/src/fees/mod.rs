//! Fees paid online: starting a checkout, learning its outcome (return page, signed
//! webhook, polling), refunds, and the accounting section's daily reconciliation.
//!
//! The provider is only ever seen through `madoguchi_payment::PaymentProvider`. Its calls
//! are made outside database transactions; what they report is applied inside one, with a
//! compare-and-set on the payment's status, so the return page, a webhook (delivered twice,
//! late or out of order) and the polling job can race without counting a payment twice.

mod jobs;
mod ledger;
mod mails;
mod pay;
mod provider_events;

pub use jobs::PaymentJobReport;
pub use ledger::{LedgerLine, Reconciliation};
pub use pay::{PayAccess, PayPage};
pub use provider_events::WebhookOutcome;
