//! `/office/payments`: the day's payments for reconciliation, as a page and as CSV.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use madoguchi_app::fees::Reconciliation;
use madoguchi_core::{Yen, jst};

use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk};
use crate::routes::html;
use crate::views::Page;

#[derive(serde::Deserialize)]
pub(super) struct DayQuery {
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
            "refund" => msg::web_payments_refund::text(self.page.lang),
            _ => msg::web_payments_payment::text(self.page.lang),
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
    fn channel(&self, c: &madoguchi_core::PaymentChannel) -> String {
        madoguchi_app::fees::channel_label(*c)
            .get(self.page.lang)
            .to_string()
    }
    fn title(&self, l: &madoguchi_app::fees::LedgerLine) -> String {
        l.procedure_title.get(self.page.lang).to_string()
    }
    fn net(&self) -> String {
        self.r.net().format(self.page.lang)
    }
}

pub(super) async fn report(
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
    let r = ctx
        .run(move |app, tenant| app.fees(&tenant).reconciliation(&c, day))
        .await?;
    let lang = ctx.lang;
    let mut page = crate::views::office_page(
        lang,
        msg::web_common_fees_by_day::text(lang),
        "/office/payments",
        &clerk,
        &csrf.0,
    );
    page.has_errors = bad_day;
    html(StatusCode::OK, &ReportView { page, r, bad_day }, lang)
}

pub(super) async fn report_csv(
    ctx: Ctx,
    clerk: CurrentClerk,
    query: web::Query<DayQuery>,
) -> Result<HttpResponse, WebError> {
    let day = day_of(&query, &ctx);
    let c = clerk.clerk.clone();
    let body = ctx
        .run(move |app, tenant| app.fees(&tenant).reconciliation(&c, day)?.to_csv())
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
