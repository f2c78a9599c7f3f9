//! `/office/authoring/{id}`: the working copy's definition, edited as JSON and checked.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::authoring::ProcedureDraft;
use madoguchi_core::ProcedureId;
use madoguchi_core::{ErrorCode, Lang};

use crate::error::{WebError, status_of};
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::routes::html;
use crate::views::{ErrorLink, Page};

#[derive(Template)]
#[template(path = "office/authoring_edit.html")]
struct EditPage {
    page: Page,
    draft: ProcedureDraft,
    status: String,
    /// Published: the page offers retiring it.
    published: bool,
    notice: Option<String>,
    csrf: String,
    errors: Vec<ErrorLink>,
    /// What the city still has to confirm (a fact's or a rule's): for authors, never
    /// residents.
    to_confirm: Vec<madoguchi_forms::provenance::ToConfirm>,
}

pub(super) fn edit_page(
    lang: Lang,
    clerk: &CurrentClerk,
    csrf: String,
    draft: ProcedureDraft,
    notice: Option<String>,
    error: Option<ErrorCode>,
) -> Result<HttpResponse, WebError> {
    let mut p = crate::views::office_page(
        lang,
        msg::web_authoring_edit_the_procedures_definition::text(lang),
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
    html(
        error.map_or(StatusCode::OK, status_of),
        &EditPage {
            page: p,
            status: draft.status.label().get(lang).to_string(),
            published: draft.status == madoguchi_app::authoring::ProcedureStatus::Published,
            to_confirm: draft
                .form
                .as_ref()
                .map(|f| f.to_confirm())
                .unwrap_or_default(),
            draft,
            notice,
            csrf,
            errors,
        },
        lang,
    )
}

#[derive(serde::Deserialize)]
pub(super) struct EditQuery {
    published: Option<i32>,
    retired: Option<String>,
}

pub(super) async fn edit(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<ProcedureId>,
    query: web::Query<EditQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let (c, id) = (clerk.clerk.clone(), id.into_inner());
    let draft = ctx
        .run(move |app, tenant| app.authoring(&tenant).procedure_draft(&c, &id))
        .await?;
    let notice = match (query.published, &query.retired) {
        (Some(n), _) => Some(madoguchi_i18n::t!(
            lang,
            web_authoring_version_published,
            version = n.to_string()
        )),
        (None, Some(_)) => {
            Some(msg::web_authoring_closed_to_new_filings_filings::text(lang).to_string())
        }
        _ if draft.awaiting_approval => {
            Some(msg::web_authoring_waiting_for_your_section::text(lang).to_string())
        }
        _ => None,
    };
    edit_page(lang, &clerk, csrf.0, draft, notice, None)
}

/// The definition as edited.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct SaveInput {
    definition: String,
}

pub(super) async fn save(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<ProcedureId>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let SaveInput { definition: text } = body.parse()?;
    let (c, id) = (clerk.clerk.clone(), id.into_inner());
    let draft = ctx
        .run(move |app, tenant| app.authoring(&tenant).save_procedure_draft(&c, &id, &text))
        .await?;
    let notice = Some(if draft.problems.is_empty() {
        msg::web_authoring_saved_no_problems_found::text(lang).to_string()
    } else {
        madoguchi_i18n::t!(
            lang,
            web_authoring_saved_problems,
            count = draft.problems.len()
        )
    });
    edit_page(lang, &clerk, csrf.0, draft, notice, None)
}
