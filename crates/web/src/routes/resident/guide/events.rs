//! `/guide`: life events (moving house, a birth, …) that lead to procedures.

use crate::msg;

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;

use crate::error::WebError;
use crate::extract::Ctx;
use crate::routes::html;
use crate::views::Page;

struct EventLink {
    id: String,
    title: String,
    summary: String,
}

#[derive(Template)]
#[template(path = "guide.html")]
struct EventsPage {
    page: Page,
    events: Vec<EventLink>,
}

pub(super) async fn events(ctx: Ctx) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let events = ctx
        .app
        .filing(&ctx.tenant)
        .life_events()
        .into_iter()
        .map(|e| EventLink {
            id: e.id,
            title: e.title.get(lang).into(),
            summary: e.summary.get(lang).into(),
        })
        .collect();
    let page = Page::new(
        lang,
        msg::web_resident_life_event_guide::text(lang),
        "/guide",
    );
    html(StatusCode::OK, &EventsPage { page, events }, lang)
}
