//! Pages that are the same for everyone who reads them in one language (a procedure's page,
//! the home page, a category's page, for a reader who is not signed in): sent with an
//! `ETag`, and answered `304 Not Modified` with no body when the browser already holds
//! that version (`If-None-Match`).
//!
//! The tag is a digest of the page itself, so it changes with anything that changes the
//! page (the city, the language, the furigana choice, a new version of the form), and two
//! readers who would see different pages never share one. Browsers may keep the page but
//! must ask again before using it (`no-cache`), and caches in between keep one copy per
//! cookie and language (`Vary`).

use actix_web::http::StatusCode;
use actix_web::http::header::{
    CACHE_CONTROL, CONTENT_TYPE, ETAG, HeaderValue, IF_NONE_MATCH, VARY,
};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;
use madoguchi_core::Lang;
use sha2::{Digest, Sha256};

use crate::error::WebError;

/// Renders `template` (a page the same for every reader of this request's kind) with its
/// `ETag`, or `304` when `req` names that tag.
pub fn shared_html(
    req: &HttpRequest,
    template: &impl Template,
    lang: Lang,
) -> Result<HttpResponse, WebError> {
    let body = template.render().map_err(|e| WebError::internal(e, lang))?;
    Ok(shared_body(req, body, "text/html; charset=utf-8"))
}

/// `body` with its `ETag` and revalidation headers, or `304` when `req` names that tag.
pub fn shared_body(req: &HttpRequest, body: String, content_type: &'static str) -> HttpResponse {
    let tag = etag_of(body.as_bytes());
    tagged_body(req, Bytes::from(body), &tag, content_type)
}

/// `body`, whose tag `tag` is, with the revalidation headers, or `304` when `req` names
/// that tag (for a page kept rendered with its tag).
pub fn tagged_body(
    req: &HttpRequest,
    body: Bytes,
    tag: &str,
    content_type: &'static str,
) -> HttpResponse {
    let held = names_tag(req, tag);
    let mut res = if held {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    res.insert_header((ETAG, tag.to_string()))
        .insert_header((CACHE_CONTROL, "no-cache"))
        .insert_header((VARY, "Cookie, Accept-Language"));
    if held {
        return res.finish();
    }
    res.insert_header((CONTENT_TYPE, content_type)).body(body)
}

/// [`tagged_body`] for a page kept rendered, with its gzip form for the compression.
pub fn kept_body(
    req: &HttpRequest,
    page: &crate::page_cache::SharedPage,
    content_type: &'static str,
) -> HttpResponse {
    let mut res = tagged_body(req, page.body.clone(), &page.etag, content_type);
    if let Some(zipped) = &page.gzip {
        res.extensions_mut()
            .insert(crate::compress::Precompressed(zipped.clone()));
    }
    res
}

/// A weak tag (compression in between changes the bytes, not the page): the first 128 bits
/// of the body's SHA-256.
pub fn etag_of(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("W/\"{hex}\"")
}

/// Whether the request's `If-None-Match` names `tag` (compared weakly, as RFC 9110 asks).
pub fn names_tag(req: &HttpRequest, tag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_string();
    let wanted = bare(tag);
    req.headers()
        .get_all(IF_NONE_MATCH)
        .filter_map(|v: &HeaderValue| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim() == "*" || bare(t) == wanted)
}

/// Whether the page would differ for this reader: a signed-in resident's header names their
/// account, so their pages are theirs alone.
pub fn is_shared() -> bool {
    crate::resident_bar::current().is_none()
}

/// [`shared_html`] when the page is the same for everyone, else the plain page.
pub fn page_html(
    req: &HttpRequest,
    template: &impl Template,
    lang: Lang,
) -> Result<HttpResponse, WebError> {
    if is_shared() {
        shared_html(req, template, lang)
    } else {
        super::html(StatusCode::OK, template, lang)
    }
}
