//! JSON request bodies: `application/json`, within the size limit, well-formed.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::StreamExt;
use madoguchi_core::ErrorCode;
use madoguchi_forms::strict_json::{self, StrictJsonError};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::error::ApiError;
use crate::extract::state;

/// A JSON request body: `application/json` (else 415), within the size limit (else 413),
/// well-formed (else 400 `malformed_request`) and readable one way only (else 400
/// `ambiguous_request`, see [`parse_strict`]). Every JSON route reads its body through this.
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
            parse_strict(&body).map(JsonBody).map_err(ApiError::Code)
        })
    }
}

/// A JSON body read one way only: a key twice in one object (at any depth), a byte order
/// mark, or anything after the value (a second value) is `ambiguous_request` — parsers
/// disagree on which of two keys wins, so none is picked; a body that is not JSON is
/// `malformed_request`. The reader is the forms crate's (`strict_json`), which the lint of
/// procedure definitions uses too.
pub(crate) fn parse_strict(body: &[u8]) -> Result<Value, ErrorCode> {
    strict_json::parse(body).map_err(|e| match e {
        StrictJsonError::Malformed { .. } => ErrorCode::MalformedRequest,
        StrictJsonError::ByteOrderMark
        | StrictJsonError::DuplicateKey { .. }
        | StrictJsonError::TrailingData => ErrorCode::AmbiguousRequest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_reading_only() {
        let ok = parse_strict(
            br#" {"a": 1, "b": {"a": [1.5, "x", null, true]}, "c": [{"a": 1}, {"a": 2}]} "#,
        );
        assert_eq!(
            ok,
            Ok(
                serde_json::json!({"a": 1, "b": {"a": [1.5, "x", null, true]}, "c": [{"a": 1}, {"a": 2}]})
            )
        );
        for ambiguous in [
            &br#"{"a": 1, "a": 2}"#[..],
            br#"{"a": 1, "a": 1}"#,
            br#"{"data": {"copies": 1, "copies": 10}}"#,
            br#"{"items": [{"n": 1}, {"n": 2, "k": 0, "n": 3}]}"#,
            br#"{"ab": 1, "ab": 2}"#,
            b"\xEF\xBB\xBF{\"a\": 1}",
            br#"{"a": 1} {"a": 2}"#,
            br#"{"a": 1}x"#,
            br#"[1] [2]"#,
        ] {
            assert_eq!(
                parse_strict(ambiguous),
                Err(ErrorCode::AmbiguousRequest),
                "{}",
                String::from_utf8_lossy(ambiguous)
            );
        }
        for malformed in [&b""[..], b"{\"a\":", b"{a: 1}", b"\xff"] {
            assert_eq!(parse_strict(malformed), Err(ErrorCode::MalformedRequest));
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = "[".repeat(100_000);
        assert_eq!(
            parse_strict(deep.as_bytes()),
            Err(ErrorCode::MalformedRequest)
        );
    }
}
