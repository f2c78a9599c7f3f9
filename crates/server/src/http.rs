//! The HTTP service: one function builds the actix `App` (middleware, routes, data) that
//! `Application` serves and the in-process tests (`tests/e2e/in_process`) call.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::from_fn;
use actix_web::web;
use madoguchi_web::WebState;

/// What the HTTP service is built from; cloned into each HTTP worker.
#[derive(Clone, Debug)]
pub struct HttpService {
    pub state: WebState,
    /// The payment provider's origin when its pages are elsewhere: the "pay" form
    /// redirects there, so `form-action` must allow it.
    pub payment_origin: Option<String>,
    /// A stub payment provider mounted at `/stubpay` (demo and tests).
    pub stub: Option<madoguchi_stubpay::StubPay>,
}

impl HttpService {
    /// The pages and the API alone: no stub mounted, no outside payment page.
    pub fn new(state: WebState) -> HttpService {
        HttpService {
            state,
            payment_origin: None,
            stub: None,
        }
    }
}

/// The actix `App`: cookies set by handlers, the furigana choice, security headers,
/// compression and request logging around `madoguchi_web`'s routes, the stub when mounted,
/// the 404 page, and the body limit.
pub fn app(
    service: HttpService,
) -> actix_web::App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let HttpService {
        state,
        payment_origin,
        stub,
    } = service;
    let secure = state.config.secure_cookies;
    let mut app = actix_web::App::new()
        .wrap(from_fn(madoguchi_web::body_deadline))
        .wrap(from_fn(madoguchi_web::attach_pending_cookies))
        .wrap(from_fn(madoguchi_web::remember_furigana_choice))
        .wrap(madoguchi_web::security_headers(
            secure,
            payment_origin.as_deref(),
        ))
        .wrap(madoguchi_web::compression())
        .wrap(tracing_actix_web::TracingLogger::<PrivateSpans>::new());
    if let Some(stub) = &stub {
        app = app.service(
            web::scope("/stubpay").configure(|cfg| madoguchi_stubpay::configure(cfg, stub)),
        );
    }
    app.configure(madoguchi_web::configure(state))
        .default_service(madoguchi_web::not_found_service())
        .app_data(web::PayloadConfig::new(settings_payload_limit()))
}

/// `https://pay.example` of `https://pay.example/api/v1`.
pub(crate) fn origin_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("https", url));
    let host = rest.split('/').next().unwrap_or_default();
    format!("{scheme}://{host}")
}

/// Bodies of routes that do not read forms are never buffered; this caps anything else.
fn settings_payload_limit() -> usize {
    256 * 1024
}

/// Request logging without the address: paths can hold secrets (the correction links'
/// tokens) and personal data (an arrival number with a name is a filing), so a request is
/// logged by its route pattern (`/corrections/{token}`), method, status and request id.
#[derive(Debug)]
pub struct PrivateSpans;

impl tracing_actix_web::RootSpanBuilder for PrivateSpans {
    fn on_request_start(request: &ServiceRequest) -> tracing::Span {
        use actix_web::HttpMessage;
        let route = request
            .match_pattern()
            .unwrap_or_else(|| "(no route)".into());
        let request_id = request
            .extensions()
            .get::<tracing_actix_web::RequestId>()
            .map(ToString::to_string)
            .unwrap_or_default();
        tracing::info_span!(
            "request",
            http.method = %request.method(),
            http.route = %route,
            http.status_code = tracing::field::Empty,
            request_id = %request_id,
        )
    }

    fn on_request_end<B: MessageBody>(
        span: tracing::Span,
        outcome: &Result<ServiceResponse<B>, actix_web::Error>,
    ) {
        let (status, error) = match outcome {
            Ok(response) => (response.status(), response.response().error()),
            Err(e) => (e.as_response_error().status_code(), Some(e)),
        };
        span.record("http.status_code", status.as_u16());
        // The one line a failure of ours gets: its whole cause chain, in the request's span
        // (so with its request id). The person's mistakes (4xx) are not errors of ours.
        if status.is_server_error() {
            let cause = error
                .and_then(madoguchi_web::logged_cause)
                .unwrap_or_else(|| "(no cause recorded)".into());
            tracing::error!(parent: &span, status = status.as_u16(), error = %cause, "request failed");
        }
    }
}
