//! `POST /api/v1/procedures/{id}/validate`: checks answers, stores nothing.

use actix_web::{HttpResponse, web};
use madoguchi_app::filing::Checked;
use madoguchi_core::ProcedureId;

use super::bodies::{Answers, ErrorEnvelope, Fee, FieldProblem, Invalid, Text, Validated};
use super::error::ApiError;
use super::json::JsonBody;
use super::run;
use crate::extract::Ctx;

/// Checks the answers as the pages do (same clean-up, same messages); stores nothing.
#[utoipa::path(
    post,
    path = "/procedures/{id}/validate",
    operation_id = "validateAnswers",
    tag = "residents",
    params(("id" = String, Path, description = "The procedure's id", pattern = "^[a-z0-9-]+$")),
    request_body(content = Answers, description = "The answers as JSON"),
    responses(
        (status = 200, description = "Valid: the answers as they would be stored, the fee, and any warnings (answers accepted that the office will ask about)", body = Validated),
        (status = 400, response = ErrorEnvelope),
        (status = 404, response = ErrorEnvelope),
        (status = 413, response = ErrorEnvelope),
        (status = 415, response = ErrorEnvelope),
        (status = 422, response = Invalid),
        (status = 429, description = "`rate_limited`: too many requests from this address this minute; `Retry-After` says when to retry", body = ErrorEnvelope)
    )
)]
pub(super) async fn validate(
    ctx: Ctx,
    id: web::Path<ProcedureId>,
    body: JsonBody,
) -> Result<HttpResponse, ApiError> {
    let pid = id.into_inner();
    let checked: Checked = run(&ctx, move |app, tenant| {
        app.filing(&tenant).validate_data(&pid, body.0)
    })
    .await?
    .map_err(|e| ApiError::from_app(e, None))?;
    if !checked.errors.is_empty() {
        return Err(ApiError::invalid(Some(&checked.form), &checked.errors));
    }
    let fee = checked.fee.as_ref().map(|q| Fee {
        total_yen: q.total.amount(),
        unit_yen: q.unit.map(|u| u.amount()),
        quantity: q.quantity,
        text: Text::from(&q.breakdown()),
    });
    let warnings = checked
        .warnings
        .iter()
        .map(|w| FieldProblem {
            pointer: w.pointer.clone(),
            code: w.code.code().to_string(),
            message: Text::from(&w.message),
        })
        .collect();
    Ok(HttpResponse::Ok().json(Validated {
        valid: true,
        normalized: checked.normalized,
        fee,
        warnings,
    }))
}
