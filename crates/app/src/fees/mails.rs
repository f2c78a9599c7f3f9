//! The payment emails: "please pay" (with the secret link), "payment received", "refund
//! made". Every language, Japanese first, like every other message (`mail.ftl`).

use madoguchi_core::{FeeTiming, MailKind, Yen};
use madoguchi_i18n::t;
use madoguchi_records::{OutboxRecord, PaymentRecord, RecordsRead, RefundRecord};

use crate::kernel::{App, AppError};
use crate::notification::mails::{About, subject};
use crate::submission::Receipt;
use crate::submission::fees::method_label;

impl App {
    /// "Payment received" (入金のお知らせ).
    pub(super) fn payment_mail(
        &self,
        c: &mut dyn RecordsRead,
        r: &Receipt,
        p: &PaymentRecord,
        to: &str,
    ) -> Result<OutboxRecord, AppError> {
        let amount = Yen::new(p.amount_paid_yen);
        let method = p.method.map(method_label);
        let after_approval = p.timing == FeeTiming::AfterApproval;
        let body = |lang, a: &About<'_>| {
            let next = if after_approval {
                t!(lang, mail_payment_next_result)
            } else {
                t!(lang, mail_payment_next_review)
            };
            t!(
                lang,
                mail_payment_received_body,
                title = a.title,
                number = &a.number,
                amount = amount.format(lang),
                method = method.as_ref().map(|m| m.get(lang)).unwrap_or_default(),
                next = next,
                dep = a.dep,
            )
        };
        let subject = subject!(mail_payment_received_subject);
        let kind = MailKind::PaymentReceived;
        self.filing_mail(c, &p.tenant_id, r, kind, to, subject, body)
    }

    /// "Refund made" (返金のお知らせ).
    pub(super) fn refund_mail(
        &self,
        c: &mut dyn RecordsRead,
        r: &Receipt,
        refund: &RefundRecord,
        to: &str,
    ) -> Result<OutboxRecord, AppError> {
        let amount = Yen::new(refund.amount_yen);
        let body = |lang, a: &About<'_>| {
            t!(
                lang,
                mail_refund_body,
                title = a.title,
                number = &a.number,
                amount = amount.format(lang),
                dep = a.dep,
            )
        };
        let subject = subject!(mail_refund_subject);
        let tenant = &refund.tenant_id;
        self.filing_mail(c, tenant, r, MailKind::Refund, to, subject, body)
    }
}
