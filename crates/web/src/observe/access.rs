//! One line per request, and its metrics. The line names the route pattern
//! (`/corrections/{token}`), never the path or its query: paths hold tokens and personal
//! data. A failure of ours (5xx) is that line at ERROR with its cause chain, so it is
//! logged exactly once; everything else (the person's mistakes, sign-in redirects
//! included) is INFO. Probes (`/healthz`, `/readyz`, `/metrics`), which a load balancer and
//! Prometheus send every few seconds, are counted but their line is DEBUG, and a `/readyz`
//! that answers 503 is not an error of a request: the probe itself logs when readiness
//! changes.

use std::time::Instant;

use actix_web::HttpMessage;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::InternalError;
use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use tracing::Instrument;

use super::Observer;
use super::request_id::{self, HEADER, RequestId};

/// The route of a request no route claims (the 404 page): one series, whatever the path.
pub const NO_ROUTE: &str = "(no route)";

/// Routes asked by machines every few seconds: their access lines are DEBUG.
const PROBES: [&str; 3] = ["/healthz", "/readyz", "/metrics"];

/// Wraps the whole service: gives the request its id, runs it in a span that carries the
/// id (so what a use case logs carries it too), then logs the access line, counts it, and
/// returns the id in `X-Request-Id`.
pub async fn around(
    observer: Observer,
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let started = Instant::now();
    let id = RequestId::of(&req, &observer.trusted);
    req.extensions_mut().insert(id.clone());
    let method = req.method().to_string();
    let route = req.match_pattern().unwrap_or_else(|| NO_ROUTE.into());
    // The fields an exported trace (crates/server/src/traces.rs) shows: `otel.*` name the
    // span and its outcome; the status is filled in when the answer is known.
    let span = tracing::info_span!(
        "request",
        request_id = %id,
        otel.name = %format!("{method} {route}"),
        otel.kind = "server",
        http.request.method = %method,
        http.route = %route,
        http.response.status_code = tracing::field::Empty,
        otel.status_code = tracing::field::Empty,
    );
    let request = Request {
        method,
        route,
        span,
        id,
        started,
    };
    let outcome = request_id::scope(
        request.id.clone(),
        next.call(req).instrument(request.span.clone()),
    )
    .await;
    match outcome {
        Ok(res) => {
            let mut res = res.map_into_boxed_body();
            request.tag(res.headers_mut());
            let cause = res.response().error().and_then(crate::logged_cause);
            request.finish(&observer, res.status(), cause);
            Ok(res)
        }
        // An error that came back unanswered (a middleware's) is answered here, inside the
        // request's scope so its page prints the id, and handed on as that answer.
        Err(e) => {
            let cause = crate::logged_cause(&e);
            let mut answer =
                request_id::scope(request.id.clone(), async { e.error_response() }).await;
            request.tag(answer.headers_mut());
            request.finish(&observer, answer.status(), cause);
            Err(InternalError::from_response(e.to_string(), answer).into())
        }
    }
}

/// What the access line says of a request.
struct Request {
    method: String,
    route: String,
    span: tracing::Span,
    id: RequestId,
    started: Instant,
}

impl Request {
    /// Returns the id in `X-Request-Id`.
    fn tag(&self, headers: &mut HeaderMap) {
        if let Ok(value) = HeaderValue::from_str(self.id.as_str()) {
            headers.insert(HeaderName::from_static(HEADER), value);
        }
    }

    /// Counts the request and writes its one line.
    fn finish(&self, observer: &Observer, status: StatusCode, cause: Option<String>) {
        let elapsed = self.started.elapsed();
        observer.metrics.record(
            &self.method,
            &self.route,
            status.as_u16(),
            elapsed.as_secs_f64(),
        );
        let duration_ms = u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX);
        self.span
            .record("http.response.status_code", status.as_u16());
        if status.is_server_error() {
            self.span.record("otel.status_code", "error");
        }
        let _entered = self.span.enter();
        if PROBES.contains(&self.route.as_str()) {
            tracing::debug!(
                http.method = %self.method,
                http.route = %self.route,
                http.status_code = status.as_u16(),
                duration_ms,
                request_id = %self.id,
                "request"
            );
        } else if status.is_server_error() {
            let cause = cause.unwrap_or_else(|| "(no cause recorded)".into());
            tracing::error!(
                http.method = %self.method,
                http.route = %self.route,
                http.status_code = status.as_u16(),
                duration_ms,
                request_id = %self.id,
                error = %cause,
                "request failed"
            );
        } else {
            tracing::info!(
                http.method = %self.method,
                http.route = %self.route,
                http.status_code = status.as_u16(),
                duration_ms,
                request_id = %self.id,
                "request"
            );
        }
    }
}
