//! `/office/admin/staff/{id}`: one member of staff — account, password, authenticator,
//! sessions.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::{AppError, staff::StaffChange, staff::StaffView};
use madoguchi_core::Localized;

use super::common::{Options, admin_page, options, problem};
use crate::error::WebError;
use crate::extract::RecordKey;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::routes::{html, see_other};
use crate::views::Page;

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
        .run(move |app, tenant| app.staff(&tenant).members(&c))
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
            msg::web_admin_staff_account::text(lang)
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
pub(super) struct DoneQuery {
    done: Option<Done>,
}

/// What was just changed (`?done=`).
#[derive(serde::Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum Done {
    Password,
    Authenticator,
    Sessions,
    #[serde(other)]
    Account,
}

pub(super) async fn show(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<RecordKey>,
    done: web::Query<DoneQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let done = done.done.map(|d| {
        match d {
            Done::Password => msg::web_admin_the_new_password_is_set_and::text(lang),
            Done::Authenticator => msg::web_admin_the_authenticator_is_forgotten::text(lang),
            Done::Sessions => msg::web_admin_every_session_has_ended::text(lang),
            Done::Account => msg::web_admin_saved::text(lang),
        }
        .to_string()
    });
    let view = member_view(
        &ctx,
        &clerk,
        csrf.0,
        &id.into_inner().into_inner(),
        None,
        done,
    )
    .await?;
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

/// A member of staff's account, as the form sends it.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct StaffInput {
    name: String,
    department: String,
    ward: String,
    role: String,
    /// Its post (職位): which steps of approval routes it signs.
    post: String,
    /// `true` while the account may sign in.
    active: String,
}

pub(super) async fn update(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<RecordKey>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner().into_inner();
    let input: StaffInput = body.parse()?;
    let change = StaffChange {
        display_name: input.name,
        department_code: input.department,
        ward_code: input.ward,
        role: input.role,
        post: input.post,
        active: input.active == "true",
    };
    let (c, i) = (clerk.clerk.clone(), id.clone());
    let result = ctx
        .call(move |app, tenant| app.staff(&tenant).update_staff(&c, &i, &change))
        .await?;
    after(ctx, clerk, csrf, id, "account", result).await
}

/// A new password set by an administrator.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct PasswordInput {
    password: String,
}

pub(super) async fn password(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<RecordKey>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner().into_inner();
    let (c, i, pw) = (
        clerk.clerk.clone(),
        id.clone(),
        body.parse::<PasswordInput>()?.password,
    );
    let result = ctx
        .call(move |app, tenant| app.staff(&tenant).set_staff_password(&c, &i, &pw))
        .await?;
    after(ctx, clerk, csrf, id, "password", result).await
}

pub(super) async fn reset_totp(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<RecordKey>,
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner().into_inner();
    let (c, i) = (clerk.clerk.clone(), id.clone());
    let result = ctx
        .call(move |app, tenant| app.staff(&tenant).reset_staff_totp(&c, &i))
        .await?;
    after(ctx, clerk, csrf, id, "authenticator", result).await
}

pub(super) async fn revoke(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<RecordKey>,
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner().into_inner();
    let (c, i) = (clerk.clerk.clone(), id.clone());
    let result = ctx
        .call(move |app, tenant| app.staff(&tenant).revoke_staff_sessions(&c, &i))
        .await?;
    after(ctx, clerk, csrf, id, "sessions", result).await
}
