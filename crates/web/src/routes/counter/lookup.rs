//! `/office/counter`: a clerk opens a visit by the resident's code.

use crate::msg;

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;
use madoguchi_app::AppError;
use madoguchi_core::ErrorCode;

use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::routes::{html, see_other};
use crate::views::office_page;
use crate::views::{ErrorLink, Page};

#[derive(Template)]
#[template(path = "office/counter.html")]
struct LookupPage {
    page: Page,
    csrf: String,
    value: String,
    errors: Vec<ErrorLink>,
}

fn lookup_form(
    ctx: &Ctx,
    clerk: &CurrentClerk,
    csrf: String,
    value: String,
    error: Option<ErrorCode>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let mut page = office_page(
        lang,
        msg::web_counter_counter_open_a_pre_entry::text(lang),
        "/office/counter",
        clerk,
        &csrf,
    );
    page.has_errors = error.is_some();
    let errors = error
        .map(|code| vec![ErrorLink::for_code(code, lang, "#code")])
        .unwrap_or_default();
    let status = error.map(crate::error::status_of).unwrap_or(StatusCode::OK);
    html(
        status,
        &LookupPage {
            page,
            csrf,
            value,
            errors,
        },
        lang,
    )
}

pub(super) async fn lookup_page(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
) -> Result<HttpResponse, WebError> {
    if !clerk.clerk.is_case_worker() {
        return Err(WebError::new(ErrorCode::Forbidden, ctx.lang));
    }
    lookup_form(&ctx, &clerk, csrf.0, String::new(), None)
}

/// The code the resident shows (typed, or read from the QR code).
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct CodeInput {
    code: String,
}

pub(super) async fn lookup(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let code = body.parse::<CodeInput>()?.code.trim().to_string();
    let (c, typed) = (clerk.clerk.clone(), code.clone());
    match ctx
        .call(move |app, tenant| app.counter(&tenant).open_code(&c, &typed))
        .await?
    {
        Ok(id) => Ok(see_other(&format!("/office/counter/{id}"))),
        Err(AppError::Refused(e)) => lookup_form(&ctx, &clerk, csrf.0, code, Some(e)),
        Err(AppError::NotFound) => lookup_form(
            &ctx,
            &clerk,
            csrf.0,
            code,
            Some(ErrorCode::CounterCodeInvalid),
        )
        .map(|mut r| {
            *r.status_mut() = StatusCode::NOT_FOUND;
            r
        }),
        Err(e) => Err(WebError::from_app(e, ctx.lang)),
    }
}
