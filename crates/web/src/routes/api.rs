//! The JSON API, `/api/v1`. Errors use one envelope:
//! `{"error": {"code": "not_found", "message": {"ja": "…", "en": "…"}}}`; validation
//! problems answer 422 with `{"valid": false, "errors": [{"pointer", "code", "message"}]}`.
//! Described in `docs/API.md`.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use actix_web::{FromRequest, HttpRequest, HttpResponse, ResponseError, web};
use futures_util::StreamExt;
use madoguchi_app::{AppError, filing::Checked, submission::SubmitOutcome};
use madoguchi_core::{ErrorCode, Lang, Localized, jst};
use madoguchi_forms::{FieldError, Form};
use serde_json::{Value, json};

use crate::error::status_of;
use crate::extract::{Ctx, state};

/// An API resource: unsupported methods get the JSON 405, not the HTML page.
pub(crate) fn resource(path: &str) -> actix_web::Resource {
    web::resource(path).default_service(web::to(|| async {
        Err::<HttpResponse, _>(ApiError::Code(ErrorCode::MethodNotAllowed))
    }))
}

/// The JSON 404 for API paths no route claims.
pub fn not_found() -> HttpResponse {
    ApiError::Code(ErrorCode::NotFound).error_response()
}

/// The OpenAPI 3.1 description of this API, served at `/api/v1/openapi.json`.
pub const OPENAPI: &str = include_str!("../../static/openapi.json");

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/api/v1/openapi.json").route(web::get().to(openapi)))
        .service(
            resource("/api/v1/procedures")
                .route(web::get().to(procedures))
                .route(web::post().to(super::api_department::create)),
        )
        .service(resource("/api/v1/procedures/{id}").route(web::get().to(procedure)))
        .service(resource("/api/v1/postal-codes/{code}").route(web::get().to(postal_code)))
        .service(resource("/api/v1/procedures/{id}/validate").route(web::post().to(validate)))
        .service(resource("/api/v1/procedures/{id}/submissions").route(web::post().to(submit)));
}

/// An API failure, answered as JSON.
#[derive(Debug)]
pub enum ApiError {
    Code(ErrorCode),
    /// A code with the lint's findings (`{"pointer", "message"}`), in `error.problems`.
    WithProblems(ErrorCode, Vec<Value>),
    Invalid(Vec<Value>),
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Code(c) | ApiError::WithProblems(c, _) => f.write_str(c.code()),
            ApiError::Invalid(e) => write!(f, "{} validation errors", e.len()),
        }
    }
}

impl ApiError {
    pub(crate) fn from_app(e: AppError, form: Option<&Form>) -> Self {
        match e {
            AppError::Validation { errors, .. } => ApiError::Invalid(field_errors(form, &errors)),
            e => {
                if e.is_server_error() {
                    tracing::error!(error = %e, "API request failed");
                }
                ApiError::Code(e.code())
            }
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Code(c) | ApiError::WithProblems(c, _) => status_of(*c),
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let body = match self {
            ApiError::Code(c) | ApiError::WithProblems(c, _) => {
                let (ja, ja_todo) = c.message(Lang::Ja);
                let (en, en_todo) = c.message(Lang::En);
                let mut body = json!({ "error": { "code": c.code(), "message": { "ja": format!("{ja}。{ja_todo}"), "en": format!("{en}. {en_todo}") } } });
                if let ApiError::WithProblems(_, problems) = self {
                    body["error"]["problems"] = Value::from(problems.clone());
                }
                body
            }
            ApiError::Invalid(errors) => json!({ "valid": false, "errors": errors }),
        };
        let mut res = HttpResponse::build(self.status_code());
        if matches!(self, ApiError::Code(ErrorCode::ServiceUnavailable)) {
            res.insert_header(("Retry-After", "5"));
        }
        if matches!(self, ApiError::Code(ErrorCode::ApiTokenInvalid)) {
            res.insert_header(("WWW-Authenticate", "Bearer realm=\"madoguchi\""));
        }
        res.json(body)
    }
}

fn field_errors(form: Option<&Form>, errors: &[FieldError]) -> Vec<Value> {
    errors
        .iter()
        .map(|e| {
            let message: Localized = form.map(|f| f.message(e)).unwrap_or_default();
            json!({ "pointer": e.pointer, "code": e.code.code(), "message": { "ja": message.ja, "en": message.en } })
        })
        .collect()
}

/// A JSON request body: `application/json`, within the size limit, well-formed.
pub struct JsonBody(pub Value);

impl FromRequest for JsonBody {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;
    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let mut payload = payload.take();
        Box::pin(async move {
            let limit = state(&req)
                .map(|s| s.config.max_form_bytes)
                .map_err(|_| ApiError::Code(ErrorCode::Internal))?;
            let content_type = req
                .headers()
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !content_type
                .to_ascii_lowercase()
                .starts_with("application/json")
            {
                return Err(ApiError::Code(ErrorCode::UnsupportedMediaType));
            }
            let declared = req
                .headers()
                .get(CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<usize>().ok());
            if declared.is_some_and(|n| n > limit) {
                return Err(ApiError::Code(ErrorCode::PayloadTooLarge));
            }
            let mut body = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|_| ApiError::Code(ErrorCode::MalformedRequest))?;
                if body.len() + chunk.len() > limit {
                    return Err(ApiError::Code(ErrorCode::PayloadTooLarge));
                }
                body.extend_from_slice(&chunk);
            }
            serde_json::from_slice(&body)
                .map(JsonBody)
                .map_err(|_| ApiError::Code(ErrorCode::MalformedRequest))
        })
    }
}

pub(crate) async fn run<T, F>(ctx: &Ctx, f: F) -> Result<Result<T, AppError>, ApiError>
where
    F: FnOnce(madoguchi_app::App, madoguchi_core::TenantId) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    ctx.call(f)
        .await
        .map_err(|_| ApiError::Code(ErrorCode::Internal))
}

async fn openapi() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "application/json"))
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(OPENAPI)
}

/// `GET /api/v1/procedures`: every procedure open for filing.
async fn procedures(ctx: Ctx) -> HttpResponse {
    let list: Vec<Value> = ctx
        .app
        .forms()
        .all()
        .map(|f| {
            json!({
                "id": f.id(),
                "title": { "ja": f.title().ja, "en": f.title().en },
                "department": f.settings().department,
                "identity": f.settings().identity,
                "version": f.version(),
            })
        })
        .collect();
    HttpResponse::Ok().json(json!({ "procedures": list }))
}

/// `GET /api/v1/procedures/{id}`: the definition open for filing.
async fn procedure(ctx: Ctx, id: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let form = ctx
        .app
        .forms()
        .get(&id)
        .ok_or(ApiError::Code(ErrorCode::NotFound))?;
    Ok(HttpResponse::Ok().json(json!({
        "id": form.id(),
        "version": form.version(),
        "definition": form.definition(),
    })))
}

/// `GET /api/v1/postal-codes/{code}`: every town the code means.
async fn postal_code(ctx: Ctx, code: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let code = code.into_inner();
    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 7 || code.chars().any(|c| !c.is_ascii_digit() && c != '-') {
        return Err(ApiError::Code(ErrorCode::MalformedRequest));
    }
    let found = run(&ctx, move |app, _| app.lookup_address(&digits))
        .await?
        .map_err(|e| ApiError::from_app(e, None))?;
    if found.is_empty() {
        return Err(ApiError::Code(ErrorCode::NotFound));
    }
    let postal = found[0].postal_code.clone();
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "public, max-age=86400"))
        .json(json!({ "postal_code": postal, "addresses": found })))
}

/// `POST /api/v1/procedures/{id}/validate`: checks answers, stores nothing.
async fn validate(
    ctx: Ctx,
    id: web::Path<String>,
    body: JsonBody,
) -> Result<HttpResponse, ApiError> {
    let pid = id.into_inner();
    let checked: Checked = run(&ctx, move |app, tenant| {
        app.validate_data(&tenant, &pid, body.0)
    })
    .await?
    .map_err(|e| ApiError::from_app(e, None))?;
    if !checked.errors.is_empty() {
        return Err(ApiError::Invalid(field_errors(
            Some(&checked.form),
            &checked.errors,
        )));
    }
    let fee = checked.fee.as_ref().map(|q| {
        let text = q.breakdown();
        json!({ "total_yen": q.total.amount(), "unit_yen": q.unit.map(|u| u.amount()), "quantity": q.quantity, "text": { "ja": text.ja, "en": text.en } })
    });
    Ok(HttpResponse::Ok()
        .json(json!({ "valid": true, "normalized": checked.normalized, "fee": fee })))
}

/// `POST /api/v1/procedures/{id}/submissions` with an `Idempotency-Key` header: stores
/// the answers (201), or replays the earlier receipt for the same key and answers (200,
/// `Idempotent-Replayed: true`).
async fn submit(
    req: HttpRequest,
    ctx: Ctx,
    id: web::Path<String>,
    body: JsonBody,
) -> Result<HttpResponse, ApiError> {
    let pid = id.into_inner();
    let key = req
        .headers()
        .get("Idempotency-Key")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let form = ctx.app.forms().get(&pid);
    let outcome = run(&ctx, move |app, tenant| {
        app.submit_data(&tenant, &pid, body.0, &key)
    })
    .await?
    .map_err(|e| ApiError::from_app(e, form.as_deref()))?;
    let (status, replayed) = match &outcome {
        SubmitOutcome::Stored(_) => (StatusCode::CREATED, false),
        SubmitOutcome::Replayed(_) => (StatusCode::OK, true),
    };
    let r = outcome.receipt();
    let mut res = HttpResponse::build(status);
    if replayed {
        res.insert_header(("Idempotent-Replayed", "true"));
    }
    Ok(res.json(json!({
        "arrival_number": r.arrival_number.as_str(),
        "arrived_at": r.arrived_at.to_rfc3339(),
        "arrived_at_jst": jst::to_jst(r.arrived_at).to_rfc3339(),
        "procedure_id": r.procedure_id,
        "state": r.state.code(),
        "fee_yen": r.fee.amount(),
        "due_on": r.due_on.map(|d| d.to_string()),
        "data_sha256": r.data_sha256,
        // A fee paid online now: the applicant is emailed the link to pay.
        "payment": r.payment.as_ref().map(|p| json!({
            "amount_yen": p.amount.amount(),
            "status": p.status.map_or("due", madoguchi_app::submission::payment_status_code),
        })),
    })))
}
