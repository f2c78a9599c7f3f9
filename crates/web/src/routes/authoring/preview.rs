//! `/office/authoring/{id}/preview`: the working copy's procedure page (its summary and
//! facts) and its steps as residents see them, with sample answers checked (nothing
//! stored).

use crate::msg;
use madoguchi_core::ProcedureId;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_forms::FieldError;

use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::routes::html;
use crate::views::procedure_facts::{ProcedureFacts, procedure_facts};
use crate::views::{ErrorLink, FieldView, Page, Values, step_fields};

struct PreviewStep {
    id: String,
    title: String,
    fields: Vec<FieldView>,
}

#[derive(Template)]
#[template(path = "office/authoring_preview.html")]
struct PreviewPage {
    page: Page,
    id: ProcedureId,
    title: String,
    /// The procedure's page as residents would read it: its summary and facts.
    summary: String,
    facts: Option<ProcedureFacts>,
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
    id: ProcedureId,
    checked: Option<(String, Vec<(String, String)>)>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let (c, i) = (clerk.clerk.clone(), id.clone());
    let (draft, filed_on, department) = ctx
        .run(move |app, _| {
            let draft = app.authoring(&c.tenant).procedure_draft(&c, &i)?;
            // The facts marked as residents would see them (a working copy's changed words
            // are not confirmed yet).
            let department = match &draft.form {
                Some(form) => Some((
                    app.department_name_of(&c.tenant, form)?,
                    app.unconfirmed_facts(&c.tenant, form)?,
                )),
                None => None,
            };
            Ok((draft, app.filing_day_in(&c.tenant), department))
        })
        .await?;
    let mut steps = Vec::new();
    let mut errors = Vec::new();
    let mut title = id.to_string();
    let (mut summary, mut facts) = (String::new(), None);
    if let (Some(form), Some((department, unconfirmed))) = (&draft.form, &department) {
        title = form.title().get(lang).to_string();
        summary = form.settings().summary.get(lang).to_string();
        facts = Some(procedure_facts(form, department, lang, unconfirmed));
        for step in form.steps() {
            let (posted, found): (Vec<(String, String)>, Vec<FieldError>) = match &checked {
                Some((s, posted)) if *s == step.id => {
                    let mut data = serde_json::Map::new();
                    let found = form.answer_step(step, posted, &mut data, filed_on.clone());
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
    let mut p = crate::views::office_page(
        lang,
        msg::web_authoring_preview::text(lang),
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
            summary,
            facts,
            steps,
            csrf,
            errors,
        },
        lang,
    )
}

pub(super) async fn preview(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<ProcedureId>,
) -> Result<HttpResponse, WebError> {
    preview_page(&ctx, &clerk, csrf.0, id.into_inner(), None).await
}

/// A preview step's address opened (a reload after checking, a bookmark): the preview, at
/// that step.
pub(super) async fn step_link(
    _clerk: CurrentClerk,
    path: web::Path<(ProcedureId, String)>,
) -> HttpResponse {
    let (id, step) = path.into_inner();
    // Both go into the Location header: only the characters ids are made of.
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    let to = match (plain(id.as_str()), plain(&step)) {
        (true, true) => format!("/office/authoring/{id}/preview#step-{step}"),
        (true, false) => format!("/office/authoring/{id}/preview"),
        _ => "/office/authoring".to_string(),
    };
    crate::routes::see_other(&to)
}

/// "Check the answers" on a preview step: validated like a resident's, nothing stored.
pub(super) async fn check_sample(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    path: web::Path<(ProcedureId, String)>,
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
