//! Fees paid online: starting a checkout, learning its outcome (return page, signed
//! webhook, polling), refunds, fees taken at a counter, and the accounting section's daily
//! reconciliation.
//!
//! The provider is only ever seen through `madoguchi_payment::PaymentProvider`. Its calls
//! are made outside database transactions; what they report is applied inside one, with a
//! compare-and-set on the payment's status, so the return page, a webhook (delivered twice,
//! late or out of order) and the polling job can race without counting a payment twice.

mod counter;
mod jobs;
mod ledger;
mod mails;
mod pay;
mod provider_events;

use madoguchi_core::TenantId;

use crate::kernel::App;

/// Fees in one city: paying a filing's fee (the pay page, the checkout, the return), what
/// the provider reports (its webhook, checked with this city's keys), and the accounting
/// section's day. Reached as `app.fees(&city)`; a payment, link or clerk of another city is
/// "not found" through it. The polling job, which runs for every city, is
/// `App::run_payment_jobs`.
#[derive(Clone, Copy, Debug)]
pub struct Fees<'a> {
    app: &'a App,
    city: &'a TenantId,
}

impl App {
    /// Fees in `city`.
    pub fn fees<'a>(&'a self, city: &'a TenantId) -> Fees<'a> {
        Fees { app: self, city }
    }
}

pub use counter::{
    COUNTER_METHODS, CounterPaymentFault, CounterPaymentField, CounterPaymentInput,
    CounterPaymentProblem, MAX_RECEIPT_NUMBER,
};
pub use jobs::PaymentJobReport;
pub use ledger::{ChannelTotal, LedgerLine, Reconciliation, channel_label};
pub use pay::{PayAccess, PayPage};
pub use provider_events::WebhookOutcome;
