//! `/account/new` (register) and `/account/verify/{link}` (the emailed confirmation).

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use madoguchi_app::AppError;
use madoguchi_core::{ErrorCode, Lang};

use super::form::{
    AccountQuery, Credentials, FormPage, email_input, mail_sent, new_password_input, next_of,
    urlencode,
};
use crate::error::{WebError, status_of};
use crate::extract::LinkToken;
use crate::extract::{CsrfToken, Ctx, FormBody, ResidentSession};
use crate::routes::{html, see_other};

fn register_form(lang: Lang, csrf: String, next: String, email: &str) -> FormPage {
    let mut p = FormPage::new(
        lang,
        msg::web_resident_create_an_account::text(lang),
        "/account/new",
        csrf,
    );
    p.back = Some("/account".into());
    p.intro = vec![msg::web_resident_choose_your_email_address_and_a::text(lang).into()];
    p.action = "/account/new".into();
    p.next = next;
    p.fields = vec![email_input(lang, email), new_password_input(lang)];
    p.button = msg::web_resident_create_account::text(lang).into();
    p
}

pub(super) async fn show(
    ctx: Ctx,
    csrf: CsrfToken,
    query: web::Query<AccountQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let page = register_form(lang, csrf.0, next_of(query.next.as_deref()), "");
    html(StatusCode::OK, &page, lang)
}

pub(super) async fn register(
    req: HttpRequest,
    ctx: Ctx,
    mut session: ResidentSession,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    // The link remembers this browser: confirming from it signs it in.
    let token = session.ensure(&req)?;
    let Credentials {
        email,
        password,
        next,
    } = body.parse()?;
    let next = next_of(next.as_deref());
    let (e, n) = (email.clone(), next.clone());
    match ctx
        .call(move |app, tenant| {
            app.residents(&tenant)
                .register_account(&e, &password, &n, Some(&token))
        })
        .await?
    {
        Ok(()) => {
            let text =
                madoguchi_i18n::t!(lang, web_resident_account_confirmation_sent, email = &email);
            mail_sent(lang, csrf.0, text)
        }
        Err(AppError::Refused(code)) => {
            let at = if code == ErrorCode::PasswordWeak {
                "password"
            } else {
                "email"
            };
            let page = register_form(lang, csrf.0, next, &email).error_at(code, at);
            html(status_of(code), &page, lang)
        }
        Err(e) => Err(WebError::from_app(e, lang)),
    }
}

/// The emailed confirmation link: a page with a button (a mail scanner opening the link
/// confirms nothing).
pub(super) async fn confirm_page(
    ctx: Ctx,
    csrf: CsrfToken,
    link: web::Path<LinkToken>,
    query: web::Query<AccountQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let link = link.into_inner().into_inner();
    let l = link.clone();
    ctx.run(move |app, tenant| app.residents(&tenant).check_verify_link(&l))
        .await?;
    let mut p = FormPage::new(
        lang,
        msg::web_resident_confirm_your_email_address::text(lang),
        "/account",
        csrf.0,
    );
    p.intro = vec![msg::web_resident_press_confirm_to_finish::text(lang).into()];
    p.action = format!("/account/verify/{link}");
    p.next = next_of(query.next.as_deref());
    p.button = msg::web_resident_confirm::text(lang).into();
    html(StatusCode::OK, &p, lang)
}

/// The confirmation button: where to go after signing in.
#[derive(serde::Deserialize)]
pub(super) struct VerifyInput {
    next: Option<String>,
}

/// Confirms the address. In the browser that registered, that signs it in and leads
/// straight on to where the resident was; elsewhere, on to the sign-in first.
pub(super) async fn verify(
    req: HttpRequest,
    ctx: Ctx,
    mut session: ResidentSession,
    link: web::Path<LinkToken>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let input: VerifyInput = body.parse()?;
    let link = link.into_inner().into_inner();
    let token = session.0.clone();
    let signed_in = ctx
        .run(move |app, tenant| {
            app.residents(&tenant)
                .verify_account(&link, token.as_deref())
        })
        .await?;
    let next = next_of(input.next.as_deref());
    if let Some(new_token) = signed_in {
        session.replace(&req, new_token)?;
        if next == "/my" {
            return Ok(see_other("/account?done=verified"));
        }
        return Ok(see_other(&next));
    }
    if next == "/my" {
        return Ok(see_other("/account?done=verified"));
    }
    Ok(see_other(&format!(
        "/account?done=verified&next={}",
        urlencode(&next)
    )))
}
