//! Documents as PDFs: the decision notice behind the emailed link (`/documents/{secret}`)
//! and the clerk's copy (`/office/submissions/{id}/notice.pdf`).

mod downloads;
pub(crate) use downloads::download;

use actix_web::web;

use crate::routes::resource;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/documents/{token}").route(web::get().to(downloads::by_link)))
        .service(resource("/receipts/{number}/pdf").route(web::get().to(downloads::receipt)))
        .service(
            resource("/office/submissions/{id}/notice.pdf")
                .route(web::get().to(downloads::for_clerk)),
        )
        .service(
            resource("/office/submissions/{id}/files/{file}").route(web::get().to(downloads::file)),
        );
}
