//! `/session/keep`: "keep me signed in", from the timeout warning.

use actix_web::{HttpRequest, HttpResponse};

use super::form::next_of;
use crate::error::WebError;
use crate::extract::{Ctx, FormBody, ResidentSession};
use crate::routes::see_other;

/// The warning's form: the page to come back to without JavaScript.
#[derive(serde::Deserialize)]
pub(super) struct KeepInput {
    next: Option<String>,
}

/// What a script gets back: whether the sign-in goes on, and until when.
#[derive(serde::Serialize)]
struct Kept {
    signed_in: bool,
    until: Option<String>,
}

/// With JavaScript (`fetch`), the new end as JSON; without, back to the page the form was
/// on.
pub(super) async fn keep_signed_in(
    req: HttpRequest,
    ctx: Ctx,
    session: ResidentSession,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let token = session.0;
    let input: KeepInput = body.parse()?;
    let back = next_of(input.next.as_deref());
    let until = ctx
        .run(move |app, tenant| app.residents(&tenant).keep_signed_in(token.as_deref()))
        .await?;
    let wants_json = req
        .headers()
        .get(actix_web::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"));
    if wants_json {
        return Ok(HttpResponse::Ok()
            .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
            .json(Kept {
                signed_in: until.is_some(),
                until: until.map(|u| u.to_rfc3339()),
            }));
    }
    Ok(see_other(&back))
}
