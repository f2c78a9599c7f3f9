//! Mail to residents: composed inside the transaction that causes it (written to the
//! outbox), delivered later by a worker through a `Mailer`, retried with backoff.
//!
//! Messages hold the arrival number, the procedure, dates and the decision — never the
//! answers of the form (a mailbox is not a safe place for them).

use chrono::{Duration, NaiveDate};
use madoguchi_core::{Lang, TenantId, jst};
use madoguchi_forms::Form;
use madoguchi_records::{OutboxRecord, Records};
use madoguchi_workflow::State;

use crate::resident::Receipt;
use crate::{App, AppError};

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

/// Wait before attempt `n + 1` after `n` failed attempts: `base`, 2×, 4× … capped at 1 h
/// (with the default 30 s: 30 s, 1 min, 2 min … 1 h; twelve attempts span about 6.5 hours).
pub fn backoff(failed_attempts: i32, base: Duration) -> Duration {
    let exponent = failed_attempts.clamp(1, 16) - 1;
    (base * (1_i32 << exponent)).min(Duration::hours(1))
}

impl App {
    /// Sends up to `limit` due messages. Returns what happened; errors only when the
    /// database cannot be used.
    pub fn deliver_due_mail(
        &self,
        mailer: &dyn Mailer,
        limit: i64,
    ) -> Result<DeliveryReport, AppError> {
        let now = self.now().naive_utc();
        // The connection goes back to the pool while SMTP talks: sending can be slow.
        let claimed = self.read(|conn| Ok(conn.claim_due_mail(now, now + LEASE, limit)?))?;
        let mut report = DeliveryReport::default();
        for row in claimed {
            let mail = OutgoingMail {
                from: self.config.mail_from.clone(),
                to: row.recipient.clone(),
                subject: row.subject.clone(),
                body: row.body.clone(),
                message_id: row.message_id.clone(),
            };
            let result = mailer.send(&mail);
            let now = self.now().naive_utc();
            match result {
                Ok(()) => {
                    self.read(|conn| {
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
                    self.read(|conn| Ok(conn.mark_mail_retry(&row.id, next, &why)?))?;
                    report.retried += 1;
                }
                Err(e) => {
                    tracing::error!(mail = %row.id, attempts = row.attempts + 1, error = %e, "mail given up");
                    self.read(|conn| Ok(conn.mark_mail_failed(&row.id, now, &e.to_string())?))?;
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

    pub(crate) fn receipt_mail(
        &self,
        conn: &mut dyn Records,
        tenant: &TenantId,
        r: &Receipt,
        to: &str,
    ) -> Result<OutboxRecord, AppError> {
        let city = city_name(conn, tenant)?;
        let due = |lang| match r.due_on {
            Some(d) => jst::format_date(d, lang),
            None => lang
                .pick(
                    "審査の日程が決まり次第お知らせします",
                    "we will tell you when it is scheduled",
                )
                .into(),
        };
        let subject = format!(
            "【{}】到達のお知らせ {}(到達番号 {}) / Received: {}",
            city.0, r.procedure_title.ja, r.arrival_number, r.procedure_title.en
        );
        let body = format!(
            "次の申請が到達しました。\n\n\
             手続: {title_ja}\n到達番号: {number}\n到達日時: {at_ja}\n手数料: {fee_ja}\n担当: {dep_ja}\n処理の目安: {due_ja}\n\n\
             お問い合わせの際は到達番号をお伝えください。このメールは送信専用です。\n\
             {url}\n\n\
             ----\n\
             Your application has arrived.\n\n\
             Procedure: {title_en}\nArrival number: {number}\nArrived: {at_en}\nFee: {fee_en}\nHandled by: {dep_en}\nExpected decision by: {due_en}\n\n\
             Please quote the arrival number if you contact us. Replies to this address are not read.\n\
             {city_en}\n",
            title_ja = r.procedure_title.ja,
            title_en = r.procedure_title.en,
            number = r.arrival_number,
            at_ja = jst::format_datetime(r.arrived_at, Lang::Ja),
            at_en = jst::format_datetime(r.arrived_at, Lang::En),
            fee_ja = r.fee.format_ja(),
            fee_en = r.fee.format_en(),
            dep_ja = r.department.ja,
            dep_en = r.department.en,
            due_ja = due(Lang::Ja),
            due_en = due(Lang::En),
            url = self.config.public_url,
            city_en = city.1,
        );
        self.outbox_row(tenant, r, "receipt", to, subject, body)
    }

    /// The decision, with its reasons when refused and the appeal-rights notice (教示) of
    /// the procedure.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn decision_mail(
        &self,
        conn: &mut dyn Records,
        tenant: &TenantId,
        r: &Receipt,
        form: &Form,
        to_state: State,
        reason: Option<&str>,
        notice_token: &str,
        to: &str,
    ) -> Result<OutboxRecord, AppError> {
        let city = city_name(conn, tenant)?;
        let link = format!(
            "{}/documents/{notice_token}",
            self.config.public_url.trim_end_matches('/')
        );
        let (result_ja, result_en) = match to_state {
            State::Approved => (
                "申請は許可(承認)されました。結果(証明書など)は手続の案内のとおりお届けします。".to_string(),
                "Your application was approved. The result (such as the certificate) will reach you as the procedure describes.".to_string(),
            ),
            _ => (
                format!("申請は却下(不許可)となりました。\n\n理由:\n{}", reason.unwrap_or_default()),
                format!("Your application was rejected.\n\nReasons:\n{}", reason.unwrap_or_default()),
            ),
        };
        let notice = self
            .appeal_notice(tenant.as_str(), form.settings().appeal_key())
            .ok_or_else(|| {
                AppError::Internal(format!(
                    "no appeal notice `{}` for {}",
                    form.settings().appeal_key(),
                    form.id()
                ))
            })?;
        let subject = format!(
            "【{}】審査結果のお知らせ {}(到達番号 {}) / Decision: {}",
            city.0, r.procedure_title.ja, r.arrival_number, r.procedure_title.en
        );
        let body = format!(
            "手続: {}\n到達番号: {}\n\n{}\n\n決定通知書(PDF)ができました。次のアドレスから表示・保存できます(このメールの受取人だけが使えるアドレスです。他の人に転送しないでください):\n{link}\n\n【教示】\n{}\n\n担当: {}\nお問い合わせの際は到達番号をお伝えください。このメールは送信専用です。\n{}\n\n----\n\
             Procedure: {}\nArrival number: {}\n\n{}\n\nYour decision notice (PDF) is ready at this address (for you only; do not forward it):\n{link}\n\n[Your right to appeal]\n{}\n\nHandled by: {}\nPlease quote the arrival number if you contact us.\n",
            r.procedure_title.ja,
            r.arrival_number,
            result_ja,
            notice.ja,
            r.department.ja,
            self.config.public_url,
            r.procedure_title.en,
            r.arrival_number,
            result_en,
            notice.en,
            r.department.en,
        );
        self.outbox_row(tenant, r, "decision", to, subject, body)
    }

    /// A correction request (補正のお願い) with the link to answer it.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn correction_mail(
        &self,
        conn: &mut dyn Records,
        tenant: &TenantId,
        r: &Receipt,
        form: &Form,
        fields: &[String],
        message: &str,
        deadline: NaiveDate,
        token: &str,
        to: &str,
    ) -> Result<OutboxRecord, AppError> {
        let city = city_name(conn, tenant)?;
        let labels = |lang: Lang| -> String {
            fields
                .iter()
                .filter_map(|p| form.field(p))
                .map(|f| format!("・{}", f.label.get(lang)))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let link = format!(
            "{}/corrections/{token}",
            self.config.public_url.trim_end_matches('/')
        );
        let subject = format!(
            "【{}】申請内容の修正(補正)のお願い {}(到達番号 {}) / Please correct your application",
            city.0, r.procedure_title.ja, r.arrival_number
        );
        let body = format!(
            "次の申請について、内容の修正(補正)をお願いします。\n\n\
             手続: {title_ja}\n到達番号: {number}\n\n\
             直していただきたい項目:\n{labels_ja}\n\n\
             担当者からのお願い:\n{message}\n\n\
             期限: {deadline_ja}\n\n\
             次のページから修正してください(このメールの受取人だけが使えるアドレスです。他の人に転送しないでください):\n{link}\n\n\
             修正が届くまで、審査の期間(標準処理期間)は止まっています。期限までに修正がない場合、申請が却下されることがあります。\n\
             担当: {dep_ja}\n\n\
             ----\n\
             Please correct your application.\n\n\
             Procedure: {title_en}\nArrival number: {number}\n\n\
             Items to correct:\n{labels_en}\n\n\
             Message from the office:\n{message}\n\n\
             Deadline: {deadline_en}\n\n\
             Make the correction on this page (the address is for you only; do not forward it):\n{link}\n\n\
             The processing period is paused until your correction arrives. Without a correction by the deadline, the application may be rejected.\n\
             Handled by: {dep_en}\n",
            title_ja = r.procedure_title.ja,
            title_en = r.procedure_title.en,
            number = r.arrival_number,
            labels_ja = labels(Lang::Ja),
            labels_en = labels(Lang::En),
            deadline_ja = jst::format_date(deadline, Lang::Ja),
            deadline_en = jst::format_date(deadline, Lang::En),
            dep_ja = r.department.ja,
            dep_en = r.department.en,
        );
        self.outbox_row(tenant, r, "correction_request", to, subject, body)
    }

    /// Confirms what the applicant did: a correction sent, or a withdrawal.
    pub(crate) fn applicant_action_mail(
        &self,
        conn: &mut dyn Records,
        tenant: &TenantId,
        r: &Receipt,
        kind: &str,
        to: &str,
    ) -> Result<OutboxRecord, AppError> {
        let city = city_name(conn, tenant)?;
        let (what_ja, what_en) = match kind {
            "withdrawn" => (
                "申請の取下げを受け付けました。この申請の審査は行いません。",
                "Your withdrawal was received. The application will not be reviewed.",
            ),
            _ => (
                "修正(補正)を受け付けました。担当者が確認します。審査の期間は、受け付けた日(閉庁時間に届いたときは次の開庁日)の翌日から再び数えます。",
                "Your correction was received and will be checked. The processing period runs again from the day after it arrived (the next business day if it arrived after hours).",
            ),
        };
        let subject = format!(
            "【{}】{} {}(到達番号 {})",
            city.0,
            if kind == "withdrawn" {
                "取下げの受付"
            } else {
                "修正の受付"
            },
            r.procedure_title.ja,
            r.arrival_number
        );
        let body = format!(
            "手続: {}\n到達番号: {}\n\n{}\n\n担当: {}\n\n----\nProcedure: {}\nArrival number: {}\n\n{}\n\nHandled by: {}\n",
            r.procedure_title.ja,
            r.arrival_number,
            what_ja,
            r.department.ja,
            r.procedure_title.en,
            r.arrival_number,
            what_en,
            r.department.en,
        );
        self.outbox_row(tenant, r, kind, to, subject, body)
    }

    pub(crate) fn outbox_row(
        &self,
        tenant: &TenantId,
        r: &Receipt,
        kind: &str,
        to: &str,
        subject: String,
        body: String,
    ) -> Result<OutboxRecord, AppError> {
        self.outbox_mail(
            tenant,
            Some(r.submission_id.as_str()),
            kind,
            to,
            subject,
            body,
        )
    }

    /// A message for the outbox, about a filing or not (a draft's resume link).
    pub(crate) fn outbox_mail(
        &self,
        tenant: &TenantId,
        submission_id: Option<&str>,
        kind: &str,
        to: &str,
        subject: String,
        body: String,
    ) -> Result<OutboxRecord, AppError> {
        let id = uuid::Uuid::now_v7().to_string();
        let host = self
            .config
            .public_url
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split(['/', ':']).next())
            .filter(|h| !h.is_empty())
            .unwrap_or("madoguchi.invalid");
        let now = self.now().naive_utc();
        Ok(OutboxRecord {
            message_id: format!("<{id}@{host}>"),
            id,
            tenant_id: tenant.to_string(),
            submission_id: submission_id.map(str::to_string),
            kind: kind.into(),
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
        })
    }
}

/// What precedes a one-time code in a mail (removed after sending, like links' secrets).
pub(crate) const CODE_MARK: &str = "確認コード / Code: ";

/// `body` with the secrets of correction links replaced, when it has any.
pub(crate) fn without_secret_links(body: &str) -> Option<String> {
    // Correction, decision-notice and payment links carry a secret.
    const MARKS: [&str; 7] = [
        "/corrections/",
        "/documents/",
        "/pay/",
        "/resume/",
        "/account/verify/",
        "/account/reset/",
        CODE_MARK,
    ];
    if !MARKS.iter().any(|m| body.contains(m)) {
        return None;
    }
    let mut out = body.to_string();
    for mark in MARKS {
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

/// (Japanese, English) name of the municipality. Takes the caller's connection: these
/// messages are composed inside its transaction, and a second pooled connection there
/// could exhaust the pool under load.
pub(crate) fn city_name(
    conn: &mut dyn Records,
    tenant: &TenantId,
) -> Result<(String, String), AppError> {
    let t = conn
        .find_tenant(tenant.as_str())?
        .ok_or(AppError::NotFound)?;
    Ok((t.name_ja, t.name_en))
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
