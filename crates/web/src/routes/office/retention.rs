//! `/office/retention` (保存期間と廃棄予定): for a section's head, each of the section's
//! procedures with its retention class and how many decided filings are past it today;
//! `/office/retention.csv` lists them (廃棄予定目録: arrival number, procedure, status,
//! decision date — no applicant's details). Nothing is deleted from here.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::kernel::spreadsheet::CsvFile;
use madoguchi_app::review::{KeepFor, PlanLine, RetentionPlan};
use madoguchi_core::jst;
use madoguchi_i18n::t;

use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk};
use crate::routes::{html, resource};
use crate::views::Page;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/office/retention").route(web::get().to(page)))
        .service(resource("/office/retention.csv").route(web::get().to(csv)));
}

#[derive(Template)]
#[template(path = "office/retention.html")]
struct RetentionView {
    page: Page,
    plan: RetentionPlan,
}

impl RetentionView {
    fn title(&self, l: &PlanLine) -> String {
        l.title.get(self.page.lang).to_string()
    }
    fn keep(&self, l: &PlanLine) -> String {
        let lang = self.page.lang;
        match l.keep {
            Some(KeepFor::Years(n)) => t!(lang, web_office_retention_years, years = n.to_string()),
            Some(KeepFor::Permanent) => msg::web_office_retention_permanent::text(lang).to_string(),
            None => msg::web_office_retention_unknown::text(lang).to_string(),
        }
    }
    fn before(&self, l: &PlanLine) -> String {
        l.decided_before
            .map(|d| jst::format_date(d, self.page.lang))
            .unwrap_or_else(|| "-".into())
    }
    fn held_line(&self) -> String {
        t!(
            self.page.lang,
            web_office_retention_held,
            count = self.plan.held().to_string()
        )
    }
    fn as_of(&self) -> String {
        t!(
            self.page.lang,
            web_office_retention_as_of,
            day = jst::format_date(self.plan.as_of, self.page.lang),
            count = self.plan.due().to_string()
        )
    }
}

async fn page(ctx: Ctx, clerk: CurrentClerk, csrf: CsrfToken) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let c = clerk.clerk.clone();
    let plan = ctx
        .run(move |app, tenant| app.review(&tenant).retention_plan(&c))
        .await?;
    let page = crate::views::office_page(
        lang,
        msg::web_office_retention_title::text(lang),
        "/office/retention",
        &clerk,
        &csrf.0,
    );
    html(StatusCode::OK, &RetentionView { page, plan }, lang)
}

/// 廃棄予定目録 as CSV (with a BOM, for spreadsheet programs).
async fn csv(ctx: Ctx, clerk: CurrentClerk) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let c = clerk.clerk.clone();
    let due = ctx
        .run(move |app, tenant| app.review(&tenant).retention_list(&c))
        .await?;
    let bad = |e: csv::Error| WebError::internal(e, lang);
    let mut w = CsvFile::new(true);
    w.row(["arrival_number", "procedure", "state", "decided_on"])
        .map_err(bad)?;
    for d in &due {
        w.row([
            d.arrival_number.to_string(),
            d.procedure.to_string(),
            d.state.code().to_string(),
            d.decided_on.to_string(),
        ])
        .map_err(bad)?;
    }
    let body = w.finish().map_err(|e| WebError::internal(e, lang))?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            CONTENT_DISPOSITION,
            "attachment; filename=\"retention-due.csv\"",
        ))
        .insert_header((CACHE_CONTROL, "no-store"))
        .body(body))
}
