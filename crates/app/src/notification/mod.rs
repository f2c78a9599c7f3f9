//! Notification: the emails of the outbox and their delivery, the PDFs issued for a
//! filing, and the webhook deliveries its history events call for. Built on the kernel and
//! the submission model; used by the contexts.

pub(crate) mod arrival;
pub(crate) mod booking_mails;
pub(crate) mod documents;
pub(crate) mod mail;
pub(crate) mod mails;
pub(crate) mod progress;
pub(crate) mod waitlist_mails;
pub(crate) mod webhooks;

pub use documents::Pdf;
pub use mail::{DeliveryReport, MailError, Mailer, OutgoingMail, html_version};
pub use webhooks::WebhookEvent;
