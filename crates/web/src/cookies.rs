//! Cookie names and settings. With TLS the names carry the `__Host-` prefix, which makes
//! browsers refuse them unless they are Secure, host-only and for the whole path.

use actix_web::HttpMessage;
use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;

pub const LANG: &str = "mdg_lang";
/// `on` when the reader asked for furigana over the kanji of form labels.
pub const FURIGANA: &str = "mdg_furigana";
pub const CSRF: &str = "mdg_csrf";
pub const RESIDENT: &str = "mdg_resident";
pub const CLERK: &str = "mdg_clerk";
/// The queue view (filters and sort) a clerk last opened: "next filing" follows it.
pub const QUEUE: &str = "mdg_queue";
/// `<arrival number> <status look-up key>` of the browser's latest filing: the receipt
/// shows the key for a day (the database keeps only its hash).
pub const STATUS_KEY: &str = "mdg_status_key";

/// The name as sent to the browser.
pub fn name(base: &str, secure: bool) -> String {
    if secure {
        format!("__Host-{base}")
    } else {
        base.to_string()
    }
}

pub fn build(
    base: &str,
    value: String,
    secure: bool,
    same_site: SameSite,
    max_age: Option<CookieDuration>,
) -> Cookie<'static> {
    let mut c = Cookie::new(name(base, secure), value);
    c.set_path("/");
    c.set_http_only(true);
    c.set_secure(secure);
    c.set_same_site(same_site);
    if let Some(age) = max_age {
        c.set_max_age(age);
    }
    c
}

pub fn removal(base: &str, secure: bool) -> Cookie<'static> {
    let mut c = build(base, String::new(), secure, SameSite::Lax, None);
    c.make_removal();
    c
}

/// Cookies that extractors decided to set (a new CSRF nonce, a new resident session);
/// the middleware below adds them to whatever response the handler produced.
#[derive(Clone, Debug, Default)]
pub struct PendingCookies(pub Vec<Cookie<'static>>);

pub fn push_pending(req: &actix_web::HttpRequest, cookie: Cookie<'static>) {
    let mut ext = req.extensions_mut();
    match ext.get_mut::<PendingCookies>() {
        Some(p) => {
            p.0.retain(|c| c.name() != cookie.name());
            p.0.push(cookie);
        }
        None => {
            ext.insert(PendingCookies(vec![cookie]));
        }
    }
}

/// Middleware (use with `actix_web::middleware::from_fn`).
pub async fn attach_pending_cookies(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut res = next.call(req).await?;
    let pending = res.request().extensions_mut().remove::<PendingCookies>();
    if let Some(pending) = pending {
        for cookie in pending.0 {
            res.response_mut().add_cookie(&cookie)?;
        }
    }
    Ok(res)
}
