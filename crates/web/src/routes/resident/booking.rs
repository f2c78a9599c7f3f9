//! A filing's booking, seen, moved and cancelled by its applicant, without JavaScript:
//! `/receipts/{number}/bookings/{id}` (the browser that filed it, or signed in) and
//! `/bookings/{link}` (the link in every mail of the booking; the secret is the only key).
//! The page lists the other times the resource offers as the booking question does; a move
//! is one step that changes nothing when the new time is gone.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::AppError;
use madoguchi_app::bookings::{BookingPage, Door};
use madoguchi_core::{BookingStatus, Lang};

use crate::error::{WebError, status_of};
use crate::extract::{ArrivalKey, CsrfToken, Ctx, FormBody, LinkToken, RecordKey, ResidentSession};
use crate::routes::{html, resource, see_other};
use crate::views::booked::{BookedVisit, booked_visits};
use crate::views::booking::{Offered, SlotPicker, picker};
use crate::views::{ErrorLink, Page};

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(
        resource("/receipts/{number}/bookings/{id}")
            .route(web::get().to(show_by_receipt))
            .route(web::post().to(change_by_receipt)),
    )
    .service(
        resource("/receipts/{number}/bookings/{id}/cancel")
            .route(web::post().to(cancel_by_receipt)),
    )
    .service(
        resource("/bookings/{link}")
            .route(web::get().to(show_by_link))
            .route(web::post().to(change_by_link)),
    )
    .service(resource("/bookings/{link}/cancel").route(web::post().to(cancel_by_link)));
}

#[derive(Template)]
#[template(path = "booking.html")]
struct BookingView {
    page: Page,
    title: String,
    arrival_number: String,
    /// The receipt, when the page was reached from it.
    back: Option<String>,
    /// Where the change posts (and `…/cancel` the cancellation).
    action: String,
    csrf: String,
    visits: Vec<BookedVisit>,
    stands: bool,
    changeable: bool,
    picker: Option<SlotPicker>,
    errors: Vec<ErrorLink>,
    /// The error at the times, and at the cancellation's box.
    slot_error: Option<String>,
    cancel_error: Option<String>,
    /// What was just done.
    done: Option<&'static str>,
}

/// How the page was reached, owned (a handler's path).
#[derive(Clone)]
enum Via {
    Receipt {
        session: Option<String>,
        number: String,
        id: String,
    },
    Link(String),
}

impl Via {
    fn door(&self) -> Door<'_> {
        match self {
            Via::Receipt {
                session,
                number,
                id,
            } => Door::Receipt {
                session: session.as_deref(),
                number,
                booking: id,
            },
            Via::Link(secret) => Door::Link(secret),
        }
    }

    fn path(&self) -> String {
        match self {
            Via::Receipt { number, id, .. } => format!("/receipts/{number}/bookings/{id}"),
            Via::Link(secret) => format!("/bookings/{secret}"),
        }
    }

    fn receipt(&self) -> Option<String> {
        match self {
            Via::Receipt { number, .. } => Some(format!("/receipts/{number}")),
            Via::Link(_) => None,
        }
    }
}

/// What the page says has just been done (`?done=changed|cancelled`).
#[derive(serde::Deserialize, Default)]
struct Done {
    done: Option<String>,
}

fn done_words(done: &Done, lang: Lang) -> Option<&'static str> {
    match done.done.as_deref() {
        Some("changed") => Some(msg::web_booking_changed::text(lang)),
        Some("cancelled") => Some(msg::web_booking_cancelled::text(lang)),
        _ => None,
    }
}

/// The page as it stands, with what went wrong (`errors`) if anything.
fn view(p: BookingPage, via: &Via, csrf: String, lang: Lang, chosen: Option<&str>) -> BookingView {
    let action = via.path();
    let current = p.booking.answer().to_string();
    let picker = p.offer.map(|offer| {
        picker(
            &Offered::Resource(Some(offer), p.booking.units),
            Some(chosen.unwrap_or(&current)),
            "slot",
            lang,
        )
    });
    BookingView {
        page: Page::new(
            lang,
            msg::web_booking_page_title::text(lang),
            action.clone(),
        ),
        title: p.procedure_title.get(lang).to_string(),
        arrival_number: p.arrival_number,
        back: via.receipt(),
        stands: p.booking.status != BookingStatus::Cancelled,
        changeable: p.booking.changeable,
        visits: booked_visits(std::slice::from_ref(&p.booking), |_| None, lang),
        action,
        csrf,
        picker,
        errors: Vec::new(),
        slot_error: None,
        cancel_error: None,
        done: None,
    }
}

async fn page(ctx: &Ctx, via: &Via) -> Result<BookingPage, WebError> {
    let v = via.clone();
    ctx.run(move |app, tenant| app.bookings(&tenant).filed(v.door()))
        .await
}

async fn show(ctx: Ctx, via: Via, csrf: String, done: Done) -> Result<HttpResponse, WebError> {
    let p = page(&ctx, &via).await?;
    let mut v = view(p, &via, csrf, ctx.lang, None);
    v.done = done_words(&done, ctx.lang);
    html(StatusCode::OK, &v, ctx.lang)
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct ChangeInput {
    slot: Option<String>,
}

/// The page again with an error at the times.
async fn refused_at_times(
    ctx: &Ctx,
    via: &Via,
    csrf: String,
    status: StatusCode,
    text: String,
    chosen: Option<&str>,
) -> Result<HttpResponse, WebError> {
    let p = page(ctx, via).await?;
    let mut v = view(p, via, csrf, ctx.lang, chosen);
    v.errors.push(ErrorLink {
        href: "#slot".into(),
        text: text.clone(),
    });
    v.slot_error = Some(text);
    v.page.has_errors = true;
    html(status, &v, ctx.lang)
}

async fn change(
    ctx: Ctx,
    via: Via,
    csrf: String,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let chosen = body.parse::<ChangeInput>()?.slot.filter(|s| !s.is_empty());
    let Some(chosen) = chosen else {
        let text = msg::web_booking_choose_new::text(lang).to_string();
        return refused_at_times(
            &ctx,
            &via,
            csrf,
            StatusCode::UNPROCESSABLE_ENTITY,
            text,
            None,
        )
        .await;
    };
    let current = page(&ctx, &via).await?.booking.answer().to_string();
    if chosen == current {
        let text = msg::web_booking_same::text(lang).to_string();
        return refused_at_times(
            &ctx,
            &via,
            csrf,
            StatusCode::UNPROCESSABLE_ENTITY,
            text,
            None,
        )
        .await;
    }
    let (v, to) = (via.clone(), chosen.clone());
    let moved = ctx
        .call(move |app, tenant| app.bookings(&tenant).change_filed(v.door(), &to))
        .await?;
    match moved {
        Ok(_) => Ok(see_other(&format!("{}?done=changed", via.path()))),
        Err(AppError::Refused(code)) => {
            let text = ErrorLink::text_of(code, lang);
            refused_at_times(&ctx, &via, csrf, status_of(code), text, Some(&chosen)).await
        }
        Err(e) => Err(WebError::from_app(e, lang)),
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct CancelInput {
    confirm: Option<String>,
}

async fn cancel(
    ctx: Ctx,
    via: Via,
    csrf: String,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    if body.parse::<CancelInput>()?.confirm.as_deref() != Some("yes") {
        let p = page(&ctx, &via).await?;
        let mut v = view(p, &via, csrf, lang, None);
        let text = msg::web_booking_cancel_unconfirmed::text(lang).to_string();
        v.errors.push(ErrorLink {
            href: "#confirm".into(),
            text: text.clone(),
        });
        v.cancel_error = Some(text);
        v.page.has_errors = true;
        return html(StatusCode::UNPROCESSABLE_ENTITY, &v, lang);
    }
    let v = via.clone();
    let cancelled = ctx
        .call(move |app, tenant| app.bookings(&tenant).cancel_filed(v.door()))
        .await?;
    match cancelled {
        Ok(()) => Ok(see_other(&format!("{}?done=cancelled", via.path()))),
        Err(AppError::Refused(code)) => {
            let p = page(&ctx, &via).await?;
            let mut v = view(p, &via, csrf, lang, None);
            v.errors
                .push(ErrorLink::for_code(code, lang, "#confirm".to_string()));
            v.page.has_errors = true;
            html(status_of(code), &v, lang)
        }
        Err(e) => Err(WebError::from_app(e, lang)),
    }
}

fn by_receipt(session: ResidentSession, path: (ArrivalKey, RecordKey)) -> Via {
    Via::Receipt {
        session: session.0,
        number: path.0.into_inner(),
        id: path.1.into_inner(),
    }
}

async fn show_by_receipt(
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    path: web::Path<(ArrivalKey, RecordKey)>,
    done: web::Query<Done>,
) -> Result<HttpResponse, WebError> {
    let via = by_receipt(session, path.into_inner());
    show(ctx, via, csrf.0, done.into_inner()).await
}

async fn change_by_receipt(
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    path: web::Path<(ArrivalKey, RecordKey)>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    change(ctx, by_receipt(session, path.into_inner()), csrf.0, body).await
}

async fn cancel_by_receipt(
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
    path: web::Path<(ArrivalKey, RecordKey)>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    cancel(ctx, by_receipt(session, path.into_inner()), csrf.0, body).await
}

async fn show_by_link(
    ctx: Ctx,
    csrf: CsrfToken,
    link: web::Path<LinkToken>,
    done: web::Query<Done>,
) -> Result<HttpResponse, WebError> {
    let via = Via::Link(link.into_inner().into_inner());
    show(ctx, via, csrf.0, done.into_inner()).await
}

async fn change_by_link(
    ctx: Ctx,
    csrf: CsrfToken,
    link: web::Path<LinkToken>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let via = Via::Link(link.into_inner().into_inner());
    change(ctx, via, csrf.0, body).await
}

async fn cancel_by_link(
    ctx: Ctx,
    csrf: CsrfToken,
    link: web::Path<LinkToken>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let via = Via::Link(link.into_inner().into_inner());
    cancel(ctx, via, csrf.0, body).await
}
