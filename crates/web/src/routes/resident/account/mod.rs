//! Residents' accounts: `/account` (sign in, or who is signed in), `/account/new`
//! (register), `/account/details` (the details kept to fill in forms), `/account/verify/{link}` (the emailed confirmation), `/account/reset` and
//! `/account/reset/{link}` (a new password by emailed link), `/session/keep` ("keep me
//! signed in", from the timeout warning), and the sign-in at the identity provider
//! (`/sign-in`, `/sign-in/callback`, `/sign-out`).

mod details;
mod form;
mod keep;
mod provider;
mod register;
mod reset;
mod sign_in;

use actix_web::web;

use crate::routes::resource;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/account").route(web::get().to(sign_in::show)))
        .service(resource("/account/sign-in").route(web::post().to(sign_in::sign_in)))
        .service(
            resource("/account/details")
                .route(web::get().to(details::show))
                .route(web::post().to(details::save)),
        )
        .service(
            resource("/account/new")
                .route(web::get().to(register::show))
                .route(web::post().to(register::register)),
        )
        .service(
            resource("/account/verify/{link}")
                .route(web::get().to(register::confirm_page))
                .route(web::post().to(register::verify)),
        )
        .service(
            resource("/account/reset")
                .route(web::get().to(reset::request_page))
                .route(web::post().to(reset::send_link)),
        )
        .service(
            resource("/account/reset/{link}")
                .route(web::get().to(reset::new_password))
                .route(web::post().to(reset::set_password)),
        )
        .service(resource("/session/keep").route(web::post().to(keep::keep_signed_in)))
        .service(resource("/sign-in").route(web::get().to(provider::start)))
        .service(resource("/sign-in/callback").route(web::get().to(provider::callback)))
        .service(resource("/sign-out").route(web::post().to(provider::sign_out)));
}
