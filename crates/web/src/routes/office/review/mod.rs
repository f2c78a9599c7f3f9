//! Reviewing one filing: the detail page and the actions on it.

mod act;
mod counter_fee;
mod detail;
mod legal_hold;
mod sign_off;

use actix_web::web;

use crate::routes::resource;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/office/submissions/{id}").route(web::get().to(detail::detail)))
        .service(resource("/office/submissions/{id}/actions").route(web::post().to(act::act)))
        .service(resource("/office/submissions/{id}/decision").route(web::post().to(act::act)))
        .service(
            resource("/office/submissions/{id}/decision-route")
                .route(web::post().to(sign_off::sign)),
        )
        .service(
            resource("/office/submissions/{id}/legal-hold").route(web::post().to(legal_hold::hold)),
        )
        .service(
            resource("/office/submissions/{id}/counter-payment")
                .route(web::post().to(counter_fee::record)),
        )
        .service(
            resource("/office/submissions/{id}/payments/{payment}/returned")
                .route(web::post().to(counter_fee::returned)),
        );
}
