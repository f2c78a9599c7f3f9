//! The background worker of a `serve` (or `worker`) process.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use madoguchi_app::{App, notification::Mailer};

/// How often the worker deletes expired drafts, links and sessions.
const PURGE_EVERY: Duration = Duration::from_secs(600);

/// The outbox worker: a thread that delivers due mail and webhooks every poll interval,
/// and deletes expired data every ten minutes.
pub struct MailWorker {
    stop: Arc<AtomicBool>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl MailWorker {
    pub fn start(
        app: App,
        mailer: Box<dyn Mailer>,
        hooks: Box<dyn madoguchi_app::integrations::HookSender>,
        every: Duration,
    ) -> MailWorker {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let handle = std::thread::Builder::new()
            .name("mail-worker".into())
            .spawn(move || {
                let mut last_purge: Option<std::time::Instant> = None;
                while !flag.load(Ordering::SeqCst) {
                    if last_purge.is_none_or(|t| t.elapsed() >= PURGE_EVERY) {
                        last_purge = Some(std::time::Instant::now());
                        match app.purge_expired() {
                            Ok(r) if !r.is_empty() => tracing::info!(
                                drafts = r.drafts,
                                files = r.files,
                                blobs = r.blobs,
                                other = r.other,
                                "expired data deleted"
                            ),
                            Ok(_) => {}
                            Err(e) => tracing::error!(error = %madoguchi_core::error_chain(&e), "retention round failed"),
                        }
                    }
                    match app.send_correction_reminders() {
                        Ok(n) if n > 0 => {
                            tracing::info!(reminders = n, "correction reminders queued")
                        }
                        Ok(_) => {}
                        Err(e) => tracing::error!(error = %madoguchi_core::error_chain(&e), "correction reminders failed"),
                    }
                    match app.run_payment_jobs() {
                        Ok(r)
                            if r.refunded + r.refund_retries + r.refunds_failed + r.checked > 0 =>
                        {
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
                    }
                    match app.deliver_due_mail(mailer.as_ref(), 50) {
                        Ok(report) if report.sent + report.retried + report.failed > 0 => {
                            tracing::info!(
                                sent = report.sent,
                                retried = report.retried,
                                failed = report.failed,
                                "mail delivery round"
                            );
                        }
                        Ok(_) => {}
                        Err(e) => tracing::error!(error = %madoguchi_core::error_chain(&e), "mail delivery round failed"),
                    }
                    match app.refresh_published() {
                        Ok(true) => tracing::info!("published procedures refreshed"),
                        Ok(false) => {}
                        Err(e) => tracing::error!(error = %madoguchi_core::error_chain(&e), "refreshing procedures failed"),
                    }
                    match app.deliver_due_webhooks(hooks.as_ref(), 50) {
                        Ok(r) if r.delivered + r.retried + r.failed > 0 => {
                            tracing::info!(
                                delivered = r.delivered,
                                retried = r.retried,
                                failed = r.failed,
                                "webhook round"
                            );
                        }
                        Ok(_) => {}
                        Err(e) => tracing::error!(error = %madoguchi_core::error_chain(&e), "webhook round failed"),
                    }
                    // Sleep in small steps so a stop request is seen quickly.
                    let mut slept = Duration::ZERO;
                    while slept < every && !flag.load(Ordering::SeqCst) {
                        let step = Duration::from_millis(50).min(every - slept);
                        std::thread::sleep(step);
                        slept += step;
                    }
                }
            })
            .ok();
        MailWorker { stop, handle }
    }

    pub fn stop(mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl std::fmt::Debug for MailWorker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailWorker").finish_non_exhaustive()
    }
}
