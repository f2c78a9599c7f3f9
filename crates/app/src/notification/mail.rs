//! Mail to residents: composed inside the transaction that causes it (written to the
//! outbox), delivered later by a worker through a `Mailer`, retried with backoff.
//!
//! Messages hold the arrival number, the procedure, dates and the decision — never the
//! answers of the form (a mailbox is not a safe place for them).

use chrono::Duration;
use madoguchi_core::{Lang, MailKind, OutboxId, SubmissionId, TenantId};
use madoguchi_i18n::t;
use madoguchi_records::OutboxRecord;

use crate::kernel::retry::backoff;
use crate::kernel::{App, AppError};
use crate::submission::Receipt;

/// One message to hand to the mail transport.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutgoingMail {
    pub from: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    /// Stable per outbox row: a resend after a crash carries the same Message-ID, so
    /// mail systems and people can recognise the duplicate.
    pub message_id: String,
    /// An iCalendar object to attach (a booking's REQUEST or CANCEL).
    pub calendar: Option<String>,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum MailError {
    /// Worth trying again later (connection refused, 4xx replies).
    #[error("temporary mail failure: {0}")]
    Temporary(String),
    /// Trying again will not help (5xx replies, an address the server refuses).
    #[error("permanent mail failure: {0}")]
    Permanent(String),
}

/// The mail transport (SMTP in production; the server chooses).
pub trait Mailer: Send + Sync {
    fn send(&self, mail: &OutgoingMail) -> Result<(), MailError>;
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
}

/// How long one worker may hold a message before another may take it over.
const LEASE: Duration = Duration::minutes(2);

impl App {
    /// Sends up to `limit` due messages. Returns what happened; errors only when the
    /// database cannot be used.
    pub fn deliver_due_mail(
        &self,
        mailer: &dyn Mailer,
        limit: i64,
    ) -> Result<DeliveryReport, AppError> {
        self.run_job("mail", || self.deliver_due_mail_round(mailer, limit))
    }

    fn deliver_due_mail_round(
        &self,
        mailer: &dyn Mailer,
        limit: i64,
    ) -> Result<DeliveryReport, AppError> {
        let now = self.now().naive_utc();
        // Each claim and mark is a unit of writes of its own: nothing is held while SMTP
        // talks, which can be slow.
        let claimed =
            self.write_atomic(|conn| Ok(conn.claim_due_mail(now, now + LEASE, limit)?))?;
        let mut report = DeliveryReport::default();
        for row in claimed {
            let mail = OutgoingMail {
                from: self.mail_from_of(&row.tenant_id),
                to: row.recipient.clone(),
                subject: row.subject.clone(),
                body: row.body.clone(),
                message_id: row.message_id.clone(),
                calendar: row.calendar.clone(),
            };
            let result = mailer.send(&mail);
            let now = self.now().naive_utc();
            match result {
                Ok(()) => {
                    self.write(|conn| {
                        conn.mark_mail_sent(&row.id, now)?;
                        // A correction link is a key: once it has left, the outbox need not
                        // (and must not) keep it.
                        if let Some(body) = without_secret_links(&row.body) {
                            conn.redact_mail_body(&row.id, &body)?;
                        }
                        Ok(())
                    })?;
                    report.sent += 1;
                }
                Err(MailError::Temporary(why))
                    if row.attempts + 1 < self.config.mail_max_attempts =>
                {
                    let next = now + backoff(row.attempts + 1, self.config.mail_retry_base);
                    tracing::warn!(mail = %row.id, attempts = row.attempts + 1, %why, "mail not delivered; will retry");
                    self.write_atomic(|conn| Ok(conn.mark_mail_retry(&row.id, next, &why)?))?;
                    report.retried += 1;
                }
                Err(e) => {
                    tracing::error!(mail = %row.id, attempts = row.attempts + 1, error = %e, "mail given up");
                    self.write_atomic(|conn| {
                        Ok(conn.mark_mail_failed(&row.id, now, &e.to_string())?)
                    })?;
                    report.failed += 1;
                }
            }
        }
        Ok(report)
    }

    /// Messages waiting to be sent (for monitoring).
    pub fn pending_mail(&self) -> Result<i64, AppError> {
        self.read(|conn| Ok(conn.count_pending_mail()?))
    }

    pub(crate) fn outbox_row(
        &self,
        tenant: &TenantId,
        r: &Receipt,
        kind: MailKind,
        to: &str,
        subject: String,
        body: String,
    ) -> Result<OutboxRecord, AppError> {
        self.outbox_mail(tenant, Some(&r.submission_id), kind, to, subject, body)
    }

    /// The host of the city's public address, which names its messages (`Message-ID`) and
    /// its calendar entries (`UID`).
    pub(crate) fn mail_host(&self, tenant: &TenantId) -> String {
        let public_url = self.public_url_of(tenant);
        public_url
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split(['/', ':']).next())
            .filter(|h| !h.is_empty())
            .unwrap_or("madoguchi.invalid")
            .to_string()
    }

    /// A message for the outbox, about a filing or not (a draft's resume link).
    pub(crate) fn outbox_mail(
        &self,
        tenant: &TenantId,
        submission_id: Option<&SubmissionId>,
        kind: MailKind,
        to: &str,
        subject: String,
        body: String,
    ) -> Result<OutboxRecord, AppError> {
        let id = uuid::Uuid::now_v7().to_string();
        let host = self.mail_host(tenant);
        let now = self.now().naive_utc();
        Ok(OutboxRecord {
            message_id: format!("<{id}@{host}>"),
            id: OutboxId::new(id),
            tenant_id: tenant.clone(),
            submission_id: submission_id.cloned(),
            kind,
            recipient: to.into(),
            subject,
            body,
            created_at: now,
            attempts: 0,
            next_attempt_at: now,
            locked_until: None,
            sent_at: None,
            failed_at: None,
            last_error: None,
            calendar: None,
        })
    }
}

/// What precedes a one-time code in a mail (removed after sending, like links' secrets):
/// `確認コード / Code: `, the label of every language (catalogue: `mail-code-label`).
pub(crate) fn code_mark() -> String {
    in_every_language(" / ", |lang| t!(lang, mail_code_label).to_string()) + ": "
}

/// A mail's subject in every language, Japanese first: `【仙台市】到達のお知らせ … / Received: …`.
pub(crate) fn subject_in_every_language(text: impl Fn(Lang) -> String) -> String {
    in_every_language(" / ", text)
}

/// A mail's body in every language, Japanese first, each after a rule (`----`).
pub(crate) fn body_in_every_language(text: impl Fn(Lang) -> String) -> String {
    in_every_language("\n\n----\n", text) + "\n"
}

fn in_every_language(separator: &str, text: impl Fn(Lang) -> String) -> String {
    Lang::ALL.map(text).join(separator)
}

/// `body` with the secrets of correction links replaced, when it has any.
pub(crate) fn without_secret_links(body: &str) -> Option<String> {
    // Correction, decision-notice, payment, booking and waiting-list links carry a secret.
    let code = code_mark();
    let marks: [&str; 9] = [
        "/corrections/",
        "/bookings/",
        "/waitlist/",
        "/documents/",
        "/pay/",
        "/resume/",
        "/account/verify/",
        "/account/reset/",
        &code,
    ];
    if !marks.iter().any(|m| body.contains(m)) {
        return None;
    }
    let mut out = body.to_string();
    for mark in marks {
        let mut redacted = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(i) = rest.find(mark) {
            redacted.push_str(&rest[..i + mark.len()]);
            rest = &rest[i + mark.len()..];
            let secret_len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(rest.len());
            redacted.push_str("(removed after sending)");
            rest = &rest[secret_len..];
        }
        redacted.push_str(rest);
        out = redacted;
    }
    Some(out)
}

/// The HTML alternative of a message: the same words (no images, no tracking), paragraphs
/// at blank lines, addresses as links, the English part after `----` marked `lang="en"`.
pub fn html_version(subject: &str, text: &str) -> String {
    fn escape(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    }
    fn line(l: &str) -> String {
        let mut out = String::new();
        for (i, word) in l.split(' ').enumerate() {
            if i > 0 {
                out.push(' ');
            }
            match word.find("http") {
                Some(at)
                    if word[at..].starts_with("https://") || word[at..].starts_with("http://") =>
                {
                    let url = &word[at..];
                    out.push_str(&escape(&word[..at]));
                    out.push_str(&format!("<a href=\"{0}\">{0}</a>", escape(url)));
                }
                _ => out.push_str(&escape(word)),
            }
        }
        out
    }
    let paragraphs = |part: &str| -> String {
        part.split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| {
                format!(
                    "<p>{}</p>",
                    p.lines().map(line).collect::<Vec<_>>().join("<br>")
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let (ja, en) = match text.split_once("\n----\n") {
        Some((ja, en)) => (ja, Some(en)),
        None => (text, None),
    };
    let mut body = paragraphs(ja);
    if let Some(en) = en {
        body.push_str(&format!(
            "\n<hr>\n<div lang=\"en\">\n{}\n</div>",
            paragraphs(en)
        ));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head><meta charset=\"utf-8\"><title>{}</title></head>\n\
         <body style=\"font-family: sans-serif; line-height: 1.7; max-width: 40em; margin: 0 auto; padding: 1em; color: #0b0c0c;\">\n{body}\n</body>\n</html>\n",
        escape(subject)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_html_version_says_the_same_with_links() {
        let html = html_version(
            "受付 <1>",
            "申請が到達しました。\n到達番号: 261120-AAAA\n\n詳しくは https://m.test/p?a=1&b=2 へ\n----\nYour application arrived.",
        );
        assert!(html.contains("<title>受付 &lt;1&gt;</title>"));
        assert!(html.contains("<p>申請が到達しました。<br>到達番号: 261120-AAAA</p>"));
        assert!(
            html.contains(
                "<a href=\"https://m.test/p?a=1&amp;b=2\">https://m.test/p?a=1&amp;b=2</a>"
            )
        );
        assert!(html.contains("<div lang=\"en\">\n<p>Your application arrived.</p>"));
    }

    #[test]
    fn sent_correction_links_lose_their_secret() {
        let body =
            "修正: https://madoguchi.test/corrections/AbC-12_x9\nand again /corrections/zz9.";
        assert_eq!(
            without_secret_links(body).unwrap(),
            "修正: https://madoguchi.test/corrections/(removed after sending)\nand again /corrections/(removed after sending)."
        );
        assert_eq!(without_secret_links("no links here"), None);
        assert_eq!(
            without_secret_links("通知書: https://m.test/documents/Zz_9-a\n").unwrap(),
            "通知書: https://m.test/documents/(removed after sending)\n"
        );
        assert_eq!(
            without_secret_links("キャンセル待ち: https://m.test/waitlist/V0__Qv-9\n").unwrap(),
            "キャンセル待ち: https://m.test/waitlist/(removed after sending)\n"
        );
    }

    #[test]
    fn backoff_doubles_from_thirty_seconds_up_to_an_hour() {
        let base = Duration::seconds(30);
        assert_eq!(backoff(1, base), Duration::seconds(30));
        assert_eq!(backoff(2, base), Duration::seconds(60));
        assert_eq!(backoff(5, base), Duration::seconds(480));
        assert_eq!(backoff(8, base), Duration::hours(1));
        assert_eq!(backoff(40, base), Duration::hours(1));
    }
}
