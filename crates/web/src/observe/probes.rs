//! What a process without pages serves (`madoguchi worker`): `/healthz`, `/readyz` and
//! `/metrics`, so its background jobs' runs and errors, its connection pool and the queues
//! it works are scraped like a `serve`'s.

use actix_web::web;
use madoguchi_app::App;

use super::{Observer, scrape_route};
use crate::routes::system::health;

/// The probe routes over `app`, with `/metrics` behind `observer`'s token (404 without one).
pub fn probe_service(app: App, observer: Observer) -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg: &mut web::ServiceConfig| {
        cfg.app_data(web::Data::new(app))
            .service(scrape_route(observer))
            .service(web::resource("/healthz").route(web::get().to(health::live)))
            .service(web::resource("/readyz").route(web::get().to(health::ready)));
    }
}
