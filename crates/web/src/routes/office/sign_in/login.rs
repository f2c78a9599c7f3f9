//! Staff sign-in: `/office` (where a member of staff starts), the password, and
//! signing out.

use crate::msg;

use actix_web::cookie::SameSite;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;
use madoguchi_app::AppError;
use madoguchi_core::{ErrorCode, Lang};

use crate::cookies;
use crate::error::{WebError, status_of};
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody, ReaderLang, client_address};
use crate::routes::{html, see_other};
use crate::views::Page;

/// Where a signed-in member of staff starts.
pub(super) fn home_of(role: madoguchi_workflow::Role) -> &'static str {
    match role {
        madoguchi_workflow::Role::Administrator => "/office/admin/staff",
        madoguchi_workflow::Role::Author => "/office/authoring",
        _ => "/office/queue",
    }
}

pub(super) async fn office_home(clerk: Option<CurrentClerk>) -> HttpResponse {
    see_other(match clerk {
        Some(c) => home_of(c.clerk.role),
        None => "/office/login",
    })
}

#[derive(Template)]
#[template(path = "office/login.html")]
struct LoginPage {
    page: Page,
    csrf: String,
    login: String,
    error: Option<String>,
}

fn login_view(lang: Lang, csrf: String, login: String, error: Option<String>) -> LoginPage {
    let mut page = Page::staff_sign_in(
        lang,
        msg::web_office_staff_sign_in::text(lang),
        "/office/login",
    );
    page.has_errors = error.is_some();
    LoginPage {
        page,
        csrf,
        login,
        error,
    }
}

pub(super) async fn login_page(
    lang: ReaderLang,
    csrf: CsrfToken,
) -> Result<HttpResponse, WebError> {
    html(
        StatusCode::OK,
        &login_view(lang.0, csrf.0, String::new(), None),
        lang.0,
    )
}

pub(super) fn problem(code: ErrorCode, lang: Lang) -> String {
    let (title, todo) = code.message(lang);
    format!("{title}: {todo}")
}

/// The sign-in form.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct LoginInput {
    login: String,
    password: String,
}

/// The password. A right one starts a session that still needs the second factor.
pub(super) async fn login(
    req: HttpRequest,
    ctx: Ctx,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let LoginInput { login, password } = body.parse()?;
    let (l, address) = (login.clone(), client_address(&req));
    match ctx
        .call(move |app, tenant| app.staff(&tenant).login(&l, &password, &address))
        .await?
    {
        Ok(session) => with_clerk_cookie(&ctx, "/office/login/code", session.token),
        Err(e @ (AppError::LoginFailed | AppError::TooManyAttempts)) => {
            let view = login_view(lang, csrf.0, login, Some(problem(e.code(), lang)));
            html(status_of(e.code()), &view, lang)
        }
        Err(e) => Err(WebError::from_app(e, lang)),
    }
}

pub(super) async fn logout(
    ctx: Ctx,
    clerk: CurrentClerk,
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    let token = clerk.token.clone();
    ctx.run(move |app, tenant| app.staff(&tenant).logout(&token))
        .await?;
    let mut res = see_other("/office/login");
    res.add_cookie(&cookies::removal(cookies::CLERK, ctx.secure_cookies))
        .map_err(|e| WebError::internal(e, ctx.lang))?;
    Ok(res)
}

/// A redirect to `to` that gives the browser the clerk session `token` (a new one at each
/// sign-in step: the pending session after the password, the full one after the code).
pub(super) fn with_clerk_cookie(
    ctx: &Ctx,
    to: &str,
    token: String,
) -> Result<HttpResponse, WebError> {
    let mut res = see_other(to);
    let cookie = cookies::build(
        cookies::CLERK,
        token,
        ctx.secure_cookies,
        SameSite::Strict,
        None,
    );
    res.add_cookie(&cookie)
        .map_err(|e| WebError::internal(e, ctx.lang))?;
    Ok(res)
}
