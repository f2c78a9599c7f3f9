//! Publishing a working copy (or sending it for approval) and retiring a procedure.

use actix_web::{HttpResponse, web};
use madoguchi_app::{AppError, authoring::Publication as Published};
use madoguchi_core::ErrorCode;
use madoguchi_core::ProcedureId;

use super::Bearer;
use super::auth::with_client;
use super::drafts::problems;
use crate::extract::Ctx;
use crate::routes::api::bodies::{
    ErrorEnvelope, Publication, PublishRequest, RetireRequest, Retired,
};
use crate::routes::api::error::ApiError;
use crate::routes::api::json::JsonBody;

/// 201 with the version, 202 when the department's supervisor approves publications
/// first, 422 with the problems while the lint finds any.
#[utoipa::path(
    post,
    path = "/procedures/{id}/publish",
    operation_id = "publishProcedure",
    tag = "departments",
    security(("departmentToken" = [])),
    params(("id" = String, Path, description = "The procedure's id", pattern = "^[a-z0-9-]+$")),
    request_body = PublishRequest,
    responses(
        (status = 201, description = "Published", body = Publication),
        (status = 202, description = "Sent for the supervisor's approval", body = Publication),
        (status = 401, response = ErrorEnvelope),
        (status = 403, response = ErrorEnvelope),
        (status = 404, response = ErrorEnvelope),
        (status = 422, response = ErrorEnvelope)
    )
)]
pub(in crate::routes::api) async fn publish(
    ctx: Ctx,
    bearer: Bearer,
    id: web::Path<ProcedureId>,
    body: JsonBody,
) -> Result<HttpResponse, ApiError> {
    let note = body
        .fields::<PublishRequest>()
        .note
        .ok_or(ApiError::Code(ErrorCode::ReasonRequired))?;
    let id = id.into_inner();
    let outcome = with_client(&ctx, bearer, move |app, client| {
        let clerk = client.writer()?;
        match app
            .authoring(&clerk.tenant)
            .publish_procedure(clerk, &id, &note)
        {
            Err(AppError::Refused(ErrorCode::DefinitionInvalid)) => Ok(Err(app
                .authoring(&clerk.tenant)
                .procedure_draft(clerk, &id)?)),
            other => other.map(Ok),
        }
    })
    .await?;
    match outcome {
        Ok(Published::Published(number)) => Ok(HttpResponse::Created().json(Publication {
            status: "published".into(),
            version: Some(number),
        })),
        Ok(Published::AwaitingApproval) => Ok(HttpResponse::Accepted().json(Publication {
            status: "awaiting_approval".into(),
            version: None,
        })),
        Err(d) => Err(ApiError::WithProblems(
            ErrorCode::DefinitionInvalid,
            problems(&d),
        )),
    }
}

/// Closed to new filings (filings already made go on).
#[utoipa::path(
    post,
    path = "/procedures/{id}/retire",
    operation_id = "retireProcedure",
    tag = "departments",
    security(("departmentToken" = [])),
    params(("id" = String, Path, description = "The procedure's id", pattern = "^[a-z0-9-]+$")),
    request_body = RetireRequest,
    responses(
        (status = 200, description = "Retired", body = Retired),
        (status = 401, response = ErrorEnvelope),
        (status = 403, response = ErrorEnvelope),
        (status = 404, response = ErrorEnvelope),
        (status = 422, response = ErrorEnvelope)
    )
)]
pub(in crate::routes::api) async fn retire(
    ctx: Ctx,
    bearer: Bearer,
    id: web::Path<ProcedureId>,
    body: JsonBody,
) -> Result<HttpResponse, ApiError> {
    let reason = body
        .fields::<RetireRequest>()
        .reason
        .ok_or(ApiError::Code(ErrorCode::ReasonRequired))?;
    let id = id.into_inner();
    with_client(&ctx, bearer, move |app, client| {
        app.authoring(&client.writer()?.tenant)
            .retire_procedure(client.writer()?, &id, &reason)
    })
    .await?;
    Ok(HttpResponse::Ok().json(Retired {
        status: "retired".into(),
    }))
}
