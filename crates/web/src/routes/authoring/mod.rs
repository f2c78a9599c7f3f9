//! Department authors' pages (`/office/authoring`): their section's procedures, a new one
//! from the template or a copy, the definition's editor with the lint at every save, the
//! preview as residents see it (with sample answers checked), publishing, the versions with
//! their differences and rollback, and retiring.

mod edit;
mod list;
mod preview;
mod publish;
mod structure;
mod versions;

use actix_web::web;

use crate::routes::resource;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/office/authoring").route(web::get().to(list::list)))
        .service(resource("/office/authoring/new").route(web::post().to(list::create)))
        .service(resource("/office/authoring/import").route(web::post().to(list::import)))
        .service(resource("/office/authoring/{id}/export").route(web::get().to(list::export)))
        .service(resource("/office/authoring/{id}/publish").route(web::post().to(publish::publish)))
        .service(resource("/office/authoring/{id}/retire").route(web::post().to(publish::retire)))
        .service(
            resource("/office/authoring/{id}/republish").route(web::post().to(publish::republish)),
        )
        .service(
            resource("/office/authoring/{id}/versions").route(web::get().to(versions::versions)),
        )
        .service(resource("/office/authoring/{id}/diff").route(web::get().to(versions::diff)))
        .service(resource("/office/authoring/{id}/preview").route(web::get().to(preview::preview)))
        .service(
            resource("/office/authoring/{id}/preview/{step}")
                .route(web::get().to(preview::step_link))
                .route(web::post().to(preview::check_sample)),
        )
        .service(
            resource("/office/authoring/{id}/structure")
                .route(web::get().to(structure::show))
                .route(web::post().to(structure::change)),
        )
        .service(
            resource("/office/authoring/{id}")
                .route(web::get().to(edit::edit))
                .route(web::post().to(edit::save)),
        );
}
