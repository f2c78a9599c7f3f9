//! The clerks' day list of a bookable resource (`/office/bookings?resource=…&day=…`): who
//! comes when, slot by slot; a request confirmed, whether each person came marked, and
//! slots stopped with a reason, from it.

mod actions;
mod page;
mod resources;

use actix_web::web;

use crate::routes::resource;

pub fn config(cfg: &mut web::ServiceConfig) {
    // The resources' pages first: `/office/bookings/resources/{id}` is not a booking's
    // `/office/bookings/{id}/…`.
    resources::config(cfg);
    cfg.service(resource("/office/bookings").route(web::get().to(page::day)))
        .service(resource("/office/bookings/block").route(web::post().to(actions::block)))
        .service(resource("/office/bookings/{id}/confirm").route(web::post().to(actions::confirm)))
        .service(
            resource("/office/bookings/{id}/attendance").route(web::post().to(actions::attendance)),
        );
}
