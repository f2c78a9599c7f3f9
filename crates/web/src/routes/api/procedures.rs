//! `GET /api/v1/procedures` and `GET /api/v1/procedures/{id}`: what is open for filing.

use actix_web::{HttpResponse, web};
use madoguchi_core::ErrorCode;
use madoguchi_core::ProcedureId;

use super::bodies::{ErrorEnvelope, ProcedureDocument, ProcedureList, ProcedureSummary, Text};
use super::error::ApiError;
use crate::extract::Ctx;

/// Every procedure open for filing.
#[utoipa::path(
    get,
    path = "/procedures",
    operation_id = "listProcedures",
    tag = "residents",
    responses((status = 200, description = "Every procedure open for filing", body = ProcedureList))
)]
pub(super) async fn procedures(ctx: Ctx) -> HttpResponse {
    let procedures = ctx
        .app
        .forms_for(&ctx.tenant)
        .all()
        .map(|f| ProcedureSummary {
            id: f.id().to_string(),
            title: Text::from(f.title()),
            department: f.settings().department.clone(),
            identity: f.settings().identity.into(),
            version: f.version().to_string(),
        })
        .collect();
    HttpResponse::Ok().json(ProcedureList { procedures })
}

/// The definition open for filing.
#[utoipa::path(
    get,
    path = "/procedures/{id}",
    operation_id = "getProcedure",
    tag = "residents",
    params(("id" = String, Path, description = "The procedure's id", pattern = "^[a-z0-9-]+$")),
    responses(
        (status = 200, description = "The definition open for filing", body = ProcedureDocument),
        (status = 404, response = ErrorEnvelope),
        (status = 410, response = ErrorEnvelope)
    )
)]
pub(super) async fn procedure(
    ctx: Ctx,
    id: web::Path<ProcedureId>,
) -> Result<HttpResponse, ApiError> {
    let form = ctx
        .app
        .forms_for(&ctx.tenant)
        .get(id.as_str())
        .ok_or(ApiError::Code(ErrorCode::NotFound))?;
    let mut definition =
        serde_json::to_value(form.definition()).map_err(|_| ApiError::Code(ErrorCode::Internal))?;
    // The authors' notes of what the city has yet to confirm are not for residents.
    madoguchi_forms::provenance::without_notes(&mut definition);
    Ok(HttpResponse::Ok().json(ProcedureDocument {
        id: form.id().to_string(),
        version: form.version().to_string(),
        definition,
    }))
}
