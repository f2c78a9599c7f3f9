//! The department's procedures and their working copies: list, create, read, update.

use actix_web::{HttpResponse, web};
use madoguchi_app::authoring::ProcedureDraft;
use madoguchi_core::ErrorCode;
use madoguchi_core::ProcedureId;
use serde_json::Value;

use super::Bearer;
use super::auth::with_client;
use crate::extract::Ctx;
use crate::routes::api::bodies::{
    DepartmentProcedure, DepartmentProcedureList, Draft, ErrorEnvelope, NewProcedure, Problem, Text,
};
use crate::routes::api::error::ApiError;
use crate::routes::api::json::JsonBody;

pub(super) fn problems(d: &ProcedureDraft) -> Vec<Problem> {
    d.problems
        .iter()
        .map(|p| Problem {
            pointer: p.pointer.clone(),
            message: Text::from(&p.message),
        })
        .collect()
}

fn draft_body(d: &ProcedureDraft) -> Draft {
    Draft {
        id: d.id.to_string(),
        status: d.status.into(),
        definition: serde_json::from_str(&d.text).unwrap_or_else(|_| Value::from(d.text.as_str())),
        publishable: d.problems.is_empty() && d.form.is_some(),
        problems: problems(d),
        updated_at: d.updated_at,
    }
}

fn pretty(v: &Value) -> Result<String, ApiError> {
    serde_json::to_string_pretty(v).map_err(|_| ApiError::Code(ErrorCode::Internal))
}

/// The token's department's procedures.
#[utoipa::path(
    get,
    path = "/department/procedures",
    operation_id = "listDepartmentProcedures",
    tag = "departments",
    security(("departmentToken" = [])),
    responses(
        (status = 200, description = "The department's procedures", body = DepartmentProcedureList),
        (status = 401, response = ErrorEnvelope)
    )
)]
pub(in crate::routes::api) async fn list(
    ctx: Ctx,
    bearer: Bearer,
) -> Result<HttpResponse, ApiError> {
    let items = with_client(&ctx, bearer, |app, client| {
        app.authoring(&client.reader().tenant)
            .authored_procedures(client.reader())
    })
    .await?;
    let procedures = items
        .iter()
        .map(|p| DepartmentProcedure {
            id: p.id.to_string(),
            title: Text::from(&p.title),
            status: p.status.into(),
            version: p.version,
            has_draft: p.has_draft,
        })
        .collect();
    Ok(HttpResponse::Ok().json(DepartmentProcedureList { procedures }))
}

/// A new working copy (from the template, a copy of `from`, or the definition given),
/// answered 201 with the copy, checked.
#[utoipa::path(
    post,
    path = "/procedures",
    operation_id = "createProcedure",
    tag = "departments",
    security(("departmentToken" = [])),
    request_body = NewProcedure,
    responses(
        (status = 201, description = "The new working copy, checked", body = Draft,
            headers(("Location" = String, description = "/api/v1/procedures/{id}/draft"))),
        (status = 400, response = ErrorEnvelope),
        (status = 401, response = ErrorEnvelope),
        (status = 403, response = ErrorEnvelope),
        (status = 409, response = ErrorEnvelope),
        (status = 422, response = ErrorEnvelope)
    )
)]
pub(in crate::routes::api) async fn create(
    ctx: Ctx,
    bearer: Bearer,
    body: JsonBody,
) -> Result<HttpResponse, ApiError> {
    let NewProcedure {
        id,
        from,
        definition,
    } = body.fields();
    let definition = match definition {
        None | Some(Value::Null) => None,
        Some(d @ Value::Object(_)) => Some(pretty(&d)?),
        Some(_) => return Err(ApiError::Code(ErrorCode::MalformedRequest)),
    };
    let d = with_client(&ctx, bearer, move |app, client| {
        let clerk = client.writer()?;
        app.authoring(&clerk.tenant)
            .start_procedure(clerk, &id, from.as_deref())?;
        let id = ProcedureId::new(id);
        match definition {
            Some(text) => app
                .authoring(&clerk.tenant)
                .save_procedure_draft(clerk, &id, &text),
            None => app.authoring(&clerk.tenant).procedure_draft(clerk, &id),
        }
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/procedures/{}/draft", d.id)))
        .json(draft_body(&d)))
}

/// The working copy, checked.
#[utoipa::path(
    get,
    path = "/procedures/{id}/draft",
    operation_id = "getDraft",
    tag = "departments",
    security(("departmentToken" = [])),
    params(("id" = String, Path, description = "The procedure's id", pattern = "^[a-z0-9-]+$")),
    responses(
        (status = 200, description = "The working copy, checked", body = Draft),
        (status = 401, response = ErrorEnvelope),
        (status = 403, response = ErrorEnvelope),
        (status = 404, response = ErrorEnvelope)
    )
)]
pub(in crate::routes::api) async fn draft(
    ctx: Ctx,
    bearer: Bearer,
    id: web::Path<ProcedureId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let d = with_client(&ctx, bearer, move |app, client| {
        app.authoring(&client.reader().tenant)
            .procedure_draft(client.reader(), &id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(draft_body(&d)))
}

/// Saves the definition as given (even with problems: nothing is lost), answered with the
/// lint's findings.
#[utoipa::path(
    put,
    path = "/procedures/{id}/draft",
    operation_id = "updateDraft",
    tag = "departments",
    security(("departmentToken" = [])),
    params(("id" = String, Path, description = "The procedure's id", pattern = "^[a-z0-9-]+$")),
    request_body(content = Object, description = "The definition (the format of forms/<id>/form.json)"),
    responses(
        (status = 200, description = "Saved, with the lint's findings", body = Draft),
        (status = 400, response = ErrorEnvelope),
        (status = 401, response = ErrorEnvelope),
        (status = 403, response = ErrorEnvelope),
        (status = 404, response = ErrorEnvelope)
    )
)]
pub(in crate::routes::api) async fn update(
    ctx: Ctx,
    bearer: Bearer,
    id: web::Path<ProcedureId>,
    body: JsonBody,
) -> Result<HttpResponse, ApiError> {
    if !body.0.is_object() {
        return Err(ApiError::Code(ErrorCode::MalformedRequest));
    }
    let text = pretty(&body.0)?;
    let id = id.into_inner();
    let d = with_client(&ctx, bearer, move |app, client| {
        app.authoring(&client.writer()?.tenant)
            .save_procedure_draft(client.writer()?, &id, &text)
    })
    .await?;
    Ok(HttpResponse::Ok().json(draft_body(&d)))
}
