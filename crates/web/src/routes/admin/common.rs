//! What the administration pages share: the page frame, the form choices, the message
//! for a refused change.

use madoguchi_app::AppError;
use madoguchi_core::{Lang, Localized};
use madoguchi_workflow::Role;

use crate::error::WebError;
use crate::extract::{Ctx, CurrentClerk};
use crate::views::Page;

pub(super) fn admin_page(
    lang: Lang,
    title: &str,
    path: &str,
    clerk: &CurrentClerk,
    csrf: &str,
) -> Page {
    crate::views::office_page(lang, title, path, clerk, csrf)
}

/// What the forms offer: sections, wards, roles.
pub(super) struct Options {
    pub(super) departments: Vec<(String, Localized)>,
    pub(super) wards: Vec<(String, Localized)>,
    pub(super) roles: Vec<(String, Localized)>,
    /// The posts (職位) an approval route's steps ask for.
    pub(super) posts: Vec<(String, Localized)>,
}

pub(super) async fn options(ctx: &Ctx, clerk: &CurrentClerk) -> Result<Options, WebError> {
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
        posts: madoguchi_core::Post::ALL
            .iter()
            .map(|p| (p.code().to_string(), p.label()))
            .collect(),
    })
}

pub(super) fn problem(e: &AppError, lang: Lang) -> Option<String> {
    match e {
        AppError::Refused(_) | AppError::ReasonRequired | AppError::ReasonTooLong => {
            let (title, todo) = e.code().message(lang);
            Some(format!("{title}: {todo}"))
        }
        _ => None,
    }
}
