//! The audit log (`/office/audit`): supervisors and administrators read the entries about a
//! filing or a staff member (`madoguchi_app::staff::AuditQuery`), a page at a time, or
//! download them all as CSV (`/office/audit.csv`).

mod export;
mod page;

use actix_web::web;

use crate::routes::resource;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/office/audit").route(web::get().to(page::show)));
    cfg.service(resource("/office/audit.csv").route(web::get().to(export::csv)));
}
