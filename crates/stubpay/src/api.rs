//! The JSON API (`/v1/…`, bearer key) and, in test mode, the scripting routes (`/test/…`).

use std::future::{Ready, ready};

use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpRequest, HttpResponse, ResponseError, web};
use madoguchi_core::Yen;
use madoguchi_payment::{Checkout, PaymentStatus};
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use crate::StubPay;
use crate::state::{NewCheckout, Refusal, Script, now_unix};

pub(crate) fn configure(cfg: &mut web::ServiceConfig, test_mode: bool) {
    cfg.route("/v1/checkouts", web::post().to(create))
        .route("/v1/checkouts/{id}", web::get().to(status))
        .route("/v1/checkouts/{id}/refunds", web::post().to(refund));
    if test_mode {
        cfg.route("/test/checkouts/{id}/script", web::post().to(script))
            .route("/test/checkouts/{id}/settle", web::post().to(settle))
            .route("/test/checkouts/{id}/expire", web::post().to(expire));
    }
}

/// The error envelope: `{"error": "<code>", "message": "…"}`.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct ErrorBody {
    pub error: String,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum ApiError {
    #[error("a valid bearer API key is required")]
    Unauthorised,
    #[error("the Idempotency-Key header is required")]
    NoIdempotencyKey,
    #[error(transparent)]
    Refused(#[from] Refusal),
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Unauthorised => StatusCode::UNAUTHORIZED,
            ApiError::NoIdempotencyKey => StatusCode::BAD_REQUEST,
            ApiError::Refused(Refusal::NotFound(_)) => StatusCode::NOT_FOUND,
            ApiError::Refused(Refusal::Conflict(_)) => StatusCode::CONFLICT,
            ApiError::Refused(Refusal::Invalid(_)) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Refused(Refusal::Unavailable(_)) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let code = match self {
            ApiError::Unauthorised => "unauthorised",
            ApiError::NoIdempotencyKey => "idempotency_key_required",
            ApiError::Refused(Refusal::NotFound(_)) => "not_found",
            ApiError::Refused(Refusal::Conflict(_)) => "conflict",
            ApiError::Refused(Refusal::Invalid(_)) => "invalid_request",
            ApiError::Refused(Refusal::Unavailable(_)) => "unavailable",
        };
        let mut response = HttpResponse::build(self.status_code());
        if matches!(self, ApiError::Unauthorised) {
            response.insert_header(("www-authenticate", "Bearer"));
        }
        response.json(ErrorBody {
            error: code.into(),
            message: self.to_string(),
        })
    }
}

/// A caller that presented the configured API key.
pub(crate) struct Authorised;

impl FromRequest for Authorised {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let presented = req
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or_default();
        let ok = req.app_data::<web::Data<StubPay>>().is_some_and(|stub| {
            let expected = stub.config().api_key.as_bytes();
            !expected.is_empty() && bool::from(presented.as_bytes().ct_eq(expected))
        });
        ready(if ok {
            Ok(Authorised)
        } else {
            Err(ApiError::Unauthorised)
        })
    }
}

fn idempotency_key(req: &HttpRequest) -> Result<String, ApiError> {
    req.headers()
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 255)
        .map(str::to_owned)
        .ok_or(ApiError::NoIdempotencyKey)
}

async fn create(
    _: Authorised,
    stub: web::Data<StubPay>,
    req: HttpRequest,
    body: web::Json<NewCheckout>,
) -> Result<HttpResponse, ApiError> {
    let key = idempotency_key(&req)?;
    let body = body.into_inner();
    let (checkout, new) = stub.with_ledger(|ledger| {
        let (record, new) = ledger.create(&key, body.clone(), now_unix())?;
        let checkout = Checkout {
            checkout_id: record.id.clone(),
            page_url: stub.page_url(&record.id),
            status: record.status,
        };
        Ok((checkout, new))
    })?;
    let status = if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(HttpResponse::build(status).json(checkout))
}

async fn status(
    _: Authorised,
    stub: web::Data<StubPay>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(stub.record(&id)?.state()))
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct NewRefund {
    pub amount: Yen,
}

async fn refund(
    _: Authorised,
    stub: web::Data<StubPay>,
    req: HttpRequest,
    id: web::Path<String>,
    body: web::Json<NewRefund>,
) -> Result<HttpResponse, ApiError> {
    let key = idempotency_key(&req)?;
    let (refund, events, script) = stub.with_ledger(|ledger| {
        let (refund, events) = ledger.refund(&id, body.amount, &key, now_unix())?;
        let script = ledger.get(&id)?.script.webhook;
        Ok((refund, events, script))
    })?;
    stub.dispatch(events, script);
    Ok(HttpResponse::Ok().json(refund))
}

async fn script(
    _: Authorised,
    stub: web::Data<StubPay>,
    id: web::Path<String>,
    body: web::Json<Script>,
) -> Result<HttpResponse, ApiError> {
    let script = body.into_inner();
    stub.with_ledger(|ledger| {
        ledger.get_mut(&id)?.script = script.clone();
        Ok(())
    })?;
    Ok(HttpResponse::NoContent().finish())
}

/// The resident paid the convenience-store number at the till.
async fn settle(
    _: Authorised,
    stub: web::Data<StubPay>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    // Through `record` first, so an overdue number lapses instead of being paid.
    stub.record(&id)?;
    stub.change_from(&id, Some(PaymentStatus::Pending), PaymentStatus::Paid)?;
    Ok(HttpResponse::Ok().json(stub.record(&id)?.state()))
}

/// The checkout (or its payment number) lapses now.
async fn expire(
    _: Authorised,
    stub: web::Data<StubPay>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    stub.change(&id, PaymentStatus::Expired)?;
    Ok(HttpResponse::Ok().json(stub.record(&id)?.state()))
}
