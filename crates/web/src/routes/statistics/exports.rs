//! `/office/exports`: a section's filings as CSV or JSON, chosen by procedure, dates and
//! status.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDate;
use madoguchi_app::{AppError, review::ExportFormat, review::ExportQuery};
use madoguchi_core::ErrorCode;
use madoguchi_core::ProcedureId;
use madoguchi_workflow::State;

use super::query_of;
use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk};
use crate::routes::html;
use crate::views::Page;

/// The export form (a GET form): which filings, and in what format.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct ExportInput {
    procedure: String,
    from: String,
    to: String,
    status: String,
    format: Option<ExportAs>,
    /// `1`: the CSV starts with a byte-order mark (for spreadsheet programs).
    bom: String,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum ExportAs {
    Json,
    #[serde(other)]
    Csv,
}

#[derive(Template)]
#[template(path = "office/exports.html")]
struct ExportPage {
    page: Page,
    procedures: Vec<(String, String)>,
    error: Option<String>,
}

pub(super) async fn export_page(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
) -> Result<HttpResponse, WebError> {
    export_form(ctx, clerk, csrf.0, None).await
}

async fn export_form(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: String,
    error: Option<String>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let c = clerk.clerk.clone();
    let queue = ctx
        .run(move |app, tenant| {
            app.review(&tenant)
                .queue(&c, &madoguchi_app::review::QueueQuery::default())
        })
        .await?;
    let procedures = queue
        .procedures
        .iter()
        .map(|p| (p.value.clone(), p.label.get(lang).to_string()))
        .collect();
    let mut page = crate::views::office_page(
        lang,
        msg::web_statistics_export_filings::text(lang),
        "/office/exports",
        &clerk,
        &csrf,
    );
    page.has_errors = error.is_some();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    html(
        status,
        &ExportPage {
            page,
            procedures,
            error,
        },
        lang,
    )
}

pub(super) async fn export_file(
    req: HttpRequest,
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let q: ExportInput = query_of(&req);
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let query = ExportQuery {
        procedure: ProcedureId::new(q.procedure),
        ids: Vec::new(),
        from: date(&q.from),
        to: date(&q.to),
        states: match q.status.as_str() {
            "" | "all" => Vec::new(),
            "open" => State::OPEN.to_vec(),
            code => code.parse().map(|s| vec![s]).unwrap_or_default(),
        },
        format: match q.format {
            Some(ExportAs::Json) => ExportFormat::Json,
            _ => ExportFormat::Csv { bom: q.bom == "1" },
        },
    };
    let c = clerk.clerk.clone();
    match ctx
        .call(move |app, tenant| app.review(&tenant).export(&c, &query))
        .await?
    {
        Ok(export) => Ok(HttpResponse::Ok()
            .insert_header((CONTENT_TYPE, export.content_type))
            .insert_header((
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", export.filename),
            ))
            .body(export.body)),
        Err(e @ AppError::Refused(ErrorCode::ExportTooLarge)) => {
            let (title, todo) = e.code().message(lang);
            export_form(ctx, clerk, csrf.0, Some(format!("{title}: {todo}"))).await
        }
        Err(e) => Err(WebError::from_app(e, lang)),
    }
}
