//! Staff entry (書かない窓口 for a resident without a phone): from `/office/counter` a clerk
//! starts entering procedures for the resident at the desk — the browser gets a fresh
//! resident session and goes to the procedures — and, once they are on the slip, opens the
//! slip from `/counter` in the same browser to check identity and file.

use actix_web::{HttpRequest, HttpResponse};

use crate::error::WebError;
use crate::extract::{Ctx, CurrentClerk, FormBody, ResidentSession};
use crate::routes::see_other;

/// Starts an entry: a new resident session in this browser (the one before, and its drafts,
/// are no longer reachable from here), then the procedures.
pub(super) async fn start(
    req: HttpRequest,
    ctx: Ctx,
    clerk: CurrentClerk,
    mut session: ResidentSession,
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    let c = clerk.clerk.clone();
    let token = ctx
        .run(move |app, tenant| app.counter(&tenant).start_entry(&c))
        .await?;
    session.replace(&req, token)?;
    Ok(see_other("/procedures"))
}

/// Opens the slip of the entry in this browser, as a code would: on to the clerk's view of
/// the visit (identity, then filing).
pub(super) async fn open(
    ctx: Ctx,
    clerk: CurrentClerk,
    session: ResidentSession,
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    let (c, token) = (clerk.clerk.clone(), session.0);
    let visit = ctx
        .run(move |app, tenant| app.counter(&tenant).open_entry(&c, token.as_deref()))
        .await?;
    Ok(see_other(&format!("/office/counter/{visit}")))
}
