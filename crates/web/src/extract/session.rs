//! Who is asking: the resident's browser session, a signed-in clerk, a clerk half-way
//! through signing in.

use std::future::Future;
use std::pin::Pin;

use actix_web::cookie::SameSite;
use actix_web::cookie::time::Duration as CookieDuration;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use madoguchi_app::kernel::Clerk;
use madoguchi_core::ErrorCode;

use super::{Ready, cookie_value, lang_of, random_token, state};
use crate::cookies::{self, push_pending};
use crate::error::WebError;

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
            let tenant = crate::tenancy::tenant_of(&req, &st);
            // Another city's session is no session here.
            let clerk = crate::blocking::run_blocking(move || {
                app.staff(&tenant).clerk_for_session(&lookup)
            })
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
            let tenant = crate::tenancy::tenant_of(&req, &st);
            let (clerk, next) =
                crate::blocking::run_blocking(move || app.staff(&tenant).pending_sign_in(&lookup))
                    .await
                    .map_err(|e| WebError::internal(e, lang))?
                    .map_err(|e| WebError::from_app(e, lang))?
                    .ok_or_else(|| WebError::new(ErrorCode::LoginRequired, lang))?;
            Ok(PendingClerk { clerk, next, token })
        })
    }
}
