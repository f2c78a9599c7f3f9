//! `/office/authoring/{id}/versions`: the published versions, and what changed between two.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::{authoring::DiffLine, authoring::VersionView};
use madoguchi_core::ProcedureId;
use madoguchi_core::jst;

use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk};
use crate::routes::html;
use crate::views::{ErrorLink, Page};

#[derive(Template)]
#[template(path = "office/authoring_versions.html")]
struct VersionsPage {
    page: Page,
    id: ProcedureId,
    versions: Vec<VersionView>,
    diff: Vec<DiffLine>,
    csrf: String,
    errors: Vec<ErrorLink>,
}

impl VersionsPage {
    fn when(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        jst::format_datetime(*at, self.page.lang)
    }
}

async fn versions_page(
    ctx: &Ctx,
    clerk: &CurrentClerk,
    csrf: String,
    id: ProcedureId,
    diff: Vec<DiffLine>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let (c, i) = (clerk.clerk.clone(), id.clone());
    let versions = ctx
        .run(move |app, tenant| app.authoring(&tenant).procedure_versions(&c, &i))
        .await?;
    let p = crate::views::office_page(
        lang,
        msg::web_authoring_published_versions::text(lang),
        &format!("/office/authoring/{id}/versions"),
        clerk,
        &csrf,
    );
    html(
        StatusCode::OK,
        &VersionsPage {
            page: p,
            id,
            versions,
            diff,
            csrf,
            errors: Vec::new(),
        },
        lang,
    )
}

pub(super) async fn versions(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<ProcedureId>,
) -> Result<HttpResponse, WebError> {
    versions_page(&ctx, &clerk, csrf.0, id.into_inner(), Vec::new()).await
}

#[derive(serde::Deserialize)]
pub(super) struct DiffQuery {
    a: i32,
    b: i32,
}

pub(super) async fn diff(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<ProcedureId>,
    query: web::Query<DiffQuery>,
) -> Result<HttpResponse, WebError> {
    let (c, id) = (clerk.clerk.clone(), id.into_inner());
    let (i, a, b) = (id.clone(), query.a, query.b);
    let lines = ctx
        .run(move |app, tenant| app.authoring(&tenant).procedure_diff(&c, &i, a, b))
        .await?;
    versions_page(&ctx, &clerk, csrf.0, id, lines).await
}
