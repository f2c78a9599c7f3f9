//! The applicant's correction page (補正), reached from the emailed link, and withdrawal
//! (取下げ) with a confirmation step. The secret in the link is the only key: no account
//! or cookie is needed, and a wrong or old link is "not found".

mod page;
mod withdraw;

use actix_web::web;

use crate::routes::resource;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(
        resource("/corrections/{token}")
            .route(web::get().to(page::show))
            .route(web::post().to(page::answer)),
    )
    .service(resource("/corrections/{token}/files").route(web::post().to(page::upload)))
    .service(resource("/corrections/{token}/files/remove").route(web::post().to(page::remove_file)))
    .service(
        resource("/corrections/{token}/withdraw")
            .route(web::get().to(withdraw::confirm_withdrawal))
            .route(web::post().to(withdraw::withdraw)),
    );
}
