//! Filing: the home page (search and categories), a category's procedures, a procedure's
//! start page, its steps (answers saved as a server-side draft of this browser), the check
//! page with its identity gate, submitting, and continuing a draft from an emailed link.

mod blank_step;
mod category;
mod check;
mod list;
mod resume;
mod start;
mod step;
mod submit;

use actix_web::web;

use crate::routes::resource;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/").route(web::get().to(list::home)))
        .service(resource("/procedures").route(web::get().to(list::list)))
        .service(resource("/procedures/{category}").route(web::get().to(category::category)))
        .service(resource("/p/{id}").route(web::get().to(start::start)))
        // The fixed `/p/{id}/…` paths before a step's `/p/{id}/{step}`.
        .service(resource("/p/{id}/check").route(web::get().to(check::check)))
        .service(resource("/p/{id}/submit").route(web::post().to(submit::submit)))
        .service(resource("/p/{id}/resume-link").route(web::post().to(resume::email_resume_link)))
        .service(resource("/p/{id}/email-code").route(web::post().to(check::send_email_code)))
        .service(
            resource("/p/{id}/email-code/confirm").route(web::post().to(check::confirm_email_code)),
        )
        .service(resource("/p/{id}/{step}/files").route(web::post().to(step::upload)))
        .service(resource("/p/{id}/{step}/files/remove").route(web::post().to(step::remove_file)))
        .service(
            resource("/p/{id}/{step}")
                .route(web::get().to(step::show))
                .route(web::post().to(step::post)),
        )
        .service(resource("/resume/{token}").route(web::get().to(resume::resume)));
}
