//! The JSON API, `/api/v1`. Errors use one envelope:
//! `{"error": {"code": "not_found", "message": {"ja": "…", "en": "…"}}}`; validation
//! problems answer 422 with `{"valid": false, "errors": [{"pointer", "code", "message"}]}`.
//! Described in `docs/API.md`; request and response bodies are the types in `bodies`,
//! from which the OpenAPI document is generated (`openapi`).

pub mod bodies;
mod department;
pub(crate) mod error;
mod files;
mod json;
pub mod openapi;
mod postal;
mod procedures;
mod rate_limit;
mod submissions;
mod validate;

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, ResponseError, web};
use madoguchi_app::AppError;
use madoguchi_core::ErrorCode;

pub(crate) use self::error::ApiError;
use crate::extract::Ctx;
use rate_limit::limit_anonymous_api;

/// One scope, so that a request elsewhere passes the whole API with one comparison of its
/// path's start, and an API request is matched against the API's routes only (each route
/// pattern is a regular expression tried in turn: a filing's route was tried after every
/// page's, 9 % of the server's time at 2,000 filings/s). Paths under it that no route
/// claims get the JSON 404.
pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .configure(routes)
            .default_service(web::to(crate::routes::system::not_found)),
    );
}

fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/openapi.json").route(web::get().to(openapi::document)))
        .service(
            resource("/procedures")
                .route(web::get().to(procedures::procedures))
                .route(web::post().to(department::drafts::create)),
        )
        .service(resource("/procedures/{id}").route(web::get().to(procedures::procedure)))
        // The anonymous routes that do work per request: rate limited per address.
        .service(
            resource("/postal-codes/{code}")
                .route(web::get().to(postal::postal_code))
                .wrap(from_fn(limit_anonymous_api)),
        )
        .service(
            resource("/procedures/{id}/validate")
                .route(web::post().to(validate::validate))
                .wrap(from_fn(limit_anonymous_api)),
        )
        .service(
            resource("/procedures/{id}/submissions")
                .route(web::post().to(submissions::submit))
                .wrap(from_fn(limit_anonymous_api)),
        )
        // The departments' routes, with a department's token.
        .service(resource("/procedures/{id}/files").route(web::post().to(files::upload)))
        .service(resource("/department/procedures").route(web::get().to(department::drafts::list)))
        .service(
            resource("/procedures/{id}/draft")
                .route(web::get().to(department::drafts::draft))
                .route(web::put().to(department::drafts::update)),
        )
        .service(
            resource("/procedures/{id}/publish")
                .route(web::post().to(department::publish::publish)),
        )
        .service(
            resource("/procedures/{id}/retire").route(web::post().to(department::publish::retire)),
        )
        .service(
            resource("/procedures/{id}/versions")
                .route(web::get().to(department::status::versions)),
        )
        .service(resource("/submissions/{id}").route(web::get().to(department::status::submission)))
        .service(
            resource("/department/submissions").route(web::get().to(department::filings::list)),
        )
        .service(
            resource("/department/submissions/{id}")
                .route(web::get().to(department::filings::filing)),
        )
        .service(
            resource("/department/submissions/{id}/files/{file}")
                .route(web::get().to(department::filings::file)),
        )
        .service(
            resource("/booking-resources/{id}").route(web::put().to(department::bookings::define)),
        )
        .service(
            resource("/booking-resources/{id}/slots")
                .route(web::get().to(department::bookings::slots))
                .wrap(from_fn(limit_anonymous_api)),
        );
}

/// An API resource: unsupported methods get the JSON 405, not the HTML page.
fn resource(path: &str) -> actix_web::Resource {
    web::resource(path).default_service(web::to(|| async {
        Err::<HttpResponse, _>(ApiError::Code(ErrorCode::MethodNotAllowed))
    }))
}

/// Whether `path` is the API's (answered in JSON, never with a page).
pub fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
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
