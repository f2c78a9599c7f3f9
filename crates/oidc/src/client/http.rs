//! The HTTP calls of the client: bounded reads, the provider's keys, form encoding.

use crate::OidcError;
use crate::jose::KeySet;
use reqwest::Url;
use reqwest::blocking::{Client, Response};
use reqwest::header::ACCEPT;
use std::fmt::Write as _;
use std::io::Read;
use std::net::IpAddr;

/// Larger answers from the provider are refused.
pub(super) const MAX_BODY: u64 = 512 * 1024;

/// Parses a provider URL: HTTPS, or HTTP to a loopback address (tests, a provider on the
/// same host).
pub(super) fn endpoint_url(text: &str, what: &str) -> Result<Url, OidcError> {
    let url = Url::parse(text).map_err(|e| OidcError::Config(format!("{what} {text:?}: {e}")))?;
    let loopback = match url.host_str() {
        Some("localhost") => true,
        Some(host) => host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback()),
        None => false,
    };
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback => Ok(url),
        _ => Err(OidcError::Config(format!(
            "{what} {text:?} must be https:// (http:// only on a loopback address)"
        ))),
    }
}

pub(super) fn unavailable(what: &'static str, e: &reqwest::Error) -> OidcError {
    // reqwest's message alone is "error sending request"; the cause says why.
    let mut detail = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        let _ = write!(detail, ": {cause}");
        source = cause.source();
    }
    OidcError::Unavailable { what, detail }
}

pub(super) fn get(http: &Client, url: &str, what: &'static str) -> Result<Vec<u8>, OidcError> {
    let response = http
        .get(url)
        .header(ACCEPT, "application/json")
        .send()
        .map_err(|e| unavailable(what, &e))?;
    let status = response.status();
    if !status.is_success() {
        return Err(OidcError::Unavailable {
            what,
            detail: format!("HTTP {status} from {url}"),
        });
    }
    read_limited(response, what)
}

pub(super) fn read_limited(response: Response, what: &'static str) -> Result<Vec<u8>, OidcError> {
    let mut body = Vec::new();
    response
        .take(MAX_BODY + 1)
        .read_to_end(&mut body)
        .map_err(|e| OidcError::Unavailable {
            what,
            detail: e.to_string(),
        })?;
    if body.len() as u64 > MAX_BODY {
        return Err(OidcError::Unavailable {
            what,
            detail: format!("answer larger than {MAX_BODY} bytes"),
        });
    }
    Ok(body)
}

pub(super) fn fetch_keys(http: &Client, jwks_uri: &str) -> Result<KeySet, OidcError> {
    let body = get(http, jwks_uri, "jwks")?;
    let keys = KeySet::from_json(&body).map_err(OidcError::Discovery)?;
    if keys.is_empty() {
        return Err(OidcError::Discovery(
            "the provider's key set has no RSA or P-256 signature key".to_owned(),
        ));
    }
    Ok(keys)
}

/// `application/x-www-form-urlencoded` encoding of one value.
pub(super) fn form_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}
