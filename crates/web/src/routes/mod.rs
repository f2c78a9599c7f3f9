//! Route tables, one folder per area; each area's `mod.rs` has its `config(cfg)`.

pub mod admin;
pub mod api;
pub mod authoring;
pub mod counter;
#[cfg(test)]
mod csrf_guard;
pub mod documents;
pub mod integrations;
pub mod office;
pub mod payments;
pub mod resident;
pub mod shared_page;
pub mod statistics;
pub mod system;

use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_TYPE, LOCATION};
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_core::Lang;

use crate::error::WebError;

/// Every route, area by area. No two areas' paths overlap, so their order is free; within
/// an area, fixed paths come before the patterns that would also match them.
pub fn config(cfg: &mut web::ServiceConfig) {
    // Partner systems: one scope, first (see `api::config`).
    api::config(cfg);
    system::config(cfg);
    // Residents.
    resident::filing::config(cfg);
    resident::applications::config(cfg);
    resident::booking::config(cfg);
    resident::waitlist::config(cfg);
    resident::correction::config(cfg);
    resident::account::config(cfg);
    resident::guide::config(cfg);
    resident::statement::config(cfg);
    payments::config(cfg);
    documents::config(cfg);
    counter::config(cfg);
    statistics::config(cfg);
    // Staff.
    office::sign_in::config(cfg);
    office::queue::config(cfg);
    office::review::config(cfg);
    office::deliveries::config(cfg);
    office::decisions::config(cfg);
    office::retention::config(cfg);
    office::bookings::config(cfg);
    office::congestion::config(cfg);
    office::figures_entry::config(cfg);
    office::facts::config(cfg);
    office::audit::config(cfg);
    office::approvals::config(cfg);
    authoring::config(cfg);
    integrations::config(cfg);
    admin::config(cfg);
}

/// Renders a template as an HTML response with `status`.
pub fn html(
    status: StatusCode,
    template: &impl Template,
    lang: Lang,
) -> Result<HttpResponse, WebError> {
    let body = template.render().map_err(|e| WebError::internal(e, lang))?;
    let mut res = HttpResponse::build(status);
    crate::error::retry_after_if_paused(&mut res, status);
    Ok(res
        .insert_header((CONTENT_TYPE, "text/html; charset=utf-8"))
        .body(body))
}

/// 303 See Other: where a browser goes after a successful POST.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((LOCATION, location.to_string()))
        .finish()
}

/// A resource whose unsupported methods get the 405 page (not an empty body).
pub fn resource(path: &str) -> actix_web::Resource {
    web::resource(path).default_service(web::to(system::method_not_allowed))
}
