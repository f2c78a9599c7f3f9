//! The clerks' day list of a bookable resource (`/office/bookings?resource=…&day=…`): who
//! comes when, slot by slot.

mod page;

use actix_web::web;

use crate::routes::resource;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/office/bookings").route(web::get().to(page::day)));
}
