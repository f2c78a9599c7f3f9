//! JSON request bodies: `application/json`, within the size limit, well-formed.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::StreamExt;
use madoguchi_core::ErrorCode;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::error::ApiError;
use crate::extract::state;

/// A JSON request body: `application/json` (else 415), within the size limit (else 413),
/// well-formed (else 400).
#[derive(Debug)]
pub struct JsonBody(pub Value);

impl JsonBody {
    /// The body as the route's request type. Whatever does not fit the type reads as the
    /// type's default, which the use case then refuses with its own code (a missing note
    /// is `reason_required`, not a malformed request).
    pub fn fields<T: DeserializeOwned + Default>(&self) -> T {
        serde_json::from_value(self.0.clone()).unwrap_or_default()
    }
}

impl FromRequest for JsonBody {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;
    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let mut payload = payload.take();
        Box::pin(async move {
            let limit = state(&req)
                .map(|s| s.config.max_form_bytes)
                .map_err(|_| ApiError::Code(ErrorCode::Internal))?;
            let content_type = req
                .headers()
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !content_type
                .to_ascii_lowercase()
                .starts_with("application/json")
            {
                return Err(ApiError::Code(ErrorCode::UnsupportedMediaType));
            }
            let declared = req
                .headers()
                .get(CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<usize>().ok());
            if declared.is_some_and(|n| n > limit) {
                return Err(ApiError::Code(ErrorCode::PayloadTooLarge));
            }
            let mut body = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|_| ApiError::Code(ErrorCode::MalformedRequest))?;
                if body.len() + chunk.len() > limit {
                    // Read on (bounded) so the client sees the 413, not a reset.
                    crate::extract::upload::drain(payload, limit).await;
                    return Err(ApiError::Code(ErrorCode::PayloadTooLarge));
                }
                body.extend_from_slice(&chunk);
            }
            serde_json::from_slice(&body)
                .map(JsonBody)
                .map_err(|_| ApiError::Code(ErrorCode::MalformedRequest))
        })
    }
}
