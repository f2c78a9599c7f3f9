//! What an operator sees of the HTTP layer: a request id for every request (taken from a
//! listed proxy or made), one access line per request, request counts and latencies by
//! route pattern, and `/metrics` for Prometheus behind a bearer token.

pub mod access;
mod cause;
mod figures;
pub mod metrics;
mod probes;
pub mod request_id;
mod scrape;

pub use metrics::Metrics;
pub use probes::probe_service;
pub use request_id::RequestId;
pub use scrape::{MetricsToken, scrape_route};

use actix_web::{HttpRequest, web};
use madoguchi_app::App;

use crate::WebState;
use crate::proxies::TrustedProxies;

/// The application behind a request: the pages' (`WebState`) or, in a process that serves
/// only its probes (`madoguchi worker`), the bare `App`.
pub(crate) fn app_of(req: &HttpRequest) -> Option<App> {
    req.app_data::<web::Data<WebState>>()
        .map(|state| state.app.clone())
        .or_else(|| {
            req.app_data::<web::Data<App>>()
                .map(|app| app.get_ref().clone())
        })
}

/// What the observing middleware and `/metrics` share: cloned into each HTTP worker.
#[derive(Clone, Debug, Default)]
pub struct Observer {
    pub metrics: Metrics,
    /// Proxies whose `X-Request-Id` is taken.
    pub trusted: TrustedProxies,
    /// Who may read `/metrics`: a request with this bearer token. `None`: nobody (404).
    pub token: Option<MetricsToken>,
}

pub use cause::logged_cause;
