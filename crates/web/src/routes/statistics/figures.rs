//! `/statistics`: the municipality's figures (open data), as a page, CSV and JSON.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDate;
use madoguchi_app::kernel::spreadsheet::CsvFile;
use madoguchi_app::{operations::FigureRow, operations::Figures};
use madoguchi_core::{Localized, jst};

use super::query_of;
use crate::error::WebError;
use crate::extract::Ctx;
use crate::routes::html;
use crate::views::Page;

/// `?year=`: a fiscal year (the latest without one).
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct YearInput {
    year: String,
}

async fn figures(ctx: &Ctx, req: &HttpRequest) -> Result<Figures, WebError> {
    let q: YearInput = query_of(req);
    let year = match q.year.as_str() {
        "" => None,
        y => Some(y.parse().map_err(|_| ctx.not_found())?),
    };
    ctx.run(move |app, tenant| app.figures(&tenant, year)).await
}

/// A tenths value as text: 45 → "4.5".
fn tenths(v: Option<i64>) -> String {
    v.map(|v| format!("{}.{}", v / 10, v % 10))
        .unwrap_or_else(|| "-".into())
}

#[derive(Template)]
#[template(path = "statistics.html")]
struct StatisticsPage {
    page: Page,
    f: Figures,
    chart: String,
    years: Vec<i32>,
}

impl StatisticsPage {
    /// Each booking place, then all of them.
    fn booking_rows(&self) -> Vec<&madoguchi_app::operations::BookingFigureRow> {
        self.f
            .bookings
            .iter()
            .chain(std::iter::once(&self.f.booking_total))
            .collect()
    }
    fn l<'a>(&self, t: &'a Localized) -> &'a str {
        t.get(self.page.lang)
    }
    fn pct(&self, v: &Option<i64>) -> String {
        match v {
            Some(_) => format!("{}%", tenths(*v)),
            None => "-".into(),
        }
    }
    fn days(&self, v: &Option<i64>) -> String {
        tenths(*v)
    }
    fn standard(&self, r: &FigureRow) -> String {
        r.standard_days
            .map(|d| d.to_string())
            .unwrap_or_else(|| "-".into())
    }
    fn month(&self, d: &NaiveDate) -> String {
        d.format(msg::web_statistics_month_format::text(self.page.lang))
            .to_string()
    }
    fn date(&self, d: &NaiveDate) -> String {
        jst::format_date(*d, self.page.lang)
    }
}

pub(super) async fn page(req: HttpRequest, ctx: Ctx) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let f = figures(&ctx, &req).await?;
    let values: Vec<(String, i64)> = f
        .monthly
        .iter()
        .map(|(d, n)| {
            let label = d
                .format(msg::web_statistics_chart_month_format::text(lang))
                .to_string();
            (label, *n)
        })
        .collect();
    let chart = crate::charts::bars(
        "monthly",
        msg::web_statistics_filings_per_month::text(lang),
        msg::web_statistics_filings_in_each_month_from_april::text(lang),
        &values,
    );
    let this_year = madoguchi_app::operations::fiscal_year_of(jst::date(ctx.app.now()));
    let years = (this_year - 4..=this_year).rev().collect();
    let page = Page::new(
        lang,
        msg::web_statistics_published_figures_open_data::text(lang),
        "/statistics",
    );
    html(
        StatusCode::OK,
        &StatisticsPage {
            page,
            f,
            chart,
            years,
        },
        lang,
    )
}

fn rows(f: &Figures) -> impl Iterator<Item = &FigureRow> {
    std::iter::once(&f.total).chain(f.procedures.iter())
}

pub(super) async fn csv(req: HttpRequest, ctx: Ctx) -> Result<HttpResponse, WebError> {
    let f = figures(&ctx, &req).await?;
    let mut w = CsvFile::new(true);
    let header = [
        "fiscal_year",
        "procedure_id",
        "procedure_ja",
        "procedure_en",
        "standard_business_days",
        "filed",
        "online",
        "at_counter",
        "entered_by_staff",
        "approved",
        "rejected",
        "withdrawn",
        "open",
        "median_business_days",
        "within_standard_percent",
        "correction_percent",
        "online_percent",
        "awaiting_payment",
        "filed_elsewhere",
        "fee_at_counter",
        "e_approved",
        "e_approval_percent",
    ];
    let bad = |e: csv::Error| WebError::internal(e, ctx.lang);
    w.row(header).map_err(bad)?;
    for r in rows(&f) {
        let pct = |v: Option<i64>| v.map(|v| tenths(Some(v))).unwrap_or_default();
        w.row([
            f.fiscal_year.to_string(),
            r.procedure_id.to_string(),
            r.title.ja.clone(),
            r.title.en.clone(),
            r.standard_days.map(|d| d.to_string()).unwrap_or_default(),
            r.filed.to_string(),
            r.online.to_string(),
            r.at_counter.to_string(),
            r.entered_by_staff.to_string(),
            r.approved.to_string(),
            r.rejected.to_string(),
            r.withdrawn.to_string(),
            r.open.to_string(),
            pct(r.median_days_tenths),
            pct(r.within_period_permille),
            pct(r.correction_permille),
            pct(r.online_permille),
            r.awaiting_payment.to_string(),
            r.elsewhere.to_string(),
            r.fee_at_counter.to_string(),
            r.e_approved.to_string(),
            pct(r.e_approval_permille),
        ])
        .map_err(bad)?;
    }
    let body = w.finish().map_err(|e| WebError::internal(e, ctx.lang))?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"figures-{}.csv\"", f.fiscal_year),
        ))
        .insert_header((CACHE_CONTROL, "public, max-age=600"))
        .body(body))
}

/// The booking figures of the year: all places first, then each place (`resource_id`
/// `all` for the total, as the procedures' CSV has `procedure_id` `all`).
pub(super) async fn bookings_csv(req: HttpRequest, ctx: Ctx) -> Result<HttpResponse, WebError> {
    let f = figures(&ctx, &req).await?;
    let mut w = CsvFile::new(true);
    let bad = |e: csv::Error| WebError::internal(e, ctx.lang);
    w.row([
        "fiscal_year",
        "resource_id",
        "place_ja",
        "place_en",
        "bookings",
        "cancelled",
        "arrived",
        "no_show",
        "no_show_percent",
        "median_lead_days",
        "changed_online",
        "cancelled_online",
        "changed_or_cancelled_online_percent",
    ])
    .map_err(bad)?;
    for r in std::iter::once(&f.booking_total).chain(f.bookings.iter()) {
        let tenths_or_blank = |v: Option<i64>| v.map(|v| tenths(Some(v))).unwrap_or_default();
        w.row([
            f.fiscal_year.to_string(),
            r.resource_id.clone(),
            r.name.ja.clone(),
            r.name.en.clone(),
            r.bookings.to_string(),
            r.cancelled.to_string(),
            r.arrived.to_string(),
            r.no_show.to_string(),
            tenths_or_blank(r.no_show_permille),
            tenths_or_blank(r.median_lead_days_tenths),
            r.changed_online.to_string(),
            r.cancelled_online.to_string(),
            tenths_or_blank(r.changed_or_cancelled_online_permille),
        ])
        .map_err(bad)?;
    }
    let body = w.finish().map_err(|e| WebError::internal(e, ctx.lang))?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"bookings-{}.csv\"", f.fiscal_year),
        ))
        .insert_header((CACHE_CONTROL, "public, max-age=600"))
        .body(body))
}

pub(super) async fn json(req: HttpRequest, ctx: Ctx) -> Result<HttpResponse, WebError> {
    let f = figures(&ctx, &req).await?;
    Ok(HttpResponse::Ok().json(&f))
}
