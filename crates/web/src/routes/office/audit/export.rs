//! The audit log as a CSV file (`/office/audit.csv`, the page's search): every line from
//! the first page on, in the reader's language, with the stored action code beside its
//! words so that a spreadsheet can filter on it. A search with a problem goes back to the
//! page, which names it.

use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, LOCATION};
use actix_web::{HttpResponse, web};
use madoguchi_app::AppError;
use madoguchi_app::kernel::spreadsheet::CsvFile;
use madoguchi_app::staff::AuditSubject;
use madoguchi_core::jst;

use super::page::Search;
use crate::error::WebError;
use crate::extract::{Ctx, CurrentClerk};

pub(super) async fn csv(
    ctx: Ctx,
    clerk: CurrentClerk,
    search: web::Query<Search>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let form = search.into_inner();
    let back = || {
        HttpResponse::SeeOther()
            .insert_header((LOCATION, form.page()))
            .finish()
    };
    let Ok(query) = form.query(lang) else {
        return Ok(back());
    };
    let c = clerk.clerk.clone();
    let asked = query.clone();
    let trail = match ctx
        .call(move |app, tenant| app.staff(&tenant).audit_export(&c, &asked))
        .await?
    {
        Ok(trail) => trail,
        Err(AppError::NotFound) => return Ok(back()),
        Err(e) => return Err(WebError::from_app(e, lang)),
    };
    let mut w = CsvFile::new(true);
    let bad = |e: csv::Error| WebError::internal(e, lang);
    w.row([
        "at_jst",
        "action",
        "what",
        "by",
        "arrival_number",
        "staff_account",
        "reason",
        "api_token",
    ])
    .map_err(bad)?;
    for line in &trail.lines {
        w.row([
            jst::to_jst(line.at).format("%Y-%m-%d %H:%M:%S").to_string(),
            line.what.code(),
            crate::views::history::audit_what(line.what, lang),
            crate::views::history::actor(line.actor_kind, line.actor.as_deref(), lang),
            line.filing
                .as_ref()
                .map(|f| f.1.clone())
                .unwrap_or_default(),
            line.target.clone().unwrap_or_default(),
            line.reason.clone().unwrap_or_default(),
            line.via_token.clone().unwrap_or_default(),
        ])
        .map_err(bad)?;
    }
    let body = w.finish().map_err(|e| WebError::internal(e, lang))?;
    let name = match &query.subject {
        AuditSubject::Filing(number) => format!("audit-{number}.csv"),
        AuditSubject::Staff(_) => "audit-staff.csv".to_string(),
    };
    let name: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.'))
        .collect();
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .insert_header((CACHE_CONTROL, "no-store"))
        .body(body))
}
