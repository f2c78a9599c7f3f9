//! `/accessibility`: the accessibility statement (JIS X 8341-3:2016, the level aimed at,
//! how the pages are tested and what the tests found) and the privacy notice (what is
//! collected, why, how long it is kept, the cookies), with whom to contact.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

use crate::error::WebError;
use crate::extract::Ctx;
use crate::msg;
use crate::routes::{html, resource};
use crate::views::Page;

#[derive(Template)]
#[template(path = "statement.html")]
struct StatementPage {
    page: Page,
}

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/accessibility").route(web::get().to(statement)));
}

async fn statement(ctx: Ctx) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let page = Page::new(
        lang,
        msg::web_resident_statement_title::text(lang),
        "/accessibility",
    );
    html(StatusCode::OK, &StatementPage { page }, lang)
}
