//! `/p/{id}/{step}/waitlist`: the waiting list (キャンセル待ち) of a step's booking
//! questions — the full times of the place the form has chosen, as radio buttons (no
//! JavaScript needed), and the address the offer of a freed place goes to. Joining mails
//! the entry's link (`/waitlist/{link}`, `routes::resident::waitlist`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use madoguchi_app::AppError;
use madoguchi_core::{ErrorCode, Lang, ProcedureId};
use madoguchi_forms::{FieldError, FormErrorCode};

use super::booking_offers::booking_offers;
use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, FormBody, ResidentSession};
use crate::msg;
use crate::routes::{html, see_other};
use crate::views::booking::{Offered, SlotPicker, waitlist_picker};
use crate::views::{ErrorLink, Page};

#[derive(Template)]
#[template(path = "waitlist_join.html")]
struct JoinPage {
    page: Page,
    title: String,
    back: String,
    action: String,
    csrf: String,
    /// Each booking question with a full time to wait for: its label and those times.
    pickers: Vec<(String, SlotPicker)>,
    email: String,
    errors: Vec<ErrorLink>,
    slot_error: Option<String>,
    email_error: Option<String>,
    /// The mail went out (`?sent=1`).
    sent: bool,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct Sent {
    sent: Option<String>,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct JoinInput {
    slot: String,
    email: String,
}

/// What the page says of a fault at its input.
fn fault_text(e: &FieldError, lang: Lang) -> String {
    let text = match (e.pointer.as_str(), e.code) {
        ("/email", FormErrorCode::Required) => msg::web_waitlist_email_required::text,
        ("/email", FormErrorCode::WaitlistTooMany) => msg::web_waitlist_too_many::text,
        ("/email", _) => msg::web_waitlist_email_invalid::text,
        (_, FormErrorCode::Required) => msg::web_waitlist_slot_required::text,
        (_, FormErrorCode::SlotNotFull) => msg::web_waitlist_slot_not_full::text,
        (_, FormErrorCode::WaitlistFull) => msg::web_waitlist_line_full::text,
        _ => msg::web_waitlist_slot_unavailable::text,
    };
    text(lang).to_string()
}

/// The page for this browser's form: `chosen` and `email` as typed, with `faults`.
async fn page(
    ctx: &Ctx,
    session: Option<String>,
    pid: &ProcedureId,
    step: &str,
    csrf: String,
    typed: &JoinInput,
    faults: &[FieldError],
) -> Result<JoinPage, WebError> {
    let lang = ctx.lang;
    let p = pid.clone();
    let draft = ctx
        .run(move |app, tenant| app.filing(&tenant).draft(session.as_deref(), &p))
        .await?;
    if draft.form.step(step).is_none() {
        return Err(ctx.not_found());
    }
    let offered = booking_offers(ctx, &draft.form, step, &draft.data).await?;
    let chosen = (!typed.slot.is_empty()).then_some(typed.slot.as_str());
    let pickers: Vec<(String, SlotPicker)> = offered
        .iter()
        .enumerate()
        .filter_map(|(i, (name, o))| {
            let Offered::Resource(Some(offer), units) = o else {
                return None;
            };
            let base = if i == 0 {
                "slot".to_string()
            } else {
                format!("slot-{name}")
            };
            let label = draft
                .form
                .steps()
                .iter()
                .flat_map(|s| s.fields.iter())
                .find(|f| f.name == *name)
                .map(|f| f.label.get(lang).to_string())
                .unwrap_or_default();
            waitlist_picker(offer, *units, chosen, &base, lang).map(|p| (label, p))
        })
        .collect();
    let path = format!("/p/{pid}/{step}/waitlist");
    let mut view = JoinPage {
        page: Page::new(lang, msg::web_waitlist_join_title::text(lang), path.clone()),
        title: draft.form.title().get(lang).to_string(),
        back: format!("/p/{pid}/{step}"),
        action: path,
        csrf,
        pickers,
        email: typed.email.clone(),
        errors: Vec::new(),
        slot_error: None,
        email_error: None,
        sent: false,
    };
    for e in faults {
        let text = fault_text(e, lang);
        let at_email = e.pointer == "/email";
        view.errors.push(ErrorLink {
            href: if at_email { "#email" } else { "#slot" }.into(),
            text: text.clone(),
        });
        if at_email {
            view.email_error = Some(text);
        } else {
            view.slot_error = Some(text);
        }
    }
    view.page.has_errors = !view.errors.is_empty();
    Ok(view)
}

pub(super) async fn show(
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    path: web::Path<(ProcedureId, String)>,
    sent: web::Query<Sent>,
) -> Result<HttpResponse, WebError> {
    let (pid, step) = path.into_inner();
    let typed = JoinInput::default();
    let mut view = page(&ctx, session.0, &pid, &step, csrf.0, &typed, &[]).await?;
    view.sent = sent.sent.is_some();
    html(StatusCode::OK, &view, ctx.lang)
}

pub(super) async fn join(
    req: HttpRequest,
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    path: web::Path<(ProcedureId, String)>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let (pid, step) = path.into_inner();
    let typed: JoinInput = body.parse()?;
    // Each join may send a mail: counted per address like the anonymous API.
    if crate::rate::admit(&req)
        .await
        .map_err(|e| WebError::internal(e.to_string(), ctx.lang))?
        .is_err()
    {
        return Err(WebError::from_app(
            AppError::Refused(ErrorCode::RateLimited),
            ctx.lang,
        ));
    }
    let (token, p, slot, email) = (
        session.0.clone(),
        pid.clone(),
        typed.slot.clone(),
        typed.email.clone(),
    );
    let joined = ctx
        .call(move |app, tenant| {
            app.bookings(&tenant)
                .join_waitlist(token.as_deref(), &p, &slot, &email)
        })
        .await?;
    match joined {
        Ok(()) => Ok(see_other(&format!("/p/{pid}/{step}/waitlist?sent=1"))),
        Err(AppError::Validation { errors, .. }) => {
            let view = page(&ctx, session.0, &pid, &step, csrf.0, &typed, &errors).await?;
            html(StatusCode::UNPROCESSABLE_ENTITY, &view, ctx.lang)
        }
        Err(e) => Err(WebError::from_app(e, ctx.lang)),
    }
}
