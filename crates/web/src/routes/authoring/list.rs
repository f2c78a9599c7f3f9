//! `/office/authoring`: the section's procedures, a new one (blank or a copy), import
//! and export as one JSON document.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::{AppError, authoring::AuthoredProcedure};
use madoguchi_core::ErrorCode;
use madoguchi_core::ProcedureId;

use crate::error::{WebError, status_of};
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::routes::{html, see_other};
use crate::views::{ErrorLink, Page};

#[derive(Template)]
#[template(path = "office/authoring_list.html")]
struct ListPage {
    page: Page,
    items: Vec<AuthoredProcedure>,
    sources: Vec<(String, String)>,
    csrf: String,
    id_value: String,
    id_error: Option<String>,
    import_error: Option<String>,
    errors: Vec<ErrorLink>,
}

impl ListPage {
    fn title(&self, p: &AuthoredProcedure) -> String {
        p.title.get(self.page.lang).to_string()
    }
    fn status(&self, p: &AuthoredProcedure) -> String {
        p.status.label().get(self.page.lang).to_string()
    }
}

async fn list_page(
    ctx: &Ctx,
    clerk: &CurrentClerk,
    csrf: String,
    id_value: String,
    error: Option<ErrorCode>,
    importing: bool,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let c = clerk.clerk.clone();
    let (items, sources) = ctx
        .run(move |app, _| {
            let items = app.authoring(&c.tenant).authored_procedures(&c)?;
            let sources = app
                .forms_for(&c.tenant)
                .all()
                .map(|f| (f.id().to_string(), f.title().get(lang).to_string()))
                .collect();
            Ok((items, sources))
        })
        .await?;
    let mut p = crate::views::office_page(
        lang,
        msg::web_authoring_write_and_publish_procedures::text(lang),
        "/office/authoring",
        clerk,
        &csrf,
    );
    p.has_errors = error.is_some();
    let status = error.map_or(StatusCode::OK, status_of);
    html(
        status,
        &ListPage {
            page: p,
            items,
            sources,
            csrf,
            id_value,
            id_error: error
                .filter(|_| !importing)
                .map(|c| ErrorLink::text_of(c, lang)),
            import_error: error
                .filter(|_| importing)
                .map(|c| ErrorLink::text_of(c, lang)),
            errors: error
                .map(|c| {
                    let at = if importing { "#document" } else { "#id" };
                    vec![ErrorLink::for_code(c, lang, at)]
                })
                .unwrap_or_default(),
        },
        lang,
    )
}

pub(super) async fn list(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
) -> Result<HttpResponse, WebError> {
    list_page(&ctx, &clerk, csrf.0, String::new(), None, false).await
}

/// A new procedure: its id, and the one to copy (or the template).
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct NewInput {
    id: String,
    from: String,
}

pub(super) async fn create(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let NewInput { id, from } = body.parse()?;
    let id = id.trim().to_string();
    let (c, i) = (clerk.clerk.clone(), id.clone());
    match ctx
        .call(move |app, tenant| app.authoring(&tenant).start_procedure(&c, &i, Some(&from)))
        .await?
    {
        Ok(()) => Ok(see_other(&format!("/office/authoring/{id}"))),
        Err(AppError::Refused(code)) => {
            list_page(&ctx, &clerk, csrf.0, id, Some(code), false).await
        }
        Err(e) => Err(WebError::from_app(e, ctx.lang)),
    }
}

/// A pasted JSON document.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct ImportInput {
    document: String,
}

/// A procedure from its JSON document (pasted): a new working copy under its id.
pub(super) async fn import(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let ImportInput { document: text } = body.parse()?;
    let c = clerk.clerk.clone();
    match ctx
        .call(move |app, tenant| app.authoring(&tenant).import_procedure(&c, &text))
        .await?
    {
        Ok(id) => Ok(see_other(&format!("/office/authoring/{id}"))),
        Err(AppError::Refused(code)) => {
            list_page(&ctx, &clerk, csrf.0, String::new(), Some(code), true).await
        }
        Err(e) => Err(WebError::from_app(e, ctx.lang)),
    }
}

/// The procedure as one JSON document (the format of `forms/<id>/form.json`), downloaded.
pub(super) async fn export(
    ctx: Ctx,
    clerk: CurrentClerk,
    id: web::Path<ProcedureId>,
) -> Result<HttpResponse, WebError> {
    let (c, id) = (clerk.clerk.clone(), id.into_inner());
    let pid = id.clone();
    let text = ctx
        .run(move |app, tenant| app.authoring(&tenant).export_procedure(&c, &pid))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Content-Type", "application/json; charset=utf-8"))
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{id}.form.json\""),
        ))
        .body(text))
}
