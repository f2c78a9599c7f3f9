//! `/office/admin/staff`: the list of staff and the form that adds one.

use crate::msg;

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;
use madoguchi_app::{kernel::NewClerk, staff::StaffView};
use madoguchi_core::Localized;
use madoguchi_workflow::Role;

use super::common::{Options, admin_page, options, problem};
use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::routes::{html, see_other};
use crate::views::Page;

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
    let staff = ctx
        .run(move |app, tenant| app.staff(&tenant).members(&c))
        .await?;
    let lang = ctx.lang;
    let mut page = admin_page(
        lang,
        msg::web_admin_staff_accounts::text(lang),
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

pub(super) async fn list(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
) -> Result<HttpResponse, WebError> {
    let view = list_view(&ctx, &clerk, csrf.0, NewForm::default(), None).await?;
    html(StatusCode::OK, &view, ctx.lang)
}

/// A new member of staff, as the form sends it.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct NewStaffInput {
    login: String,
    name: String,
    department: String,
    ward: String,
    role: String,
    password: String,
}

pub(super) async fn create(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let input: NewStaffInput = body.parse()?;
    let form = NewForm {
        login: input.login.trim().to_string(),
        name: input.name.trim().to_string(),
        department: input.department.trim().to_string(),
        ward: input.ward.trim().to_string(),
        role: input.role.trim().to_string(),
    };
    let role: Role = form.role.parse().unwrap_or(Role::Clerk);
    let new = NewClerk {
        tenant: clerk.clerk.tenant.clone(),
        department_code: form.department.as_str().into(),
        ward_code: Some(form.ward.clone()).filter(|w| !w.is_empty()),
        login: form.login.clone(),
        display_name: form.name.clone(),
        password: input.password,
        role,
    };
    let c = clerk.clerk.clone();
    match ctx
        .call(move |app, tenant| app.staff(&tenant).create_staff(&c, &new))
        .await?
    {
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
