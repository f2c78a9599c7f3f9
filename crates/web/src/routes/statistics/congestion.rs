//! `/congestion`: each counter's waiting count, the number being called and the expected
//! wait, read live — as a page for a resident deciding when to set out, and as JSON and
//! CSV for a display in the hall or anyone's reuse (open data).

use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpResponse, HttpResponseBuilder};
use askama::Template;
use madoguchi_app::congestion::{Board, LineNow};
use madoguchi_app::kernel::spreadsheet::CsvFile;
use madoguchi_core::{Lang, jst};
use madoguchi_i18n::t;

use crate::error::WebError;
use crate::extract::Ctx;
use crate::msg;
use crate::routes::html;
use crate::views::Page;

/// Read afresh on every request: numbers are called all day.
const LIVE: &str = "no-cache";

/// One counter in words.
pub(crate) struct LineView {
    pub id: String,
    pub name: String,
    pub place: String,
    pub waiting: String,
    pub wait: String,
    pub calling: String,
}

impl LineView {
    pub(crate) fn of(l: &LineNow, lang: Lang) -> Self {
        let wait = match l.expected_minutes {
            Some(0) => msg::web_congestion_wait_none::text(lang).to_string(),
            Some(n) => t!(lang, web_congestion_wait_minutes, n = n.to_string()),
            None => msg::web_congestion_wait_unknown::text(lang).to_string(),
        };
        let calling = match l.calling {
            Some(n) => t!(lang, web_congestion_calling_n, n = n.to_string()),
            None => msg::web_congestion_calling_none::text(lang).to_string(),
        };
        LineView {
            id: l.id.as_str().to_string(),
            name: l.name.get(lang).to_string(),
            place: l.place.get(lang).to_string(),
            waiting: t!(lang, web_congestion_waiting_n, n = l.waiting.to_string()),
            wait,
            calling,
        }
    }
}

/// "12月1日 10:05" / "1 December 2026 10:05", Japan time.
pub(crate) fn as_of(board: &Board, lang: Lang) -> String {
    t!(
        lang,
        web_congestion_as_of,
        time = jst::format_datetime(board.as_of, lang)
    )
}

#[derive(Template)]
#[template(path = "congestion.html")]
struct CongestionPage {
    page: Page,
    as_of: String,
    lines: Vec<LineView>,
}

pub(super) async fn page(ctx: Ctx) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let board = ctx
        .run(|app, tenant| app.congestion(&tenant).board())
        .await?;
    let page = Page::new(lang, msg::web_congestion_title::text(lang), "/congestion");
    let view = CongestionPage {
        page,
        as_of: as_of(&board, lang),
        lines: board.lines.iter().map(|l| LineView::of(l, lang)).collect(),
    };
    let mut response = html(StatusCode::OK, &view, lang)?;
    response.headers_mut().insert(
        CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static(LIVE),
    );
    Ok(response)
}

pub(super) async fn json(ctx: Ctx) -> Result<HttpResponse, WebError> {
    let board = ctx
        .run(|app, tenant| app.congestion(&tenant).board())
        .await?;
    Ok(live().json(&board))
}

pub(super) async fn csv(ctx: Ctx) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let board = ctx
        .run(|app, tenant| app.congestion(&tenant).board())
        .await?;
    let bad = |e: csv::Error| WebError::internal(e, lang);
    let mut w = CsvFile::new(true);
    w.row([
        "as_of",
        "counter_id",
        "counter_ja",
        "counter_en",
        "place_ja",
        "place_en",
        "waiting",
        "expected_wait_minutes",
        "now_calling",
        "issued_today",
        "called_today",
    ])
    .map_err(bad)?;
    let as_of = board
        .as_of
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    for l in &board.lines {
        let opt = |v: Option<String>| v.unwrap_or_default();
        w.row([
            as_of.clone(),
            l.id.as_str().to_string(),
            l.name.ja.clone(),
            l.name.en.clone(),
            l.place.ja.clone(),
            l.place.en.clone(),
            l.waiting.to_string(),
            opt(l.expected_minutes.map(|m| m.to_string())),
            opt(l.calling.map(|n| n.to_string())),
            l.issued_today.to_string(),
            l.called_today.to_string(),
        ])
        .map_err(bad)?;
    }
    let body = w.finish().map_err(|e| WebError::internal(e, lang))?;
    Ok(live()
        .insert_header((CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            CONTENT_DISPOSITION,
            "attachment; filename=\"congestion.csv\"",
        ))
        .body(body))
}

fn live() -> HttpResponseBuilder {
    let mut r = HttpResponse::Ok();
    r.insert_header((CACHE_CONTROL, LIVE));
    r
}
