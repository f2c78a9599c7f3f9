//! Webhooks: a department subscribes a URL to events of its filings (a filing received, its
//! status changed, a fee paid). Each event is written to `webhook_deliveries` in the same
//! transaction as the change it reports, so nothing reported is lost and nothing lost is
//! reported; the workers post it, signed, and retry with backoff like the mail outbox. The
//! delivery log shows every attempt's result, and any delivery can be sent again.
//!
//! A delivery is a POST of JSON with these headers:
//!
//! ```text
//! Content-Type: application/json
//! Madoguchi-Event: submission.received
//! Madoguchi-Delivery: <delivery id>      (new for every replay)
//! Madoguchi-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
//! ```
//!
//! The body names the filing, not the person: `{"id", "event", "occurred_at",
//! "department", "data": {"submission_id", "arrival_number", "procedure_id", "state",
//! "previous_state", "action", "amount_yen"?}}`. `id` is the event's and stays the same
//! when a delivery is sent again, so a receiver can drop duplicates. A receiver fetches
//! what it needs with an API token.

use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};
use madoguchi_core::{DeliveryId, ErrorCode, Localized, WebhookEvent, WebhookId};
use madoguchi_records::{RecordsRead, WebhookDeliveryRecord, WebhookRecord};
use serde_json::json;
use sha2::Sha256;

use super::Integrations;
use crate::kernel::audit::AuditEntry;
use crate::kernel::retry::backoff;
use crate::kernel::staff::require_author;
use crate::kernel::staff::require_city;
use crate::kernel::{App, AppError, Clerk, new_token};
use madoguchi_core::AuditAction;

/// Deliveries listed per webhook on the log page.
const LOG_LIMIT: i64 = 30;
/// How long a worker holds a claimed delivery.
const LEASE: chrono::Duration = chrono::Duration::seconds(60);

/// A subscription, with its latest deliveries.
#[derive(Clone, Debug)]
pub struct WebhookView {
    pub id: WebhookId,
    pub url: String,
    pub events: Vec<WebhookEvent>,
    pub created_at: DateTime<Utc>,
    pub disabled_at: Option<DateTime<Utc>>,
    pub deliveries: Vec<WebhookDelivery>,
}

/// One delivery in the log.
#[derive(Clone, Debug)]
pub struct WebhookDelivery {
    pub id: DeliveryId,
    pub event: WebhookEvent,
    pub created_at: DateTime<Utc>,
    pub attempts: i32,
    pub delivered_at: Option<DateTime<Utc>>,
    pub failed_at: Option<DateTime<Utc>>,
    pub next_attempt_at: DateTime<Utc>,
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
}

impl WebhookDelivery {
    pub fn state(&self) -> Localized {
        use madoguchi_i18n::msg;
        crate::kernel::words::localized(if self.delivered_at.is_some() {
            msg::app_webhook_delivered::text
        } else if self.failed_at.is_some() {
            msg::app_webhook_gave_up::text
        } else if self.attempts > 0 {
            msg::app_webhook_retrying::text
        } else {
            msg::app_webhook_waiting::text
        })
    }
}

/// A request to post, as a sender gets it.
#[derive(Clone, Debug)]
pub struct HookAttempt {
    pub url: String,
    pub body: String,
    pub headers: Vec<(String, String)>,
}

/// Posts a delivery: the receiver's HTTP status, or why it could not be reached.
pub trait HookSender: Send + Sync {
    fn post(&self, attempt: &HookAttempt) -> Result<u16, String>;
}

/// What one round of deliveries did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub delivered: usize,
    pub retried: usize,
    pub failed: usize,
}

/// `t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
pub fn sign_payload(secret: &str, unix: i64, body: &str) -> String {
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(m) => m,
        Err(_) => unreachable!("HMAC takes keys of any length"),
    };
    mac.update(format!("{unix}.{body}").as_bytes());
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("t={unix},v1={hex}")
}

/// https, or http to this machine (for trying a receiver out).
fn url_allowed(url: &str) -> bool {
    if url.len() > 500 || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let rest = if let Some(rest) = url.strip_prefix("https://") {
        rest
    } else if let Some(rest) = url.strip_prefix("http://") {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = host.rsplit_once(':').map_or(host, |(h, _)| h);
        if !matches!(host, "127.0.0.1" | "localhost" | "[::1]") {
            return false;
        }
        rest
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty() && !host.contains('@')
}

fn delivery_view(d: WebhookDeliveryRecord) -> WebhookDelivery {
    WebhookDelivery {
        id: d.id,
        event: d.event,
        created_at: d.created_at.and_utc(),
        attempts: d.attempts,
        delivered_at: d.delivered_at.map(|t| t.and_utc()),
        failed_at: d.failed_at.map(|t| t.and_utc()),
        next_attempt_at: d.next_attempt_at.and_utc(),
        last_status: d.last_status,
        last_error: d.last_error,
    }
}

impl Integrations<'_> {
    /// The department's webhooks with their latest deliveries.
    pub fn webhooks(&self, clerk: &Clerk) -> Result<Vec<WebhookView>, AppError> {
        require_city(clerk, self.city)?;
        require_author(clerk)?;
        self.app.read(|c| {
            let department = self.app.department_code(c, clerk)?;
            let mut out = Vec::new();
            for w in c.webhooks(&clerk.tenant, &department)? {
                let deliveries = c
                    .webhook_deliveries(&w.id, LOG_LIMIT)?
                    .into_iter()
                    .map(delivery_view)
                    .collect();
                out.push(WebhookView {
                    events: w
                        .events
                        .split(',')
                        .filter_map(|e| e.parse::<WebhookEvent>().ok())
                        .collect(),
                    id: w.id,
                    url: w.url,
                    created_at: w.created_at.and_utc(),
                    disabled_at: w.disabled_at.map(|t| t.and_utc()),
                    deliveries,
                });
            }
            Ok(out)
        })
    }

    /// Subscribes `url` to `events` for the clerk's department (audited). Returns the id
    /// and the signing secret, shown this once.
    pub fn create_webhook(
        &self,
        clerk: &Clerk,
        url: &str,
        events: &[String],
    ) -> Result<(WebhookId, String), AppError> {
        require_city(clerk, self.city)?;
        require_author(clerk)?;
        let url = url.trim();
        if !url_allowed(url) {
            return Err(AppError::Refused(ErrorCode::WebhookUrlInvalid));
        }
        let mut chosen: Vec<WebhookEvent> = Vec::new();
        for e in events {
            let e = e
                .parse::<WebhookEvent>()
                .map_err(|_| AppError::Refused(ErrorCode::WebhookEventsMissing))?;
            if !chosen.contains(&e) {
                chosen.push(e);
            }
        }
        if chosen.is_empty() {
            return Err(AppError::Refused(ErrorCode::WebhookEventsMissing));
        }
        let secret = format!("whsec_{}", new_token()?);
        let sealed = self.app.sealers.webhook.seal(&secret)?;
        let id = WebhookId::new(uuid::Uuid::now_v7().to_string());
        let codes: Vec<&str> = chosen.iter().map(|e| e.code()).collect();
        let now = self.app.now().naive_utc();
        self.app.write(|c| {
            let department = self.app.department_code(c, clerk)?;
            c.insert_webhook(&WebhookRecord {
                id: id.clone(),
                tenant_id: clerk.tenant.clone(),
                department_code: department,
                url: url.into(),
                events: codes.join(","),
                secret: sealed.clone(),
                created_by: clerk.id.clone(),
                created_at: now,
                disabled_at: None,
            })?;
            let detail = json!({ "webhook": id, "url": url, "events": codes }).to_string();
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::WebhookCreated).detail(detail),
            )
        })?;
        Ok((id, secret))
    }

    /// Stops a webhook (audited): nothing more is queued for it, and what is queued is
    /// given up.
    pub fn disable_webhook(&self, clerk: &Clerk, id: &str) -> Result<(), AppError> {
        require_city(clerk, self.city)?;
        require_author(clerk)?;
        let now = self.app.now().naive_utc();
        self.app.write(|c| {
            let id = WebhookId::from(id);
            self.department_webhook(c, clerk, &id)?;
            if !c.disable_webhook(&id, now)? {
                return Err(AppError::InvalidTransition);
            }
            let detail = json!({ "webhook": id }).to_string();
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::WebhookDisabled).detail(detail),
            )
        })
    }

    /// Sends a delivery again, as a new delivery with the same body (audited).
    pub fn replay_webhook_delivery(
        &self,
        clerk: &Clerk,
        delivery_id: &str,
    ) -> Result<DeliveryId, AppError> {
        require_city(clerk, self.city)?;
        require_author(clerk)?;
        let now = self.app.now().naive_utc();
        self.app.write(|c| {
            let d = c
                .find_webhook_delivery(&DeliveryId::from(delivery_id))?
                .ok_or(AppError::NotFound)?;
            let hook = self.department_webhook(c, clerk, &d.webhook_id)?;
            if hook.disabled_at.is_some() {
                return Err(AppError::InvalidTransition);
            }
            let id = DeliveryId::new(uuid::Uuid::now_v7().to_string());
            c.enqueue_webhook(&WebhookDeliveryRecord {
                id: id.clone(),
                webhook_id: d.webhook_id,
                event: d.event,
                payload: d.payload,
                created_at: now,
                attempts: 0,
                next_attempt_at: now,
                locked_until: None,
                delivered_at: None,
                failed_at: None,
                last_status: None,
                last_error: None,
            })?;
            let detail = json!({ "delivery": delivery_id, "replay": id }).to_string();
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::WebhookReplayed).detail(detail),
            )?;
            Ok(id)
        })
    }

    fn department_webhook(
        &self,
        c: &mut dyn RecordsRead,
        clerk: &Clerk,
        id: &WebhookId,
    ) -> Result<WebhookRecord, AppError> {
        let department = self.app.department_code(c, clerk)?;
        c.find_webhook(id)?
            .filter(|w| w.tenant_id == clerk.tenant && w.department_code == department)
            .ok_or(AppError::NotFound)
    }
}

impl App {
    /// Posts up to `limit` due deliveries. A 2xx answer delivers; anything else is retried
    /// with the mail outbox's backoff, and given up after as many attempts.
    pub fn deliver_due_webhooks(
        &self,
        sender: &dyn HookSender,
        limit: i64,
    ) -> Result<DeliveryReport, AppError> {
        self.run_job("webhooks", || {
            self.deliver_due_webhooks_round(sender, limit)
        })
    }

    fn deliver_due_webhooks_round(
        &self,
        sender: &dyn HookSender,
        limit: i64,
    ) -> Result<DeliveryReport, AppError> {
        let now = self.now().naive_utc();
        let claimed = self.write(|c| Ok(c.claim_due_webhooks(now, now + LEASE, limit)?))?;
        let mut report = DeliveryReport::default();
        for mut d in claimed {
            let hook = self.read(|c| Ok(c.find_webhook(&d.webhook_id)?))?;
            // Err(Some(why)): retry later; Err(None) with `last_error` set: give up now.
            let outcome: Result<u16, Option<String>> = match hook
                .filter(|h| h.disabled_at.is_none())
            {
                None => {
                    d.last_error = Some("the webhook is disabled".into());
                    Err(None)
                }
                Some(hook) => match self.sealers.webhook.open(&hook.secret) {
                    Err(e) => {
                        tracing::error!(webhook = %hook.id, error = %e, "webhook secret cannot be opened");
                        d.last_error =
                            Some("the signing secret cannot be opened (keys changed?)".into());
                        Err(None)
                    }
                    Ok(secret) => {
                        let attempt = HookAttempt {
                            url: hook.url.clone(),
                            headers: vec![
                                ("Content-Type".into(), "application/json".into()),
                                ("Madoguchi-Event".into(), d.event.code().into()),
                                ("Madoguchi-Delivery".into(), d.id.to_string()),
                                (
                                    "Madoguchi-Signature".into(),
                                    sign_payload(&secret, self.now().timestamp(), &d.payload),
                                ),
                            ],
                            body: d.payload.clone(),
                        };
                        sender.post(&attempt).map_err(Some)
                    }
                },
            };
            let now = self.now().naive_utc();
            d.attempts += 1;
            match outcome {
                Ok(status) if (200..300).contains(&status) => {
                    d.last_status = Some(i32::from(status));
                    d.delivered_at = Some(now);
                    d.last_error = None;
                    report.delivered += 1;
                }
                other => {
                    let retry = match other {
                        Ok(status) => {
                            d.last_status = Some(i32::from(status));
                            d.last_error = Some(format!("HTTP {status}"));
                            true
                        }
                        Err(Some(why)) => {
                            d.last_error = Some(why.chars().take(300).collect());
                            true
                        }
                        Err(None) => false,
                    };
                    if !retry || d.attempts >= self.config.mail_max_attempts {
                        d.failed_at = Some(now);
                        report.failed += 1;
                    } else {
                        d.next_attempt_at = now + backoff(d.attempts, self.config.mail_retry_base);
                        report.retried += 1;
                    }
                    tracing::warn!(delivery = %d.id, attempts = d.attempts, error = ?d.last_error, "webhook not delivered");
                }
            }
            self.write_atomic(|c| Ok(c.record_webhook_attempt(&d)?))?;
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_hmac_sha256_of_time_and_body() {
        // RFC 4231 has no vector for this framing; this one was computed with
        // `printf '1700000000.{}' | openssl dgst -sha256 -hmac whsec_test`.
        assert_eq!(
            sign_payload("whsec_test", 1_700_000_000, "{}"),
            "t=1700000000,v1=35495024f4ef3f94e5a93e22221544c4b75e9a42300cd965ab81cb85cd994e91"
        );
    }

    #[test]
    fn urls_are_https_or_this_machine() {
        for good in [
            "https://core.city.sendai.example/hooks",
            "http://127.0.0.1:8080/hook",
            "http://localhost/x",
        ] {
            assert!(url_allowed(good), "{good}");
        }
        for bad in [
            "http://core.example/hook",
            "ftp://x",
            "https://",
            "https://user@evil.example/",
            "http://127.0.0.1.evil.example/",
            "https://a b",
            "javascript:alert(1)",
        ] {
            assert!(!url_allowed(bad), "{bad}");
        }
    }
}
