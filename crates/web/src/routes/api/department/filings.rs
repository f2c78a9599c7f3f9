//! The department's filings for its own systems: a list in the order they last changed
//! (cursor paging, then only what changed since), one filing in the documented layout with
//! its files and payments, and a file's bytes.

use actix_web::{HttpResponse, web};
use madoguchi_app::integrations::FilingsQuery;
use madoguchi_core::{AttachmentId, ErrorCode};

use super::Bearer;
use super::auth::with_client;
use crate::extract::{Ctx, FilingKey, RecordKey};
use crate::routes::api::bodies::{DepartmentFiling, ErrorEnvelope, FilingList};
use crate::routes::api::error::ApiError;

/// The department's filings, in the order they last changed.
#[utoipa::path(
    get,
    path = "/department/submissions",
    operation_id = "listDepartmentSubmissions",
    tag = "departments",
    security(("departmentToken" = [])),
    params(
        ("procedure" = Option<String>, Query, description = "Only this procedure's filings"),
        ("state" = Option<String>, Query, description = "Only filings in this state (arrived, in_review, correction_requested, approved, rejected, withdrawn, closed…)"),
        ("changed_since" = Option<String>, Query, description = "Only filings changed at or after this time (RFC 3339)"),
        ("cursor" = Option<String>, Query, description = "The `next_cursor` of the page before"),
        ("limit" = Option<i64>, Query, description = "How many per page, 1 to 100 (100 without it)")
    ),
    responses(
        (status = 200, description = "A page of filings (no answers) and the cursor of the next", body = FilingList),
        (status = 401, response = ErrorEnvelope),
        (status = 422, response = ErrorEnvelope)
    )
)]
pub(in crate::routes::api) async fn list(
    ctx: Ctx,
    bearer: Bearer,
    query: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, ApiError> {
    let asked = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
    };
    let invalid = || ApiError::Code(ErrorCode::SelectionInvalid);
    let limit = match asked("limit") {
        None => None,
        Some(t) => Some(t.parse::<i64>().map_err(|_| invalid())?),
    };
    let changed_since = match asked("changed_since") {
        None => None,
        Some(t) => Some(
            chrono::DateTime::parse_from_rfc3339(&t)
                .map_err(|_| invalid())?
                .to_utc(),
        ),
    };
    let q = FilingsQuery {
        procedure: asked("procedure"),
        state: asked("state"),
        changed_since,
        cursor: asked("cursor"),
        limit,
    };
    let page = with_client(&ctx, bearer, move |app, client| {
        app.integrations(&client.reader().tenant)
            .department_filings(client.reader(), &q)
    })
    .await?;
    Ok(HttpResponse::Ok().json(FilingList::from(page)))
}

/// One of the department's filings in the documented layout, with its files and payments
/// (the read is audited).
#[utoipa::path(
    get,
    path = "/department/submissions/{id}",
    operation_id = "getDepartmentSubmission",
    tag = "departments",
    security(("departmentToken" = [])),
    params(("id" = String, Path, description = "The filing's id or its arrival number")),
    responses(
        (status = 200, description = "The filing: its fields, answers (My Numbers masked), files and payments", body = DepartmentFiling),
        (status = 401, response = ErrorEnvelope),
        (status = 404, response = ErrorEnvelope)
    )
)]
pub(in crate::routes::api) async fn filing(
    ctx: Ctx,
    bearer: Bearer,
    id: web::Path<FilingKey>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner().into_inner();
    let record = with_client(&ctx, bearer, move |app, client| {
        app.integrations(&client.reader().tenant)
            .department_filing(client.reader(), &id)
    })
    .await?;
    // Served through the documented type: what is served is what the OpenAPI says.
    let body: DepartmentFiling = serde_json::from_value(record)
        .map_err(|e| ApiError::Failed(ErrorCode::Internal, Box::new(e)))?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(body))
}

/// A file of one of the department's filings (the read is audited).
#[utoipa::path(
    get,
    path = "/department/submissions/{id}/files/{file}",
    operation_id = "getDepartmentSubmissionFile",
    tag = "departments",
    security(("departmentToken" = [])),
    params(
        ("id" = String, Path, description = "The filing's id or its arrival number"),
        ("file" = String, Path, description = "The file's id (`files[].id` of the filing)")
    ),
    responses(
        (status = 200, description = "The file's bytes, with its detected type", content_type = "application/octet-stream"),
        (status = 401, response = ErrorEnvelope),
        (status = 404, response = ErrorEnvelope)
    )
)]
pub(in crate::routes::api) async fn file(
    ctx: Ctx,
    bearer: Bearer,
    path: web::Path<(FilingKey, RecordKey)>,
) -> Result<HttpResponse, ApiError> {
    let (id, file) = path.into_inner();
    let (id, file) = (id.into_inner(), AttachmentId::new(file.into_inner()));
    let f = with_client(&ctx, bearer, move |app, client| {
        app.integrations(&client.reader().tenant)
            .department_file(client.reader(), &id, &file)
    })
    .await?;
    Ok(crate::routes::documents::download(f))
}
