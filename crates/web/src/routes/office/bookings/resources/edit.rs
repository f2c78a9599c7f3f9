//! Adding and editing a resource on a form: one page for both, drawn blank, from the stored
//! definition, or as posted with every fault at its input and in the summary (422). Rows
//! are added by a button that posts the form back (no JavaScript needed); saving stores the
//! definition through the bookings context and goes back to the list with what it opened.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use madoguchi_app::bookings::{Defined, DefinitionError};
use madoguchi_core::{ErrorCode, ResourceId};

use super::form::ResourceForm;
use super::view::{form_view, label_of, slips};
use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::routes::{html, see_other};

pub(super) async fn new(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
) -> Result<HttpResponse, WebError> {
    may_define(&ctx, &clerk).await?;
    let view = form_view(&ctx, &clerk, csrf.0, false, ResourceForm::blank(), &[]);
    html(StatusCode::OK, &view, ctx.lang)
}

pub(super) async fn edit(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    if !madoguchi_core::booking::is_resource_id(&id) {
        return Err(WebError::new(ErrorCode::NotFound, ctx.lang));
    }
    let c = clerk.clerk.clone();
    let resource = ctx
        .run(move |app, tenant| app.bookings(&tenant).definition(&c, &ResourceId::new(id)))
        .await?;
    let view = form_view(&ctx, &clerk, csrf.0, true, ResourceForm::of(&resource), &[]);
    html(StatusCode::OK, &view, ctx.lang)
}

pub(super) async fn save(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    may_define(&ctx, &clerk).await?;
    let lang = ctx.lang;
    let value = |name: &str| {
        body.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    };
    let editing = value("editing") == "1";
    let more = value("more").to_string();
    let form = ResourceForm::from_pairs(&body.pairs);
    if !more.is_empty() {
        let view = form_view(&ctx, &clerk, csrf.0, editing, form.tidied(&more), &[]);
        return html(StatusCode::OK, &view, lang);
    }
    let read = match form.read() {
        Ok(read) => read,
        Err(faults) => {
            let messages = slips(&faults, lang);
            let view = form_view(&ctx, &clerk, csrf.0, editing, form, &messages);
            return html(StatusCode::UNPROCESSABLE_ENTITY, &view, lang);
        }
    };
    let definition = serde_json::to_string(&read.resource)
        .map_err(|e| WebError::internal(format!("a resource's definition: {e}"), lang))?;
    let c = clerk.clerk.clone();
    let defined = ctx
        .run(move |app, tenant| {
            let bookings = app.bookings(&tenant);
            if editing {
                bookings.define(&c, &definition)
            } else {
                bookings.add(&c, &definition)
            }
        })
        .await?;
    match defined {
        Defined::Stored { id, slots_opened } => Ok(see_other(&format!(
            "/office/bookings/resources?saved={}&slots={slots_opened}",
            id.as_str()
        ))),
        Defined::Faults(faults) => {
            let messages: Vec<(String, String)> = faults
                .iter()
                .map(|f| {
                    let input = read.input_of(&f.field);
                    let named = DefinitionError {
                        field: label_of(&input, lang),
                        problem: f.problem.clone(),
                    };
                    (input, named.message().get(lang).to_string())
                })
                .collect();
            let view = form_view(&ctx, &clerk, csrf.0, editing, form, &messages);
            html(StatusCode::UNPROCESSABLE_ENTITY, &view, lang)
        }
    }
}

/// Refuses (403) one who may not define the city's resources.
async fn may_define(ctx: &Ctx, clerk: &CurrentClerk) -> Result<(), WebError> {
    let c = clerk.clerk.clone();
    let may = ctx
        .run(move |app, tenant| Ok(app.bookings(&tenant).may_define(&c)))
        .await?;
    if may {
        Ok(())
    } else {
        Err(WebError::new(ErrorCode::Forbidden, ctx.lang))
    }
}
