//! `/account`: who is signed in, or the sign-in form; and signing in with a password.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use madoguchi_app::AppError;
use madoguchi_core::{Lang, jst};
use madoguchi_forms::definition::IdentityLevel;

use super::form::{
    AccountQuery, Credentials, FormPage, Input, done_notice, email_input, new_password_input,
    next_of, urlencode,
};
use crate::error::{WebError, status_of};
use crate::extract::{CsrfToken, Ctx, FormBody, ResidentSession, client_address};
use crate::routes::{html, see_other};
use crate::views::Page;

fn sign_in_form(lang: Lang, csrf: String, next: String, email: &str) -> FormPage {
    let mut p = FormPage::new(lang, lang.pick("ログイン", "Sign in"), "/account", csrf);
    p.intro = vec![
        lang.pick(
            "利用者登録をしたメールアドレスとパスワードでログインします。ログインしなくても申請できる手続もあります。",
            "Sign in with the email address and password you registered. Some procedures can be filed without signing in.",
        )
        .into(),
    ];
    p.action = "/account/sign-in".into();
    p.next = next.clone();
    p.fields = vec![
        email_input(lang, email),
        Input {
            autocomplete: "current-password",
            hint: "",
            ..new_password_input(lang)
        },
    ];
    p.button = lang.pick("ログインする", "Sign in").into();
    p.links = vec![
        (
            format!("/account/new?next={}", urlencode(&next)),
            lang.pick("はじめての方(利用者登録)", "New here? Create an account")
                .into(),
        ),
        (
            "/account/reset".into(),
            lang.pick("パスワードを忘れた方", "Forgot your password?")
                .into(),
        ),
    ];
    p
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    page: Page,
    notice: Option<String>,
    level: String,
    email: Option<String>,
    until: String,
    csrf: String,
}

/// Who is signed in, or the sign-in form.
pub(super) async fn show(
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    query: web::Query<AccountQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let token = session.0;
    let (signed_in, account) = ctx
        .run(move |app, tenant| {
            Ok((
                app.identity(&tenant, token.as_deref())?,
                app.account_of_session(&tenant, token.as_deref())?,
            ))
        })
        .await?;
    let notice = done_notice(lang, query.done);
    let Some(signed_in) = signed_in else {
        let mut p = sign_in_form(lang, csrf.0, next_of(query.next.as_deref()), "");
        p.notice = notice;
        return html(StatusCode::OK, &p, lang);
    };
    let level = match signed_in.level {
        IdentityLevel::MyNumberCard => lang.pick(
            "マイナンバーカードで確認済み",
            "Confirmed with your My Number Card",
        ),
        _ => lang.pick("アカウントでログイン", "Signed in with an account"),
    };
    html(
        StatusCode::OK,
        &AccountPage {
            page: Page::new(lang, lang.pick("アカウント", "Account"), "/account"),
            notice,
            level: level.into(),
            email: account.map(|a| a.email),
            until: jst::format_datetime(signed_in.until, lang),
            csrf: csrf.0,
        },
        lang,
    )
}

pub(super) async fn sign_in(
    req: HttpRequest,
    ctx: Ctx,
    mut session: ResidentSession,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let token = session.ensure(&req)?;
    let Credentials {
        email,
        password,
        next,
    } = body.parse()?;
    let next = next_of(next.as_deref());
    let address = client_address(&req);
    let e = email.clone();
    match ctx
        .call(move |app, tenant| app.account_sign_in(&tenant, &token, &e, &password, &address))
        .await?
    {
        Ok(new_token) => {
            session.replace(&req, new_token)?;
            Ok(see_other(&next))
        }
        Err(AppError::Refused(code)) => {
            let page = sign_in_form(lang, csrf.0, next, &email).error_at(code, "email");
            html(status_of(code), &page, lang)
        }
        Err(e) => Err(WebError::from_app(e, lang)),
    }
}
