//! Publishing (or sending for approval), retiring, and publishing an earlier version again.

use actix_web::{HttpResponse, web};
use madoguchi_app::{AppError, authoring::Publication};
use madoguchi_core::ProcedureId;

use super::edit::edit_page;
use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::routes::see_other;

/// A publication's change note, and the version (`number`) when an earlier one is
/// published again.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct PublishInput {
    note: String,
    number: Option<String>,
}

pub(super) async fn publish(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<ProcedureId>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let PublishInput { note, .. } = body.parse()?;
    let (c, pid) = (clerk.clerk.clone(), id.into_inner());
    let p = pid.clone();
    match ctx
        .call(move |app, tenant| app.authoring(&tenant).publish_procedure(&c, &p, &note))
        .await?
    {
        Ok(Publication::Published(n)) => {
            Ok(see_other(&format!("/office/authoring/{pid}?published={n}")))
        }
        Ok(Publication::AwaitingApproval) => {
            Ok(see_other(&format!("/office/authoring/{pid}?sent=1")))
        }
        Err(AppError::Refused(code)) => {
            let c = clerk.clerk.clone();
            let draft = ctx
                .run(move |app, tenant| app.authoring(&tenant).procedure_draft(&c, &pid))
                .await?;
            edit_page(lang, &clerk, csrf.0, draft, None, Some(code))
        }
        Err(e) => Err(WebError::from_app(e, lang)),
    }
}

/// Why the procedure closes to new filings.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct RetireInput {
    reason: String,
}

pub(super) async fn retire(
    ctx: Ctx,
    clerk: CurrentClerk,
    id: web::Path<ProcedureId>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let RetireInput { reason } = body.parse()?;
    let (c, pid) = (clerk.clerk.clone(), id.into_inner());
    let p = pid.clone();
    ctx.run(move |app, tenant| app.authoring(&tenant).retire_procedure(&c, &p, &reason))
        .await?;
    Ok(see_other(&format!("/office/authoring/{pid}?retired=1")))
}

pub(super) async fn republish(
    ctx: Ctx,
    clerk: CurrentClerk,
    id: web::Path<ProcedureId>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let PublishInput { note, number } = body.parse()?;
    let number: i32 = number
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| ctx.not_found())?;
    let (c, pid) = (clerk.clerk.clone(), id.into_inner());
    let p = pid.clone();
    let n = ctx
        .run(move |app, tenant| {
            app.authoring(&tenant)
                .republish_procedure(&c, &p, number, &note)
        })
        .await?;
    Ok(see_other(&format!("/office/authoring/{pid}?published={n}")))
}
