//! The probes of a `madoguchi worker` process: `/healthz`, `/readyz` and `/metrics` on
//! `[worker] listen`, so an orchestrator can check it and Prometheus can count its jobs'
//! rounds and errors (a worker serves no pages).

use actix_web::dev::ServerHandle;
use actix_web::middleware::from_fn;
use actix_web::{HttpServer, rt};
use madoguchi_app::App;
use madoguchi_web::observe::Observer;

use crate::StartError;

/// Starts answering the probes on `listen` (one HTTP worker: they are asked every few
/// seconds) on the current actix system; the handle stops it.
pub fn start(listen: &str, app: &App, observer: Observer) -> Result<ServerHandle, StartError> {
    let app = app.clone();
    let server = HttpServer::new(move || {
        let observer = observer.clone();
        actix_web::App::new()
            .wrap(from_fn({
                let observer = observer.clone();
                move |req, next| madoguchi_web::observe::access::around(observer.clone(), req, next)
            }))
            .configure(madoguchi_web::observe::probe_service(app.clone(), observer))
    })
    .workers(1)
    .disable_signals()
    .shutdown_timeout(5)
    .bind(listen)
    .map_err(|e| StartError::Listen(listen.to_string(), e))?
    .run();
    let handle = server.handle();
    rt::spawn(server);
    Ok(handle)
}
