//! The department's token: read from the `Authorization` header, checked by the app.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{FromRequest, HttpRequest};
use madoguchi_app::{AppError, integrations::ApiClient};
use madoguchi_core::ErrorCode;

use crate::extract::Ctx;
use crate::routes::api::error::ApiError;
use crate::routes::api::run;

/// The bearer token, not yet checked (that needs the database).
#[derive(Debug)]
pub struct Bearer(String);

impl Bearer {
    /// The request's token if it sends an `Authorization` header (`None` without one); a
    /// header that holds no bearer token is refused, never taken as no token.
    pub(in crate::routes::api) fn optional(req: &HttpRequest) -> Result<Option<Bearer>, ApiError> {
        match req.headers().get(AUTHORIZATION) {
            None => Ok(None),
            Some(_) => Self::of(req).map(Some),
        }
    }

    fn of(req: &HttpRequest) -> Result<Bearer, ApiError> {
        req.headers()
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                let (scheme, token) = v.split_once(' ')?;
                scheme
                    .eq_ignore_ascii_case("bearer")
                    .then(|| token.trim().to_string())
            })
            .filter(|t| !t.is_empty() && t.len() <= 100)
            .map(Bearer)
            .ok_or(ApiError::Code(ErrorCode::ApiTokenInvalid))
    }
}

impl FromRequest for Bearer {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Self::of(req))
    }
}

/// Runs `f` for the token's client: 401 for a token that is not (or no longer) valid.
pub(in crate::routes::api) async fn with_client<T, F>(
    ctx: &Ctx,
    bearer: Bearer,
    f: F,
) -> Result<T, ApiError>
where
    F: FnOnce(&madoguchi_app::App, &ApiClient) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    run(ctx, move |app, tenant| {
        // Another city's token is no token here.
        let client = app.integrations(&tenant).api_client(&bearer.0)?;
        f(&app, &client)
    })
    .await?
    .map_err(|e| ApiError::from_app(e, None))
}
