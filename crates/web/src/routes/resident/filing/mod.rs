//! Filing: the home page (search and categories), a category's procedures, a procedure's
//! start page, its steps (answers saved as a server-side draft of this browser), the check
//! page with its identity gate, submitting, and continuing a draft from an emailed link.

mod blank_step;
mod booking_offers;
mod category;
mod check;
mod list;
mod resume;
mod start;
mod step;
mod submit;
mod waitlist;

use actix_web::web;

use crate::routes::resource;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/").route(web::get().to(list::home)))
        .service(resource("/procedures").route(web::get().to(list::list)))
        .service(resource("/procedures/{category}").route(web::get().to(category::category)))
        .service(procedure_paths())
        .service(resource("/resume/{token}").route(web::get().to(resume::resume)));
}

/// `/p/{id}` and the paths under it, in one scope: the procedure's id is matched once, the
/// fixed paths under it are compared as text, and only then are a step's paths tried.
/// actix matches a pattern with `{…}` by a regular expression, one resource after another;
/// eight `/p/{id}/…` resources each matched the id again before the step's was reached.
fn procedure_paths() -> actix_web::Scope {
    web::scope("/p/{id}")
        .service(resource("").route(web::get().to(start::start)))
        // The fixed paths before a step's `/{step}`, which would also match them.
        .service(resource("/check").route(web::get().to(check::check)))
        .service(resource("/submit").route(web::post().to(submit::submit)))
        .service(resource("/resume-link").route(web::post().to(resume::email_resume_link)))
        .service(resource("/email-code").route(web::post().to(check::send_email_code)))
        .service(resource("/email-code/confirm").route(web::post().to(check::confirm_email_code)))
        // One segment: `/{step}` never matches the two-segment and three-segment paths
        // below, so the page every filing reads comes first.
        .service(
            resource("/{step}")
                .route(web::get().to(step::show))
                .route(web::post().to(step::post)),
        )
        .service(resource("/{step}/files").route(web::post().to(step::upload)))
        .service(
            resource("/{step}/waitlist")
                .route(web::get().to(waitlist::show))
                .route(web::post().to(waitlist::join)),
        )
        .service(resource("/{step}/files/remove").route(web::post().to(step::remove_file)))
}

#[cfg(test)]
mod tests {
    /// A step whose id is one of the fixed paths under `/p/{id}/` could never be posted (the
    /// fixed path answers first): every such path is a reserved step id, which the lint
    /// refuses.
    #[test]
    fn every_fixed_path_under_a_procedure_is_a_reserved_step_id() {
        let source = include_str!("mod.rs");
        let scope = &source[source.find("fn procedure_paths").expect("the scope")..];
        let mut fixed = Vec::new();
        for part in scope.split("resource(\"/").skip(1) {
            let path = &part[..part.find('"').unwrap_or(0)];
            let first = path.split('/').next().unwrap_or_default();
            if !first.is_empty() && !first.starts_with('{') && !fixed.contains(&first) {
                fixed.push(first);
            }
        }
        assert!(fixed.len() >= 4, "the scope was read: {fixed:?}");
        for path in fixed {
            assert!(
                madoguchi_forms::registry::RESERVED_STEP_IDS.contains(&path),
                "/p/{{id}}/{path} is not a reserved step id"
            );
        }
    }
}
