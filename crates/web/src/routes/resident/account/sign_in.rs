//! `/account`: who is signed in, or the sign-in form; and signing in with a password.

use crate::msg;

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
use crate::views::{AnswerSection, Page, answer_sections};

fn sign_in_form(lang: Lang, csrf: String, next: String, email: &str) -> FormPage {
    let mut p = FormPage::new(lang, msg::web_common_sign_in::text(lang), "/account", csrf);
    p.intro = vec![msg::web_resident_sign_in_with_the_email_address::text(lang).into()];
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
    p.button = msg::web_resident_sign_in::text(lang).into();
    p.links = vec![
        (
            format!("/account/new?next={}", urlencode(&next)),
            msg::web_resident_new_here_create_an_account::text(lang).into(),
        ),
        (
            "/account/reset".into(),
            msg::web_resident_forgot_your_password::text(lang).into(),
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
    /// The details kept to fill in forms, as the check page lists answers.
    details: Vec<AnswerSection>,
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
    let (signed_in, account, profile) = ctx
        .run(move |app, tenant| {
            Ok((
                app.residents(&tenant).identity(token.as_deref())?,
                app.residents(&tenant)
                    .account_of_session(token.as_deref())?,
                app.residents(&tenant).profile(token.as_deref())?,
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
        IdentityLevel::MyNumberCard => msg::web_resident_confirmed_with_your_my_number::text(lang),
        _ => msg::web_resident_signed_in_with_an_account::text(lang),
    };
    html(
        StatusCode::OK,
        &AccountPage {
            page: Page::new(lang, msg::web_resident_account::text(lang), "/account"),
            notice,
            level: level.into(),
            email: account.map(|a| a.email),
            until: jst::format_datetime(signed_in.until, lang),
            csrf: csrf.0,
            details: profile
                .filter(|p| !p.is_empty())
                .map(|p| answer_sections(&p.form, &p.data, lang, None))
                .unwrap_or_default(),
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
        .call(move |app, tenant| {
            app.residents(&tenant)
                .account_sign_in(&token, &e, &password, &address)
        })
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
