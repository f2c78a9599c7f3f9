//! Staff administration (administrators only): the accounts, creating one, changing its
//! section, ward, role or name, disabling it, a new password, a new authenticator, signing
//! it out everywhere. Also the My Number reveal for case workers.

mod common;
mod member;
mod reveal;
mod staff;

use actix_web::web;

use crate::routes::resource;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(
        resource("/office/admin/staff")
            .route(web::get().to(staff::list))
            .route(web::post().to(staff::create)),
    )
    .service(
        resource("/office/admin/staff/{id}")
            .route(web::get().to(member::show))
            .route(web::post().to(member::update)),
    )
    .service(resource("/office/admin/staff/{id}/password").route(web::post().to(member::password)))
    .service(
        resource("/office/admin/staff/{id}/authenticator")
            .route(web::post().to(member::reset_totp)),
    )
    .service(resource("/office/admin/staff/{id}/sessions").route(web::post().to(member::revoke)))
    .service(resource("/office/submissions/{id}/reveal").route(web::post().to(reveal::reveal)));
}
