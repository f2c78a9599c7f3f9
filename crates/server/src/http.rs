//! The HTTP service: one function builds the actix `App` (middleware, routes, data) that
//! `Application` serves and the in-process tests (`tests/e2e/in_process`) call.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::from_fn;
use actix_web::web;
use madoguchi_web::WebState;
use madoguchi_web::observe::Observer;

/// What the HTTP service is built from; cloned into each HTTP worker.
#[derive(Clone, Debug)]
pub struct HttpService {
    pub state: WebState,
    /// The payment provider's origin when its pages are elsewhere: the "pay" form
    /// redirects there, so `form-action` must allow it.
    pub payment_origin: Option<String>,
    /// A stub payment provider mounted at `/stubpay` (demo and tests).
    pub stub: Option<madoguchi_stubpay::StubPay>,
    /// The demo's stand-in library mounted at `/stublibrary` (its `/check`).
    pub library: Option<std::sync::Arc<madoguchi_stublibrary::StubLibrary>>,
    /// Request ids, the access log and the metrics (`/metrics` closed unless a token is set).
    pub observer: Observer,
    /// The platform operator's API (`/operator/v1`), when its token is set.
    pub operator: Option<crate::operator_api::OperatorApi>,
}

impl HttpService {
    /// The pages and the API alone: no stub mounted, no outside payment page.
    pub fn new(state: WebState) -> HttpService {
        let observer = Observer {
            trusted: state.config.trusted_proxies.clone(),
            ..Observer::default()
        };
        HttpService {
            state,
            payment_origin: None,
            stub: None,
            library: None,
            observer,
            operator: None,
        }
    }
}

/// The actix `App`: cookies set by handlers, the furigana choice, security headers,
/// compression and the request id, access log and metrics (outermost, so they see every
/// response) around `madoguchi_web`'s routes, `/metrics`, the stub when mounted, the 404
/// page, and the body limit.
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
        library,
        observer,
        operator,
    } = service;
    let secure = state.config.secure_cookies;
    let mut app = actix_web::App::new()
        // Innermost first: the signed-in look-up needs the tenant the host names.
        .wrap(from_fn(madoguchi_web::remember_signed_in))
        .wrap(from_fn(madoguchi_web::resolve_tenant))
        .wrap(from_fn(madoguchi_web::body_deadline))
        .wrap(from_fn(madoguchi_web::attach_pending_cookies))
        .wrap(from_fn(madoguchi_web::remember_furigana_choice))
        .wrap(madoguchi_web::security_headers(
            secure,
            payment_origin.as_deref(),
        ))
        .wrap(from_fn(madoguchi_web::compress))
        .wrap(from_fn({
            let observer = observer.clone();
            move |req, next| madoguchi_web::observe::access::around(observer.clone(), req, next)
        }))
        .service(madoguchi_web::observe::scrape_route(observer));
    if let Some(stub) = &stub {
        app = app.service(
            web::scope("/stubpay").configure(|cfg| madoguchi_stubpay::configure(cfg, stub)),
        );
    }
    if let Some(library) = &library {
        app = app.service(
            web::scope("/stublibrary")
                .configure(|cfg| madoguchi_stublibrary::configure(cfg, library)),
        );
    }
    if let Some(api) = &operator {
        app = app.configure(|cfg| crate::operator_api::configure(cfg, api));
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
