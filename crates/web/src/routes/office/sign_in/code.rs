//! `/office/login/code`: the second factor (and enrolling an authenticator the first time).

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;
use madoguchi_app::{AppError, staff::Enrolment, staff::SignInStep};

use super::login::{home_of, problem, with_clerk_cookie};
use crate::error::{WebError, status_of};
use crate::extract::{CsrfToken, Ctx, FormBody, PendingClerk, client_address};
use crate::routes::html;
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
    error: Option<(String, StatusCode)>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let (error, status) = match error {
        Some((text, status)) => (Some(text), status),
        None => (None, StatusCode::OK),
    };
    let (token, clerk) = (pending.token.clone(), pending.clerk.clone());
    let enrol = match pending.next {
        SignInStep::Enrol => Some(
            ctx.run(move |app, tenant| app.staff(&tenant).enrolment(&token))
                .await?,
        ),
        SignInStep::Code => None,
    };
    let qr = enrol
        .as_ref()
        .map(|e| crate::qr::svg(&e.uri))
        .transpose()
        .map_err(|e| WebError::internal(e, lang))?
        .unwrap_or_default();
    let demo_code = ctx
        .run(move |app, tenant| Ok(app.staff(&tenant).demo_code(&clerk)))
        .await?;
    let mut page = Page::staff_sign_in(
        lang,
        msg::web_office_enter_your_code::text(lang),
        "/office/login/code",
    );
    page.has_errors = error.is_some();
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

/// The second factor. Right: the browser gets the signed-in session's new token; wrong:
/// the page again (401, or 429 with `Retry-After` while attempts are paused).
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
        .call(move |app, tenant| app.staff(&tenant).verify_code(&token, &code, &address))
        .await?
    {
        Ok(signed_in) => with_clerk_cookie(&ctx, home_of(signed_in.clerk.role), signed_in.token),
        Err(e @ (AppError::CodeInvalid | AppError::TooManyAttempts)) => {
            let error = (problem(e.code(), lang), status_of(e.code()));
            code_page(ctx, pending, csrf.0, Some(error)).await
        }
        Err(e) => Err(WebError::from_app(e, lang)),
    }
}
