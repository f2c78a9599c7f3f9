//! A legal hold (法的保留) on the filing's page: a supervisor puts one on, with the reason
//! (a lawsuit, an appeal, a disclosure request), or lifts it, again with a reason. A held
//! filing is never on the disposal list.

use crate::msg;

use actix_web::{HttpResponse, web};
use madoguchi_app::AppError;
use madoguchi_app::review::{HoldMove, ReviewInput};
use madoguchi_core::jst;
use madoguchi_i18n::t;

use super::detail::{DetailView, page_with_error};
use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody, RecordKey};
use crate::routes::see_other;

/// The form as posted.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct Posted {
    /// `place` or `lift`.
    op: String,
    reason: String,
}

pub(super) async fn hold(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<RecordKey>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let id = id.into_inner().into_inner();
    let posted: Posted = body.parse()?;
    let step = match posted.op.as_str() {
        "place" => HoldMove::Place,
        "lift" => HoldMove::Lift,
        _ => return Err(WebError::from_app(AppError::InvalidTransition, lang)),
    };
    let (c, sid, reason) = (clerk.clerk.clone(), id.clone(), posted.reason.clone());
    let problem = match ctx
        .call(move |app, tenant| app.review(&tenant).legal_hold(&c, &sid, step, &reason))
        .await?
    {
        Ok(()) => return Ok(see_other(&format!("/office/submissions/{id}#legal-hold"))),
        Err(AppError::ReasonRequired) => msg::web_office_hold_reason_required::text(lang),
        Err(AppError::ReasonTooLong) => msg::web_office_hold_reason_too_long::text(lang),
        Err(e) => return Err(WebError::from_app(e, lang)),
    };
    // The page again, with the reason as typed and what to fix.
    let typed = posted.reason;
    page_with_error(
        &ctx,
        &clerk,
        csrf.0,
        id,
        ("legal_hold", "hold-reason", problem),
        |view| {
            view.input = ReviewInput {
                reason: typed,
                ..ReviewInput::default()
            }
        },
    )
    .await
}

/// What the filing's page shows of its legal hold (`office/legal_hold.html`).
impl DetailView {
    pub(super) fn hold_line(&self) -> Option<String> {
        let h = self.s.hold.as_ref()?;
        Some(t!(
            self.page.lang,
            web_office_hold_in_force,
            by = h.placed_by.clone().unwrap_or_else(|| "-".into()),
            at = jst::format_datetime(h.placed_at, self.page.lang)
        ))
    }
}
