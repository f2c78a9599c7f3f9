//! What a resident filed: the receipt (with the decision notice and withdrawal), and `/my`,
//! this browser's applications and drafts.

mod my;
mod receipt;
mod status;
mod withdraw;

use actix_web::web;

pub(crate) use my::my_page;
pub(crate) use withdraw::{WithdrawInput, WithdrawView};

use crate::routes::resource;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/receipts/{number}").route(web::get().to(receipt::receipt)))
        .service(
            resource("/receipts/{number}/withdraw")
                .route(web::get().to(withdraw::confirm_withdrawal))
                .route(web::post().to(withdraw::withdraw)),
        )
        .service(resource("/receipts/{number}/notice.pdf").route(web::get().to(receipt::notice)))
        .service(resource("/my").route(web::get().to(my::my_applications)))
        .service(
            resource("/status")
                .route(web::get().to(status::show))
                .route(web::post().to(status::look_up)),
        );
}
