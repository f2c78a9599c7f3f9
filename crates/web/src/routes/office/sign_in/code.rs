//! `/office/login/code`: the second factor (and enrolling an authenticator the first time).

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;
use madoguchi_app::{AppError, staff::Enrolment, staff::SignInStep};

use super::login::{home_of, problem};
use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, FormBody, PendingClerk, client_address};
use crate::routes::{html, see_other};
use crate::views::Page;

#[derive(Template)]
#[template(path = "office/code.html")]
struct CodePage {
    page: Page,
    csrf: String,
    name: String,
    enrol: Option<Enrolment>,
    qr: String,
    demo_code: Option<String>,
    error: Option<String>,
}

pub(super) async fn code_page(
    ctx: Ctx,
    pending: PendingClerk,
    csrf: String,
    error: Option<String>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let (token, clerk) = (pending.token.clone(), pending.clerk.clone());
    let enrol = match pending.next {
        SignInStep::Enrol => Some(ctx.run(move |app, _| app.enrolment(&token)).await?),
        SignInStep::Code => None,
    };
    let qr = enrol
        .as_ref()
        .map(|e| crate::qr::svg(&e.uri))
        .transpose()
        .map_err(|e| WebError::internal(e, lang))?
        .unwrap_or_default();
    let demo_code = ctx.run(move |app, _| Ok(app.demo_code(&clerk))).await?;
    let mut page = Page::new(
        lang,
        msg::web_office_enter_your_code::text(lang),
        "/office/login/code",
    );
    page.has_errors = error.is_some();
    let status = if error.is_some() {
        StatusCode::UNAUTHORIZED
    } else {
        StatusCode::OK
    };
    let view = CodePage {
        page,
        csrf,
        name: format!(
            "{}({})",
            pending.clerk.display_name,
            pending.clerk.department_name.get(lang)
        ),
        enrol,
        qr,
        demo_code,
        error,
    };
    html(status, &view, lang)
}

pub(super) async fn show_code(
    ctx: Ctx,
    pending: PendingClerk,
    csrf: CsrfToken,
) -> Result<HttpResponse, WebError> {
    code_page(ctx, pending, csrf.0, None).await
}

/// The code from the authenticator.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct CodeInput {
    code: String,
}

/// The second factor. Right: the session becomes usable; wrong: the page again.
pub(super) async fn verify_code(
    req: HttpRequest,
    ctx: Ctx,
    pending: PendingClerk,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let CodeInput { code } = body.parse()?;
    let (token, address) = (pending.token.clone(), client_address(&req));
    match ctx
        .call(move |app, _| app.verify_code(&token, &code, &address))
        .await?
    {
        Ok(clerk) => Ok(see_other(home_of(clerk.role))),
        Err(e @ (AppError::CodeInvalid | AppError::TooManyAttempts)) => {
            code_page(ctx, pending, csrf.0, Some(problem(e.code(), lang))).await
        }
        Err(e) => Err(WebError::from_app(e, lang)),
    }
}
