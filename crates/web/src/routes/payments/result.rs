//! `/payments/return`: back from the provider, what happened.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::submission::PaymentView;
use madoguchi_core::ArrivalNumber;

use crate::error::WebError;
use crate::extract::Ctx;
use crate::routes::html;
use crate::views::Page;

#[derive(serde::Deserialize)]
pub(super) struct ReturnQuery {
    checkout: Option<String>,
}

#[derive(Template)]
#[template(path = "payment_result.html")]
struct ResultView {
    page: Page,
    arrival_number: ArrivalNumber,
    payment: PaymentView,
}

impl ResultView {
    fn amount(&self) -> String {
        self.payment.amount.format(self.page.lang)
    }
    fn status(&self) -> String {
        self.payment.label().get(self.page.lang).to_string()
    }
    fn paid(&self) -> bool {
        self.payment.is_paid()
    }
}

/// Back from the provider: what happened, asked of the provider (the query string is only
/// the checkout's id).
pub(super) async fn returned(
    ctx: Ctx,
    query: web::Query<ReturnQuery>,
) -> Result<HttpResponse, WebError> {
    let checkout = query.into_inner().checkout.unwrap_or_default();
    let (arrival_number, payment) = ctx
        .run(move |app, tenant| app.fees(&tenant).payment_returned(&checkout))
        .await?;
    let page = Page::new(
        ctx.lang,
        if payment.is_paid() {
            msg::web_payments_payment_complete::text(ctx.lang)
        } else {
            msg::web_payments_your_payment::text(ctx.lang)
        },
        "/payments/return",
    );
    html(
        StatusCode::OK,
        &ResultView {
            page,
            arrival_number,
            payment,
        },
        ctx.lang,
    )
}
