//! Department authors' pages (`/office/authoring`): their section's procedures, a new one
//! from the template or a copy, the definition's editor with the lint at every save, the
//! preview as residents see it (with sample answers checked), publishing, the versions with
//! their differences and rollback, and retiring.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::{
    AppError, authoring::AuthoredProcedure, authoring::DiffLine, authoring::ProcedureDraft,
    authoring::Publication, authoring::VersionView,
};
use madoguchi_core::{ErrorCode, Lang, jst};
use madoguchi_forms::FieldError;

use super::{html, resource, see_other};
use crate::error::{WebError, status_of};
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::views::{ErrorLink, FieldView, Page, Values, step_fields};

mod structure;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/office/authoring").route(web::get().to(list)))
        .service(resource("/office/authoring/new").route(web::post().to(create)))
        .service(resource("/office/authoring/import").route(web::post().to(import)))
        .service(resource("/office/authoring/{id}/export").route(web::get().to(export)))
        .service(resource("/office/authoring/{id}/publish").route(web::post().to(publish)))
        .service(resource("/office/authoring/{id}/retire").route(web::post().to(retire)))
        .service(resource("/office/authoring/{id}/republish").route(web::post().to(republish)))
        .service(resource("/office/authoring/{id}/versions").route(web::get().to(versions)))
        .service(resource("/office/authoring/{id}/diff").route(web::get().to(diff)))
        .service(resource("/office/authoring/{id}/preview").route(web::get().to(preview)))
        .service(
            resource("/office/authoring/{id}/preview/{step}").route(web::post().to(check_sample)),
        )
        .service(
            resource("/office/authoring/{id}/structure")
                .route(web::get().to(structure::show))
                .route(web::post().to(structure::change)),
        )
        .service(
            resource("/office/authoring/{id}")
                .route(web::get().to(edit))
                .route(web::post().to(save)),
        );
}

fn page(lang: Lang, title: &str, path: &str, clerk: &CurrentClerk, csrf: &str) -> Page {
    super::office::office_page(lang, title, path, clerk, csrf)
}

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
            let items = app.authored_procedures(&c)?;
            let sources = app
                .forms()
                .all()
                .map(|f| (f.id().to_string(), f.title().get(lang).to_string()))
                .collect();
            Ok((items, sources))
        })
        .await?;
    let mut p = page(
        lang,
        lang.pick("手続の作成と公開", "Write and publish procedures"),
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

async fn list(ctx: Ctx, clerk: CurrentClerk, csrf: CsrfToken) -> Result<HttpResponse, WebError> {
    list_page(&ctx, &clerk, csrf.0, String::new(), None, false).await
}

async fn create(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let id = body.get("id").unwrap_or_default().trim().to_string();
    let from = body.get("from").unwrap_or_default().to_string();
    let (c, i) = (clerk.clerk.clone(), id.clone());
    match ctx
        .call(move |app, _| app.start_procedure(&c, &i, Some(&from)))
        .await?
    {
        Ok(()) => Ok(see_other(&format!("/office/authoring/{id}"))),
        Err(AppError::Refused(code)) => {
            list_page(&ctx, &clerk, csrf.0, id, Some(code), false).await
        }
        Err(e) => Err(WebError::from_app(e, ctx.lang)),
    }
}

/// A procedure from its JSON document (pasted): a new working copy under its id.
async fn import(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let text = body.get("document").unwrap_or_default().to_string();
    let c = clerk.clerk.clone();
    match ctx
        .call(move |app, _| app.import_procedure(&c, &text))
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
async fn export(
    ctx: Ctx,
    clerk: CurrentClerk,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let (c, id) = (clerk.clerk.clone(), id.into_inner());
    let pid = id.clone();
    let text = ctx
        .run(move |app, _| app.export_procedure(&c, &pid))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Content-Type", "application/json; charset=utf-8"))
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{id}.form.json\""),
        ))
        .body(text))
}

#[derive(Template)]
#[template(path = "office/authoring_edit.html")]
struct EditPage {
    page: Page,
    draft: ProcedureDraft,
    status: String,
    status_code: &'static str,
    notice: Option<String>,
    csrf: String,
    errors: Vec<ErrorLink>,
}

fn edit_page(
    lang: Lang,
    clerk: &CurrentClerk,
    csrf: String,
    draft: ProcedureDraft,
    notice: Option<String>,
    error: Option<ErrorCode>,
) -> Result<HttpResponse, WebError> {
    let mut p = page(
        lang,
        lang.pick("手続の定義を編集", "Edit the procedure's definition"),
        &format!("/office/authoring/{}", draft.id),
        clerk,
        &csrf,
    );
    let errors: Vec<ErrorLink> = match error {
        Some(code @ (ErrorCode::ReasonRequired | ErrorCode::ReasonTooLong)) => {
            vec![ErrorLink::for_code(code, lang, "#note")]
        }
        Some(code) => vec![ErrorLink::for_code(code, lang, "#definition")],
        None => Vec::new(),
    };
    p.has_errors = !errors.is_empty();
    let status_code = match draft.status {
        madoguchi_app::authoring::ProcedureStatus::Draft => "draft",
        madoguchi_app::authoring::ProcedureStatus::Published => "published",
        madoguchi_app::authoring::ProcedureStatus::Retired => "retired",
    };
    html(
        error.map_or(StatusCode::OK, status_of),
        &EditPage {
            page: p,
            status: draft.status.label().get(lang).to_string(),
            status_code,
            draft,
            notice,
            csrf,
            errors,
        },
        lang,
    )
}

#[derive(serde::Deserialize)]
struct EditQuery {
    published: Option<i32>,
    retired: Option<String>,
}

async fn edit(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<String>,
    query: web::Query<EditQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let (c, id) = (clerk.clerk.clone(), id.into_inner());
    let draft = ctx.run(move |app, _| app.procedure_draft(&c, &id)).await?;
    let notice = match (query.published, &query.retired) {
        (Some(n), _) => Some(if lang == Lang::Ja {
            format!("版 {n} を公開しました。申請を受け付けています。")
        } else {
            format!("Version {n} is published and open for filing.")
        }),
        (None, Some(_)) => Some(
            lang.pick(
                "受付を終了しました。受付済みの申請は引き続き審査できます。",
                "Closed to new filings; filings already made go on.",
            )
            .to_string(),
        ),
        _ if draft.awaiting_approval => Some(
            lang.pick(
                "課の監督者の承認を待っています。承認されると公開されます。保存し直すと、承認の依頼は取り下げられます。",
                "Waiting for your section supervisor's approval; it is published once approved. Saving again withdraws the request.",
            )
            .to_string(),
        ),
        _ => None,
    };
    edit_page(lang, &clerk, csrf.0, draft, notice, None)
}

async fn save(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<String>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let text = body.get("definition").unwrap_or_default().to_string();
    let (c, id) = (clerk.clerk.clone(), id.into_inner());
    let draft = ctx
        .run(move |app, _| app.save_procedure_draft(&c, &id, &text))
        .await?;
    let notice = Some(if draft.problems.is_empty() {
        lang.pick(
            "保存しました。問題は見つかりませんでした。",
            "Saved. No problems found.",
        )
        .to_string()
    } else if lang == Lang::Ja {
        format!(
            "保存しました。問題が{}件あります(公開する前に直してください)。",
            draft.problems.len()
        )
    } else {
        format!(
            "Saved. {} problem(s) to fix before publishing.",
            draft.problems.len()
        )
    });
    edit_page(lang, &clerk, csrf.0, draft, notice, None)
}

async fn publish(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<String>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let note = body.get("note").unwrap_or_default().to_string();
    let (c, pid) = (clerk.clerk.clone(), id.into_inner());
    let p = pid.clone();
    match ctx
        .call(move |app, _| app.publish_procedure(&c, &p, &note))
        .await?
    {
        Ok(Publication::Published(n)) => {
            Ok(see_other(&format!("/office/authoring/{pid}?published={n}")))
        }
        Ok(Publication::AwaitingApproval) => {
            Ok(see_other(&format!("/office/authoring/{pid}?sent=1")))
        }
        Err(AppError::Refused(code)) => {
            let c = clerk.clerk.clone();
            let draft = ctx.run(move |app, _| app.procedure_draft(&c, &pid)).await?;
            edit_page(lang, &clerk, csrf.0, draft, None, Some(code))
        }
        Err(e) => Err(WebError::from_app(e, lang)),
    }
}

async fn retire(
    ctx: Ctx,
    clerk: CurrentClerk,
    id: web::Path<String>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let reason = body.get("reason").unwrap_or_default().to_string();
    let (c, pid) = (clerk.clerk.clone(), id.into_inner());
    let p = pid.clone();
    ctx.run(move |app, _| app.retire_procedure(&c, &p, &reason))
        .await?;
    Ok(see_other(&format!("/office/authoring/{pid}?retired=1")))
}

async fn republish(
    ctx: Ctx,
    clerk: CurrentClerk,
    id: web::Path<String>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let note = body.get("note").unwrap_or_default().to_string();
    let number: i32 = body
        .get("number")
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| ctx.not_found())?;
    let (c, pid) = (clerk.clerk.clone(), id.into_inner());
    let p = pid.clone();
    let n = ctx
        .run(move |app, _| app.republish_procedure(&c, &p, number, &note))
        .await?;
    Ok(see_other(&format!("/office/authoring/{pid}?published={n}")))
}

#[derive(Template)]
#[template(path = "office/authoring_versions.html")]
struct VersionsPage {
    page: Page,
    id: String,
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
    id: String,
    diff: Vec<DiffLine>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let (c, i) = (clerk.clerk.clone(), id.clone());
    let versions = ctx
        .run(move |app, _| app.procedure_versions(&c, &i))
        .await?;
    let p = page(
        lang,
        lang.pick("公開した版", "Published versions"),
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

async fn versions(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    versions_page(&ctx, &clerk, csrf.0, id.into_inner(), Vec::new()).await
}

#[derive(serde::Deserialize)]
struct DiffQuery {
    a: i32,
    b: i32,
}

async fn diff(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<String>,
    query: web::Query<DiffQuery>,
) -> Result<HttpResponse, WebError> {
    let (c, id) = (clerk.clerk.clone(), id.into_inner());
    let (i, a, b) = (id.clone(), query.a, query.b);
    let lines = ctx
        .run(move |app, _| app.procedure_diff(&c, &i, a, b))
        .await?;
    versions_page(&ctx, &clerk, csrf.0, id, lines).await
}

struct PreviewStep {
    id: String,
    title: String,
    fields: Vec<FieldView>,
}

#[derive(Template)]
#[template(path = "office/authoring_preview.html")]
struct PreviewPage {
    page: Page,
    id: String,
    title: String,
    steps: Vec<PreviewStep>,
    csrf: String,
    errors: Vec<ErrorLink>,
}

/// The draft's steps as residents see them; the step `checked` shows `posted` with its
/// errors.
async fn preview_page(
    ctx: &Ctx,
    clerk: &CurrentClerk,
    csrf: String,
    id: String,
    checked: Option<(String, Vec<(String, String)>)>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let (c, i) = (clerk.clerk.clone(), id.clone());
    let draft = ctx.run(move |app, _| app.procedure_draft(&c, &i)).await?;
    let mut steps = Vec::new();
    let mut errors = Vec::new();
    let mut title = id.clone();
    if let Some(form) = &draft.form {
        title = form.title().get(lang).to_string();
        for step in form.steps() {
            let (posted, found): (Vec<(String, String)>, Vec<FieldError>) = match &checked {
                Some((s, posted)) if *s == step.id => {
                    let mut data = serde_json::Map::new();
                    let found = form.answer_step(step, posted, &mut data);
                    (posted.clone(), found)
                }
                _ => (Vec::new(), Vec::new()),
            };
            let (fields, mut summary) = step_fields(form, step, &Values(&posted), &found, lang);
            errors.append(&mut summary);
            steps.push(PreviewStep {
                id: step.id.clone(),
                title: step.title.get(lang).to_string(),
                fields,
            });
        }
    }
    let mut p = page(
        lang,
        lang.pick("プレビュー", "Preview"),
        &format!("/office/authoring/{id}/preview"),
        clerk,
        &csrf,
    );
    p.has_errors = !errors.is_empty();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    html(
        status,
        &PreviewPage {
            page: p,
            id,
            title,
            steps,
            csrf,
            errors,
        },
        lang,
    )
}

async fn preview(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    preview_page(&ctx, &clerk, csrf.0, id.into_inner(), None).await
}

/// "Check the answers" on a preview step: validated like a resident's, nothing stored.
async fn check_sample(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    path: web::Path<(String, String)>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let (id, step) = path.into_inner();
    let posted: Vec<(String, String)> = body
        .pairs
        .iter()
        .filter(|(k, _)| k != "csrf_token")
        .cloned()
        .collect();
    preview_page(&ctx, &clerk, csrf.0, id, Some((step, posted))).await
}
