//! Residents' accounts: `/account` (sign in, or who is signed in), `/account/new`
//! (register), `/account/verify/{link}` (the emailed confirmation), `/account/reset` and
//! `/account/reset/{link}` (a new password by emailed link), and `/session/keep` ("keep me
//! signed in", from the timeout warning).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use madoguchi_app::AppError;
use madoguchi_core::{ErrorCode, Lang, jst};
use madoguchi_forms::definition::IdentityLevel;

use super::{html, resource, see_other};
use crate::error::{WebError, status_of};
use crate::extract::{CsrfToken, Ctx, FormBody, ResidentSession, client_address};
use crate::views::{ErrorLink, Page};

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/account").route(web::get().to(account)))
        .service(resource("/account/sign-in").route(web::post().to(sign_in)))
        .service(
            resource("/account/new")
                .route(web::get().to(new_account))
                .route(web::post().to(register)),
        )
        .service(
            resource("/account/verify/{link}")
                .route(web::get().to(confirm_page))
                .route(web::post().to(verify)),
        )
        .service(
            resource("/account/reset")
                .route(web::get().to(reset_request))
                .route(web::post().to(send_reset)),
        )
        .service(
            resource("/account/reset/{link}")
                .route(web::get().to(new_password))
                .route(web::post().to(set_password)),
        )
        .service(resource("/session/keep").route(web::post().to(keep_signed_in)));
}

/// One input of an account form.
struct Input {
    id: &'static str,
    name: &'static str,
    kind: &'static str,
    label: &'static str,
    hint: &'static str,
    autocomplete: &'static str,
    value: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "account_form.html")]
struct FormPage {
    page: Page,
    back: Option<String>,
    notice: Option<String>,
    heading: String,
    intro: Vec<String>,
    action: String,
    csrf: String,
    next: String,
    fields: Vec<Input>,
    button: String,
    links: Vec<(String, String)>,
    errors: Vec<ErrorLink>,
}

impl FormPage {
    fn new(lang: Lang, heading: &str, path: &str, csrf: String) -> Self {
        FormPage {
            page: Page::new(lang, heading, path),
            back: None,
            notice: None,
            heading: heading.into(),
            intro: Vec::new(),
            action: String::new(),
            csrf,
            next: String::new(),
            fields: Vec::new(),
            button: String::new(),
            links: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// Shows `code`'s message at the input `id` and in the summary.
    fn error_at(mut self, code: ErrorCode, id: &str) -> Self {
        let lang = self.page.lang;
        let (title, todo) = code.message(lang);
        if let Some(f) = self.fields.iter_mut().find(|f| f.id == id) {
            f.error = Some(format!("{title}: {todo}"));
        }
        self.errors
            .push(ErrorLink::for_code(code, lang, format!("#{id}")));
        self.page.has_errors = true;
        self
    }
}

fn email_input(lang: Lang, value: &str) -> Input {
    Input {
        id: "email",
        name: "email",
        kind: "email",
        label: lang.pick("メールアドレス", "Email address"),
        hint: "",
        autocomplete: "email",
        value: value.into(),
        error: None,
    }
}

fn new_password_input(lang: Lang) -> Input {
    Input {
        id: "password",
        name: "password",
        kind: "password",
        label: lang.pick("パスワード", "Password"),
        hint: lang.pick(
            "12文字以上。覚えやすい文章のようなものがおすすめです(例: あおばどおりのけやき 2026)。記号や大文字は必要ありません。",
            "12 characters or more. A phrase you can remember works well. Symbols and capitals are not required.",
        ),
        autocomplete: "new-password",
        value: String::new(),
        error: None,
    }
}

/// A return path on this site only.
fn next_of(raw: Option<&str>) -> String {
    raw.filter(|p| madoguchi_core::is_local_path(p))
        .unwrap_or("/my")
        .to_string()
}

#[derive(serde::Deserialize)]
struct AccountQuery {
    next: Option<String>,
    /// `verified`, `reset` or `signed-out`: a line saying what just happened.
    done: Option<String>,
}

fn done_notice(lang: Lang, done: Option<&str>) -> Option<String> {
    match done? {
        "verified" => Some(lang.pick(
            "メールアドレスを確認しました。ログインしてください。",
            "Your email address is confirmed. Please sign in.",
        )),
        "reset" => Some(lang.pick(
            "新しいパスワードを設定しました。ほかの端末でのログインは終了しました。",
            "Your new password is set; other devices were signed out.",
        )),
        "signed-out" => Some(lang.pick(
            "ログアウトしました。このブラウザの入力途中の内容と申請の状況は、もう表示されません。",
            "You are signed out. This browser no longer shows your drafts or applications.",
        )),
        _ => None,
    }
    .map(str::to_string)
}

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

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)])
        .map(|e| e.trim_start_matches('=').to_string())
        .unwrap_or_default()
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
async fn account(
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
    let notice = done_notice(lang, query.done.as_deref());
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

async fn sign_in(
    req: HttpRequest,
    ctx: Ctx,
    mut session: ResidentSession,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let token = session.ensure(&req)?;
    let email = body.get("email").unwrap_or_default().to_string();
    let password = body.get("password").unwrap_or_default().to_string();
    let next = next_of(body.get("next"));
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

fn register_form(lang: Lang, csrf: String, next: String, email: &str) -> FormPage {
    let mut p = FormPage::new(
        lang,
        lang.pick("利用者登録", "Create an account"),
        "/account/new",
        csrf,
    );
    p.back = Some("/account".into());
    p.intro = vec![
        lang.pick(
            "メールアドレスとパスワードを決めてください。登録したメールアドレスに確認のリンクをお送りします。リンクを開くと登録が終わります。",
            "Choose your email address and a password. We email you a link: opening it finishes the registration.",
        )
        .into(),
    ];
    p.action = "/account/new".into();
    p.next = next;
    p.fields = vec![email_input(lang, email), new_password_input(lang)];
    p.button = lang.pick("登録する", "Create account").into();
    p
}

async fn new_account(
    ctx: Ctx,
    csrf: CsrfToken,
    query: web::Query<AccountQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let page = register_form(lang, csrf.0, next_of(query.next.as_deref()), "");
    html(StatusCode::OK, &page, lang)
}

/// "Check your email", after a registration or a reset request.
fn mail_sent(lang: Lang, csrf: String, text: String) -> Result<HttpResponse, WebError> {
    let mut p = FormPage::new(
        lang,
        lang.pick("メールを確認してください", "Check your email"),
        "/account",
        csrf,
    );
    p.intro = vec![
        text,
        lang.pick(
            "メールが届かないときは、迷惑メールのフォルダもご確認ください。",
            "If no mail arrives, check your spam folder.",
        )
        .into(),
    ];
    p.links = vec![(
        "/account".into(),
        lang.pick("ログインのページへ", "Go to sign in").into(),
    )];
    html(StatusCode::OK, &p, lang)
}

async fn register(ctx: Ctx, csrf: CsrfToken, body: FormBody) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let email = body.get("email").unwrap_or_default().to_string();
    let password = body.get("password").unwrap_or_default().to_string();
    let next = next_of(body.get("next"));
    let (e, n) = (email.clone(), next.clone());
    match ctx
        .call(move |app, tenant| app.register_account(&tenant, &e, &password, &n))
        .await?
    {
        Ok(()) => {
            let text = if lang == Lang::Ja {
                format!(
                    "{email} に確認のメールをお送りしました。メールのリンクを24時間以内に開いて、登録を終えてください。"
                )
            } else {
                format!(
                    "We have emailed {email}. Open the link in it within 24 hours to finish registering."
                )
            };
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
async fn confirm_page(
    ctx: Ctx,
    csrf: CsrfToken,
    link: web::Path<String>,
    query: web::Query<AccountQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let link = link.into_inner();
    let l = link.clone();
    ctx.run(move |app, tenant| app.check_verify_link(&tenant, &l))
        .await?;
    let mut p = FormPage::new(
        lang,
        lang.pick("メールアドレスの確認", "Confirm your email address"),
        "/account",
        csrf.0,
    );
    p.intro = vec![
        lang.pick(
            "「確認する」を押すと、利用者登録が終わります。",
            "Press \"Confirm\" to finish registering.",
        )
        .into(),
    ];
    p.action = format!("/account/verify/{link}");
    p.next = next_of(query.next.as_deref());
    p.button = lang.pick("確認する", "Confirm").into();
    html(StatusCode::OK, &p, lang)
}

/// Confirms the address; then the sign-in, leading on to where the resident was.
async fn verify(
    ctx: Ctx,
    link: web::Path<String>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let link = link.into_inner();
    ctx.run(move |app, tenant| app.verify_account(&tenant, &link))
        .await?;
    let next = next_of(body.get("next"));
    if next == "/my" {
        return Ok(see_other("/account?done=verified"));
    }
    Ok(see_other(&format!(
        "/account?done=verified&next={}",
        urlencode(&next)
    )))
}

fn reset_form(lang: Lang, csrf: String, email: &str) -> FormPage {
    let mut p = FormPage::new(
        lang,
        lang.pick("パスワードの再設定", "Set a new password"),
        "/account/reset",
        csrf,
    );
    p.back = Some("/account".into());
    p.intro = vec![lang
        .pick(
            "登録したメールアドレスを入力してください。新しいパスワードを決めるページのリンクをお送りします(1時間有効)。",
            "Enter the email address you registered. We email you a link to a page where you choose a new password (valid for 1 hour).",
        )
        .into()];
    p.action = "/account/reset".into();
    p.fields = vec![email_input(lang, email)];
    p.button = lang.pick("リンクを送る", "Send the link").into();
    p
}

async fn reset_request(ctx: Ctx, csrf: CsrfToken) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    html(StatusCode::OK, &reset_form(lang, csrf.0, ""), lang)
}

async fn send_reset(ctx: Ctx, csrf: CsrfToken, body: FormBody) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let email = body.get("email").unwrap_or_default().to_string();
    let e = email.clone();
    match ctx
        .call(move |app, tenant| app.request_password_reset(&tenant, &e))
        .await?
    {
        Ok(()) => {
            let text = if lang == Lang::Ja {
                format!(
                    "{email} が登録されていれば、パスワードを決めるページのリンクをお送りしました。1時間以内に開いてください。"
                )
            } else {
                format!(
                    "If {email} has an account, we have emailed it a link to choose a new password. Open it within an hour."
                )
            };
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
        lang.pick("新しいパスワード", "Your new password"),
        "/account/reset",
        csrf,
    );
    p.intro =
        vec![lang
        .pick(
            "新しいパスワードを決めてください。設定すると、ほかの端末でのログインは終了します。",
            "Choose your new password. Other devices will be signed out.",
        )
        .into()];
    p.action = format!("/account/reset/{link}");
    p.fields = vec![new_password_input(lang)];
    p.button = lang.pick("設定する", "Set password").into();
    p
}

async fn new_password(
    ctx: Ctx,
    csrf: CsrfToken,
    link: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let link = link.into_inner();
    let l = link.clone();
    ctx.run(move |app, tenant| app.check_reset_link(&tenant, &l))
        .await?;
    html(
        StatusCode::OK,
        &new_password_form(lang, csrf.0, &link),
        lang,
    )
}

async fn set_password(
    req: HttpRequest,
    ctx: Ctx,
    mut session: ResidentSession,
    csrf: CsrfToken,
    link: web::Path<String>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let token = session.ensure(&req)?;
    let link = link.into_inner();
    let password = body.get("password").unwrap_or_default().to_string();
    let l = link.clone();
    match ctx
        .call(move |app, tenant| app.reset_password(&tenant, &token, &l, &password))
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

/// "Keep me signed in": with JavaScript (`fetch`), the new end as JSON; without, back to
/// the page the form was on.
async fn keep_signed_in(
    req: HttpRequest,
    ctx: Ctx,
    session: ResidentSession,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let token = session.0;
    let back = next_of(body.get("next"));
    let until = ctx
        .run(move |app, tenant| app.keep_signed_in(&tenant, token.as_deref()))
        .await?;
    let wants_json = req
        .headers()
        .get(actix_web::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"));
    if wants_json {
        return Ok(HttpResponse::Ok()
            .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
            .json(serde_json::json!({
                "signed_in": until.is_some(),
                "until": until.map(|u| u.to_rfc3339()),
            })));
    }
    Ok(see_other(&back))
}
