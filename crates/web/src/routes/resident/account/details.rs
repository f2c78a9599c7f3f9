//! `/account/details`: the details a signed-in resident keeps to fill in forms (name,
//! reading, birth date, postal code, address, phone), changed or cleared here. The
//! questions are the account's own form, drawn and checked as a procedure's step is.

use crate::msg;

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;
use madoguchi_app::residents::{ProfileSaved, ProfileView};
use madoguchi_forms::FieldError;
use madoguchi_forms::input::posted_from_data;

use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, FormBody, ResidentSession};
use crate::routes::{html, see_other};
use crate::views::{ErrorLink, FieldView, Page, Values, step_fields};

/// Not signed in: the sign-in page, back here afterwards.
const SIGN_IN_FIRST: &str = "/account?next=/account/details";

#[derive(Template)]
#[template(path = "account_details.html")]
struct DetailsPage {
    page: Page,
    fields: Vec<FieldView>,
    errors: Vec<ErrorLink>,
    csrf: String,
}

fn details_page(
    profile: &ProfileView,
    values: &[(String, String)],
    errors: &[FieldError],
    lang: madoguchi_core::Lang,
    csrf: String,
) -> Option<DetailsPage> {
    let step = profile.form.steps().first()?;
    let (fields, summary) = step_fields(&profile.form, step, &Values(values), errors, lang);
    let mut page = Page::new(
        lang,
        msg::web_resident_your_details::text(lang),
        "/account/details",
    );
    page.has_errors = !summary.is_empty();
    Some(DetailsPage {
        page,
        fields,
        errors: summary,
        csrf,
    })
}

pub(super) async fn show(
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
) -> Result<HttpResponse, WebError> {
    let token = session.0;
    let profile = ctx
        .run(move |app, tenant| app.residents(&tenant).profile(token.as_deref()))
        .await?;
    let Some(profile) = profile else {
        return Ok(see_other(SIGN_IN_FIRST));
    };
    let step = profile
        .form
        .steps()
        .first()
        .ok_or_else(|| ctx.not_found())?;
    let values = posted_from_data(step, &profile.data);
    let page =
        details_page(&profile, &values, &[], ctx.lang, csrf.0).ok_or_else(|| ctx.not_found())?;
    html(StatusCode::OK, &page, ctx.lang)
}

pub(super) async fn save(
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let token = session.0;
    let posted: Vec<(String, String)> = body
        .pairs
        .iter()
        .filter(|(k, _)| k != "csrf_token")
        .cloned()
        .collect();
    let answers = posted.clone();
    let saved = ctx
        .run(move |app, tenant| {
            let Some(profile) = app.residents(&tenant).profile(token.as_deref())? else {
                return Ok(None);
            };
            Ok(Some((
                profile,
                app.residents(&tenant)
                    .save_profile(token.as_deref(), &answers)?,
            )))
        })
        .await?;
    match saved {
        None => Ok(see_other(SIGN_IN_FIRST)),
        Some((_, ProfileSaved::Saved)) => Ok(see_other("/account?done=details")),
        Some((profile, ProfileSaved::Invalid { errors })) => {
            let page = details_page(&profile, &posted, &errors, ctx.lang, csrf.0)
                .ok_or_else(|| ctx.not_found())?;
            html(StatusCode::UNPROCESSABLE_ENTITY, &page, ctx.lang)
        }
    }
}
