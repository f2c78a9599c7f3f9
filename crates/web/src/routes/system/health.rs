//! Health checks for the load balancer and the orchestrator.

use actix_web::HttpResponse;
use actix_web::http::header::CONTENT_TYPE;

use crate::error::WebError;
use crate::extract::Ctx;

/// The process is up.
pub(super) async fn live() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/plain"))
        .body("ok")
}

/// The process can serve requests: its database answers.
pub(super) async fn ready(ctx: Ctx) -> Result<HttpResponse, WebError> {
    ctx.run(|app, _| app.ready()).await?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/plain"))
        .body("ready"))
}
