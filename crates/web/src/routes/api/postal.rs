//! `GET /api/v1/postal-codes/{code}`: every town a postal code means.

use actix_web::{HttpResponse, web};
use madoguchi_core::ErrorCode;

use super::bodies::{ErrorEnvelope, PostalCodeAnswer};
use super::error::ApiError;
use super::run;
use crate::extract::Ctx;

/// Every town the code means (some codes cover several). Cached for a day.
#[utoipa::path(
    get,
    path = "/postal-codes/{code}",
    operation_id = "lookUpPostalCode",
    tag = "residents",
    params(("code" = String, Path, description = "7 digits, with or without the hyphen", pattern = "^[0-9]{3}-?[0-9]{4}$")),
    responses(
        (status = 200, description = "Every town the code means", body = PostalCodeAnswer),
        (status = 400, response = ErrorEnvelope),
        (status = 404, response = ErrorEnvelope),
        (status = 429, description = "`rate_limited`: too many requests from this address this minute; `Retry-After` says when to retry", body = ErrorEnvelope)
    )
)]
pub(super) async fn postal_code(
    ctx: Ctx,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let code = code.into_inner();
    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 7 || code.chars().any(|c| !c.is_ascii_digit() && c != '-') {
        return Err(ApiError::Code(ErrorCode::MalformedRequest));
    }
    let found = run(&ctx, move |app, _| app.lookup_address(&digits))
        .await?
        .map_err(|e| ApiError::from_app(e, None))?;
    let Some(first) = found.first() else {
        return Err(ApiError::Code(ErrorCode::NotFound));
    };
    let postal_code = first.postal_code.clone();
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "public, max-age=86400"))
        .json(PostalCodeAnswer {
            postal_code,
            addresses: found.into_iter().map(Into::into).collect(),
        }))
}
