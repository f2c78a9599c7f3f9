//! Whether the resident reading a page is signed in, for the header of every resident page
//! ("ログイン中" and the way to the account, or "ログイン").
//!
//! Looked up once per request from the session cookie (an indexed read), before the
//! handler runs, and made known to the views the way the furigana choice is.

use actix_web::FromRequest;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;

use crate::extract::{Ctx, ResidentSession};

/// Who the resident is signed in as, for the header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignedInAs {
    Account,
    Card,
}

/// What the header needs of a signed-in reader: who, and the CSRF token of the browser's
/// own cookie for the sign-out form (none when the browser holds no CSRF cookie yet).
#[derive(Clone, Debug)]
struct Bar {
    who: SignedInAs,
    csrf: Option<String>,
}

tokio::task_local! {
    static SIGNED_IN: Option<Bar>;
}

/// Paths whose pages are not the resident's (or are not pages): no look-up.
const NOT_RESIDENT: &[&str] = &[
    "/office",
    "/api",
    "/static",
    "/stubpay",
    "/metrics",
    "/healthz",
    "/readyz",
    "/operator",
];

/// Middleware (use with `actix_web::middleware::from_fn`): see the module documentation.
pub async fn remember_signed_in(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let bar = if NOT_RESIDENT.iter().any(|p| req.path().starts_with(p)) {
        None
    } else {
        look_up(req.request()).await.map(|who| Bar {
            who,
            // Only a signed-in reader's pages carry it, and those are never shared or
            // kept (`shared_page::is_shared`).
            csrf: crate::extract::csrf_token_if_held(req.request()),
        })
    };
    SIGNED_IN.scope(bar, next.call(req)).await
}

/// The session's identity; none without a session cookie, and none when the look-up
/// fails (the page still renders, offering the sign-in).
async fn look_up(req: &actix_web::HttpRequest) -> Option<SignedInAs> {
    let token = ResidentSession::extract(req).await.ok()?.0?;
    let ctx = Ctx::extract(req).await.ok()?;
    let found = ctx
        .run(move |app, tenant| app.residents(&tenant).identity(Some(&token)))
        .await
        .ok()??;
    Some(
        if found.level == madoguchi_forms::definition::IdentityLevel::MyNumberCard {
            SignedInAs::Card
        } else {
            SignedInAs::Account
        },
    )
}

/// The reader of the current request is signed in (as what); none outside a request.
pub fn current() -> Option<SignedInAs> {
    SIGNED_IN
        .try_with(|s| s.as_ref().map(|b| b.who))
        .ok()
        .flatten()
}

/// The CSRF token for the header's sign-out form, for a signed-in reader.
pub fn sign_out_token() -> Option<String> {
    SIGNED_IN
        .try_with(|s| s.as_ref().and_then(|b| b.csrf.clone()))
        .ok()
        .flatten()
}
