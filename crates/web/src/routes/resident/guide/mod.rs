//! The life-event guide (くらしの手続きガイド): `/guide` and `/guide/{event}`. The questions
//! are a GET form (yes/no radios), so the answers live in the address and the page works
//! without JavaScript or cookies.

mod event;
mod events;

use actix_web::web;

use crate::routes::resource;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/guide").route(web::get().to(events::events)))
        .service(resource("/guide/{event}").route(web::get().to(event::event)));
}
