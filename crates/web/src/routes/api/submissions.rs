//! `POST /api/v1/procedures/{id}/submissions`: filing, exactly once per idempotency key.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use madoguchi_app::submission::SubmitOutcome;
use madoguchi_core::ProcedureId;
use madoguchi_core::jst;

use super::bodies::{Answers, ErrorEnvelope, Invalid, PaymentDue, Receipt};
use super::department::{Bearer, with_client};
use super::error::ApiError;
use super::json::JsonBody;
use super::run;
use crate::extract::{Ctx, client_address};

/// Stores the answers (201), or replays the earlier receipt for the same key and answers
/// (200, `Idempotent-Replayed: true`).
#[utoipa::path(
    post,
    path = "/procedures/{id}/submissions",
    operation_id = "submitAnswers",
    tag = "residents",
    summary = "File the answers (exactly once per Idempotency-Key)",
    params(
        ("id" = String, Path, description = "The procedure's id", pattern = "^[a-z0-9-]+$"),
        ("Idempotency-Key" = String, Header, description = "16-128 letters, digits, - or _ (a UUID fits). The same key with the same answers replays the receipt.", pattern = "^[A-Za-z0-9_-]{16,128}$")
    ),
    request_body(content = Answers, description = "The answers as JSON. A file question's answer names the files uploaded first with `uploadFile` (an id, or a list of up to five), and the request then carries the same department token."),
    security((), ("departmentToken" = [])),
    responses(
        (status = 201, description = "Filed", body = Receipt),
        (status = 200, description = "A retry with the same key and answers: the same receipt", body = Receipt,
            headers(("Idempotent-Replayed" = String, description = "true"))),
        (status = 400, response = ErrorEnvelope),
        (status = 401, description = "`api_token_invalid`: an `Authorization` header with no valid token of this city", body = ErrorEnvelope),
        (status = 403, response = ErrorEnvelope),
        (status = 404, response = ErrorEnvelope),
        (status = 413, response = ErrorEnvelope),
        (status = 415, response = ErrorEnvelope),
        (status = 422, response = Invalid),
        (status = 429, description = "`rate_limited`: too many requests from this address this minute; `Retry-After` says when to retry", body = ErrorEnvelope),
        (status = 503, response = ErrorEnvelope)
    )
)]
pub(super) async fn submit(
    req: HttpRequest,
    ctx: Ctx,
    id: web::Path<ProcedureId>,
    body: JsonBody,
) -> Result<HttpResponse, ApiError> {
    let pid = id.into_inner();
    let key = req
        .headers()
        .get("Idempotency-Key")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let form = ctx.app.forms_for(&ctx.tenant).get(pid.as_str());
    let address = client_address(&req);
    // A department's system names the files it uploaded first; it is known by its token.
    let client = match Bearer::optional(&req)? {
        Some(bearer) => Some(with_client(&ctx, bearer, |_, client| Ok(client.clone())).await?),
        None => None,
    };
    let outcome = run(&ctx, move |app, tenant| match &client {
        Some(client) => app.filing(&tenant).submit_data_with_files(
            client.reader(),
            &pid,
            body.0,
            &key,
            &address,
        ),
        None => app
            .filing(&tenant)
            .submit_data(&pid, body.0, &key, &address),
    })
    .await?
    .map_err(|e| ApiError::from_app(e, form.as_deref()))?;
    let (status, replayed) = match &outcome {
        SubmitOutcome::Stored(_) => (StatusCode::CREATED, false),
        SubmitOutcome::Replayed(_) => (StatusCode::OK, true),
    };
    let r = outcome.receipt();
    let mut res = HttpResponse::build(status);
    if replayed {
        res.insert_header(("Idempotent-Replayed", "true"));
    }
    Ok(res.json(Receipt {
        arrival_number: r.arrival_number.as_str().to_string(),
        arrived_at: r.arrived_at.to_rfc3339(),
        arrived_at_jst: jst::to_jst(r.arrived_at).to_rfc3339(),
        procedure_id: r.procedure_id.to_string(),
        state: r.state.code().to_string(),
        fee_yen: r.fee.amount(),
        due_on: r.due_on.map(|d| d.to_string()),
        data_sha256: r.data_sha256.clone(),
        payment: r.payment.as_ref().map(|p| PaymentDue {
            amount_yen: p.amount.amount(),
            status: p.status.code().to_string(),
        }),
    }))
}
