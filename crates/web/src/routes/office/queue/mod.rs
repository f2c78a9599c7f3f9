//! The department's queue of filings and its bulk actions.

mod bulk;
mod bulk_decision;
pub(super) mod filters;
mod list;

use actix_web::web;

use crate::routes::resource;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/office/queue").route(web::get().to(list::queue)))
        .service(resource("/office/queue/bulk").route(web::post().to(bulk::bulk)))
        .service(
            resource("/office/queue/bulk-decision").route(web::post().to(bulk_decision::approve)),
        );
}
