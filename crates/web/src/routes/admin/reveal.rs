//! A My Number in full, once, for the reason given (logged).

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

use super::common::admin_page;
use crate::error::WebError;
use crate::extract::RecordKey;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::routes::html;
use crate::views::Page;

#[derive(Template)]
#[template(path = "office/reveal.html")]
struct RevealView {
    page: Page,
    id: String,
    number: String,
}

/// Which My Number to show, and why.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct RevealInput {
    field: String,
    reason: String,
}

/// A My Number in full, once, for the reason given (logged).
pub(super) async fn reveal(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<RecordKey>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let id = id.into_inner().into_inner();
    let (c, i) = (clerk.clerk.clone(), id.clone());
    let RevealInput { field, reason } = body.parse()?;
    let number = ctx
        .run(move |app, tenant| {
            app.review(&tenant)
                .reveal_my_number(&c, &i, &field, &reason)
        })
        .await?;
    let page = admin_page(
        lang,
        msg::web_admin_my_number_reveal::text(lang),
        &format!("/office/submissions/{id}"),
        &clerk,
        &csrf.0,
    );
    html(StatusCode::OK, &RevealView { page, id, number }, lang)
}
