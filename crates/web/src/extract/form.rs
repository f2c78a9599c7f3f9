//! Posted forms: url-encoded ones and steps with a file, each size-limited and CSRF-checked.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::StreamExt;
use madoguchi_core::{ErrorCode, Lang};
use serde::de::DeserializeOwned;

use super::{cookie_value, from_pairs, lang_of, state};
use crate::error::WebError;
use crate::{WebState, cookies, csrf};

/// A posted HTML form: `application/x-www-form-urlencoded`, within the size limit, with a
/// valid CSRF token. Refusals: 415 wrong type, 413 too large, 400 unreadable, 403 token.
#[derive(Clone, Debug)]
pub struct FormBody {
    pub pairs: Vec<(String, String)>,
    lang: Lang,
}

impl FormBody {
    /// The form's fixed controls as the page's input type (see [`from_pairs`]). A value
    /// that cannot be what the type says makes the form unreadable (400).
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, WebError> {
        parse_pairs(&self.pairs, self.lang)
    }
}

impl FromRequest for FormBody {
    type Error = WebError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, WebError>>>>;
    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let mut payload = payload.take();
        Box::pin(async move {
            let lang = lang_of(&req);
            let st = state(&req)?;
            let refuse = |code| WebError::new(code, lang);
            let limit = st.config.max_form_bytes;
            let declared =
                declared_length(&req, "application/x-www-form-urlencoded").map_err(refuse)?;
            if declared.is_some_and(|n| n > limit) {
                return Err(refuse(ErrorCode::PayloadTooLarge));
            }
            let mut body = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|_| refuse(ErrorCode::MalformedRequest))?;
                if body.len() + chunk.len() > limit {
                    // Read on (bounded) so the browser sees the 413, not a reset.
                    super::upload::drain(payload, limit).await;
                    return Err(refuse(ErrorCode::PayloadTooLarge));
                }
                body.extend_from_slice(&chunk);
            }
            let pairs = parse_urlencoded(&body).map_err(refuse)?;
            verify_csrf(&req, &st, &pairs).map_err(refuse)?;
            Ok(FormBody {
                pairs: pairs
                    .into_iter()
                    .filter(|(k, _)| k != "csrf_token")
                    .collect(),
                lang,
            })
        })
    }
}

/// The declared body length, after checking the media type starts with `media`.
pub(super) fn declared_length(req: &HttpRequest, media: &str) -> Result<Option<usize>, ErrorCode> {
    let content_type = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !content_type.to_ascii_lowercase().starts_with(media) {
        return Err(ErrorCode::UnsupportedMediaType);
    }
    Ok(req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok()))
}

/// The form's `csrf_token` against the browser's CSRF cookie (signed double submit).
pub(super) fn verify_csrf(
    req: &HttpRequest,
    st: &WebState,
    pairs: &[(String, String)],
) -> Result<(), ErrorCode> {
    let sent = pairs
        .iter()
        .find(|(k, _)| k == "csrf_token")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    let nonce = cookie_value(req, cookies::CSRF, st.config.secure_cookies).unwrap_or_default();
    if csrf::verify(&st.config.csrf_key, &nonce, sent) {
        return Ok(());
    }
    // The route pattern, not the path: paths can hold secrets.
    tracing::info!(
        route = req.match_pattern().unwrap_or_default(),
        "form refused: CSRF token missing or wrong"
    );
    Err(ErrorCode::CsrfFailed)
}

/// Most fields one form may send (the largest form has far fewer).
pub(super) const MAX_PAIRS: usize = 1000;

/// Strict `application/x-www-form-urlencoded` parsing: a broken `%` escape, bytes that are
/// not UTF-8, or a NUL character make the whole body unreadable (400) rather than being
/// replaced silently.
pub fn parse_urlencoded(body: &[u8]) -> Result<Vec<(String, String)>, ErrorCode> {
    let mut pairs = Vec::new();
    if body.is_empty() {
        return Ok(pairs);
    }
    for part in body.split(|&b| b == b'&') {
        if part.is_empty() {
            continue;
        }
        if pairs.len() == MAX_PAIRS {
            return Err(ErrorCode::PayloadTooLarge);
        }
        let (k, v) = match part.iter().position(|&b| b == b'=') {
            Some(i) => (&part[..i], &part[i + 1..]),
            None => (part, &b""[..]),
        };
        pairs.push((decode_component(k)?, decode_component(v)?));
    }
    Ok(pairs)
}

fn decode_component(raw: &[u8]) -> Result<String, ErrorCode> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = raw.get(i + 1..i + 3).ok_or(ErrorCode::MalformedRequest)?;
                let text = std::str::from_utf8(hex).map_err(|_| ErrorCode::MalformedRequest)?;
                out.push(u8::from_str_radix(text, 16).map_err(|_| ErrorCode::MalformedRequest)?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    let s = String::from_utf8(out).map_err(|_| ErrorCode::MalformedRequest)?;
    if s.contains('\0') {
        return Err(ErrorCode::MalformedRequest);
    }
    Ok(s)
}

/// Pairs (a form, a query string) as `T`; 400 when a value cannot be what `T` says
/// (`malformed_request`) or a single value is sent twice (`ambiguous_request`).
pub fn parse_pairs<T: DeserializeOwned>(
    pairs: &[(String, String)],
    lang: Lang,
) -> Result<T, WebError> {
    from_pairs(pairs).map_err(|e| {
        tracing::info!(error = %e, "form refused: a value is not what the page expects");
        let code = if e.to_string().starts_with(super::typed::SENT_TWICE) {
            ErrorCode::AmbiguousRequest
        } else {
            ErrorCode::MalformedRequest
        };
        WebError::new(code, lang)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_bodies_are_parsed_strictly() {
        assert_eq!(
            parse_urlencoded(b"a=1&b=%E4%BB%99%E5%8F%B0&c=x+y&a=2").unwrap(),
            vec![
                ("a".to_string(), "1".to_string()),
                ("b".into(), "仙台".into()),
                ("c".into(), "x y".into()),
                ("a".into(), "2".into())
            ]
        );
        assert_eq!(parse_urlencoded(b"a=%zz"), Err(ErrorCode::MalformedRequest));
        assert_eq!(parse_urlencoded(b"a=%4"), Err(ErrorCode::MalformedRequest));
        assert_eq!(
            parse_urlencoded(b"a=%FF%FE"),
            Err(ErrorCode::MalformedRequest)
        );
        assert_eq!(parse_urlencoded(b"a=%00"), Err(ErrorCode::MalformedRequest));
        assert_eq!(
            parse_urlencoded(b"a=\xff"),
            Err(ErrorCode::MalformedRequest)
        );
        let many = vec!["x=1"; 1001].join("&");
        assert_eq!(
            parse_urlencoded(many.as_bytes()),
            Err(ErrorCode::PayloadTooLarge)
        );
    }
}
