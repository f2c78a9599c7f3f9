//! The failed deliveries page and "send again".

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::review::FailedDelivery;
use madoguchi_core::{MailKind, jst};

use crate::error::WebError;
use crate::extract::RecordKey;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::routes::{html, see_other};
use crate::views::Page;

#[derive(Template)]
#[template(path = "office/deliveries.html")]
struct ListView {
    page: Page,
    items: Vec<FailedDelivery>,
    csrf: String,
    /// Just queued again.
    retried: bool,
}

impl ListView {
    fn when(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        jst::format_datetime(*at, self.page.lang)
    }
    fn title(&self, d: &FailedDelivery) -> String {
        d.procedure_title.get(self.page.lang).to_string()
    }
    fn kind(&self, kind: &MailKind) -> String {
        let words: madoguchi_i18n::Phrase = match kind {
            MailKind::Receipt => msg::web_office_mail_receipt::text,
            MailKind::Decision => msg::web_office_mail_decision::text,
            MailKind::CorrectionRequest => msg::web_office_mail_correction_request::text,
            MailKind::CorrectionReminder => msg::web_office_mail_correction_reminder::text,
            MailKind::Resubmitted => msg::web_office_mail_resubmitted::text,
            MailKind::Withdrawn => msg::web_office_mail_withdrawn::text,
            MailKind::InReview => msg::web_office_mail_in_review::text,
            MailKind::Extended => msg::web_office_mail_extended::text,
            MailKind::Closed => msg::web_office_mail_closed::text,
            MailKind::PaymentRequest => msg::web_office_mail_payment_request::text,
            MailKind::PaymentReceived => msg::web_office_mail_payment_received::text,
            MailKind::Refund => msg::web_office_mail_refund::text,
            MailKind::ResumeLink => msg::web_office_mail_resume_link::text,
            MailKind::EmailCode => msg::web_office_mail_email_code::text,
            MailKind::AccountExists => msg::web_office_mail_account_exists::text,
            MailKind::AccountVerify => msg::web_office_mail_account_verify::text,
            MailKind::AccountReset => msg::web_office_mail_account_reset::text,
            MailKind::AccountPasswordChanged => msg::web_office_mail_account_password_changed::text,
            MailKind::Booking => msg::web_office_mail_booking::text,
            MailKind::BookingCancelled => msg::web_office_mail_booking_cancelled::text,
            MailKind::BookingReminder => msg::web_office_mail_booking_reminder::text,
            MailKind::BookingStopped => msg::web_office_mail_booking_stopped::text,
            MailKind::WaitlistJoined => msg::web_office_mail_waitlist_joined::text,
            MailKind::WaitlistOffer => msg::web_office_mail_waitlist_offer::text,
        };
        words(self.page.lang).to_string()
    }
}

#[derive(serde::Deserialize)]
pub(super) struct ListQuery {
    retried: Option<String>,
}

pub(super) async fn list(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, WebError> {
    let c = clerk.clerk.clone();
    let items = ctx
        .run(move |app, tenant| app.review(&tenant).failed_deliveries(&c))
        .await?;
    let lang = ctx.lang;
    let page = crate::views::office_page(
        lang,
        msg::web_common_undelivered_emails::text(lang),
        "/office/deliveries",
        &clerk,
        &csrf.0,
    );
    html(
        StatusCode::OK,
        &ListView {
            page,
            items,
            csrf: csrf.0,
            retried: query.retried.is_some(),
        },
        lang,
    )
}

pub(super) async fn retry(
    ctx: Ctx,
    clerk: CurrentClerk,
    id: web::Path<RecordKey>,
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    let (c, id) = (clerk.clerk.clone(), id.into_inner().into_inner());
    ctx.run(move |app, tenant| app.review(&tenant).retry_delivery(&c, &id))
        .await?;
    Ok(see_other("/office/deliveries?retried=1"))
}
