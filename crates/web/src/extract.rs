//! Request pieces handlers take as arguments.

use std::future::Future;
use std::pin::Pin;

use actix_web::cookie::SameSite;
use actix_web::cookie::time::Duration as CookieDuration;
use actix_web::dev::Payload;
use actix_web::http::header::{ACCEPT_LANGUAGE, CONTENT_LENGTH, CONTENT_TYPE};
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::StreamExt;
use madoguchi_app::{App, AppError, kernel::Clerk};
use madoguchi_core::{ErrorCode, Lang, TenantId};

use crate::cookies::{self, push_pending};
use crate::error::WebError;
use crate::{WebState, csrf};

pub fn state(req: &HttpRequest) -> Result<web::Data<WebState>, WebError> {
    req.app_data::<web::Data<WebState>>()
        .cloned()
        .ok_or_else(|| WebError::internal("web state missing", Lang::Ja))
}

fn cookie_value(req: &HttpRequest, base: &str, secure: bool) -> Option<String> {
    req.cookie(&cookies::name(base, secure))
        .map(|c| c.value().to_string())
}

/// The reader's language: the language cookie, else the browser's first preference,
/// else Japanese.
pub fn lang_of(req: &HttpRequest) -> Lang {
    let secure = state(req).map(|s| s.config.secure_cookies).unwrap_or(false);
    if let Some(lang) = cookie_value(req, cookies::LANG, secure).and_then(|v| Lang::parse(&v)) {
        return lang;
    }
    req.headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .and_then(|first| first.split(';').next())
        .and_then(|tag| tag.trim().split('-').next().and_then(Lang::parse))
        .unwrap_or(Lang::Ja)
}

/// Whether the reader asked for furigana (the furigana cookie says `on`).
pub fn furigana_of(req: &HttpRequest) -> bool {
    let secure = state(req).map(|s| s.config.secure_cookies).unwrap_or(false);
    cookie_value(req, cookies::FURIGANA, secure).as_deref() == Some("on")
}

type Ready<T> = std::future::Ready<Result<T, WebError>>;

/// `Lang` as an extractor.
#[derive(Clone, Copy, Debug)]
pub struct ReaderLang(pub Lang);

impl FromRequest for ReaderLang {
    type Error = WebError;
    type Future = Ready<Self>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(Ok(ReaderLang(lang_of(req))))
    }
}

/// What most handlers need: the reader's language, the application, and the municipality
/// the request is for.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub lang: Lang,
    pub app: App,
    pub tenant: TenantId,
    pub secure_cookies: bool,
}

impl FromRequest for Ctx {
    type Error = WebError;
    type Future = Ready<Self>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(state(req).map(|st| Ctx {
            lang: lang_of(req),
            tenant: st.app.config().default_tenant.clone(),
            app: st.app.clone(),
            secure_cookies: st.config.secure_cookies,
        }))
    }
}

impl Ctx {
    /// Runs one use case on the blocking pool (diesel is synchronous); its error becomes
    /// the error page.
    pub async fn run<T, F>(&self, f: F) -> Result<T, WebError>
    where
        F: FnOnce(App, TenantId) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let lang = self.lang;
        self.call(f).await?.map_err(|e| WebError::from_app(e, lang))
    }

    /// Like `run`, but hands the use case's own error back, for handlers that answer some
    /// errors differently (a redirect, the form again).
    pub async fn call<T, F>(&self, f: F) -> Result<Result<T, AppError>, WebError>
    where
        F: FnOnce(App, TenantId) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let (app, tenant, lang) = (self.app.clone(), self.tenant.clone(), self.lang);
        web::block(move || f(app, tenant))
            .await
            .map_err(|e| WebError::internal(e, lang))
    }

    pub fn not_found(&self) -> WebError {
        WebError::new(ErrorCode::NotFound, self.lang)
    }
}

/// The CSRF token to put in forms. Sets the nonce cookie when the browser has none.
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

impl FromRequest for CsrfToken {
    type Error = WebError;
    type Future = Ready<Self>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(csrf_token(req))
    }
}

fn csrf_token(req: &HttpRequest) -> Result<CsrfToken, WebError> {
    let st = state(req)?;
    let secure = st.config.secure_cookies;
    let nonce = match cookie_value(req, cookies::CSRF, secure).filter(|n| n.len() >= 32) {
        Some(n) => n,
        None => {
            let n = random_token(lang_of(req))?;
            push_pending(
                req,
                cookies::build(cookies::CSRF, n.clone(), secure, SameSite::Lax, None),
            );
            n
        }
    };
    Ok(CsrfToken(csrf::token_for(&st.config.csrf_key, &nonce)))
}

pub fn random_token(lang: Lang) -> Result<String, WebError> {
    madoguchi_app::kernel::new_token().map_err(|e| WebError::internal(e, lang))
}

/// The resident's browser session (the key to their drafts and receipts), if any.
#[derive(Clone, Debug)]
pub struct ResidentSession(pub Option<String>);

impl ResidentSession {
    /// The session token, creating one (and its cookie) when the browser has none.
    pub fn ensure(&mut self, req: &HttpRequest) -> Result<String, WebError> {
        if let Some(t) = &self.0 {
            return Ok(t.clone());
        }
        let token = random_token(lang_of(req))?;
        set_resident_cookie(req, &token)?;
        self.0 = Some(token.clone());
        Ok(token)
    }

    /// Gives the browser a new session token (after a sign-in or a sign-out).
    pub fn replace(&mut self, req: &HttpRequest, token: String) -> Result<(), WebError> {
        set_resident_cookie(req, &token)?;
        self.0 = Some(token);
        Ok(())
    }

    /// A brand-new session (sign-out): nothing of the old one is reachable from here.
    pub fn renew(&mut self, req: &HttpRequest) -> Result<(), WebError> {
        let token = random_token(lang_of(req))?;
        self.replace(req, token)
    }

    /// Sends the session cookie again with a fresh lifetime (activity extends it).
    pub fn refresh(&self, req: &HttpRequest) -> Result<(), WebError> {
        match &self.0 {
            Some(token) => set_resident_cookie(req, token),
            None => Ok(()),
        }
    }
}

/// The resident session cookie: 24 hours from now, like a draft after its last save.
fn set_resident_cookie(req: &HttpRequest, token: &str) -> Result<(), WebError> {
    let st = state(req)?;
    push_pending(
        req,
        cookies::build(
            cookies::RESIDENT,
            token.to_string(),
            st.config.secure_cookies,
            SameSite::Lax,
            Some(CookieDuration::hours(24)),
        ),
    );
    Ok(())
}

impl FromRequest for ResidentSession {
    type Error = WebError;
    type Future = Ready<Self>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let secure = state(req).map(|s| s.config.secure_cookies).unwrap_or(false);
        std::future::ready(Ok(ResidentSession(cookie_value(
            req,
            cookies::RESIDENT,
            secure,
        ))))
    }
}

/// A signed-in clerk. Without a live session the request is answered with the sign-in
/// page (GET) or 401.
#[derive(Clone, Debug)]
pub struct CurrentClerk {
    pub clerk: Clerk,
    pub token: String,
}

impl FromRequest for CurrentClerk {
    type Error = WebError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, WebError>>>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let lang = lang_of(&req);
            let st = state(&req)?;
            let token = cookie_value(&req, cookies::CLERK, st.config.secure_cookies)
                .ok_or_else(|| WebError::new(ErrorCode::LoginRequired, lang))?;
            let app = st.app.clone();
            let lookup = token.clone();
            let clerk = web::block(move || app.clerk_for_session(&lookup))
                .await
                .map_err(|e| WebError::internal(e, lang))?
                .map_err(|e| WebError::from_app(e, lang))?
                .ok_or_else(|| WebError::new(ErrorCode::LoginRequired, lang))?;
            Ok(CurrentClerk { clerk, token })
        })
    }
}

/// A clerk between the password and the second factor. Without such a session: back to
/// the sign-in page.
#[derive(Clone, Debug)]
pub struct PendingClerk {
    pub clerk: Clerk,
    pub next: madoguchi_app::staff::SignInStep,
    pub token: String,
}

impl FromRequest for PendingClerk {
    type Error = WebError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, WebError>>>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let lang = lang_of(&req);
            let st = state(&req)?;
            let token = cookie_value(&req, cookies::CLERK, st.config.secure_cookies)
                .ok_or_else(|| WebError::new(ErrorCode::LoginRequired, lang))?;
            let app = st.app.clone();
            let lookup = token.clone();
            let (clerk, next) = web::block(move || app.pending_sign_in(&lookup))
                .await
                .map_err(|e| WebError::internal(e, lang))?
                .map_err(|e| WebError::from_app(e, lang))?
                .ok_or_else(|| WebError::new(ErrorCode::LoginRequired, lang))?;
            Ok(PendingClerk { clerk, next, token })
        })
    }
}

/// The address a request came from, for throttling sign-ins: the TCP peer, or what a
/// reverse proxy the operator listed in `trusted_proxies` says (see [`crate::proxies`]).
pub fn client_address(req: &HttpRequest) -> String {
    match req.app_data::<web::Data<WebState>>() {
        Some(st) => st.config.trusted_proxies.client_of(req),
        None => crate::proxies::TrustedProxies::default().client_of(req),
    }
}

/// A posted HTML form: `application/x-www-form-urlencoded`, within the size limit, with a
/// valid CSRF token. Refusals: 415 wrong type, 413 too large, 400 unreadable, 403 token.
#[derive(Clone, Debug)]
pub struct FormBody {
    pub pairs: Vec<(String, String)>,
}

impl FormBody {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a repeated name (ticked checkboxes).
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.pairs
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
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
            })
        })
    }
}

/// The declared body length, after checking the media type starts with `media`.
fn declared_length(req: &HttpRequest, media: &str) -> Result<Option<usize>, ErrorCode> {
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
fn verify_csrf(
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
const MAX_PAIRS: usize = 1000;

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

/// A step posted with a file (`multipart/form-data`): the text fields (CSRF-checked like
/// [`FormBody`]) and the file of the question named by the input `file:<name>`. An
/// oversized request is refused from its declared length before anything is read, and a
/// file growing past the limit stops the reading: 413 either way, nothing stored.
#[derive(Debug)]
pub struct Upload {
    pub pairs: Vec<(String, String)>,
    /// (question name, file name as sent, bytes); `None` when no file was chosen.
    pub file: Option<(String, String, Vec<u8>)>,
}

impl FromRequest for Upload {
    type Error = WebError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, WebError>>>>;
    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let payload = payload.take();
        Box::pin(async move {
            let lang = lang_of(&req);
            let st = state(&req)?;
            let refuse = |code| WebError::new(code, lang);
            let text_limit = st.config.max_form_bytes;
            let file_limit = madoguchi_app::kernel::MAX_FILE_BYTES;
            let declared = declared_length(&req, "multipart/form-data").map_err(refuse)?;
            if declared.is_some_and(|n| n > file_limit + text_limit) {
                return Err(refuse(ErrorCode::FileTooLarge));
            }
            let mut parts = actix_multipart::Multipart::new(req.headers(), payload);
            let mut pairs = Vec::new();
            let mut text_bytes = 0usize;
            let mut file = None;
            while let Some(field) = parts.next().await {
                let mut field = field.map_err(|_| refuse(ErrorCode::MalformedRequest))?;
                let name = field.name().unwrap_or_default().to_string();
                let file_name = field
                    .content_disposition()
                    .and_then(|cd| cd.get_filename())
                    .map(str::to_string);
                let is_file = name.starts_with("file:");
                let mut data = Vec::new();
                while let Some(chunk) = field.next().await {
                    let chunk = chunk.map_err(|_| refuse(ErrorCode::MalformedRequest))?;
                    if is_file {
                        if data.len() + chunk.len() > file_limit {
                            return Err(refuse(ErrorCode::FileTooLarge));
                        }
                    } else {
                        text_bytes += chunk.len();
                        if text_bytes > text_limit {
                            return Err(refuse(ErrorCode::PayloadTooLarge));
                        }
                    }
                    data.extend_from_slice(&chunk);
                }
                if is_file {
                    // Empty file inputs (another question's) are sent too: skip them.
                    if !data.is_empty() || file_name.as_deref().is_some_and(|n| !n.is_empty()) {
                        if file.is_some() {
                            return Err(refuse(ErrorCode::MalformedRequest));
                        }
                        file = Some((
                            name.trim_start_matches("file:").to_string(),
                            file_name.unwrap_or_default(),
                            data,
                        ));
                    }
                } else {
                    let value =
                        String::from_utf8(data).map_err(|_| refuse(ErrorCode::MalformedRequest))?;
                    pairs.push((name, value));
                    if pairs.len() > MAX_PAIRS {
                        return Err(refuse(ErrorCode::MalformedRequest));
                    }
                }
            }
            verify_csrf(&req, &st, &pairs).map_err(refuse)?;
            Ok(Upload {
                pairs: pairs
                    .into_iter()
                    .filter(|(k, _)| k != "csrf_token")
                    .collect(),
                file,
            })
        })
    }
}
