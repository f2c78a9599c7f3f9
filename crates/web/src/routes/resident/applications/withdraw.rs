//! Withdrawing (取下げ) from the receipt, with a confirmation step; the page is shared
//! with withdrawal from a correction link.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::AppError;
use madoguchi_core::Lang;

use crate::error::WebError;
use crate::extract::ArrivalKey;
use crate::extract::{CsrfToken, Ctx, FormBody, ResidentSession};
use crate::routes::{html, see_other};
use crate::views::Page;

/// "Withdraw this application?" — from the receipt or the correction link.
#[derive(Template)]
#[template(path = "withdraw.html")]
pub(crate) struct WithdrawView {
    pub page: Page,
    pub title: String,
    pub arrival_number: String,
    /// Where the form posts, and the back link.
    pub action: String,
    pub back: String,
    pub csrf: String,
    /// Sent without ticking the confirmation.
    pub unconfirmed: bool,
}

impl WithdrawView {
    /// The page, 422 when sent back unconfirmed.
    pub(crate) fn respond(self, lang: Lang) -> Result<HttpResponse, WebError> {
        let status = if self.unconfirmed {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        };
        html(status, &self, lang)
    }
}

/// The confirmation box: ticked, it sends `confirm=yes`.
#[derive(serde::Deserialize)]
pub(crate) struct WithdrawInput {
    confirm: Option<Confirm>,
}

#[derive(serde::Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Confirm {
    Yes,
    #[serde(other)]
    Other,
}

impl WithdrawInput {
    pub(crate) fn confirmed(&self) -> bool {
        self.confirm == Some(Confirm::Yes)
    }
}

async fn withdrawal_page(
    ctx: Ctx,
    token: Option<String>,
    csrf: String,
    number: String,
    unconfirmed: bool,
) -> Result<HttpResponse, WebError> {
    let n = number.clone();
    let view = ctx
        .run(move |app, tenant| app.filing(&tenant).application(token.as_deref(), &n))
        .await?;
    if !view.can_withdraw {
        return Err(WebError::from_app(AppError::InvalidTransition, ctx.lang));
    }
    let mut page = Page::new(
        ctx.lang,
        msg::web_resident_withdraw_the_application::text(ctx.lang),
        format!("/receipts/{number}/withdraw"),
    );
    page.has_errors = unconfirmed;
    WithdrawView {
        title: view.receipt.procedure_title.get(ctx.lang).to_string(),
        arrival_number: number.clone(),
        action: format!("/receipts/{number}/withdraw"),
        back: format!("/receipts/{number}"),
        page,
        csrf,
        unconfirmed,
    }
    .respond(ctx.lang)
}

pub(super) async fn confirm_withdrawal(
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    number: web::Path<ArrivalKey>,
) -> Result<HttpResponse, WebError> {
    withdrawal_page(
        ctx,
        session.0,
        csrf.0,
        number.into_inner().into_inner(),
        false,
    )
    .await
}

/// Withdraws (取下げ) from the receipt, in the browser that filed it, after the
/// confirmation box is ticked.
pub(super) async fn withdraw(
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    number: web::Path<ArrivalKey>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let number = number.into_inner().into_inner();
    if !body.parse::<WithdrawInput>()?.confirmed() {
        return withdrawal_page(ctx, session.0, csrf.0, number, true).await;
    }
    let (token, n) = (session.0, number.clone());
    ctx.run(move |app, tenant| {
        app.filing(&tenant)
            .withdraw_by_receipt(token.as_deref(), &n)
    })
    .await?;
    Ok(see_other(&format!("/receipts/{number}")))
}
