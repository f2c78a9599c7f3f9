//! The failed deliveries page and "send again".

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::review::FailedDelivery;
use madoguchi_core::jst;

use crate::error::WebError;
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
    fn kind(&self, kind: &str) -> String {
        let (ja, en) = match kind {
            "receipt" => ("到達のお知らせ", "Receipt"),
            "decision" => ("審査結果", "Decision"),
            "correction_request" => ("補正のお願い", "Correction request"),
            "correction_reminder" => ("補正期限のお知らせ", "Correction reminder"),
            "resubmitted" => ("修正の受付", "Correction received"),
            "withdrawn" => ("取下げの受付", "Withdrawal received"),
            "payment_request" => ("手数料のお支払いのお願い", "Please pay"),
            "payment_received" => ("入金のお知らせ", "Payment received"),
            "refund" => ("返金のお知らせ", "Refund made"),
            other => (other, other),
        };
        self.page.t(ja, en).to_string()
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
    let items = ctx.run(move |app, _| app.failed_deliveries(&c)).await?;
    let lang = ctx.lang;
    let page = crate::views::office_page(
        lang,
        lang.pick("届かなかったメール", "Undelivered emails"),
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
    id: web::Path<String>,
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    let (c, id) = (clerk.clerk.clone(), id.into_inner());
    ctx.run(move |app, _| app.retry_delivery(&c, &id)).await?;
    Ok(see_other("/office/deliveries?retried=1"))
}
