//! Residents' sign-in through the identity provider (OpenID Connect): `/sign-in` starts it
//! (with `level=my_number_card` for the card), `/sign-in/callback` finishes it, and
//! `/sign-out` forgets it.

use actix_web::{HttpRequest, HttpResponse, web};
use madoguchi_forms::definition::IdentityLevel;

use crate::error::WebError;
use crate::extract::{Ctx, FormBody, ResidentSession};
use crate::routes::see_other;

#[derive(serde::Deserialize)]
pub(super) struct StartQuery {
    level: Option<Level>,
    next: Option<String>,
}

/// How strongly the resident is to be identified.
#[derive(serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum Level {
    MyNumberCard,
    #[serde(other)]
    Account,
}

pub(super) async fn start(
    req: HttpRequest,
    ctx: Ctx,
    mut session: ResidentSession,
    query: web::Query<StartQuery>,
) -> Result<HttpResponse, WebError> {
    let token = session.ensure(&req)?;
    let level = match query.level {
        Some(Level::MyNumberCard) => IdentityLevel::MyNumberCard,
        _ => IdentityLevel::Account,
    };
    let next = query.next.clone().unwrap_or_else(|| "/my".into());
    let url = ctx
        .run(move |app, tenant| app.residents(&tenant).begin_sign_in(&token, level, &next))
        .await?;
    Ok(see_other(&url))
}

pub(super) async fn callback(
    req: HttpRequest,
    ctx: Ctx,
    mut session: ResidentSession,
) -> Result<HttpResponse, WebError> {
    let query = req.query_string().to_string();
    let token = session.0.clone();
    let (next, new_token) = ctx
        .run(move |app, tenant| {
            app.residents(&tenant)
                .finish_sign_in(token.as_deref(), &query)
        })
        .await?;
    session.replace(&req, new_token)?;
    Ok(see_other(&next))
}

pub(super) async fn sign_out(
    req: HttpRequest,
    ctx: Ctx,
    mut session: ResidentSession,
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    let token = session.0.clone();
    ctx.run(move |app, tenant| app.residents(&tenant).sign_out(token.as_deref()))
        .await?;
    session.renew(&req)?;
    Ok(see_other("/account?done=signed-out"))
}
