//! `/waitlist/{link}`: a place in a waiting list (キャンセル待ち), reached by the link in its
//! mails (the secret is the only key). It says where the entry stands — in line and which
//! place, a freed place kept until when, taken, over — and offers what can be done: take
//! the offered place on to the form (`…/take`, in the browser that opened the link) or
//! leave the line (`…/leave`). No JavaScript needed.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use madoguchi_app::AppError;
use madoguchi_app::bookings::WaitlistEntry;
use madoguchi_core::{Lang, WaitlistStatus, jst};
use madoguchi_i18n::t;

use crate::error::{WebError, status_of};
use crate::extract::{CsrfToken, Ctx, FormBody, LinkToken, ResidentSession};
use crate::msg;
use crate::routes::{html, resource, see_other};
use crate::views::{ErrorLink, Page};
use madoguchi_app::bookings::slot_time;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/waitlist/{link}").route(web::get().to(show)))
        .service(resource("/waitlist/{link}/take").route(web::post().to(take)))
        .service(resource("/waitlist/{link}/leave").route(web::post().to(leave)));
}

#[derive(Template)]
#[template(path = "waitlist.html")]
struct EntryPage {
    page: Page,
    title: String,
    /// Where the entry stands, in words.
    status: String,
    time: String,
    name: String,
    place: String,
    action: String,
    csrf: String,
    offered: bool,
    open: bool,
    /// The form, once the place was taken on to it.
    form_href: Option<String>,
    errors: Vec<ErrorLink>,
    done: Option<&'static str>,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct Done {
    done: Option<String>,
}

fn status_words(e: &WaitlistEntry, lang: Lang) -> String {
    match e.status {
        WaitlistStatus::Waiting => t!(
            lang,
            web_waitlist_status_waiting,
            n = e.position.unwrap_or(1).to_string()
        ),
        WaitlistStatus::Offered => t!(
            lang,
            web_waitlist_status_offered,
            until = e
                .offer_until
                .map(|u| jst::format_datetime(u, lang))
                .unwrap_or_default()
        ),
        WaitlistStatus::Taken => msg::web_waitlist_status_taken::text(lang).to_string(),
        WaitlistStatus::Lapsed => msg::web_waitlist_status_lapsed::text(lang).to_string(),
        WaitlistStatus::Withdrawn => msg::web_waitlist_status_withdrawn::text(lang).to_string(),
    }
}

async fn entry_page(ctx: &Ctx, link: &str, csrf: String) -> Result<EntryPage, WebError> {
    let lang = ctx.lang;
    let l = link.to_string();
    let e = ctx
        .run(move |app, tenant| app.bookings(&tenant).waitlist_entry(&l))
        .await?;
    let action = format!("/waitlist/{link}");
    Ok(EntryPage {
        page: Page::new(lang, msg::web_waitlist_title::text(lang), action.clone()),
        title: e.title.get(lang).to_string(),
        status: status_words(&e, lang),
        time: slot_time(e.starts, e.ends, lang),
        name: e.name.get(lang).to_string(),
        place: e.place.get(lang).to_string(),
        action,
        csrf,
        offered: e.status == WaitlistStatus::Offered,
        open: e.status.is_open(),
        form_href: (e.status == WaitlistStatus::Taken).then(|| format!("/p/{}", e.procedure)),
        errors: Vec::new(),
        done: None,
    })
}

async fn show(
    ctx: Ctx,
    csrf: CsrfToken,
    link: web::Path<LinkToken>,
    done: web::Query<Done>,
) -> Result<HttpResponse, WebError> {
    let link = link.into_inner().into_inner();
    let mut view = entry_page(&ctx, &link, csrf.0).await?;
    if done.done.as_deref() == Some("left") {
        view.done = Some(msg::web_waitlist_left::text(ctx.lang));
    }
    html(StatusCode::OK, &view, ctx.lang)
}

/// Takes the offered place on to this browser's form, and opens the step that asks it.
async fn take(
    req: HttpRequest,
    ctx: Ctx,
    mut session: ResidentSession,
    csrf: CsrfToken,
    link: web::Path<LinkToken>,
    // Read for its CSRF check: the form has nothing else.
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    let link = link.into_inner().into_inner();
    let token = session.ensure(&req)?;
    let l = link.clone();
    let taken = ctx
        .call(move |app, tenant| app.bookings(&tenant).take_offer(&l, &token))
        .await?;
    match taken {
        Ok((procedure, step)) => Ok(see_other(&format!("/p/{procedure}/{step}"))),
        Err(AppError::Refused(code)) => {
            let mut view = entry_page(&ctx, &link, csrf.0).await?;
            view.errors
                .push(ErrorLink::for_code(code, ctx.lang, "#take".to_string()));
            view.page.has_errors = true;
            html(status_of(code), &view, ctx.lang)
        }
        Err(e) => Err(WebError::from_app(e, ctx.lang)),
    }
}

async fn leave(
    ctx: Ctx,
    link: web::Path<LinkToken>,
    // Read for its CSRF check: the form has nothing else.
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    let link = link.into_inner().into_inner();
    let l = link.clone();
    ctx.run(move |app, tenant| app.bookings(&tenant).leave_waitlist(&l))
        .await?;
    Ok(see_other(&format!("/waitlist/{link}?done=left")))
}
