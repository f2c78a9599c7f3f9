//! Health checks for the load balancer and the orchestrator.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use actix_web::http::header::CONTENT_TYPE;
use actix_web::{HttpRequest, HttpResponse};
use madoguchi_app::kernel::NotReady;

/// How long the database may take to hand out a connection and answer `SELECT 1`.
const DATABASE_WITHIN: Duration = Duration::from_millis(1000);
/// The whole probe's bound, whatever hangs (a connection to a host that vanished): a load
/// balancer with a 2 s probe timeout still hears "not ready" rather than nothing.
const READY_WITHIN: Duration = Duration::from_millis(1500);

/// Whether the last probe found the process ready: a change is logged once, not every
/// probe (a load balancer asks every few seconds).
static WAS_READY: AtomicBool = AtomicBool::new(true);

/// The process is up.
pub(crate) async fn live() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/plain"))
        .body("ok")
}

/// The process can serve requests: its database answers `SELECT 1`, within
/// `READY_WITHIN`, and every folder it writes to keeps the free space of the operator's
/// floor (`min_free_mb`). Otherwise 503, saying which of the two (the folder and figures
/// are in the log, not in the answer: the probe is not signed in). Becoming not ready is
/// logged as a warning with the reason, becoming ready again as information, each once (the
/// orchestrator acts on it; it is not a failure of a request).
pub(crate) async fn ready(req: HttpRequest) -> HttpResponse {
    let Some(app) = crate::observe::app_of(&req) else {
        return HttpResponse::ServiceUnavailable().body("not ready: no application");
    };
    let check = crate::blocking::run_blocking(move || app.ready(DATABASE_WITHIN));
    let (why, said) = match actix_web::rt::time::timeout(READY_WITHIN, check).await {
        Ok(Ok(Ok(()))) => {
            if !WAS_READY.swap(true, Ordering::Relaxed) {
                tracing::info!("ready again");
            }
            return HttpResponse::Ok()
                .insert_header((CONTENT_TYPE, "text/plain"))
                .body("ready");
        }
        Ok(Ok(Err(why @ NotReady::LowDisk { .. }))) => {
            (why.to_string(), "not ready: too little free disk space")
        }
        Ok(Ok(Err(why @ NotReady::Database(_)))) => {
            (why.to_string(), "not ready: the database does not answer")
        }
        Ok(Err(e)) => (e.to_string(), "not ready: the database does not answer"),
        Err(_) => (
            format!(
                "the database did not answer within {} ms",
                READY_WITHIN.as_millis()
            ),
            "not ready: the database does not answer",
        ),
    };
    if WAS_READY.swap(false, Ordering::Relaxed) {
        tracing::warn!(reason = %why, "not ready");
    } else {
        tracing::debug!(reason = %why, "still not ready");
    }
    HttpResponse::ServiceUnavailable()
        .insert_header((CONTENT_TYPE, "text/plain"))
        .body(said)
}
