//! The request id: one per request, returned in `X-Request-Id`, printed on error pages and
//! in every log line of the request, so a resident can quote it and an operator find it.
//!
//! A listed reverse proxy (`trusted_proxies`) may hand its own id on, so one id follows the
//! request through the proxy's log and ours; from anyone else the header is ignored (a
//! client could otherwise write lines of its choosing into the log's id field).

use std::net::IpAddr;

use actix_web::dev::ServiceRequest;

use crate::proxies::TrustedProxies;

/// The header, in both directions.
pub const HEADER: &str = "x-request-id";

/// A request's id: letters, digits, `-`, `_`, `.`, at most 64 (a proxy's id may be any
/// such word; ours is a UUID).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestId(String);

impl RequestId {
    /// A fresh id (UUID v4: nothing about the time or the machine).
    pub fn fresh() -> RequestId {
        RequestId(uuid::Uuid::new_v4().to_string())
    }

    /// A proxy's id, when it is a plain word of a sane length.
    pub fn parse(text: &str) -> Option<RequestId> {
        let ok = !text.is_empty()
            && text.len() <= 64
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        ok.then(|| RequestId(text.to_string()))
    }

    /// The id of `req`: the proxy's when the TCP peer is a listed proxy and sent a valid
    /// one, else fresh.
    pub fn of(req: &ServiceRequest, trusted: &TrustedProxies) -> RequestId {
        let peer = req.peer_addr().map(|a| a.ip());
        Self::from_peer(peer, req.headers().get(HEADER), trusted)
    }

    pub(crate) fn from_peer(
        peer: Option<IpAddr>,
        header: Option<&actix_web::http::header::HeaderValue>,
        trusted: &TrustedProxies,
    ) -> RequestId {
        peer.filter(|ip| trusted.contains(*ip))
            .and(header)
            .and_then(|v| v.to_str().ok())
            .and_then(RequestId::parse)
            .unwrap_or_else(RequestId::fresh)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

tokio::task_local! {
    /// The id of the request being answered: error pages print it (their `error_response`
    /// has no request at hand).
    static CURRENT: RequestId;
}

/// Runs `f` as the request `id`'s.
pub(crate) async fn scope<F: Future>(id: RequestId, f: F) -> F::Output {
    CURRENT.scope(id, f).await
}

/// The id of the request being answered (none outside a request).
pub fn current() -> Option<RequestId> {
    CURRENT.try_with(Clone::clone).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::HeaderValue;

    #[test]
    fn a_listed_proxy_hands_its_id_on_and_anyone_else_gets_a_fresh_one() {
        let trusted = TrustedProxies::parse(&["10.0.0.0/8"]).unwrap();
        let proxy: IpAddr = [10, 0, 0, 5].into();
        let stranger: IpAddr = [192, 0, 2, 7].into();
        let theirs = HeaderValue::from_static("lb-4711.a_b");
        assert_eq!(
            RequestId::from_peer(Some(proxy), Some(&theirs), &trusted).as_str(),
            "lb-4711.a_b"
        );
        let fresh = RequestId::from_peer(Some(stranger), Some(&theirs), &trusted);
        assert_ne!(fresh.as_str(), "lb-4711.a_b");
        assert!(uuid::Uuid::parse_str(fresh.as_str()).is_ok(), "{fresh}");
        for bad in ["", "a b", "line\nbreak", "x\"y", &"a".repeat(65), "日本"] {
            let value = HeaderValue::from_bytes(bad.as_bytes()).ok();
            let id = RequestId::from_peer(Some(proxy), value.as_ref(), &trusted);
            assert_ne!(id.as_str(), bad, "{bad:?} is not taken");
            assert!(uuid::Uuid::parse_str(id.as_str()).is_ok());
        }
        assert_ne!(RequestId::fresh(), RequestId::fresh());
    }
}
