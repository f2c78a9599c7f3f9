//! `/account/reset` (ask for a link) and `/account/reset/{link}` (choose a new password).

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use madoguchi_app::AppError;
use madoguchi_core::{ErrorCode, Lang};

use super::form::{Credentials, FormPage, email_input, mail_sent, new_password_input};
use crate::error::{WebError, status_of};
use crate::extract::LinkToken;
use crate::extract::{CsrfToken, Ctx, FormBody, ResidentSession};
use crate::routes::{html, see_other};

fn reset_form(lang: Lang, csrf: String, email: &str) -> FormPage {
    let mut p = FormPage::new(
        lang,
        msg::web_resident_set_a_new_password::text(lang),
        "/account/reset",
        csrf,
    );
    p.back = Some("/account".into());
    p.intro = vec![msg::web_resident_enter_the_email_address_you::text(lang).into()];
    p.action = "/account/reset".into();
    p.fields = vec![email_input(lang, email)];
    p.button = msg::web_resident_send_the_link::text(lang).into();
    p
}

pub(super) async fn request_page(ctx: Ctx, csrf: CsrfToken) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    html(StatusCode::OK, &reset_form(lang, csrf.0, ""), lang)
}

pub(super) async fn send_link(
    ctx: Ctx,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let Credentials { email, .. } = body.parse()?;
    let e = email.clone();
    match ctx
        .call(move |app, tenant| app.residents(&tenant).request_password_reset(&e))
        .await?
    {
        Ok(()) => {
            let text = madoguchi_i18n::t!(lang, web_resident_password_reset_sent, email = &email);
            mail_sent(lang, csrf.0, text)
        }
        Err(AppError::Refused(code)) => {
            let page = reset_form(lang, csrf.0, &email).error_at(code, "email");
            html(status_of(code), &page, lang)
        }
        Err(e) => Err(WebError::from_app(e, lang)),
    }
}

fn new_password_form(lang: Lang, csrf: String, link: &str) -> FormPage {
    let mut p = FormPage::new(
        lang,
        msg::web_resident_your_new_password::text(lang),
        "/account/reset",
        csrf,
    );
    p.intro = vec![msg::web_resident_choose_your_new_password_other::text(lang).into()];
    p.action = format!("/account/reset/{link}");
    p.fields = vec![new_password_input(lang)];
    p.button = msg::web_resident_set_password::text(lang).into();
    p
}

pub(super) async fn new_password(
    ctx: Ctx,
    csrf: CsrfToken,
    link: web::Path<LinkToken>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let link = link.into_inner().into_inner();
    let l = link.clone();
    ctx.run(move |app, tenant| app.residents(&tenant).check_reset_link(&l))
        .await?;
    html(
        StatusCode::OK,
        &new_password_form(lang, csrf.0, &link),
        lang,
    )
}

pub(super) async fn set_password(
    req: HttpRequest,
    ctx: Ctx,
    mut session: ResidentSession,
    csrf: CsrfToken,
    link: web::Path<LinkToken>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let token = session.ensure(&req)?;
    let link = link.into_inner().into_inner();
    let Credentials { password, .. } = body.parse()?;
    let l = link.clone();
    match ctx
        .call(move |app, tenant| app.residents(&tenant).reset_password(&token, &l, &password))
        .await?
    {
        Ok(new_token) => {
            session.replace(&req, new_token)?;
            Ok(see_other("/account?done=reset"))
        }
        Err(AppError::Refused(ErrorCode::PasswordWeak)) => {
            let page = new_password_form(lang, csrf.0, &link)
                .error_at(ErrorCode::PasswordWeak, "password");
            html(StatusCode::UNPROCESSABLE_ENTITY, &page, lang)
        }
        Err(e) => Err(WebError::from_app(e, lang)),
    }
}
