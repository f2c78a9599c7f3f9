//! Continuing a draft elsewhere: "email me a link" (from `/my`) and the emailed link.

use actix_web::{HttpRequest, HttpResponse, web};
use madoguchi_app::AppError;
use madoguchi_core::ErrorCode;
use madoguchi_core::ProcedureId;

use crate::error::WebError;
use crate::extract::LinkToken;
use crate::extract::{CsrfToken, Ctx, FormBody, ResidentSession};
use crate::routes::resident::applications::my_page;
use crate::routes::see_other;

/// "Email me a link to continue" for one draft.
/// The address the link goes to.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct ResumeLinkInput {
    email: String,
}

pub(super) async fn email_resume_link(
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    id: web::Path<ProcedureId>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let pid = id.into_inner();
    let ResumeLinkInput { email } = body.parse()?;
    let (token, p, e) = (session.0.clone(), pid.clone(), email.clone());
    match ctx
        .call(move |app, tenant| {
            app.filing(&tenant)
                .email_resume_link(token.as_deref(), &p, &e)
        })
        .await?
    {
        Ok(()) => Ok(see_other(&format!("/my?sent={pid}"))),
        Err(AppError::Refused(ErrorCode::EmailInvalid)) => {
            my_page(ctx, session.0, csrf.0, Some((pid, email)), None).await
        }
        Err(e) => Err(WebError::from_app(e, ctx.lang)),
    }
}

/// The emailed link: the draft continues in this browser.
pub(super) async fn resume(
    req: HttpRequest,
    ctx: Ctx,
    mut session: ResidentSession,
    link: web::Path<LinkToken>,
) -> Result<HttpResponse, WebError> {
    let token = session.ensure(&req)?;
    let link = link.into_inner().into_inner();
    let pid = ctx
        .run(move |app, tenant| app.filing(&tenant).resume_draft(&token, &link))
        .await?;
    Ok(see_other(&format!("/p/{pid}/check")))
}
