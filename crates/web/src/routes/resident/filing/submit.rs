//! `POST /p/{id}/submit`: files the draft once (per idempotency key), then on to paying
//! when a fee is due now, or to the receipt.

use actix_web::{HttpRequest, HttpResponse, web};
use madoguchi_app::AppError;
use madoguchi_core::ProcedureId;

use super::check::{back_to_check, gate_refusal};
use crate::error::WebError;
use crate::extract::{Ctx, FormBody, ResidentSession};
use crate::routes::see_other;

/// The check page's "submit": the key that makes a second press replay the first.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct SubmitInput {
    idempotency_key: String,
}

pub(super) async fn submit(
    req: HttpRequest,
    ctx: Ctx,
    session: ResidentSession,
    id: web::Path<ProcedureId>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let pid = id.into_inner();
    let SubmitInput {
        idempotency_key: key,
    } = body.parse()?;
    let (token, p) = (session.0, pid.clone());
    let filed = ctx
        .call(move |app, tenant| {
            let outcome = app.filing(&tenant).submit(token.as_deref(), &p, &key)?;
            let receipt = outcome.receipt().clone();
            // A fee due now: straight on to the provider's page. When the provider cannot
            // be reached the filing stands and the receipt offers "pay" again.
            let pay = match &receipt.payment {
                Some(p) if !p.after_approval && p.can_pay() => Some(
                    app.fees(&tenant)
                        .start_payment(madoguchi_app::fees::PayAccess::Session {
                            token: token.as_deref(),
                            arrival_number: receipt.arrival_number.as_str(),
                        })
                        .map_err(|_| ()),
                ),
                _ => None,
            };
            Ok((receipt, pay))
        })
        .await?;
    if let Ok((receipt, _)) = &filed
        && let Some(key) = &receipt.status_key
    {
        crate::extract::remember_status_key(&req, receipt.arrival_number.as_str(), key);
    }
    match filed {
        Ok((_, Some(Ok(url)))) => Ok(see_other(&url)),
        Ok((receipt, Some(Err(())))) => Ok(see_other(&format!(
            "/receipts/{}?pay=unavailable",
            receipt.arrival_number
        ))),
        Ok((receipt, None)) => Ok(see_other(&format!("/receipts/{}", receipt.arrival_number))),
        // A second application the procedure calls void: the check page says why.
        Err(AppError::Validation { errors, .. })
            if errors
                .iter()
                .any(|e| e.code == madoguchi_forms::FormErrorCode::DuplicateFiling) =>
        {
            Ok(see_other(&format!("/p/{pid}/check#alike")))
        }
        Err(AppError::Validation { step, .. }) => Ok(see_other(&format!("/p/{pid}/{step}"))),
        Err(e @ AppError::Refused(code)) if gate_refusal(code).is_some() => {
            back_to_check(&pid, e, ctx.lang)
        }
        Err(e) => Err(WebError::from_app(e, ctx.lang)),
    }
}
