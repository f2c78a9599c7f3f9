//! The pages for a path no route claims (404) and a method a route does not take (405).

use actix_web::{HttpRequest, HttpResponse};
use madoguchi_core::ErrorCode;

use crate::error::WebError;
use crate::extract::ReaderLang;

pub async fn not_found(req: HttpRequest, lang: ReaderLang) -> Result<HttpResponse, WebError> {
    if crate::routes::api::is_api_path(req.path()) {
        return Ok(crate::routes::api::not_found());
    }
    Err(WebError::new(ErrorCode::NotFound, lang.0))
}

pub async fn method_not_allowed(lang: ReaderLang) -> Result<HttpResponse, WebError> {
    Err(WebError::new(ErrorCode::MethodNotAllowed, lang.0))
}
