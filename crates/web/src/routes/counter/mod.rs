//! Counter pre-entry (書かない窓口): the resident's "at the counter" page with its QR code
//! (`/counter`), and the clerk's side (`/office/counter`): open by code, check, file.

mod entry;
mod lookup;
mod resident;
mod visit;

use madoguchi_core::{Lang, jst};

/// A time of the visit, as the pages show it.
fn when(t: chrono::DateTime<chrono::Utc>, lang: Lang) -> String {
    let local = jst::to_jst(t);
    local
        .format(crate::msg::web_counter_time_format::text(lang))
        .to_string()
}

use actix_web::web;

use crate::routes::resource;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/counter").route(web::get().to(resident::resident_page)))
        .service(resource("/counter/add").route(web::post().to(resident::add)))
        .service(resource("/counter/remove").route(web::post().to(resident::remove)))
        .service(resource("/counter/renew").route(web::post().to(resident::renew)))
        .service(resource("/counter/prepare").route(web::post().to(resident::prepare)))
        .service(
            resource("/office/counter")
                .route(web::get().to(lookup::lookup_page))
                .route(web::post().to(lookup::lookup)),
        )
        .service(resource("/office/counter/entries").route(web::post().to(entry::start)))
        .service(resource("/office/counter/entries/open").route(web::post().to(entry::open)))
        .service(resource("/office/counter/{id}").route(web::get().to(visit::visit_page)))
        .service(resource("/office/counter/{id}/file").route(web::post().to(visit::file)));
}
