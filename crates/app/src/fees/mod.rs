//! Fees paid online: the pay page, the provider's checkout, its return and webhooks, the
//! payment job (refunds owed, checkouts still open), the payment emails and the daily
//! reconciliation.

mod ledger;
mod mails;
mod payments;

pub use ledger::{LedgerLine, Reconciliation};
pub use payments::{PayAccess, PayPage, PaymentJobReport, WebhookOutcome};
