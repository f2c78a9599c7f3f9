//! Failed deliveries (`/office/deliveries`): the section's emails the outbox gave up on,
//! with "send again".

mod page;

use actix_web::web;

use crate::routes::resource;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/office/deliveries").route(web::get().to(page::list)))
        .service(resource("/office/deliveries/{id}/retry").route(web::post().to(page::retry)));
}
