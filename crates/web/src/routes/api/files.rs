//! `POST /api/v1/procedures/{id}/files?field=/funeral_proof&name=proof.pdf`: a department's
//! system uploads one file (the request body, as it is) that the answers it files next name
//! by the id answered here. The token is checked before the first byte of the body is
//! read; the body goes to a temporary file on disk within the file limit while it arrives
//! (the deadline of an upload, not of a JSON body), and only so many uploads are read at
//! once.

use actix_web::{HttpRequest, HttpResponse, web};
use madoguchi_app::kernel::MAX_FILE_BYTES;
use madoguchi_core::{ErrorCode, ProcedureId};
use serde::Deserialize;

use super::bodies::{ErrorEnvelope, Invalid, Upload};
use super::department::{Bearer, with_client};
use super::error::ApiError;
use super::run;
use crate::extract::upload::stage;
use crate::extract::{Ctx, state};

/// Which question the file answers, and the file's name.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct FileFor {
    /// The file question's JSON pointer (`/funeral_proof`).
    field: String,
    /// The file's name, as the clerk will see it (`proof.pdf`).
    name: String,
}

/// Stores the file (201) and answers its id, which a filing's answer to that question
/// names: `"funeral_proof": "<id>"` (or a list of up to five ids).
#[utoipa::path(
    post,
    path = "/procedures/{id}/files",
    operation_id = "uploadFile",
    tag = "departments",
    security(("departmentToken" = [])),
    params(
        ("id" = String, Path, description = "The procedure's id (one of the token's department)", pattern = "^[a-z0-9-]+$"),
        FileFor
    ),
    request_body(content = Vec<u8>, content_type = "application/octet-stream",
        description = "The file itself (PDF, JPEG, PNG or HEIC, recognised by its content; at most 10 MiB). It must be named by a filing sent with the same token; one no filing names is deleted after the drafts' time."),
    responses(
        (status = 201, description = "Stored: name it by `id` in the filing's answers", body = Upload),
        (status = 401, response = ErrorEnvelope),
        (status = 404, response = ErrorEnvelope),
        (status = 413, description = "`file_too_large`", body = ErrorEnvelope),
        (status = 422, description = "`field` names no file question of the procedure, or the file is refused (`file_type_not_allowed`, `file_name_invalid`, `file_rejected`)", body = Invalid),
        (status = 503, description = "Too many uploads at once, or the virus scanner cannot answer; `Retry-After` says when to retry", body = ErrorEnvelope)
    )
)]
pub(super) async fn upload(
    req: HttpRequest,
    ctx: Ctx,
    bearer: Bearer,
    id: web::Path<ProcedureId>,
    query: web::Query<FileFor>,
    mut body: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_FILE_BYTES as u64) {
        return Err(ApiError::Code(ErrorCode::FileTooLarge));
    }
    // Whose file it is, before its first byte is read.
    let client = with_client(&ctx, bearer, |_, client| Ok(client.clone())).await?;
    let st = state(&req).map_err(|_| ApiError::Code(ErrorCode::Internal))?;
    let Some(slot) = st.config.limits.uploads.take() else {
        tracing::warn!("API upload refused: too many uploads at once");
        return Err(ApiError::Code(ErrorCode::ServiceUnavailable));
    };
    let dir = ctx.app.config().files_dir.join(".incoming");
    // An empty body is a file with no content: refused by its type, like an empty upload.
    let path = stage(&mut body, &dir, MAX_FILE_BYTES)
        .await
        .map_err(ApiError::Code)?
        .ok_or(ApiError::Code(ErrorCode::FileTypeNotAllowed))?;
    let pid = id.into_inner();
    let form = ctx.app.forms_for(&ctx.tenant).get(pid.as_str());
    let FileFor { field, name } = query.into_inner();
    let stored = run(&ctx, move |app, tenant| {
        let stored =
            app.filing(&tenant)
                .upload_for_api(client.reader(), &pid, &field, &name, &*path);
        drop((path, slot));
        stored
    })
    .await?
    .map_err(|e| ApiError::from_app(e, form.as_deref()))?;
    Ok(HttpResponse::Created().json(Upload {
        id: stored.id.to_string(),
        field: stored.field,
        file_name: stored.file_name,
        content_type: stored.content_type,
        size_bytes: stored.size_bytes,
    }))
}
