//! Health checks for the load balancer and the orchestrator.

use std::time::Duration;

use actix_web::HttpResponse;
use actix_web::http::header::CONTENT_TYPE;

use crate::extract::Ctx;

/// How long the database may take to hand out a connection and answer `SELECT 1`.
const DATABASE_WITHIN: Duration = Duration::from_millis(1000);
/// The whole probe's bound, whatever hangs (a connection to a host that vanished): a load
/// balancer with a 2 s probe timeout still hears "not ready" rather than nothing.
const READY_WITHIN: Duration = Duration::from_millis(1500);

/// The process is up.
pub(super) async fn live() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/plain"))
        .body("ok")
}

/// The process can serve requests: its database answers `SELECT 1`, within
/// `READY_WITHIN`. Otherwise 503, logged as a warning (the orchestrator acts on it; it is
/// not a failure of a request).
pub(super) async fn ready(ctx: Ctx) -> HttpResponse {
    let check = ctx.call(|app, _| app.ready(DATABASE_WITHIN));
    let why = match actix_web::rt::time::timeout(READY_WITHIN, check).await {
        Ok(Ok(Ok(()))) => {
            return HttpResponse::Ok()
                .insert_header((CONTENT_TYPE, "text/plain"))
                .body("ready");
        }
        Ok(Ok(Err(e))) => madoguchi_core::error_chain(&e),
        Ok(Err(e)) => e.to_string(),
        Err(_) => format!(
            "the database did not answer within {} ms",
            READY_WITHIN.as_millis()
        ),
    };
    tracing::warn!(reason = %why, "not ready");
    HttpResponse::ServiceUnavailable()
        .insert_header((CONTENT_TYPE, "text/plain"))
        .body("not ready: the database does not answer")
}
