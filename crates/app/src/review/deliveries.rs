//! Messages the outbox gave up on, for the section's clerks: what failed, to whom, why, and
//! a way to queue it again once the address or the relay is fixed.

use chrono::{DateTime, Utc};
use madoguchi_core::{Localized, OutboxId, SubmissionId};

use super::Review;
use crate::kernel::audit::AuditEntry;
use crate::kernel::staff::require_case_worker;
use crate::kernel::staff::require_city;
use crate::kernel::{AppError, Clerk};
use madoguchi_core::AuditAction;

/// At most this many are listed.
const LIMIT: i64 = 200;

/// A message that could not be delivered.
#[derive(Clone, Debug)]
pub struct FailedDelivery {
    pub id: OutboxId,
    pub submission_id: SubmissionId,
    pub arrival_number: String,
    pub procedure_title: Localized,
    /// `receipt`, `decision`, `payment_request`…
    pub kind: madoguchi_core::MailKind,
    pub recipient: String,
    pub subject: String,
    pub attempts: i32,
    pub failed_at: DateTime<Utc>,
    pub last_error: Option<String>,
}

impl Review<'_> {
    /// The failed messages of the filings this clerk may see, newest first.
    pub fn failed_deliveries(&self, clerk: &Clerk) -> Result<Vec<FailedDelivery>, AppError> {
        require_city(clerk, self.city)?;
        require_case_worker(clerk)?;
        self.app.read(|c| {
            let mut out = Vec::new();
            for m in c.failed_mail_of_department(&clerk.tenant, &clerk.department, LIMIT)? {
                let Some(sid) = m.submission_id.clone() else {
                    continue;
                };
                // Ward clerks see their ward's filings only.
                let Ok(row) = self.app.visible_to(c, clerk, sid.as_str()) else {
                    continue;
                };
                let form = self.app.form_version(c, &row.form_version)?;
                out.push(FailedDelivery {
                    id: m.id,
                    submission_id: sid,
                    arrival_number: row.arrival_number,
                    procedure_title: form.title().clone(),
                    kind: m.kind,
                    recipient: m.recipient,
                    subject: m.subject,
                    attempts: m.attempts,
                    failed_at: m.failed_at.unwrap_or_default().and_utc(),
                    last_error: m.last_error,
                });
            }
            Ok(out)
        })
    }

    /// Queues a failed message again (audited). 404 when the clerk may not see it, 409 when
    /// it is no longer failed.
    pub fn retry_delivery(&self, clerk: &Clerk, id: &str) -> Result<(), AppError> {
        require_city(clerk, self.city)?;
        require_case_worker(clerk)?;
        if id.len() > 64 {
            return Err(AppError::NotFound);
        }
        let id = OutboxId::new(id);
        self.app.write(|c| {
            let m = c
                .find_mail(&id)?
                .filter(|m| m.tenant_id == clerk.tenant)
                .ok_or(AppError::NotFound)?;
            let sid = m.submission_id.clone().ok_or(AppError::NotFound)?;
            self.app.visible_to(c, clerk, sid.as_str())?;
            if !c.retry_failed_mail(&id, self.app.now().naive_utc())? {
                return Err(AppError::InvalidTransition);
            }
            self.app.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::MailRetry)
                    .submission(&SubmissionId::from(sid.as_str()))
                    .detail(serde_json::json!({ "mail": &id, "kind": m.kind }).to_string()),
            )?;
            tracing::info!(mail = %id, clerk = %clerk.id, "failed mail queued again");
            Ok(())
        })
    }
}
