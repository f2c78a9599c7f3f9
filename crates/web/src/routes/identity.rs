//! Residents' sign-in through the identity provider (OpenID Connect): `/sign-in` starts it
//! (with `level=my_number_card` for the card), `/sign-in/callback` finishes it, and
//! `/sign-out` forgets it.

use actix_web::{HttpRequest, HttpResponse, web};
use madoguchi_forms::definition::IdentityLevel;

use super::{resource, see_other};
use crate::error::WebError;
use crate::extract::{Ctx, FormBody, ResidentSession};

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/sign-in").route(web::get().to(start)))
        .service(resource("/sign-in/callback").route(web::get().to(callback)))
        .service(resource("/sign-out").route(web::post().to(sign_out)));
}

#[derive(serde::Deserialize)]
struct StartQuery {
    level: Option<String>,
    next: Option<String>,
}

async fn start(
    req: HttpRequest,
    ctx: Ctx,
    mut session: ResidentSession,
    query: web::Query<StartQuery>,
) -> Result<HttpResponse, WebError> {
    let token = session.ensure(&req)?;
    let level = match query.level.as_deref() {
        Some("my_number_card") => IdentityLevel::MyNumberCard,
        _ => IdentityLevel::Account,
    };
    let next = query.next.clone().unwrap_or_else(|| "/my".into());
    let url = ctx
        .run(move |app, tenant| app.begin_sign_in(&tenant, &token, level, &next))
        .await?;
    Ok(see_other(&url))
}

async fn callback(
    req: HttpRequest,
    ctx: Ctx,
    mut session: ResidentSession,
) -> Result<HttpResponse, WebError> {
    let query = req.query_string().to_string();
    let token = session.0.clone();
    let (next, new_token) = ctx
        .run(move |app, tenant| app.finish_sign_in(&tenant, token.as_deref(), &query))
        .await?;
    session.replace(&req, new_token)?;
    Ok(see_other(&next))
}

async fn sign_out(
    req: HttpRequest,
    ctx: Ctx,
    mut session: ResidentSession,
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    let token = session.0.clone();
    ctx.run(move |app, _| app.sign_out(token.as_deref()))
        .await?;
    session.renew(&req)?;
    Ok(see_other("/account?done=signed-out"))
}
