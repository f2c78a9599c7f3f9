//! The emails about a filing: receipt, decision, correction request, the office's messages, the request to pay.
//!
//! The words are the `mail-…` templates of the catalogues (`madoguchi-i18n`, `mail.ftl`);
//! every mail holds every language, Japanese first.

use chrono::NaiveDate;
use madoguchi_core::{Lang, Localized, MailKind, TenantId, jst};
use madoguchi_forms::Form;
use madoguchi_i18n::t;
use madoguchi_records::{OutboxRecord, RecordsRead};
use madoguchi_workflow::State;

use crate::kernel::{App, AppError};
use crate::notification::mail::{body_in_every_language, subject_in_every_language};
use crate::submission::Receipt;

/// The words every mail about a filing fills in, in one language.
pub(crate) struct About<'a> {
    pub city: &'a str,
    pub title: &'a str,
    pub number: String,
    pub dep: &'a str,
}

impl Receipt {
    /// What a mail about this filing says of it in `lang`.
    pub(crate) fn about<'a>(&'a self, city: &'a Localized, lang: Lang) -> About<'a> {
        About {
            city: city.get(lang),
            title: self.procedure_title.get(lang),
            number: self.arrival_number.to_string(),
            dep: self.department.get(lang),
        }
    }
}

/// The subject every mail about a filing has: the city, the procedure and the arrival
/// number, in the catalogue message `$id`.
macro_rules! subject {
    ($id:ident) => {
        |lang: madoguchi_core::Lang, a: &$crate::notification::mails::About<'_>| {
            madoguchi_i18n::t!(
                lang,
                $id,
                city = a.city,
                title = a.title,
                number = &a.number
            )
        }
    };
}
pub(crate) use subject;

impl App {
    /// A mail about filing `r` to `to`: its subject and body in every language, Japanese
    /// first, from what the filing says of itself in each (`About`).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn filing_mail(
        &self,
        conn: &mut dyn RecordsRead,
        tenant: &TenantId,
        r: &Receipt,
        kind: MailKind,
        to: &str,
        subject: impl Fn(Lang, &About<'_>) -> String,
        body: impl Fn(Lang, &About<'_>) -> String,
    ) -> Result<OutboxRecord, AppError> {
        let city = self.city_name_in(conn, tenant)?;
        let subject = subject_in_every_language(|lang| subject(lang, &r.about(&city, lang)));
        let body = body_in_every_language(|lang| body(lang, &r.about(&city, lang)));
        self.outbox_row(tenant, r, kind, to, subject, body)
    }

    pub(crate) fn receipt_mail(
        &self,
        conn: &mut dyn RecordsRead,
        tenant: &TenantId,
        r: &Receipt,
        to: &str,
    ) -> Result<OutboxRecord, AppError> {
        let due = |lang| match r.due_on {
            Some(d) if r.due_to_confirm => t!(
                lang,
                mail_receipt_due_to_confirm,
                due = jst::format_date(d, lang)
            ),
            Some(d) => jst::format_date(d, lang),
            None => t!(lang, mail_receipt_due_unscheduled).into(),
        };
        // The status look-up key: only in this mail and on the receipt it came with.
        let status_url = format!("{}/status", self.public_url_of(tenant));
        let lookup = |lang| match &r.status_key {
            Some(key) => t!(lang, mail_receipt_lookup, key = key, url = &status_url),
            None => String::new(),
        };
        let body = |lang, a: &About<'_>| {
            t!(
                lang,
                mail_receipt_body,
                lookup = lookup(lang),
                title = a.title,
                number = &a.number,
                at = jst::format_datetime(r.arrived_at, lang),
                fee = r.fee.format(lang),
                dep = a.dep,
                due = due(lang),
                url = &self.public_url_of(tenant),
                city = a.city,
            )
        };
        let subject = subject!(mail_receipt_subject);
        self.filing_mail(conn, tenant, r, MailKind::Receipt, to, subject, body)
    }

    /// The decision, with its reasons when refused (an approval's note for the applicant
    /// when the clerk wrote one) and the appeal-rights notice (教示) of the procedure.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn decision_mail(
        &self,
        conn: &mut dyn RecordsRead,
        tenant: &TenantId,
        r: &Receipt,
        form: &Form,
        to_state: State,
        reason: Option<&str>,
        notice_token: &str,
        to: &str,
    ) -> Result<OutboxRecord, AppError> {
        let link = format!("{}/documents/{notice_token}", self.public_url_of(tenant));
        let result = |lang| match to_state {
            // Approved with the fee still to pay: not "done" yet, and says how to pay; then
            // the clerk's note for the applicant, when there is one.
            State::Approved => {
                // A fee a counter took before the decision is not asked for again.
                let paid = r
                    .payment
                    .as_ref()
                    .is_some_and(|p| p.after_approval && p.is_paid());
                let approved = match &r.fee_path {
                    _ if paid => t!(lang, mail_decision_approved).to_string(),
                    crate::submission::FeePath::OnlineAfterApproval => {
                        t!(lang, mail_decision_approved_fee_online).to_string()
                    }
                    crate::submission::FeePath::AfterApprovalOffline { how } => {
                        t!(
                            lang,
                            mail_decision_approved_fee_offline,
                            how = how.get(lang)
                        )
                    }
                    _ => t!(lang, mail_decision_approved).to_string(),
                };
                match reason {
                    Some(note) => {
                        format!(
                            "{approved}\n\n{}",
                            t!(lang, mail_decision_note, note = note)
                        )
                    }
                    None => approved,
                }
            }
            _ => t!(
                lang,
                mail_decision_rejected,
                reason = reason.unwrap_or_default()
            ),
        };
        let notice = self
            .appeal_notice(tenant.as_str(), form.settings().appeal_key())
            .ok_or_else(|| {
                AppError::broken(format!(
                    "no appeal notice `{}` for {}",
                    form.settings().appeal_key(),
                    form.id()
                ))
            })?;
        let body = |lang, a: &About<'_>| {
            t!(
                lang,
                mail_decision_body,
                title = a.title,
                number = &a.number,
                result = result(lang),
                link = &link,
                notice = notice.get(lang),
                dep = a.dep,
                url = &self.public_url_of(tenant),
            )
        };
        let subject = subject!(mail_decision_subject);
        self.filing_mail(conn, tenant, r, MailKind::Decision, to, subject, body)
    }

    /// A correction request (補正のお願い) with the link to answer it.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn correction_mail(
        &self,
        conn: &mut dyn RecordsRead,
        tenant: &TenantId,
        r: &Receipt,
        form: &Form,
        fields: &[String],
        message: &str,
        deadline: NaiveDate,
        token: &str,
        to: &str,
    ) -> Result<OutboxRecord, AppError> {
        let items = |lang: Lang| -> String {
            fields
                .iter()
                .filter_map(|p| form.field(p))
                .map(|f| t!(lang, mail_correction_item, label = f.label.get(lang)))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let link = format!("{}/corrections/{token}", self.public_url_of(tenant));
        let body = |lang, a: &About<'_>| {
            t!(
                lang,
                mail_correction_body,
                title = a.title,
                number = &a.number,
                items = items(lang),
                message = message,
                deadline = jst::format_date(deadline, lang),
                link = &link,
                dep = a.dep,
            )
        };
        let subject = subject!(mail_correction_subject);
        let kind = MailKind::CorrectionRequest;
        self.filing_mail(conn, tenant, r, kind, to, subject, body)
    }

    /// Confirms what the applicant did: a correction sent, or a withdrawal. Every language,
    /// Japanese first, like every other message.
    pub(crate) fn applicant_action_mail(
        &self,
        conn: &mut dyn RecordsRead,
        tenant: &TenantId,
        r: &Receipt,
        kind: MailKind,
        to: &str,
    ) -> Result<OutboxRecord, AppError> {
        if kind == MailKind::Withdrawn {
            let body = |lang, a: &About<'_>| {
                t!(
                    lang,
                    mail_withdrawn_body,
                    title = a.title,
                    number = &a.number,
                    dep = a.dep
                )
            };
            let subject = subject!(mail_withdrawn_subject);
            self.filing_mail(conn, tenant, r, kind, to, subject, body)
        } else {
            let body = |lang, a: &About<'_>| {
                t!(
                    lang,
                    mail_corrected_body,
                    title = a.title,
                    number = &a.number,
                    dep = a.dep
                )
            };
            let subject = subject!(mail_corrected_subject);
            self.filing_mail(conn, tenant, r, kind, to, subject, body)
        }
    }

    /// "Please pay" (手数料のお支払いのお願い) with the secret link, sent when a fee
    /// becomes due.
    pub(crate) fn payment_request_mail(
        &self,
        c: &mut dyn RecordsRead,
        r: &Receipt,
        tenant: &TenantId,
        token: &str,
        to: &str,
    ) -> Result<OutboxRecord, AppError> {
        let link = format!("{}/pay/{token}", self.public_url_of(tenant));
        let body = |lang, a: &About<'_>| {
            t!(
                lang,
                mail_payment_request_body,
                title = a.title,
                number = &a.number,
                fee = r.fee.format(lang),
                link = &link,
                dep = a.dep,
            )
        };
        let subject = subject!(mail_payment_request_subject);
        let kind = MailKind::PaymentRequest;
        self.filing_mail(c, tenant, r, kind, to, subject, body)
    }
}

/// A correction request turned into its reminder (sent before the deadline, with a new
/// link): the subject marked in Japanese, one line per language above the body.
pub(crate) fn as_correction_reminder(mail: &mut OutboxRecord, deadline: NaiveDate) {
    mail.kind = MailKind::CorrectionReminder;
    mail.subject = t!(
        Lang::Ja,
        mail_correction_reminder_subject,
        subject = &mail.subject
    );
    let intro = Lang::ALL.map(|lang| {
        t!(
            lang,
            mail_correction_reminder_intro,
            deadline = jst::format_date(deadline, lang)
        )
    });
    mail.body = format!("{}\n\n{}", intro.join("\n"), mail.body);
}
