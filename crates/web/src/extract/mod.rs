//! Request pieces handlers take as arguments.

use actix_web::cookie::SameSite;
use actix_web::dev::Payload;
use actix_web::http::header::ACCEPT_LANGUAGE;
use actix_web::{FromRequest, HttpRequest, web};
use madoguchi_app::{App, AppError};
use madoguchi_core::{ErrorCode, Lang, TenantId};

use crate::cookies::{self, push_pending};
use crate::error::WebError;
use crate::{WebState, csrf};

mod form;
mod path_ids;
mod session;
mod typed;
pub(crate) mod upload;

pub use form::{FormBody, parse_pairs, parse_urlencoded};
pub use path_ids::{ArrivalKey, FilingKey, LinkToken, RecordKey, path_refused};
pub use session::{CurrentClerk, PendingClerk, ResidentSession};
pub use typed::from_pairs;
pub use upload::{StagedFile, Upload};

pub fn state(req: &HttpRequest) -> Result<web::Data<WebState>, WebError> {
    req.app_data::<web::Data<WebState>>()
        .cloned()
        .ok_or_else(|| WebError::internal("web state missing", Lang::default()))
}

/// The status look-up key of the browser's latest filing, when it is `number`'s.
pub(crate) fn status_key_for(req: &HttpRequest, number: &str) -> Option<String> {
    let secure = state(req).map(|s| s.config.secure_cookies).unwrap_or(false);
    let value = cookie_value(req, cookies::STATUS_KEY, secure)?;
    let (n, key) = value.split_once(' ')?;
    (n == number).then(|| key.to_string())
}

/// Remembers the status look-up key of a filing just made, for its receipt page (a day,
/// like the session).
pub(crate) fn remember_status_key(req: &HttpRequest, number: &str, key: &str) {
    let secure = state(req).map(|s| s.config.secure_cookies).unwrap_or(false);
    push_pending(
        req,
        cookies::build(
            cookies::STATUS_KEY,
            format!("{number} {key}"),
            secure,
            SameSite::Lax,
            Some(actix_web::cookie::time::Duration::hours(24)),
        ),
    );
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
        .unwrap_or_default()
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
            tenant: crate::tenancy::tenant_of(req, &st),
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
        crate::blocking::run_blocking(move || f(app, tenant))
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

/// The CSRF token for the browser's CSRF cookie, when it holds one (sets none).
pub fn csrf_token_if_held(req: &HttpRequest) -> Option<String> {
    let st = state(req).ok()?;
    let nonce =
        cookie_value(req, cookies::CSRF, st.config.secure_cookies).filter(|n| n.len() >= 32)?;
    Some(csrf::token_for(&st.config.csrf_key, &nonce))
}

pub fn random_token(lang: Lang) -> Result<String, WebError> {
    madoguchi_app::kernel::new_token().map_err(|e| WebError::internal(e, lang))
}

/// The address a request came from, for throttling sign-ins: the TCP peer, or what a
/// reverse proxy the operator listed in `trusted_proxies` says (see [`crate::proxies`]).
pub fn client_address(req: &HttpRequest) -> String {
    match req.app_data::<web::Data<WebState>>() {
        Some(st) => st.config.trusted_proxies.client_of(req),
        None => crate::proxies::TrustedProxies::default().client_of(req),
    }
}
