//! Paying fees: the "pay" buttons (receipt page and the emailed link), the return from
//! the provider's page, the provider's signed webhooks, and the accounting section's daily
//! report (`/office/payments`, with CSV).

mod pay;
mod report;
mod result;
mod webhook;

use actix_web::web;

use crate::routes::resource;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/receipts/{number}/pay").route(web::post().to(pay::pay_from_receipt)))
        .service(
            resource("/pay/{token}")
                .route(web::get().to(pay::pay_page))
                .route(web::post().to(pay::pay_from_link)),
        )
        .service(resource("/payments/return").route(web::get().to(result::returned)))
        .service(
            resource("/payments/webhook")
                .app_data(web::PayloadConfig::new(webhook::MAX_WEBHOOK_BYTES))
                .route(web::post().to(webhook::webhook)),
        )
        .service(resource("/office/payments").route(web::get().to(report::report)))
        .service(resource("/office/payments.csv").route(web::get().to(report::report_csv)));
}
