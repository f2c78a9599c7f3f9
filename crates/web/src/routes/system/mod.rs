//! What every site has: static assets, health checks, the reader's settings, and the
//! 404 and 405 pages.

mod assets;
pub use assets::asset_path;
mod errors;
pub(crate) mod health;
mod settings;

pub use errors::{method_not_allowed, not_found};

use actix_web::web;

use crate::routes::resource;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/static/{file}").route(web::get().to(assets::file)))
        .service(resource("/theme.css").route(web::get().to(crate::tenancy::theme_css)))
        .service(resource("/healthz").route(web::get().to(health::live)))
        .service(resource("/readyz").route(web::get().to(health::ready)))
        .service(resource("/lang/{code}").route(web::get().to(settings::switch_language)))
        .service(resource("/furigana/{choice}").route(web::get().to(settings::switch_furigana)));
}
