//! Background work: every job the service runs besides answering requests, each in a lane
//! of its own (a thread), so one slow job cannot hold up another — a webhook receiver that
//! takes its time delays no email, a slow payment provider no retention round.
//!
//! | lane         | job                                                   | every            |
//! |--------------|-------------------------------------------------------|------------------|
//! | `mail`       | deliver due mail (`App::deliver_due_mail`)            | `mail_poll_ms`   |
//! | `webhooks`   | post due webhook deliveries                           | `mail_poll_ms`   |
//! | `payments`   | refunds to retry, open checkouts to ask about         | `mail_poll_ms`   |
//! | `reminders`  | correction reminders to queue                         | `mail_poll_ms`   |
//! | `bookings`   | give back expired holds, offer freed places to those waiting, queue the day-before reminders | `mail_poll_ms` |
//! | `booking-days` | open the slots each booking window has reached; end the waiting lists of times closed for booking | 10 minutes |
//! | `retention`  | delete expired drafts, files, links and sessions      | 10 minutes       |
//! | `procedures` | pick up procedures published by another process      | `mail_poll_ms`   |
//!
//! All but `procedures` are shared work: each job claims its rows (leases, idempotent steps), so
//! any number of processes may run them. `madoguchi worker` runs them all, and so does
//! `serve` unless `[worker] in_process = false` (`serve --no-worker`). `procedures` keeps
//! a process's own copy of the published procedures fresh, so every process runs it.

mod lanes;
pub mod probes;
mod settings;

use std::time::Duration;

use madoguchi_app::integrations::HookSender;
use madoguchi_app::{App, notification::Mailer};

pub use lanes::Lanes;
pub use settings::{WORKER_KEYS, WorkerSettings};

/// How often the retention lane deletes expired data.
const PURGE_EVERY: Duration = Duration::from_secs(600);

/// Which lanes a process runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Work {
    /// Every lane (`worker`, and `serve` with its worker in process).
    All,
    /// Only what keeps this process's own view fresh (`serve --no-worker`).
    OwnOnly,
}

/// The transports the shared lanes deliver through.
pub struct Transports {
    pub mailer: Box<dyn Mailer>,
    pub hooks: Box<dyn HookSender>,
}

impl std::fmt::Debug for Transports {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transports").finish_non_exhaustive()
    }
}

/// Starts the lanes `work` asks for; `every` is the poll interval (`mail_poll_ms`).
pub fn start(app: &App, work: Work, transports: Transports, every: Duration) -> Lanes {
    let mut lanes = Lanes::default();
    let a = app.clone();
    lanes.start("procedures", every, move || match a.refresh_published() {
        Ok(true) => tracing::info!("published procedures refreshed"),
        Ok(false) => {}
        Err(e) => tracing::error!(error = %madoguchi_core::error_chain(&e), "refreshing procedures failed"),
    });
    if work == Work::OwnOnly {
        return lanes;
    }
    let Transports { mailer, hooks } = transports;
    let a = app.clone();
    lanes.start("mail", every, move || match a.deliver_due_mail(mailer.as_ref(), 50) {
        Ok(r) if r.sent + r.retried + r.failed > 0 => tracing::info!(
            sent = r.sent,
            retried = r.retried,
            failed = r.failed,
            "mail delivery round"
        ),
        Ok(_) => {}
        Err(e) => tracing::error!(error = %madoguchi_core::error_chain(&e), "mail delivery round failed"),
    });
    let a = app.clone();
    lanes.start("webhooks", every, move || {
        match a.deliver_due_webhooks(hooks.as_ref(), 50) {
            Ok(r) if r.delivered + r.retried + r.failed > 0 => tracing::info!(
                delivered = r.delivered,
                retried = r.retried,
                failed = r.failed,
                "webhook round"
            ),
            Ok(_) => {}
            Err(e) => {
                tracing::error!(error = %madoguchi_core::error_chain(&e), "webhook round failed")
            }
        }
    });
    let a = app.clone();
    lanes.start("payments", every, move || match a.run_payment_jobs() {
        Ok(r) if r.refunded + r.refund_retries + r.refunds_failed + r.checked > 0 => {
            tracing::info!(
                refunded = r.refunded,
                retried = r.refund_retries,
                failed = r.refunds_failed,
                checked = r.checked,
                "payment round"
            );
        }
        Ok(_) => {}
        Err(e) => tracing::error!(error = %madoguchi_core::error_chain(&e), "payment round failed"),
    });
    let a = app.clone();
    lanes.start("reminders", every, move || match a.send_correction_reminders() {
        Ok(n) if n > 0 => tracing::info!(reminders = n, "correction reminders queued"),
        Ok(_) => {}
        Err(e) => tracing::error!(error = %madoguchi_core::error_chain(&e), "correction reminders failed"),
    });
    let a = app.clone();
    lanes.start("bookings", every, move || {
        match a.sweep_expired_holds() {
            Ok(n) if n > 0 => tracing::info!(holds = n, "expired booking holds given back"),
            Ok(_) => {}
            Err(e) => tracing::error!(error = %madoguchi_core::error_chain(&e), "sweeping booking holds failed"),
        }
        match a.offer_freed_places() {
            Ok(n) if n > 0 => tracing::info!(offers = n, "freed places offered to those waiting"),
            Ok(_) => {}
            Err(e) => tracing::error!(error = %madoguchi_core::error_chain(&e), "offering freed places failed"),
        }
        match a.send_booking_reminders() {
            Ok(n) if n > 0 => tracing::info!(reminders = n, "booking reminders queued"),
            Ok(_) => {}
            Err(e) => tracing::error!(error = %madoguchi_core::error_chain(&e), "booking reminders failed"),
        }
    });
    let a = app.clone();
    lanes.start("booking-days", PURGE_EVERY, move || {
        match a.open_booking_days() {
            Ok(n) if n > 0 => tracing::info!(slots = n, "booking slots opened"),
            Ok(_) => {}
            Err(e) => tracing::error!(error = %madoguchi_core::error_chain(&e), "opening booking slots failed"),
        }
        match a.end_closed_waitlists() {
            Ok(n) if n > 0 => tracing::info!(entries = n, "waiting lists of closed times ended"),
            Ok(_) => {}
            Err(e) => tracing::error!(error = %madoguchi_core::error_chain(&e), "ending closed waiting lists failed"),
        }
    });
    let a = app.clone();
    lanes.start("retention", PURGE_EVERY, move || match a.purge_expired() {
        Ok(r) if !r.is_empty() => tracing::info!(
            drafts = r.drafts,
            files = r.files,
            blobs = r.blobs,
            other = r.other,
            "expired data deleted"
        ),
        Ok(_) => {}
        Err(e) => {
            tracing::error!(error = %madoguchi_core::error_chain(&e), "retention round failed")
        }
    });
    lanes
}
