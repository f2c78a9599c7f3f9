//! The anonymous API's per-minute limit, as a middleware: the count is `crate::rate`'s, the
//! refusal the API's own (429 `rate_limited`, JSON).

use actix_web::ResponseError;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderValue, RETRY_AFTER};
use actix_web::middleware::Next;
use madoguchi_core::ErrorCode;

use super::ApiError;
use crate::rate::admit;

/// Middleware for the anonymous API's routes: over the limit, 429 `rate_limited` with
/// `Retry-After` (the seconds left in the minute) and nothing else done.
pub async fn limit_anonymous_api(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    match admit(req.request()).await? {
        Err(seconds) => {
            let mut res = ApiError::Code(ErrorCode::RateLimited).error_response();
            res.headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(seconds));
            Ok(req.into_response(res))
        }
        Ok(()) => Ok(next.call(req).await?.map_into_boxed_body()),
    }
}
