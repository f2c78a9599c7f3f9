//! `/office/approvals`: a section supervisor approves (publishes) or returns the procedures
//! its authors sent, in sections whose publications need approval.

mod page;

use actix_web::web;

use crate::routes::resource;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/office/approvals").route(web::get().to(page::show)))
        .service(resource("/office/approvals/{id}/approve").route(web::post().to(page::approve)))
        .service(resource("/office/approvals/{id}/return").route(web::post().to(page::send_back)));
}
