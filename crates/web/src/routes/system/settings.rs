//! The reader's settings: the language and furigana switches.

use actix_web::{HttpRequest, HttpResponse, web};
use madoguchi_core::{ErrorCode, Lang};
use serde::Deserialize;

use crate::cookies;
use crate::error::WebError;
use crate::extract::{lang_of, state};
use crate::routes::see_other;

#[derive(Deserialize)]
pub(super) struct Return {
    #[serde(rename = "return")]
    to: Option<String>,
}

/// Sets the language cookie and goes back. Only local paths are followed (no open
/// redirect to another site).
pub(super) async fn switch_language(
    req: HttpRequest,
    code: web::Path<String>,
    query: web::Query<Return>,
) -> Result<HttpResponse, WebError> {
    let lang =
        Lang::parse(&code).ok_or_else(|| WebError::new(ErrorCode::NotFound, lang_of(&req)))?;
    remember(&req, cookies::LANG, lang.code(), query.to.as_deref(), lang)
}

#[derive(Deserialize)]
pub(super) struct BackTo {
    to: Option<String>,
}

/// Turns furigana on or off (`/furigana/on?to=/p/…`) and goes back, like the language
/// switch: a cookie, so it works without JavaScript and is kept for the next visit.
pub(super) async fn switch_furigana(
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
