//! The published figures (`/statistics`, with `.csv` and `.json` as open data), the
//! counters' waiting now (`/congestion`, likewise) and the clerks' exports (`/office/exports`).

pub(crate) mod congestion;
mod exports;
mod figures;

use actix_web::web;

use crate::routes::resource;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/statistics").route(web::get().to(figures::page)))
        .service(resource("/statistics.csv").route(web::get().to(figures::csv)))
        .service(resource("/statistics.json").route(web::get().to(figures::json)))
        .service(resource("/statistics/bookings.csv").route(web::get().to(figures::bookings_csv)))
        .service(resource("/congestion").route(web::get().to(congestion::page)))
        .service(resource("/congestion.csv").route(web::get().to(congestion::csv)))
        .service(resource("/congestion.json").route(web::get().to(congestion::json)))
        .service(resource("/office/exports").route(web::get().to(exports::export_page)))
        .service(resource("/office/exports/file").route(web::get().to(exports::export_file)));
}

/// A GET form's query string as its typed input; what cannot be read counts as not given.
fn query_of<T: serde::de::DeserializeOwned + Default>(req: &actix_web::HttpRequest) -> T {
    crate::extract::from_pairs(
        &crate::extract::parse_urlencoded(req.query_string().as_bytes()).unwrap_or_default(),
    )
    .unwrap_or_default()
}
