//! Staff administration (administrators only): the accounts, creating one, changing its
//! section, ward, role or name, disabling it, a new password, a new authenticator, signing
//! it out everywhere. Also the My Number reveal for case workers.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::{AppError, kernel::NewClerk, staff::StaffChange, staff::StaffView};
use madoguchi_core::{Lang, Localized};
use madoguchi_workflow::Role;

use super::{html, resource, see_other};
use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::views::Page;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(
        resource("/office/admin/staff")
            .route(web::get().to(list))
            .route(web::post().to(create)),
    )
    .service(
        resource("/office/admin/staff/{id}")
            .route(web::get().to(show))
            .route(web::post().to(update)),
    )
    .service(resource("/office/admin/staff/{id}/password").route(web::post().to(password)))
    .service(resource("/office/admin/staff/{id}/authenticator").route(web::post().to(reset_totp)))
    .service(resource("/office/admin/staff/{id}/sessions").route(web::post().to(revoke)))
    .service(resource("/office/submissions/{id}/reveal").route(web::post().to(reveal)));
}

fn admin_page(lang: Lang, title: &str, path: &str, clerk: &CurrentClerk, csrf: &str) -> Page {
    super::office::office_page(lang, title, path, clerk, csrf)
}

/// What the forms offer: sections, wards, roles.
struct Options {
    departments: Vec<(String, Localized)>,
    wards: Vec<(String, Localized)>,
    roles: Vec<(String, Localized)>,
}

async fn options(ctx: &Ctx, clerk: &CurrentClerk) -> Result<Options, WebError> {
    let tenant = clerk.clerk.tenant.clone();
    let t = tenant.clone();
    let departments = ctx.run(move |app, _| app.departments(&t)).await?;
    let wards = ctx.run(move |app, _| app.wards(&tenant)).await?;
    Ok(Options {
        departments,
        wards,
        roles: Role::STAFF
            .iter()
            .map(|r| (r.code().to_string(), r.label()))
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "office/staff.html")]
struct ListView {
    page: Page,
    csrf: String,
    staff: Vec<StaffView>,
    o: Options,
    /// What was typed into the new-account form that failed.
    form: NewForm,
    error: Option<String>,
}

#[derive(Default)]
struct NewForm {
    login: String,
    name: String,
    department: String,
    ward: String,
    role: String,
}

impl ListView {
    fn l<'a>(&self, t: &'a Localized) -> &'a str {
        t.get(self.page.lang)
    }

    fn role(&self, r: &Role) -> String {
        r.label().get(self.page.lang).to_string()
    }

    fn selected(&self, current: &str, value: &str) -> &'static str {
        if current == value { "selected" } else { "" }
    }
}

async fn list_view(
    ctx: &Ctx,
    clerk: &CurrentClerk,
    csrf: String,
    form: NewForm,
    error: Option<String>,
) -> Result<ListView, WebError> {
    let c = clerk.clerk.clone();
    let staff = ctx.run(move |app, _| app.staff(&c)).await?;
    let lang = ctx.lang;
    let mut page = admin_page(
        lang,
        lang.pick("職員アカウント", "Staff accounts"),
        "/office/admin/staff",
        clerk,
        &csrf,
    );
    page.has_errors = error.is_some();
    Ok(ListView {
        page,
        csrf,
        staff,
        o: options(ctx, clerk).await?,
        form,
        error,
    })
}

async fn list(ctx: Ctx, clerk: CurrentClerk, csrf: CsrfToken) -> Result<HttpResponse, WebError> {
    let view = list_view(&ctx, &clerk, csrf.0, NewForm::default(), None).await?;
    html(StatusCode::OK, &view, ctx.lang)
}

fn problem(e: &AppError, lang: Lang) -> Option<String> {
    match e {
        AppError::Refused(_) | AppError::ReasonRequired | AppError::ReasonTooLong => {
            let (title, todo) = e.code().message(lang);
            Some(format!("{title}: {todo}"))
        }
        _ => None,
    }
}

async fn create(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let get = |k: &str| body.get(k).unwrap_or_default().trim().to_string();
    let form = NewForm {
        login: get("login"),
        name: get("name"),
        department: get("department"),
        ward: get("ward"),
        role: get("role"),
    };
    let role: Role = form.role.parse().unwrap_or(Role::Clerk);
    let new = NewClerk {
        tenant: clerk.clerk.tenant.clone(),
        department_code: form.department.clone(),
        ward_code: Some(form.ward.clone()).filter(|w| !w.is_empty()),
        login: form.login.clone(),
        display_name: form.name.clone(),
        password: body.get("password").unwrap_or_default().to_string(),
        role,
    };
    let c = clerk.clerk.clone();
    match ctx.call(move |app, _| app.create_staff(&c, &new)).await? {
        Ok(id) => Ok(see_other(&format!("/office/admin/staff/{id}"))),
        Err(e) => match problem(&e, lang) {
            Some(p) => {
                let view = list_view(&ctx, &clerk, csrf.0, form, Some(p)).await?;
                html(StatusCode::UNPROCESSABLE_ENTITY, &view, lang)
            }
            None => Err(WebError::from_app(e, lang)),
        },
    }
}

#[derive(Template)]
#[template(path = "office/staff_member.html")]
struct MemberView {
    page: Page,
    csrf: String,
    s: StaffView,
    o: Options,
    error: Option<(String, String)>,
    done: Option<String>,
}

impl MemberView {
    fn l<'a>(&self, t: &'a Localized) -> &'a str {
        t.get(self.page.lang)
    }

    fn selected(&self, current: &str, value: &str) -> &'static str {
        if current == value { "selected" } else { "" }
    }

    fn ward_code(&self) -> &str {
        self.s.ward_code.as_deref().unwrap_or_default()
    }

    fn failed(&self, form: &str) -> bool {
        self.error.as_ref().is_some_and(|(f, _)| f == form)
    }
}

async fn member_view(
    ctx: &Ctx,
    clerk: &CurrentClerk,
    csrf: String,
    id: &str,
    error: Option<(String, String)>,
    done: Option<String>,
) -> Result<MemberView, WebError> {
    let c = clerk.clerk.clone();
    let s = ctx
        .run(move |app, _| app.staff(&c))
        .await?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| ctx.not_found())?;
    let lang = ctx.lang;
    let mut page = admin_page(
        lang,
        &format!(
            "{} - {}",
            s.display_name,
            lang.pick("職員アカウント", "Staff account")
        ),
        "/office/admin/staff",
        clerk,
        &csrf,
    );
    page.has_errors = error.is_some();
    Ok(MemberView {
        page,
        csrf,
        s,
        o: options(ctx, clerk).await?,
        error,
        done,
    })
}

#[derive(serde::Deserialize)]
struct Done {
    done: Option<String>,
}

async fn show(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<String>,
    done: web::Query<Done>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let done = done.done.as_deref().map(|d| {
        match d {
            "password" => lang.pick(
                "新しいパスワードを設定し、ログイン中の画面をすべて終了しました。",
                "The new password is set and every session has ended.",
            ),
            "authenticator" => lang.pick(
                "認証アプリの登録を取り消しました。次回ログイン時に登録し直します。",
                "The authenticator is forgotten; it is set up again at the next sign-in.",
            ),
            "sessions" => lang.pick(
                "ログイン中の画面をすべて終了しました。",
                "Every session has ended.",
            ),
            _ => lang.pick("変更を保存しました。", "Saved."),
        }
        .to_string()
    });
    let view = member_view(&ctx, &clerk, csrf.0, &id.into_inner(), None, done).await?;
    html(StatusCode::OK, &view, lang)
}

async fn after(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: String,
    form: &str,
    result: Result<(), AppError>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    match result {
        Ok(()) => Ok(see_other(&format!("/office/admin/staff/{id}?done={form}"))),
        Err(e) => match problem(&e, lang) {
            Some(p) => {
                let view =
                    member_view(&ctx, &clerk, csrf.0, &id, Some((form.to_string(), p)), None)
                        .await?;
                html(StatusCode::UNPROCESSABLE_ENTITY, &view, lang)
            }
            None => Err(WebError::from_app(e, lang)),
        },
    }
}

async fn update(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<String>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    let get = |k: &str| body.get(k).unwrap_or_default().to_string();
    let change = StaffChange {
        display_name: get("name"),
        department_code: get("department"),
        ward_code: get("ward"),
        role: get("role"),
        active: body.get("active") == Some("true"),
    };
    let (c, i) = (clerk.clerk.clone(), id.clone());
    let result = ctx
        .call(move |app, _| app.update_staff(&c, &i, &change))
        .await?;
    after(ctx, clerk, csrf, id, "account", result).await
}

async fn password(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<String>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    let (c, i, pw) = (
        clerk.clerk.clone(),
        id.clone(),
        body.get("password").unwrap_or_default().to_string(),
    );
    let result = ctx
        .call(move |app, _| app.set_staff_password(&c, &i, &pw))
        .await?;
    after(ctx, clerk, csrf, id, "password", result).await
}

async fn reset_totp(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<String>,
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    let (c, i) = (clerk.clerk.clone(), id.clone());
    let result = ctx.call(move |app, _| app.reset_staff_totp(&c, &i)).await?;
    after(ctx, clerk, csrf, id, "authenticator", result).await
}

async fn revoke(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<String>,
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    let (c, i) = (clerk.clerk.clone(), id.clone());
    let result = ctx
        .call(move |app, _| app.revoke_staff_sessions(&c, &i))
        .await?;
    after(ctx, clerk, csrf, id, "sessions", result).await
}

#[derive(Template)]
#[template(path = "office/reveal.html")]
struct RevealView {
    page: Page,
    id: String,
    number: String,
}

/// A My Number in full, once, for the reason given (logged).
async fn reveal(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<String>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let id = id.into_inner();
    let (c, i) = (clerk.clerk.clone(), id.clone());
    let field = body.get("field").unwrap_or_default().to_string();
    let reason = body.get("reason").unwrap_or_default().to_string();
    let number = ctx
        .run(move |app, _| app.reveal_my_number(&c, &i, &field, &reason))
        .await?;
    let page = admin_page(
        lang,
        lang.pick("個人番号の表示", "My Number"),
        &format!("/office/submissions/{id}"),
        &clerk,
        &csrf.0,
    );
    html(StatusCode::OK, &RevealView { page, id, number }, lang)
}
