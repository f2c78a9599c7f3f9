//! Paying a fee: from the receipt, or from the emailed link (`/pay/{token}`), on to the
//! provider's page.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::{AppError, fees::PayAccess, fees::PayPage};
use madoguchi_core::Lang;

use crate::error::WebError;
use crate::extract::{ArrivalKey, LinkToken};
use crate::extract::{CsrfToken, Ctx, FormBody, ResidentSession};
use crate::routes::{html, see_other};
use crate::views::Page;

/// Sends the resident to the provider's page, or says the provider cannot be reached (the
/// filing stays as it is; pressing "pay" again later works).
fn to_provider(result: Result<String, AppError>, lang: Lang) -> Result<HttpResponse, WebError> {
    match result {
        Ok(url) => Ok(see_other(&url)),
        Err(e) => Err(WebError::from_app(e, lang)),
    }
}

pub(super) async fn pay_from_receipt(
    ctx: Ctx,
    session: ResidentSession,
    number: web::Path<ArrivalKey>,
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    let (token, n) = (session.0, number.into_inner().into_inner());
    let result = ctx
        .call(move |app, tenant| {
            app.fees(&tenant).start_payment(PayAccess::Session {
                token: token.as_deref(),
                arrival_number: &n,
            })
        })
        .await?;
    to_provider(result, ctx.lang)
}

pub(super) async fn pay_from_link(
    ctx: Ctx,
    token: web::Path<LinkToken>,
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    let token = token.into_inner().into_inner();
    let result = ctx
        .call(move |app, tenant| {
            app.fees(&tenant)
                .start_payment(PayAccess::Link { token: &token })
        })
        .await?;
    to_provider(result, ctx.lang)
}

#[derive(Template)]
#[template(path = "pay.html")]
struct PayView {
    page: Page,
    p: PayPage,
    token: String,
    csrf: String,
}

impl PayView {
    fn title(&self) -> &str {
        self.p.procedure_title.get(self.page.lang)
    }
    fn amount(&self) -> String {
        self.p.payment.amount.format(self.page.lang)
    }
    fn status(&self) -> String {
        self.p.payment.label().get(self.page.lang).to_string()
    }
}

pub(super) async fn pay_page(
    ctx: Ctx,
    csrf: CsrfToken,
    token: web::Path<LinkToken>,
) -> Result<HttpResponse, WebError> {
    let token = token.into_inner().into_inner();
    let t = token.clone();
    let p = ctx
        .run(move |app, tenant| app.fees(&tenant).pay_page(&t))
        .await?;
    let page = Page::new(
        ctx.lang,
        msg::web_payments_pay_the_fee::text(ctx.lang),
        format!("/pay/{token}"),
    );
    html(
        StatusCode::OK,
        &PayView {
            page,
            p,
            token,
            csrf: csrf.0,
        },
        ctx.lang,
    )
}
