//! The mails that tell the applicant how the office is getting on: taken up (審査中), the
//! processing period extended (延長, with the reason and the new date), completed (完結).

use madoguchi_core::{MailKind, TenantId, jst};
use madoguchi_i18n::t;
use madoguchi_records::{OutboxRecord, RecordsRead};

use crate::kernel::{App, AppError};
use crate::notification::mails::{About, subject};
use crate::submission::Receipt;

/// What happened, for the mail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Progress<'a> {
    /// A clerk took it up.
    InReview,
    /// The period was extended by `days` business days, for `reason`.
    Extended {
        days: u32,
        reason: &'a str,
    },
    Closed,
}

impl App {
    /// The mail about `progress` on filing `r` (read after the change: its new due date).
    pub(crate) fn progress_mail(
        &self,
        conn: &mut dyn RecordsRead,
        tenant: &TenantId,
        r: &Receipt,
        progress: Progress<'_>,
        to: &str,
    ) -> Result<OutboxRecord, AppError> {
        let url = &self.public_url_of(tenant);
        let due = |lang| match r.due_on {
            Some(d) => jst::format_date(d, lang),
            None => t!(lang, mail_receipt_due_unscheduled).into(),
        };
        match progress {
            Progress::InReview => {
                let body = |lang, a: &About<'_>| {
                    t!(
                        lang,
                        mail_in_review_body,
                        title = a.title,
                        number = &a.number,
                        due = due(lang),
                        dep = a.dep,
                        url = url,
                    )
                };
                let subject = subject!(mail_in_review_subject);
                self.filing_mail(conn, tenant, r, MailKind::InReview, to, subject, body)
            }
            Progress::Extended { days, reason } => {
                let body = |lang, a: &About<'_>| {
                    t!(
                        lang,
                        mail_extended_body,
                        title = a.title,
                        number = &a.number,
                        days = days,
                        reason = reason,
                        due = due(lang),
                        dep = a.dep,
                        url = url,
                    )
                };
                let subject = subject!(mail_extended_subject);
                self.filing_mail(conn, tenant, r, MailKind::Extended, to, subject, body)
            }
            Progress::Closed => {
                let body = |lang, a: &About<'_>| {
                    t!(
                        lang,
                        mail_closed_body,
                        title = a.title,
                        number = &a.number,
                        dep = a.dep,
                        url = url,
                    )
                };
                let subject = subject!(mail_closed_subject);
                self.filing_mail(conn, tenant, r, MailKind::Closed, to, subject, body)
            }
        }
    }
}
