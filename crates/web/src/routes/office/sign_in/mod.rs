//! Staff sign-in: the password, then the second factor.

mod code;
mod login;

use actix_web::web;

use crate::routes::resource;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/office").route(web::get().to(login::office_home)))
        .service(
            resource("/office/login")
                .route(web::get().to(login::login_page))
                .route(web::post().to(login::login)),
        )
        .service(
            resource("/office/login/code")
                .route(web::get().to(code::show_code))
                .route(web::post().to(code::verify_code)),
        )
        .service(resource("/office/logout").route(web::post().to(login::logout)));
}
