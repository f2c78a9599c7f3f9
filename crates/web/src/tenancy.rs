//! Which municipality a request is for: its `Host` (lower-cased, port stripped; the
//! `X-Forwarded-Host` of a listed proxy), looked up in the tenant registry.
//!
//! An unknown host gets a plain 404 page that names no city; a suspended city's hosts get
//! a 503 page saying the service is suspended. Every extractor that reads data
//! ([`crate::extract::Ctx`], the clerk's and the API's) takes the tenant this middleware
//! put in the request's extensions, so no handler can reach another city's rows by host.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_TYPE, HOST};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, web};
use madoguchi_app::kernel::tenancy::HostTenant;
use madoguchi_core::{Localized, TenantId};

use crate::WebState;

/// The tenant the request's host leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestTenant(pub TenantId);

/// How the pages of a request show its city: its name in the header, its logo, its accent
/// colour (checked for 4.5:1 against white when set, so the header's white text stays
/// readable on it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CityLook {
    pub name: Localized,
    /// A path under the static files (`/static/…`).
    pub logo: Option<String>,
    /// `#rrggbb`.
    pub accent: Option<String>,
}

tokio::task_local! {
    static CITY: Option<CityLook>;
}

/// The city of the request being answered; none outside a request or for a host that is
/// no city's.
pub fn current_city() -> Option<CityLook> {
    CITY.try_with(Clone::clone).ok().flatten()
}

/// The stylesheet of the request's city: its accent colour as the header's colour
/// (`/theme.css`, linked by pages of a city that has one). Each host is its own address to
/// a browser's cache, so a city's colour never shows on another's pages.
pub async fn theme_css() -> HttpResponse {
    // Checked when set; checked again here, as it is written into a stylesheet.
    let accent = current_city().and_then(|c| c.accent).filter(|a| {
        a.len() == 7 && a.starts_with('#') && a[1..].chars().all(|c| c.is_ascii_hexdigit())
    });
    let body = match accent {
        Some(a) => {
            format!(":root {{ --brand: {a}; }}\n.site-header {{ border-bottom-color: #0b0c0c; }}\n")
        }
        None => String::new(),
    };
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/css; charset=utf-8"))
        .insert_header(("Cache-Control", "public, max-age=300"))
        .body(body)
}

/// Paths every host may ask for: the stylesheet and scripts, health checks (load
/// balancers probe by address) and the stand-in payment provider of a demo.
fn open_to_any_host(path: &str) -> bool {
    path.starts_with("/static/")
        || path == "/healthz"
        || path == "/readyz"
        || path == "/metrics"
        || path.starts_with("/operator/")
        || path.starts_with("/stubpay/")
        || path == "/stubpay"
        || path.starts_with("/stublibrary/")
}

/// The host the browser asked for: the `Host` header, or when the peer is a listed proxy,
/// its `X-Forwarded-Host` (the first value).
pub fn host_of(req: &HttpRequest, state: &WebState) -> String {
    let trusted = &state.config.trusted_proxies;
    let from_proxy = !trusted.is_empty()
        && req
            .peer_addr()
            .is_some_and(|peer| trusted.contains(peer.ip()));
    let forwarded = from_proxy
        .then(|| {
            req.headers()
                .get("x-forwarded-host")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .map(|v| v.trim().to_string())
        })
        .flatten();
    forwarded
        .or_else(|| {
            req.headers()
                .get(HOST)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        })
        .or_else(|| req.uri().host().map(str::to_string))
        .unwrap_or_default()
}

/// Middleware (use with `actix_web::middleware::from_fn`).
pub async fn resolve_tenant(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let Some(state) = req.app_data::<web::Data<WebState>>().cloned() else {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    };
    if open_to_any_host(req.path()) {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    }
    let host = host_of(req.request(), &state);
    // Mostly answered from memory; the registry's periodic check and a miss read the
    // database, on the blocking pool.
    let found = match state.app.cached_tenant_for_host(&host) {
        Some(found) => Ok(Ok(found)),
        None => {
            let app = state.app.clone();
            crate::blocking::run_blocking(move || app.tenant_for_host(&host)).await
        }
    };
    let found = match found {
        Ok(Ok(found)) => found,
        Ok(Err(e)) => {
            tracing::error!(error = %e, "tenant registry unreadable");
            return Ok(req.into_response(plain(
                StatusCode::SERVICE_UNAVAILABLE,
                "一時的に利用できません / Temporarily unavailable",
                "しばらくしてからもう一度お試しください。 Please try again in a few minutes.",
            )));
        }
        Err(e) => return Err(actix_web::error::ErrorInternalServerError(e)),
    };
    match found {
        HostTenant::Serve(id) => {
            let look = state.app.tenant(&id).map(|t| CityLook {
                name: t.name,
                logo: t.settings.logo,
                accent: t.settings.accent,
            });
            req.extensions_mut().insert(RequestTenant(id));
            CITY.scope(look, next.call(req))
                .await
                .map(ServiceResponse::map_into_boxed_body)
        }
        HostTenant::Unknown => Ok(req.into_response(plain(
            StatusCode::NOT_FOUND,
            "ページが見つかりません / Page not found",
            "このアドレスで提供しているサービスはありません。 No service is offered at this address.",
        ))),
        HostTenant::Suspended(name) => Ok(req.into_response(suspended(&name))),
    }
}

fn suspended(name: &Localized) -> HttpResponse {
    let mut res = plain(
        StatusCode::SERVICE_UNAVAILABLE,
        &format!(
            "{} のサービスは停止中です / {} — service suspended",
            name.ja, name.en
        ),
        "このサービスは現在停止しています。窓口または電話でお手続きください。 This service is suspended; please use the counter or call the office.",
    );
    res.headers_mut().insert(
        actix_web::http::header::RETRY_AFTER,
        actix_web::http::header::HeaderValue::from_static("3600"),
    );
    res
}

/// A page with nothing of any city in it but what the caller passes.
fn plain(status: StatusCode, title: &str, text: &str) -> HttpResponse {
    let body = format!(
        "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{t}</title></head><body><main><h1>{t}</h1><p>{p}</p></main></body></html>",
        t = escape(title),
        p = escape(text)
    );
    HttpResponse::build(status)
        .insert_header((CONTENT_TYPE, "text/html; charset=utf-8"))
        .body(body)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The request's tenant as the middleware found it; without the middleware (unit tests
/// of single routes), the deployment's configured one.
pub fn tenant_of(req: &HttpRequest, state: &WebState) -> TenantId {
    req.extensions()
        .get::<RequestTenant>()
        .map(|t| t.0.clone())
        .unwrap_or_else(|| state.app.config().default_tenant.clone())
}
