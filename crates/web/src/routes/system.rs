//! Health checks, static assets, the language and furigana switches, and the 404/405 pages.

use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse, web};
use madoguchi_core::{ErrorCode, Lang};
use serde::Deserialize;

use super::{resource, see_other};
use crate::cookies;
use crate::error::WebError;
use crate::extract::{Ctx, ReaderLang, lang_of, state};

const APP_CSS: &str = include_str!("../../static/app.css");
const POSTAL_JS: &str = include_str!("../../static/postal.js");
const SESSION_JS: &str = include_str!("../../static/session.js");

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/static/app.css").route(web::get().to(stylesheet)))
        .service(resource("/static/postal.js").route(web::get().to(postal_script)))
        .service(resource("/static/session.js").route(web::get().to(session_script)))
        .service(resource("/healthz").route(web::get().to(live)))
        .service(resource("/readyz").route(web::get().to(ready)))
        .service(resource("/lang/{code}").route(web::get().to(switch_language)))
        .service(resource("/furigana/{choice}").route(web::get().to(switch_furigana)));
}

async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/css; charset=utf-8"))
        .insert_header((CACHE_CONTROL, "public, max-age=3600"))
        .body(APP_CSS)
}

async fn postal_script() -> HttpResponse {
    script(POSTAL_JS)
}

async fn session_script() -> HttpResponse {
    script(SESSION_JS)
}

fn script(body: &'static str) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/javascript; charset=utf-8"))
        .insert_header((CACHE_CONTROL, "public, max-age=3600"))
        .body(body)
}

/// The process is up.
async fn live() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/plain"))
        .body("ok")
}

/// The process can serve requests: its database answers.
async fn ready(ctx: Ctx) -> Result<HttpResponse, WebError> {
    ctx.run(|app, _| app.ready()).await?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/plain"))
        .body("ready"))
}

#[derive(Deserialize)]
struct Return {
    #[serde(rename = "return")]
    to: Option<String>,
}

/// Sets the language cookie and goes back. Only local paths are followed (no open
/// redirect to another site).
async fn switch_language(
    req: HttpRequest,
    code: web::Path<String>,
    query: web::Query<Return>,
) -> Result<HttpResponse, WebError> {
    let lang =
        Lang::parse(&code).ok_or_else(|| WebError::new(ErrorCode::NotFound, lang_of(&req)))?;
    remember(&req, cookies::LANG, lang.code(), query.to.as_deref(), lang)
}

#[derive(Deserialize)]
struct BackTo {
    to: Option<String>,
}

/// Turns furigana on or off (`/furigana/on?to=/p/…`) and goes back, like the language
/// switch: a cookie, so it works without JavaScript and is kept for the next visit.
async fn switch_furigana(
    req: HttpRequest,
    choice: web::Path<String>,
    query: web::Query<BackTo>,
) -> Result<HttpResponse, WebError> {
    let lang = lang_of(&req);
    let value = match choice.as_str() {
        "on" | "off" => choice.as_str(),
        _ => return Err(WebError::new(ErrorCode::NotFound, lang)),
    };
    remember(&req, cookies::FURIGANA, value, query.to.as_deref(), lang)
}

/// A reader's setting kept for a year; then back to `to` when it is a local path (no open
/// redirect to another site), else to the list of procedures.
fn remember(
    req: &HttpRequest,
    cookie: &str,
    value: &str,
    to: Option<&str>,
    lang: Lang,
) -> Result<HttpResponse, WebError> {
    let st = state(req)?;
    let back = to
        .filter(|p| madoguchi_core::is_local_path(p))
        .unwrap_or("/procedures");
    let mut res = see_other(back);
    let cookie = cookies::build(
        cookie,
        value.to_string(),
        st.config.secure_cookies,
        actix_web::cookie::SameSite::Lax,
        Some(actix_web::cookie::time::Duration::days(365)),
    );
    res.add_cookie(&cookie)
        .map_err(|e| WebError::internal(e, lang))?;
    Ok(res)
}

pub async fn not_found(req: HttpRequest, lang: ReaderLang) -> Result<HttpResponse, WebError> {
    if req.path() == "/api" || req.path().starts_with("/api/") {
        return Ok(super::api::not_found());
    }
    Err(WebError::new(ErrorCode::NotFound, lang.0))
}

pub async fn method_not_allowed(lang: ReaderLang) -> Result<HttpResponse, WebError> {
    Err(WebError::new(ErrorCode::MethodNotAllowed, lang.0))
}
