//! The provider's webhook.

use actix_web::{HttpRequest, HttpResponse, web};
use madoguchi_app::{AppError, fees::WebhookOutcome};

use crate::error::WebError;
use crate::extract::Ctx;

/// Webhook bodies are small JSON events.
pub(super) const MAX_WEBHOOK_BYTES: usize = 64 * 1024;

/// The provider's webhook: signed JSON, no cookies, no CSRF token (the signature is the
/// check). 200 once applied or already known; 400 when refused (logged).
pub(super) async fn webhook(
    req: HttpRequest,
    ctx: Ctx,
    body: web::Bytes,
) -> Result<HttpResponse, WebError> {
    let headers: Vec<(String, String)> = req
        .headers()
        .iter()
        .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
        .collect();
    let result = ctx
        .call(move |app, tenant| {
            let pairs: Vec<(&str, &str)> = headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            app.fees(&tenant).payment_webhook(&pairs, &body)
        })
        .await?;
    match result {
        Ok(outcome) => Ok(HttpResponse::Ok().json(serde_json::json!({
            "outcome": match outcome {
                WebhookOutcome::Applied => "applied",
                WebhookOutcome::Duplicate => "duplicate",
                WebhookOutcome::Stale => "stale",
                WebhookOutcome::Unknown => "unknown",
            }
        }))),
        Err(AppError::WebhookRefused(e)) => Ok(HttpResponse::BadRequest()
            .json(serde_json::json!({"error": "webhook_refused", "message": e.to_string()}))),
        Err(e) => Err(WebError::from_app(e, ctx.lang)),
    }
}
