//! "Withdraw this application?" from the correction link.

use crate::msg;

use actix_web::{HttpResponse, web};
use madoguchi_app::AppError;

use crate::error::WebError;
use crate::extract::LinkToken;
use crate::extract::{CsrfToken, Ctx, FormBody};
use crate::routes::resident::applications::{WithdrawInput, WithdrawView};
use crate::routes::see_other;
use crate::views::Page;

pub(super) async fn confirm_withdrawal(
    ctx: Ctx,
    csrf: CsrfToken,
    token: web::Path<LinkToken>,
) -> Result<HttpResponse, WebError> {
    withdrawal_page(ctx, csrf.0, token.into_inner().into_inner(), false).await
}

async fn withdrawal_page(
    ctx: Ctx,
    csrf: String,
    token: String,
    unconfirmed: bool,
) -> Result<HttpResponse, WebError> {
    let t = token.clone();
    let c = ctx
        .run(move |app, tenant| app.filing(&tenant).correction(&t))
        .await?;
    if !c.can_withdraw {
        return Err(WebError::from_app(AppError::InvalidTransition, ctx.lang));
    }
    let mut page = Page::new(
        ctx.lang,
        msg::web_resident_withdraw_the_application::text(ctx.lang),
        "/corrections",
    );
    page.has_errors = unconfirmed;
    WithdrawView {
        title: c.procedure_title.get(ctx.lang).to_string(),
        arrival_number: c.arrival_number.to_string(),
        action: format!("/corrections/{token}/withdraw"),
        back: format!("/corrections/{token}"),
        page,
        csrf,
        unconfirmed,
    }
    .respond(ctx.lang)
}

pub(super) async fn withdraw(
    ctx: Ctx,
    csrf: CsrfToken,
    token: web::Path<LinkToken>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let token = token.into_inner().into_inner();
    if !body.parse::<WithdrawInput>()?.confirmed() {
        // Not confirmed: the question again, saying what to do.
        return withdrawal_page(ctx, csrf.0, token, true).await;
    }
    let t = token.clone();
    ctx.run(move |app, tenant| app.filing(&tenant).withdraw_by_correction(&t))
        .await?;
    Ok(see_other(&format!("/corrections/{token}")))
}
