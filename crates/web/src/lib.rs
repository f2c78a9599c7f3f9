#![doc = include_str!("../README.md")]

pub mod blocking;
pub mod charts;
pub mod compress;
mod cookies;
mod csrf;
pub mod deadline;
mod error;
mod extract;
mod furigana;
pub mod observe;
pub mod page_cache;
pub mod proxies;
pub mod qr;
pub mod rate;
mod resident_bar;
mod routes;
pub mod tenancy;
mod views;

use actix_web::middleware::DefaultHeaders;
use actix_web::web;
use madoguchi_app::App;
/// The catalogues' accessors: templates write `crate::msg::web_…::text(page.lang())`, Rust
/// code `msg::web_…::text(lang)` or `t!(lang, web_…, arg = value)`.
pub(crate) use madoguchi_i18n::msg;

pub use deadline::{BodyLimits, UploadSlots, body_deadline};
pub use error::WebError;
pub use observe::logged_cause;
pub use rate::ApiRateLimit;

/// Settings of the HTTP layer.
#[derive(Clone)]
pub struct WebConfig {
    /// Serve cookies with `Secure` and the `__Host-` prefix (set when the public URL is https).
    pub secure_cookies: bool,
    /// Key for CSRF tokens (32 random bytes, kept across restarts and shared by instances).
    pub csrf_key: [u8; 32],
    /// Largest form body accepted, in bytes.
    pub max_form_bytes: usize,
    /// Reverse proxies believed about the client's address (`X-Forwarded-For`).
    pub trusted_proxies: proxies::TrustedProxies,
    /// Body deadlines and the cap on uploads at once.
    pub limits: BodyLimits,
    /// Requests per client address and minute on the anonymous API (validate, file, postal
    /// codes), counted across nodes.
    pub api_rate: ApiRateLimit,
}

impl std::fmt::Debug for WebConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebConfig")
            .field("secure_cookies", &self.secure_cookies)
            .field("max_form_bytes", &self.max_form_bytes)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("limits", &self.limits)
            .field("api_rate", &self.api_rate)
            .finish_non_exhaustive()
    }
}

/// What every handler can reach.
#[derive(Clone, Debug)]
pub struct WebState {
    pub app: App,
    pub config: WebConfig,
    /// Pages rendered once for every reader of their kind (shared by the workers).
    pub pages: std::sync::Arc<page_cache::PageCache>,
}

/// Registers every route, the 404 page and the middleware that the pages rely on.
pub fn configure(state: WebState) -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg: &mut web::ServiceConfig| {
        cfg.app_data(web::Data::new(state));
        // An id in a path that cannot be one of its kind is a 404 before any handler runs.
        cfg.app_data(web::PathConfig::default().error_handler(extract::path_refused));
        routes::config(cfg);
    }
}

/// Security headers for every response. Pages hold personal data, so nothing is cached
/// unless a route says otherwise (static assets do). `payment_origin` (`https://pay.example`)
/// is the payment provider's (or several, space-separated): the "pay" form redirects there,
/// which `form-action` must allow.
pub fn security_headers(secure: bool, payment_origin: Option<&str>) -> DefaultHeaders {
    let form_action = match payment_origin {
        Some(origin) => format!("'self' {origin}"),
        None => "'self'".to_string(),
    };
    let headers = DefaultHeaders::new()
        .add((
            "Content-Security-Policy",
            format!(
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
                 form-action {form_action}; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
            ),
        ))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), payment=()",
        ))
        .add(("Cache-Control", "no-store"));
    if secure {
        headers.add((
            "Strict-Transport-Security",
            "max-age=63072000; includeSubDomains",
        ))
    } else {
        headers
    }
}

/// The 404 page for every path no route claims.
pub fn not_found_service() -> actix_web::Route {
    web::to(routes::system::not_found)
}

pub use compress::compress;
pub use cookies::attach_pending_cookies;
pub use furigana::remember_choice as remember_furigana_choice;
pub use resident_bar::remember_signed_in;
pub use tenancy::resolve_tenant;
