//! `GET /metrics`: who may read it, and what it answers.
//!
//! The figures say how busy the city's office is and which procedures are filed; they are
//! not for the public. So the route answers only a request with the configured bearer
//! token (`Authorization: Bearer …`, compared in constant time); with no token configured
//! it does not exist (404), which is the default.

use actix_web::http::header::{AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use actix_web::{HttpRequest, HttpResponse, web};
use madoguchi_core::ErrorCode;
use subtle::ConstantTimeEq;

use super::Observer;
use crate::WebError;
use crate::extract::ReaderLang;

/// The bearer token of the scraper; never printed.
#[derive(Clone)]
pub struct MetricsToken(String);

impl MetricsToken {
    /// `None` for an empty setting (no one may read the metrics).
    pub fn new(token: &str) -> Option<MetricsToken> {
        let token = token.trim();
        (!token.is_empty()).then(|| MetricsToken(token.to_string()))
    }

    fn admits(&self, req: &HttpRequest) -> bool {
        let Some(given) = req
            .headers()
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
        else {
            return false;
        };
        bool::from(given.trim().as_bytes().ct_eq(self.0.as_bytes()))
    }
}

impl std::fmt::Debug for MetricsToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MetricsToken(…)")
    }
}

/// The OpenMetrics text format (Prometheus asks for it and reads it).
pub const CONTENT: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// The `/metrics` resource, to register beside the pages.
pub fn scrape_route(observer: Observer) -> actix_web::Resource {
    web::resource("/metrics")
        .app_data(web::Data::new(observer))
        .route(web::get().to(scrape))
}

async fn scrape(
    req: HttpRequest,
    observer: web::Data<Observer>,
    lang: ReaderLang,
) -> Result<HttpResponse, WebError> {
    let Some(token) = &observer.token else {
        return Err(WebError::new(ErrorCode::NotFound, lang.0));
    };
    if !token.admits(&req) {
        return Ok(HttpResponse::Unauthorized()
            .insert_header((WWW_AUTHENTICATE, "Bearer realm=\"metrics\""))
            .finish());
    }
    let more = super::figures::read(&req).await?;
    let text = observer
        .metrics
        .render(more.as_ref())
        .map_err(|e| WebError::internal(format!("encoding the metrics: {e}"), lang.0))?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, CONTENT))
        .body(text))
}
