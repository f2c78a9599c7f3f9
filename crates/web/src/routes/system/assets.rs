//! The stylesheet and the small scripts, compiled into the binary.

use actix_web::HttpResponse;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE};

const APP_CSS: &str = include_str!("../../../static/app.css");
const POSTAL_JS: &str = include_str!("../../../static/postal.js");
const SESSION_JS: &str = include_str!("../../../static/session.js");
const REVEAL_JS: &str = include_str!("../../../static/reveal.js");
const FOCUS_JS: &str = include_str!("../../../static/focus.js");

pub(super) async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/css; charset=utf-8"))
        .insert_header((CACHE_CONTROL, "public, max-age=3600"))
        .body(APP_CSS)
}

pub(super) async fn postal_script() -> HttpResponse {
    script(POSTAL_JS)
}

pub(super) async fn session_script() -> HttpResponse {
    script(SESSION_JS)
}

pub(super) async fn reveal_script() -> HttpResponse {
    script(REVEAL_JS)
}

pub(super) async fn focus_script() -> HttpResponse {
    script(FOCUS_JS)
}

fn script(body: &'static str) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/javascript; charset=utf-8"))
        .insert_header((CACHE_CONTROL, "public, max-age=3600"))
        .body(body)
}
