//! The audit log (`/office/audit`): supervisors and administrators read the entries about a
//! filing or a staff member (`madoguchi_app::staff::AuditQuery`).

mod page;

use actix_web::web;

use crate::routes::resource;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/office/audit").route(web::get().to(page::show)));
}
