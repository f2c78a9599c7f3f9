//! The published versions of a procedure, and the status of the department's filings.

use actix_web::{HttpResponse, web};
use madoguchi_core::ProcedureId;

use super::Bearer;
use super::auth::with_client;
use crate::extract::Ctx;
use crate::extract::FilingKey;
use crate::routes::api::bodies::{ErrorEnvelope, SubmissionStatus, Version, VersionList};
use crate::routes::api::error::ApiError;

/// The published versions, newest first.
#[utoipa::path(
    get,
    path = "/procedures/{id}/versions",
    operation_id = "listVersions",
    tag = "departments",
    security(("departmentToken" = [])),
    params(("id" = String, Path, description = "The procedure's id", pattern = "^[a-z0-9-]+$")),
    responses(
        (status = 200, description = "The published versions, newest first", body = VersionList),
        (status = 401, response = ErrorEnvelope),
        (status = 403, response = ErrorEnvelope),
        (status = 404, response = ErrorEnvelope)
    )
)]
pub(in crate::routes::api) async fn versions(
    ctx: Ctx,
    bearer: Bearer,
    id: web::Path<ProcedureId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let list = with_client(&ctx, bearer, move |app, client| {
        app.authoring(&client.reader().tenant)
            .procedure_versions(client.reader(), &id)
    })
    .await?;
    let versions = list
        .into_iter()
        .map(|v| Version {
            number: v.number,
            content_hash: v.content_hash,
            published_at: v.published_at,
            change_note: v.change_note,
        })
        .collect();
    Ok(HttpResponse::Ok().json(VersionList { versions }))
}

/// One of the department's filings (by id or arrival number): its status and history.
#[utoipa::path(
    get,
    path = "/submissions/{id}",
    operation_id = "getSubmissionStatus",
    tag = "departments",
    security(("departmentToken" = [])),
    params(("id" = String, Path, description = "The filing's id or its arrival number")),
    responses(
        (status = 200, description = "The filing's status and history", body = SubmissionStatus),
        (status = 401, response = ErrorEnvelope),
        (status = 404, response = ErrorEnvelope)
    )
)]
pub(in crate::routes::api) async fn submission(
    ctx: Ctx,
    bearer: Bearer,
    id: web::Path<FilingKey>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner().into_inner();
    let status = with_client(&ctx, bearer, move |app, client| {
        app.integrations(&client.reader().tenant)
            .department_submission(client.reader(), &id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(SubmissionStatus::from(status)))
}
