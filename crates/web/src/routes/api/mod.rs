//! The JSON API, `/api/v1`. Errors use one envelope:
//! `{"error": {"code": "not_found", "message": {"ja": "…", "en": "…"}}}`; validation
//! problems answer 422 with `{"valid": false, "errors": [{"pointer", "code", "message"}]}`.
//! Described in `docs/API.md`; request and response bodies are the types in `bodies`,
//! from which the OpenAPI document is generated (`openapi`).

pub mod bodies;
mod department;
pub(crate) mod error;
mod json;
pub mod openapi;
mod postal;
mod procedures;
mod submissions;
mod validate;

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, ResponseError, web};
use madoguchi_app::AppError;
use madoguchi_core::ErrorCode;

pub(crate) use self::error::ApiError;
use crate::extract::Ctx;
use crate::rate::limit_anonymous_api;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/api/v1/openapi.json").route(web::get().to(openapi::document)))
        .service(
            resource("/api/v1/procedures")
                .route(web::get().to(procedures::procedures))
                .route(web::post().to(department::drafts::create)),
        )
        .service(resource("/api/v1/procedures/{id}").route(web::get().to(procedures::procedure)))
        // The anonymous routes that do work per request: rate limited per address.
        .service(
            resource("/api/v1/postal-codes/{code}")
                .route(web::get().to(postal::postal_code))
                .wrap(from_fn(limit_anonymous_api)),
        )
        .service(
            resource("/api/v1/procedures/{id}/validate")
                .route(web::post().to(validate::validate))
                .wrap(from_fn(limit_anonymous_api)),
        )
        .service(
            resource("/api/v1/procedures/{id}/submissions")
                .route(web::post().to(submissions::submit))
                .wrap(from_fn(limit_anonymous_api)),
        )
        // The departments' routes, with a department's token.
        .service(
            resource("/api/v1/department/procedures")
                .route(web::get().to(department::drafts::list)),
        )
        .service(
            resource("/api/v1/procedures/{id}/draft")
                .route(web::get().to(department::drafts::draft))
                .route(web::put().to(department::drafts::update)),
        )
        .service(
            resource("/api/v1/procedures/{id}/publish")
                .route(web::post().to(department::publish::publish)),
        )
        .service(
            resource("/api/v1/procedures/{id}/retire")
                .route(web::post().to(department::publish::retire)),
        )
        .service(
            resource("/api/v1/procedures/{id}/versions")
                .route(web::get().to(department::status::versions)),
        )
        .service(
            resource("/api/v1/submissions/{id}")
                .route(web::get().to(department::status::submission)),
        );
}

/// An API resource: unsupported methods get the JSON 405, not the HTML page.
fn resource(path: &str) -> actix_web::Resource {
    web::resource(path).default_service(web::to(|| async {
        Err::<HttpResponse, _>(ApiError::Code(ErrorCode::MethodNotAllowed))
    }))
}

/// The JSON 404 for API paths no route claims.
pub fn not_found() -> HttpResponse {
    ApiError::Code(ErrorCode::NotFound).error_response()
}

/// Runs one use case on the blocking pool; a failure of the pool itself is a 500.
pub(crate) async fn run<T, F>(ctx: &Ctx, f: F) -> Result<Result<T, AppError>, ApiError>
where
    F: FnOnce(madoguchi_app::App, madoguchi_core::TenantId) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    ctx.call(f)
        .await
        .map_err(|_| ApiError::Code(ErrorCode::Internal))
}
