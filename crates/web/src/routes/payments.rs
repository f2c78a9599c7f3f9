//! Paying fees: the "pay" buttons (receipt page and the emailed link), the return from
//! the provider's page, the provider's signed webhooks, and the accounting section's daily
//! report (`/office/payments`, with CSV).

use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use madoguchi_app::{
    AppError, fees::PayAccess, fees::PayPage, fees::Reconciliation, fees::WebhookOutcome,
    submission::PaymentView,
};
use madoguchi_core::{ArrivalNumber, Lang, Yen, jst};

use super::{html, resource, see_other};
use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody, ResidentSession};
use crate::views::Page;

/// Webhook bodies are small JSON events.
const MAX_WEBHOOK_BYTES: usize = 64 * 1024;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/receipts/{number}/pay").route(web::post().to(pay_from_receipt)))
        .service(
            resource("/pay/{token}")
                .route(web::get().to(pay_page))
                .route(web::post().to(pay_from_link)),
        )
        .service(resource("/payments/return").route(web::get().to(returned)))
        .service(
            resource("/payments/webhook")
                .app_data(web::PayloadConfig::new(MAX_WEBHOOK_BYTES))
                .route(web::post().to(webhook)),
        )
        .service(resource("/office/payments").route(web::get().to(report)))
        .service(resource("/office/payments.csv").route(web::get().to(report_csv)));
}

/// Sends the resident to the provider's page, or says the provider cannot be reached (the
/// filing stays as it is; pressing "pay" again later works).
fn to_provider(result: Result<String, AppError>, lang: Lang) -> Result<HttpResponse, WebError> {
    match result {
        Ok(url) => Ok(see_other(&url)),
        Err(e) => Err(WebError::from_app(e, lang)),
    }
}

async fn pay_from_receipt(
    ctx: Ctx,
    session: ResidentSession,
    number: web::Path<String>,
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    let (token, n) = (session.0, number.into_inner());
    let result = ctx
        .call(move |app, tenant| {
            app.start_payment(
                &tenant,
                PayAccess::Session {
                    token: token.as_deref(),
                    arrival_number: &n,
                },
            )
        })
        .await?;
    to_provider(result, ctx.lang)
}

async fn pay_from_link(
    ctx: Ctx,
    token: web::Path<String>,
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    let token = token.into_inner();
    let result = ctx
        .call(move |app, tenant| app.start_payment(&tenant, PayAccess::Link { token: &token }))
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

async fn pay_page(
    ctx: Ctx,
    csrf: CsrfToken,
    token: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let token = token.into_inner();
    let t = token.clone();
    let p = ctx
        .run(move |app, tenant| app.pay_page(&tenant, &t))
        .await?;
    let page = Page::new(
        ctx.lang,
        ctx.lang.pick("手数料のお支払い", "Pay the fee"),
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

#[derive(serde::Deserialize)]
struct ReturnQuery {
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
async fn returned(ctx: Ctx, query: web::Query<ReturnQuery>) -> Result<HttpResponse, WebError> {
    let checkout = query.into_inner().checkout.unwrap_or_default();
    let (arrival_number, payment) = ctx
        .run(move |app, tenant| app.payment_returned(&tenant, &checkout))
        .await?;
    let page = Page::new(
        ctx.lang,
        if payment.is_paid() {
            ctx.lang.pick("お支払いが完了しました", "Payment complete")
        } else {
            ctx.lang.pick("お支払いの状況", "Your payment")
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

/// The provider's webhook: signed JSON, no cookies, no CSRF token (the signature is the
/// check). 200 once applied or already known; 400 when refused (logged).
async fn webhook(req: HttpRequest, ctx: Ctx, body: web::Bytes) -> Result<HttpResponse, WebError> {
    let headers: Vec<(String, String)> = req
        .headers()
        .iter()
        .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
        .collect();
    let result = ctx
        .call(move |app, _| {
            let pairs: Vec<(&str, &str)> = headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            app.payment_webhook(&pairs, &body)
        })
        .await?;
    match result {
        Ok(outcome) => Ok(HttpResponse::Ok().json(serde_json::json!({
            "outcome": match outcome {
                WebhookOutcome::Applied => "applied",
                WebhookOutcome::Duplicate => "duplicate",
                WebhookOutcome::Stale => "stale",
                WebhookOutcome::Unknown => "unknown",
            }
        }))),
        Err(AppError::WebhookRefused(e)) => Ok(HttpResponse::BadRequest()
            .json(serde_json::json!({"error": "webhook_refused", "message": e.to_string()}))),
        Err(e) => Err(WebError::from_app(e, ctx.lang)),
    }
}

#[derive(serde::Deserialize)]
struct DayQuery {
    day: Option<String>,
}

fn day_of(query: &DayQuery, ctx: &Ctx) -> NaiveDate {
    query
        .day
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(|| jst::date(ctx.app.now()))
}

#[derive(Template)]
#[template(path = "office/payments.html")]
struct ReportView {
    page: Page,
    r: Reconciliation,
    /// The day asked for could not be read (today is shown).
    bad_day: bool,
}

impl ReportView {
    fn day(&self) -> String {
        self.r.day.format("%Y-%m-%d").to_string()
    }
    fn day_label(&self) -> String {
        jst::format_date(self.r.day, self.page.lang)
    }
    fn yen(&self, amount: &Yen) -> String {
        amount.format(self.page.lang)
    }
    fn when(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        jst::to_jst(*at).format("%H:%M:%S").to_string()
    }
    fn kind(&self, kind: &str) -> &'static str {
        match kind {
            "refund" => self.page.t("返金", "Refund"),
            _ => self.page.t("入金", "Payment"),
        }
    }
    fn method(&self, m: &Option<madoguchi_payment::PaymentMethod>) -> String {
        m.map(|m| {
            madoguchi_app::submission::method_label(m)
                .get(self.page.lang)
                .to_string()
        })
        .unwrap_or_default()
    }
    fn title(&self, l: &madoguchi_app::fees::LedgerLine) -> String {
        l.procedure_title.get(self.page.lang).to_string()
    }
    fn net(&self) -> String {
        Yen::new(self.r.received.amount() - self.r.refunded.amount()).format(self.page.lang)
    }
}

async fn report(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    query: web::Query<DayQuery>,
) -> Result<HttpResponse, WebError> {
    let day = day_of(&query, &ctx);
    let bad_day = query.day.as_deref().is_some_and(|d| {
        !d.trim().is_empty() && NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").is_err()
    });
    let c = clerk.clerk.clone();
    let r = ctx.run(move |app, _| app.reconciliation(&c, day)).await?;
    let lang = ctx.lang;
    let mut page = super::office::office_page(
        lang,
        lang.pick("手数料の日計", "Fees by day"),
        "/office/payments",
        &clerk,
        &csrf.0,
    );
    page.has_errors = bad_day;
    html(StatusCode::OK, &ReportView { page, r, bad_day }, lang)
}

async fn report_csv(
    ctx: Ctx,
    clerk: CurrentClerk,
    query: web::Query<DayQuery>,
) -> Result<HttpResponse, WebError> {
    let day = day_of(&query, &ctx);
    let c = clerk.clerk.clone();
    let body = ctx
        .run(move |app, _| app.reconciliation(&c, day)?.to_csv())
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"payments-{}.csv\"",
                day.format("%Y-%m-%d")
            ),
        ))
        .body(body))
}
