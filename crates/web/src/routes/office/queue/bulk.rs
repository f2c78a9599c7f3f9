//! `POST /office/queue/bulk`: the filings ticked in the queue, assigned (supervisors),
//! exported as CSV or JSON, or checked for approving together (`bulk_decision`).

use actix_web::HttpResponse;
use madoguchi_app::AppError;
use madoguchi_core::ErrorCode;
use madoguchi_core::ProcedureId;

use super::list::render_queue;
use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::routes::see_other;

/// The queue's bulk form: the ticked filings, what to do with them, and the queue's
/// address to come back to.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct BulkInput {
    ids: Vec<String>,
    back: String,
    op: Option<BulkOp>,
    assignee: String,
    format: Option<ExportAs>,
    /// `1`: the CSV starts with a byte-order mark (for spreadsheet programs).
    bom: String,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum BulkOp {
    Assign,
    Export,
    Decide,
    #[serde(other)]
    Unknown,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum ExportAs {
    Json,
    #[serde(other)]
    Csv,
}

/// A bulk action on the filings ticked in the queue: assign them (supervisors), or export
/// them as CSV or JSON.
pub(super) async fn bulk(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let BulkInput {
        ids,
        back,
        op,
        assignee,
        format,
        bom,
    } = body.parse()?;
    let result = match op {
        Some(BulkOp::Assign) => {
            let c = clerk.clerk.clone();
            let ids2 = ids.clone();
            match ctx
                .call(move |app, tenant| app.review(&tenant).bulk_assign(&c, &ids2, &assignee))
                .await?
            {
                Ok(n) => {
                    let sep = if back.is_empty() { "" } else { "&" };
                    return Ok(see_other(&format!("/office/queue?{back}{sep}assigned={n}")));
                }
                Err(e) => Err(e),
            }
        }
        Some(BulkOp::Decide) => {
            match super::bulk_decision::preview(&ctx, &clerk, csrf.0.clone(), ids, back.clone())
                .await?
            {
                Ok(page) => return Ok(page),
                Err(e) => Err(e),
            }
        }
        Some(BulkOp::Export) => {
            let query = madoguchi_app::review::ExportQuery {
                procedure: ProcedureId::new(""),
                ids: ids.clone(),
                from: None,
                to: None,
                states: Vec::new(),
                format: match format {
                    Some(ExportAs::Json) => madoguchi_app::review::ExportFormat::Json,
                    _ => madoguchi_app::review::ExportFormat::Csv { bom: bom == "1" },
                },
            };
            if ids.is_empty() {
                Err(AppError::Refused(ErrorCode::SelectionInvalid))
            } else {
                let c = clerk.clerk.clone();
                match ctx
                    .call(move |app, tenant| app.review(&tenant).export(&c, &query))
                    .await?
                {
                    Ok(export) => {
                        return Ok(HttpResponse::Ok()
                            .insert_header((
                                actix_web::http::header::CONTENT_TYPE,
                                export.content_type,
                            ))
                            .insert_header((
                                actix_web::http::header::CONTENT_DISPOSITION,
                                format!("attachment; filename=\"{}\"", export.filename),
                            ))
                            .body(export.body));
                    }
                    Err(e) => Err(e),
                }
            }
        }
        _ => Err(AppError::Refused(ErrorCode::SelectionInvalid)),
    };
    match result {
        Err(AppError::Refused(code)) => {
            render_queue(&ctx, &clerk, csrf.0, &back, None, Some(code)).await
        }
        // One of them changed meanwhile (decided, taken away): nothing was assigned.
        Err(AppError::InvalidTransition) => {
            render_queue(
                &ctx,
                &clerk,
                csrf.0,
                &back,
                None,
                Some(ErrorCode::InvalidTransition),
            )
            .await
        }
        Err(e) => Err(WebError::from_app(e, lang)),
        Ok(()) => Ok(see_other("/office/queue")),
    }
}
