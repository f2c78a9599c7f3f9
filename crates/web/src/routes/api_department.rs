//! The departments' part of the API, with a department's token (`Authorization: Bearer
//! mdg_…`): its procedures (list, working copy, create, update, publish, retire, versions)
//! and its filings' status. Read tokens read; write tokens also change. Errors use the API's
//! envelope; a definition the lint refuses answers 422 with `problems` by JSON pointer.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use madoguchi_app::{
    AppError, authoring::ProcedureDraft, authoring::Publication, integrations::ApiClient,
};
use madoguchi_core::ErrorCode;
use serde_json::{Value, json};

use super::api::{ApiError, JsonBody, resource, run};
use crate::extract::Ctx;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/api/v1/department/procedures").route(web::get().to(list)))
        .service(
            resource("/api/v1/procedures/{id}/draft")
                .route(web::get().to(draft))
                .route(web::put().to(update)),
        )
        .service(resource("/api/v1/procedures/{id}/publish").route(web::post().to(publish)))
        .service(resource("/api/v1/procedures/{id}/retire").route(web::post().to(retire)))
        .service(resource("/api/v1/procedures/{id}/versions").route(web::get().to(versions)))
        .service(resource("/api/v1/submissions/{id}").route(web::get().to(submission)));
}

/// The bearer token, not yet checked (that needs the database).
pub struct Bearer(String);

impl FromRequest for Bearer {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = req
            .headers()
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                let (scheme, token) = v.split_once(' ')?;
                scheme
                    .eq_ignore_ascii_case("bearer")
                    .then(|| token.trim().to_string())
            });
        ready(
            token
                .filter(|t| !t.is_empty() && t.len() <= 100)
                .map(Bearer)
                .ok_or(ApiError::Code(ErrorCode::ApiTokenInvalid)),
        )
    }
}

/// Runs `f` for the token's client: 401 for a token that is not (or no longer) valid.
async fn with_client<T, F>(ctx: &Ctx, bearer: Bearer, f: F) -> Result<T, ApiError>
where
    F: FnOnce(&madoguchi_app::App, &ApiClient) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    run(ctx, move |app, _| {
        let client = app.api_client(&bearer.0)?;
        f(&app, &client)
    })
    .await?
    .map_err(|e| ApiError::from_app(e, None))
}

fn draft_json(d: &ProcedureDraft) -> Value {
    let definition: Value =
        serde_json::from_str(&d.text).unwrap_or_else(|_| Value::from(d.text.as_str()));
    json!({
        "id": d.id,
        "status": status_code(d.status),
        "definition": definition,
        "publishable": d.problems.is_empty() && d.form.is_some(),
        "problems": problems_json(d),
        "updated_at": d.updated_at,
    })
}

fn problems_json(d: &ProcedureDraft) -> Vec<Value> {
    d.problems
        .iter()
        .map(|p| json!({ "pointer": p.pointer, "message": p.message }))
        .collect()
}

fn status_code(s: madoguchi_app::authoring::ProcedureStatus) -> &'static str {
    match s {
        madoguchi_app::authoring::ProcedureStatus::Draft => "draft",
        madoguchi_app::authoring::ProcedureStatus::Published => "published",
        madoguchi_app::authoring::ProcedureStatus::Retired => "retired",
    }
}

/// `GET /api/v1/department/procedures`: the token's department's procedures.
async fn list(ctx: Ctx, bearer: Bearer) -> Result<HttpResponse, ApiError> {
    let items = with_client(&ctx, bearer, |app, client| {
        app.authored_procedures(client.reader())
    })
    .await?;
    let list: Vec<Value> = items
        .iter()
        .map(|p| {
            json!({
                "id": p.id,
                "title": { "ja": p.title.ja, "en": p.title.en },
                "status": status_code(p.status),
                "version": p.version,
                "has_draft": p.has_draft,
            })
        })
        .collect();
    Ok(HttpResponse::Ok().json(json!({ "procedures": list })))
}

/// `POST /api/v1/procedures` `{"id", "from"?, "definition"?}`: a new working copy (from
/// the template, a copy of `from`, or the definition given). 201 with the copy, checked.
pub async fn create(ctx: Ctx, bearer: Bearer, body: JsonBody) -> Result<HttpResponse, ApiError> {
    let id = body
        .0
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let from = body
        .0
        .get("from")
        .and_then(Value::as_str)
        .map(str::to_string);
    let definition = match body.0.get("definition") {
        None | Some(Value::Null) => None,
        Some(d @ Value::Object(_)) => Some(pretty(d)?),
        Some(_) => return Err(ApiError::Code(ErrorCode::MalformedRequest)),
    };
    let d = with_client(&ctx, bearer, move |app, client| {
        let clerk = client.writer()?;
        app.start_procedure(clerk, &id, from.as_deref())?;
        match definition {
            Some(text) => app.save_procedure_draft(clerk, &id, &text),
            None => app.procedure_draft(clerk, &id),
        }
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/procedures/{}/draft", d.id)))
        .json(draft_json(&d)))
}

fn pretty(v: &Value) -> Result<String, ApiError> {
    serde_json::to_string_pretty(v).map_err(|_| ApiError::Code(ErrorCode::Internal))
}

/// `GET /api/v1/procedures/{id}/draft`: the working copy, checked.
async fn draft(ctx: Ctx, bearer: Bearer, id: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let d = with_client(&ctx, bearer, move |app, client| {
        app.procedure_draft(client.reader(), &id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(draft_json(&d)))
}

/// `PUT /api/v1/procedures/{id}/draft` with the definition: saved as given (even with
/// problems: nothing is lost), answered with the lint's findings.
async fn update(
    ctx: Ctx,
    bearer: Bearer,
    id: web::Path<String>,
    body: JsonBody,
) -> Result<HttpResponse, ApiError> {
    if !body.0.is_object() {
        return Err(ApiError::Code(ErrorCode::MalformedRequest));
    }
    let text = pretty(&body.0)?;
    let id = id.into_inner();
    let d = with_client(&ctx, bearer, move |app, client| {
        app.save_procedure_draft(client.writer()?, &id, &text)
    })
    .await?;
    Ok(HttpResponse::Ok().json(draft_json(&d)))
}

/// `POST /api/v1/procedures/{id}/publish` `{"note"}`: 201 with the version, 202 when the
/// department's supervisor approves publications first, 422 with the problems while the
/// lint finds any.
async fn publish(
    ctx: Ctx,
    bearer: Bearer,
    id: web::Path<String>,
    body: JsonBody,
) -> Result<HttpResponse, ApiError> {
    let note = text_field(&body.0, "note")?;
    let id = id.into_inner();
    let outcome = with_client(&ctx, bearer, move |app, client| {
        let clerk = client.writer()?;
        match app.publish_procedure(clerk, &id, &note) {
            Err(AppError::Refused(ErrorCode::DefinitionInvalid)) => {
                Ok(Err(app.procedure_draft(clerk, &id)?))
            }
            other => other.map(Ok),
        }
    })
    .await?;
    match outcome {
        Ok(Publication::Published(number)) => {
            Ok(HttpResponse::Created().json(json!({ "status": "published", "version": number })))
        }
        Ok(Publication::AwaitingApproval) => {
            Ok(HttpResponse::Accepted().json(json!({ "status": "awaiting_approval" })))
        }
        Err(d) => Err(ApiError::WithProblems(
            ErrorCode::DefinitionInvalid,
            problems_json(&d),
        )),
    }
}

fn text_field(body: &Value, name: &str) -> Result<String, ApiError> {
    body.get(name)
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or(ApiError::Code(ErrorCode::ReasonRequired))
}

/// `POST /api/v1/procedures/{id}/retire` `{"reason"}`: closed to new filings.
async fn retire(
    ctx: Ctx,
    bearer: Bearer,
    id: web::Path<String>,
    body: JsonBody,
) -> Result<HttpResponse, ApiError> {
    let reason = text_field(&body.0, "reason")?;
    let id = id.into_inner();
    with_client(&ctx, bearer, move |app, client| {
        app.retire_procedure(client.writer()?, &id, &reason)
    })
    .await?;
    Ok(HttpResponse::Ok().json(json!({ "status": "retired" })))
}

/// `GET /api/v1/procedures/{id}/versions`: the published versions, newest first.
async fn versions(
    ctx: Ctx,
    bearer: Bearer,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let list = with_client(&ctx, bearer, move |app, client| {
        app.procedure_versions(client.reader(), &id)
    })
    .await?;
    let list: Vec<Value> = list
        .iter()
        .map(|v| {
            json!({
                "number": v.number,
                "content_hash": v.content_hash,
                "published_at": v.published_at,
                "change_note": v.change_note,
            })
        })
        .collect();
    Ok(HttpResponse::Ok().json(json!({ "versions": list })))
}

/// `GET /api/v1/submissions/{id}` (id or arrival number): one of the department's
/// filings, its status and history.
async fn submission(
    ctx: Ctx,
    bearer: Bearer,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let status = with_client(&ctx, bearer, move |app, client| {
        app.department_submission(client.reader(), &id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(status))
}
