//! `/counter`: the resident's "at the counter" page with its QR code, and the buttons that
//! add, remove and prepare procedures for the visit.

use crate::msg;
use madoguchi_core::ProcedureId;

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;
use madoguchi_app::{AppError, counter::ResidentVisit};

use super::when;
use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, FormBody, ResidentSession};
use crate::routes::{html, see_other};
use crate::views::Page;

#[derive(Template)]
#[template(path = "counter.html")]
struct ResidentPage {
    page: Page,
    csrf: String,
    visit: Option<ResidentVisit>,
    qr: String,
    expires: String,
    /// The times booked for the visit.
    visits: Vec<crate::views::booked::BookedVisit>,
    /// A clerk is entering these procedures for the resident at the desk.
    entry: bool,
}

impl ResidentPage {
    fn l<'a>(&self, t: &'a madoguchi_core::Localized) -> &'a str {
        t.get(self.page.lang)
    }
}

pub(super) async fn resident_page(
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let token = session.0;
    let (visit, entry) = ctx
        .run(move |app, tenant| {
            let counter = app.counter(&tenant);
            Ok((
                counter.visit(token.as_deref())?,
                counter.is_entry(token.as_deref())?,
            ))
        })
        .await?;
    let code = visit.as_ref().and_then(|v| v.code.clone());
    let qr = match &code {
        Some(c) => crate::qr::svg(&c.qr).map_err(|e| WebError::internal(e, lang))?,
        None => String::new(),
    };
    let expires = code
        .as_ref()
        .map(|c| when(c.expires_at, lang))
        .unwrap_or_default();
    let page = Page::new(
        lang,
        msg::web_counter_at_the_counter::text(lang),
        "/counter",
    );
    let visits = visit
        .as_ref()
        .map(|v| crate::views::booked::booked_visits(&v.bookings, |_| None, lang))
        .unwrap_or_default()
        .into_iter()
        // Changed by preparing the procedure again, not from here.
        .map(|v| crate::views::booked::BookedVisit { until: None, ..v })
        .collect();
    html(
        StatusCode::OK,
        &ResidentPage {
            page,
            csrf: csrf.0,
            visit,
            qr,
            expires,
            visits,
            entry,
        },
        lang,
    )
}

/// The procedure a button is for.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct ProcedureInput {
    procedure: String,
}

pub(super) async fn add(
    ctx: Ctx,
    session: ResidentSession,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let ProcedureInput { procedure } = body.parse()?;
    let pid = ProcedureId::new(procedure);
    let (token, p) = (session.0, pid.clone());
    match ctx
        .call(move |app, tenant| app.counter(&tenant).add(token.as_deref(), &p))
        .await?
    {
        Ok(()) => Ok(see_other("/counter")),
        // Not complete yet: back to the step that needs an answer.
        Err(AppError::Validation { step, .. }) => Ok(see_other(&format!("/p/{pid}/{step}"))),
        Err(AppError::DraftMissing) => Ok(see_other(&format!("/p/{pid}"))),
        Err(e) => Err(WebError::from_app(e, ctx.lang)),
    }
}

pub(super) async fn remove(
    ctx: Ctx,
    session: ResidentSession,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let ProcedureInput { procedure } = body.parse()?;
    let pid = ProcedureId::new(procedure);
    let token = session.0;
    ctx.run(move |app, tenant| app.counter(&tenant).remove(token.as_deref(), &pid))
        .await?;
    Ok(see_other("/counter"))
}

pub(super) async fn renew(
    ctx: Ctx,
    session: ResidentSession,
    // Checks the CSRF token (the body holds nothing else).
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    let token = session.0;
    ctx.run(move |app, tenant| app.counter(&tenant).renew_code(token.as_deref()))
        .await?;
    Ok(see_other("/counter"))
}

pub(super) async fn prepare(
    ctx: Ctx,
    session: ResidentSession,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let ProcedureInput { procedure } = body.parse()?;
    let pid = ProcedureId::new(procedure);
    let (token, p) = (session.0, pid.clone());
    let first = ctx
        .run(move |app, tenant| app.counter(&tenant).prepare(token.as_deref(), &p))
        .await?;
    Ok(see_other(&format!("/p/{pid}/{first}")))
}
