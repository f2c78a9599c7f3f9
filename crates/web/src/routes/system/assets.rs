//! The stylesheet and the small scripts, compiled into the binary.
//!
//! Each is served under a name that carries a digest of its content (`app.1a2b3c4d5e6f7a8b.css`)
//! and may be cached for a year without asking again (`immutable`): a new build that changes
//! the file changes its name, and the pages, which name it through [`asset_path`], follow.
//! A name with another digest (a page of an older build asking) is 404, not the new file
//! under an old name. The gzip form is made once, on first use, and sent to browsers that
//! accept it (`Content-Encoding: gzip`, `Vary: Accept-Encoding`). The plain names
//! (`/static/app.css`) still answer, cached for an hour, for what links them from outside.

use std::sync::LazyLock;

use actix_web::http::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, ETAG, VARY,
};
use actix_web::{HttpRequest, HttpResponse, web};
use sha2::{Digest, Sha256};

use crate::routes::shared_page::names_tag;

/// One file: its plain name, type and content, and what is derived from them once.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static str,
    /// `/static/` + the name with the content's digest before the extension.
    path: String,
    etag: String,
    gzip: Vec<u8>,
}

impl Asset {
    fn new(name: &'static str, content_type: &'static str, body: &'static str) -> Self {
        let digest = Sha256::digest(body.as_bytes());
        let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
        Asset {
            name,
            content_type,
            body,
            path: format!("/static/{stem}.{hex}.{ext}"),
            etag: format!("\"{hex}\""),
            gzip: gzip(body.as_bytes()),
        }
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

static ASSETS: LazyLock<[Asset; 6]> = LazyLock::new(|| {
    [
        Asset::new(
            "app.css",
            "text/css; charset=utf-8",
            include_str!("../../../static/app.css"),
        ),
        Asset::new(
            "postal.js",
            "text/javascript; charset=utf-8",
            include_str!("../../../static/postal.js"),
        ),
        Asset::new(
            "session.js",
            "text/javascript; charset=utf-8",
            include_str!("../../../static/session.js"),
        ),
        Asset::new(
            "reveal.js",
            "text/javascript; charset=utf-8",
            include_str!("../../../static/reveal.js"),
        ),
        Asset::new(
            "focus.js",
            "text/javascript; charset=utf-8",
            include_str!("../../../static/focus.js"),
        ),
        Asset::new(
            "congestion.js",
            "text/javascript; charset=utf-8",
            include_str!("../../../static/congestion.js"),
        ),
    ]
});

/// The path pages link a file by (`app.css` → `/static/app.1a2b….css`); the plain path for
/// a name that is not one of them.
pub fn asset_path(name: &str) -> &'static str {
    ASSETS
        .iter()
        .find(|a| a.name == name)
        .map(|a| a.path.as_str())
        .unwrap_or("/static/unknown")
}

/// `/static/{file}`: a file by its digest-carrying name (cached for good) or its plain name
/// (cached for an hour); anything else is 404.
pub(super) async fn file(req: HttpRequest, name: web::Path<String>) -> HttpResponse {
    let asked = format!("/static/{name}");
    if let Some(asset) = ASSETS.iter().find(|a| a.path == asked) {
        return send(&req, asset, "public, max-age=31536000, immutable");
    }
    match ASSETS.iter().find(|a| a.name == name.as_str()) {
        Some(asset) => send(&req, asset, "public, max-age=3600"),
        None => HttpResponse::NotFound()
            .insert_header((CONTENT_TYPE, "text/plain; charset=utf-8"))
            .body("not found"),
    }
}

fn send(req: &HttpRequest, asset: &Asset, cache: &'static str) -> HttpResponse {
    let mut res = if names_tag(req, &asset.etag) {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    res.insert_header((CACHE_CONTROL, cache))
        .insert_header((ETAG, asset.etag.clone()))
        .insert_header((VARY, "Accept-Encoding"));
    if names_tag(req, &asset.etag) {
        return res.finish();
    }
    res.insert_header((CONTENT_TYPE, asset.content_type));
    if accepts_gzip(req) {
        res.insert_header((CONTENT_ENCODING, "gzip"))
            .body(asset.gzip.clone())
    } else {
        res.body(asset.body)
    }
}

/// Whether `Accept-Encoding` lists gzip (without `q=0`).
fn accepts_gzip(req: &HttpRequest) -> bool {
    req.headers()
        .get_all(ACCEPT_ENCODING)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let name = parts.next().unwrap_or_default();
            let refused = parts.any(|p| p.replace(' ', "") == "q=0" || p == "q=0.0");
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_file_has_a_digest_in_its_name_and_a_gzip_form_that_unpacks_to_it() {
        for asset in ASSETS.iter() {
            assert_ne!(asset.path, format!("/static/{}", asset.name));
            assert_eq!(asset_path(asset.name), asset.path);
            let mut unpacked = String::new();
            std::io::Read::read_to_string(
                &mut flate2::read::GzDecoder::new(asset.gzip.as_slice()),
                &mut unpacked,
            )
            .unwrap();
            assert_eq!(unpacked, asset.body);
            assert!(
                asset.gzip.len() < asset.body.len(),
                "{} compresses",
                asset.name
            );
        }
    }
}
