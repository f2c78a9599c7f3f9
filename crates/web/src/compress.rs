//! Response compression for slow phone connections, a whole body in one piece.
//!
//! actix-web's `Compress` streams every compressed body: a page of 1 KiB or more is
//! compressed on the blocking pool, and its gzip trailer follows as a chunk of its own, so the
//! response leaves in several small writes. On a keep-alive connection the later write then
//! waits for the client's delayed ACK (Nagle's algorithm): about 40 ms on every compressed
//! page, for every browser (they all ask for gzip). Here a body the handler gave whole is
//! compressed on the worker into one body sent with its `Content-Length` — one write —
//! and only a streamed body (a CSV export) is compressed as it streams; the server's sockets
//! have `TCP_NODELAY` (`madoguchi_server`), so neither waits for an ACK.

use actix_http::encoding::Encoder;
use actix_web::Error;
use actix_web::body::{BodySize, EitherBody, MessageBody};
use actix_web::dev::{ResponseHead, ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, ContentEncoding, HeaderMap, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web::Bytes;

/// Below this many bytes a gzip body is not smaller enough to be worth its header and
/// trailer (about 20 bytes) and the work.
const SMALLEST_COMPRESSED: usize = 256;

/// What a response's body becomes: as the handler gave it (or compressed as it streams),
/// or compressed whole.
pub type Compressed<B> = EitherBody<Encoder<B>, Bytes>;

/// The gzip form of a response's body, made once and kept with a page that is served
/// again (`page_cache::SharedPage`): sent as it is instead of compressing the same bytes
/// for every reader.
#[derive(Clone, Debug)]
pub struct Precompressed(pub Bytes);

/// The middleware: compresses what the client accepts as gzip.
pub async fn compress(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<Compressed<impl MessageBody>>, Error> {
    let gzip = accepts_gzip(req.headers());
    let res = next.call(req).await?;
    let kept = res.response().extensions().get::<Precompressed>().cloned();
    Ok(res.map_body(move |head, body| encode(gzip, kept, head, body)))
}

/// Whether the request's `Accept-Encoding` accepts gzip: named (or `*`) with a weight
/// above zero (RFC 9110, 12.5.3). Absent or unreadable: not.
pub fn accepts_gzip(headers: &HeaderMap) -> bool {
    let mut gzip = None;
    let mut any = None;
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else {
            return false;
        };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or_default().trim();
            let weight = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if coding.eq_ignore_ascii_case("gzip") || coding.eq_ignore_ascii_case("x-gzip") {
                gzip = Some(weight);
            } else if coding == "*" {
                any = Some(weight);
            }
        }
    }
    gzip.or(any).is_some_and(|q| q > 0.0)
}

/// `body` for the client: its kept gzip form when it has one, gzip in one piece when it is
/// whole and worth it, gzip as it streams when it streams, else as it is.
pub fn encode<B: MessageBody>(
    gzip: bool,
    kept: Option<Precompressed>,
    head: &mut ResponseHead,
    body: B,
) -> Compressed<B> {
    if !compressible(head) {
        return EitherBody::left(Encoder::response(ContentEncoding::Identity, head, body));
    }
    // Caches in between keep a copy per encoding, whatever this client asked for.
    head.headers_mut()
        .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    if !gzip || matches!(body.size(), BodySize::None | BodySize::Sized(0)) {
        return EitherBody::left(Encoder::response(ContentEncoding::Identity, head, body));
    }
    match body.try_into_bytes() {
        Ok(_) if let Some(Precompressed(zipped)) = kept => {
            head.headers_mut()
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            EitherBody::right(zipped)
        }
        Ok(bytes) => {
            if bytes.len() >= SMALLEST_COMPRESSED
                && let Some(zipped) = gzip_whole(&bytes)
                && zipped.len() < bytes.len()
            {
                head.headers_mut()
                    .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
                return EitherBody::right(zipped);
            }
            EitherBody::right(bytes)
        }
        // Encoder sets Content-Encoding (and Vary again, which says nothing new).
        Err(body) => EitherBody::left(Encoder::response(ContentEncoding::Gzip, head, body)),
    }
}

/// A response whose body is text worth compressing, not already encoded, with a body.
fn compressible(head: &ResponseHead) -> bool {
    if matches!(
        head.status,
        StatusCode::SWITCHING_PROTOCOLS
            | StatusCode::NO_CONTENT
            | StatusCode::PARTIAL_CONTENT
            | StatusCode::NOT_MODIFIED
    ) || head.headers().contains_key(header::CONTENT_ENCODING)
    {
        return false;
    }
    let Some(kind) = head
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let kind = kind
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    kind.starts_with("text/")
        || kind.ends_with("+json")
        || kind.ends_with("+xml")
        || matches!(
            kind.as_str(),
            "application/json"
                | "application/javascript"
                | "application/xml"
                | "image/svg+xml"
                | "application/manifest+json"
        )
}

/// `bytes` as one gzip member, at the fast level actix-web's `Compress` uses.
pub fn gzip_whole(bytes: &[u8]) -> Option<Bytes> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3 + 64),
        flate2::Compression::fast(),
    );
    encoder.write_all(bytes).ok()?;
    encoder.finish().ok().map(Bytes::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::HeaderName;

    fn accepting(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            HeaderName::from_static("accept-encoding"),
            HeaderValue::from_str(value).unwrap(),
        );
        headers
    }

    #[test]
    fn gzip_is_chosen_as_browsers_and_clients_ask() {
        for yes in [
            "gzip, deflate, br",
            "gzip, deflate, br, zstd",
            "gzip",
            "br;q=1.0, gzip;q=0.8, *;q=0.1",
            "*",
        ] {
            assert!(accepts_gzip(&accepting(yes)), "{yes}");
        }
        for no in [
            "identity",
            "br",
            "gzip;q=0",
            "deflate",
            "*;q=0, identity",
            "gzip;q=0.0, *",
        ] {
            assert!(!accepts_gzip(&accepting(no)), "{no}");
        }
        assert!(!accepts_gzip(&HeaderMap::new()));
    }

    fn head(kind: &str) -> ResponseHead {
        let mut head = ResponseHead::new(StatusCode::OK);
        head.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_str(kind).unwrap());
        head
    }

    #[test]
    fn a_whole_page_is_compressed_in_one_piece_with_its_length() {
        let page = "<p>申請の状況</p>".repeat(200);
        let mut head = head("text/html; charset=utf-8");
        let body = encode(true, None, &mut head, Bytes::from(page.clone()));
        assert_eq!(
            head.headers().get(header::CONTENT_ENCODING).unwrap(),
            "gzip"
        );
        assert_eq!(head.headers().get(header::VARY).unwrap(), "accept-encoding");
        let BodySize::Sized(len) = body.size() else {
            panic!("a whole page must keep its length: {:?}", body.size());
        };
        let bytes = body.try_into_bytes().ok().unwrap();
        assert_eq!(bytes.len() as u64, len);
        let mut text = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut text)
            .unwrap();
        assert_eq!(text, page);
    }

    #[test]
    fn a_kept_page_is_sent_in_its_kept_gzip_form_to_those_who_accept_it() {
        let page = Bytes::from("<p>手続の一覧</p>".repeat(100));
        let kept = Precompressed(gzip_whole(&page).unwrap());
        let mut head = head("text/html; charset=utf-8");
        let body = encode(true, Some(kept.clone()), &mut head, page.clone());
        assert_eq!(
            head.headers().get(header::CONTENT_ENCODING).unwrap(),
            "gzip"
        );
        assert_eq!(body.try_into_bytes().ok().unwrap(), kept.0);
        let mut head = self::head("text/html; charset=utf-8");
        let body = encode(false, Some(kept), &mut head, page.clone());
        assert!(head.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(body.size(), BodySize::Sized(page.len() as u64));
    }

    #[test]
    fn small_binary_and_unasked_bodies_go_as_they_are() {
        let cases = [
            ("text/html", "<p>ok</p>".to_string(), true),
            ("application/pdf", "%PDF".repeat(400), true),
            ("image/png", "x".repeat(4000), true),
            ("text/html", "<p>ok</p>".repeat(400), false),
        ];
        for (kind, text, gzip) in cases {
            let mut head = head(kind);
            let body = encode(gzip, None, &mut head, Bytes::from(text.clone()));
            assert!(
                head.headers().get(header::CONTENT_ENCODING).is_none(),
                "{kind}"
            );
            assert_eq!(body.size(), BodySize::Sized(text.len() as u64), "{kind}");
        }
    }
}
