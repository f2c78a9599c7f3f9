//! The payment emails: "please pay" (with the secret link), "payment received", "refund
//! made". Every language, Japanese first, like every other message (`mail.ftl`).

use madoguchi_core::{FeeTiming, Yen};
use madoguchi_i18n::t;
use madoguchi_records::{OutboxRecord, PaymentRecord, Records, RefundRecord};

use crate::kernel::municipality::city_name;
use crate::kernel::{App, AppError};
use crate::notification::mail::{body_in_every_language, subject_in_every_language};
use crate::submission::Receipt;
use crate::submission::fees::method_label;

impl App {
    /// "Payment received" (入金のお知らせ).
    pub(super) fn payment_mail(
        &self,
        c: &mut dyn Records,
        r: &Receipt,
        p: &PaymentRecord,
        to: &str,
    ) -> Result<OutboxRecord, AppError> {
        let tenant = &p.tenant_id;
        let city = city_name(c, tenant)?;
        let amount = Yen::new(p.amount_paid_yen);
        let method = p.method.map(method_label);
        let after_approval = p.timing == FeeTiming::AfterApproval;
        let subject = subject_in_every_language(|lang| {
            let a = r.about(&city, lang);
            t!(
                lang,
                mail_payment_received_subject,
                city = a.city,
                title = a.title,
                number = a.number
            )
        });
        let body = body_in_every_language(|lang| {
            let a = r.about(&city, lang);
            let next = if after_approval {
                t!(lang, mail_payment_next_result)
            } else {
                t!(lang, mail_payment_next_review)
            };
            t!(
                lang,
                mail_payment_received_body,
                title = a.title,
                number = a.number,
                amount = amount.format(lang),
                method = method.as_ref().map(|m| m.get(lang)).unwrap_or_default(),
                next = next,
                dep = a.dep,
            )
        });
        self.outbox_row(
            tenant,
            r,
            madoguchi_core::MailKind::PaymentReceived,
            to,
            subject,
            body,
        )
    }

    /// "Refund made" (返金のお知らせ).
    pub(super) fn refund_mail(
        &self,
        c: &mut dyn Records,
        r: &Receipt,
        refund: &RefundRecord,
        to: &str,
    ) -> Result<OutboxRecord, AppError> {
        let tenant = &refund.tenant_id;
        let city = city_name(c, tenant)?;
        let amount = Yen::new(refund.amount_yen);
        let subject = subject_in_every_language(|lang| {
            let a = r.about(&city, lang);
            t!(
                lang,
                mail_refund_subject,
                city = a.city,
                title = a.title,
                number = a.number
            )
        });
        let body = body_in_every_language(|lang| {
            let a = r.about(&city, lang);
            t!(
                lang,
                mail_refund_body,
                title = a.title,
                number = a.number,
                amount = amount.format(lang),
                dep = a.dep,
            )
        });
        self.outbox_row(
            tenant,
            r,
            madoguchi_core::MailKind::Refund,
            to,
            subject,
            body,
        )
    }
}
