//! `/office/integrations`: a department author's API tokens and webhooks, with the delivery
//! log and "send again". A new token's or webhook's secret is shown once, on the answer to
//! the form that made it.

mod page;
mod tokens;
mod webhooks;

use actix_web::web;

use crate::routes::resource;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/office/integrations").route(web::get().to(page::show)))
        .service(resource("/office/integrations/tokens").route(web::post().to(tokens::make_token)))
        .service(
            resource("/office/integrations/tokens/{id}/revoke")
                .route(web::post().to(tokens::revoke)),
        )
        .service(
            resource("/office/integrations/webhooks").route(web::post().to(webhooks::make_hook)),
        )
        .service(
            resource("/office/integrations/webhooks/{id}/disable")
                .route(web::post().to(webhooks::disable)),
        )
        .service(
            resource("/office/integrations/deliveries/{id}/replay")
                .route(web::post().to(webhooks::replay)),
        );
}
