//! A form's step for a browser without a session yet (no draft, no file, not signed in):
//! the same page for every such reader of one city, language and furigana choice but for
//! the CSRF token, so it is rendered once per form version and served again with the
//! reader's token in its slots (see [`crate::page_cache`]).

use std::sync::Arc;

use actix_web::http::header::CONTENT_TYPE;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;
use madoguchi_app::submission::PrefillMarks;
use madoguchi_core::ProcedureId;
use madoguchi_forms::input::posted_from_data;
use serde_json::{Map, Value};

use super::step::step_page;
use crate::error::WebError;
use crate::extract::{Ctx, state};
use crate::page_cache::{Slotted, StepVersion};

/// The blank step's page from what this node keeps, rendering it first when it has not
/// got it for the form's current version. `None` when the page must come from the usual
/// path: the procedure is not in memory (a database read, maybe a retirement to tell), no
/// question of the step applies (a redirect), or the step offers booking slots (drawn fresh).
pub(super) fn page(
    req: &HttpRequest,
    ctx: &Ctx,
    pid: &ProcedureId,
    step_id: &str,
    csrf: &str,
) -> Result<Option<HttpResponse>, WebError> {
    let lang = ctx.lang;
    let Some(found) = ctx.app.cached_procedure(&ctx.tenant, pid) else {
        return Ok(None);
    };
    let (form, department) = found.map_err(|e| WebError::from_app(e, lang))?;
    // The days and times a booking question offers change with every booking: drawn fresh.
    let books_here = form.step(step_id).is_some_and(|(_, step)| {
        step.fields
            .iter()
            .any(|f| f.kind == madoguchi_forms::FieldKind::Booking)
    });
    if books_here {
        return Ok(None);
    }
    let pages = Arc::clone(&state(req)?.pages);
    let key = (
        ctx.tenant.clone(),
        pid.clone(),
        step_id.to_string(),
        lang,
        crate::furigana::wanted(),
    );
    let version = StepVersion {
        form,
        department,
        city: crate::tenancy::current_city(),
    };
    let kept = match pages.steps.get(&key, &version) {
        Some(kept) => kept,
        None => {
            let form = &version.form;
            let (_, step) = form.step(step_id).ok_or_else(|| ctx.not_found())?;
            let data = Value::Object(Map::new());
            if !step.is_shown(&data) {
                return Ok(None);
            }
            let values = posted_from_data(step, &data);
            let prefilled = PrefillMarks::new();
            let slot = pages.slot.clone();
            let mut view = step_page(
                form,
                step_id,
                &data,
                &prefilled,
                &values,
                &[],
                &[],
                &[],
                ctx,
                slot,
            )?;
            // The purpose of use goes on the first step, as `first_step_purpose` puts it.
            if form.steps().first().map(|s| s.id.as_str()) == Some(step_id) {
                view.purpose = Some(crate::views::purpose_of_use(
                    form,
                    &version.department,
                    lang,
                ));
            }
            let html = view.render().map_err(|e| WebError::internal(e, lang))?;
            let slotted = Slotted::new(&html, &pages.slot);
            pages.steps.put(key, version, slotted)
        }
    };
    Ok(Some(
        HttpResponse::Ok()
            .insert_header((CONTENT_TYPE, "text/html; charset=utf-8"))
            .body(kept.fill(csrf)),
    ))
}
