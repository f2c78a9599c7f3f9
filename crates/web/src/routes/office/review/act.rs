//! Review actions on a filing (decide, ask for a correction, extend, assign, …): the form
//! again with what to fix when the action is refused.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use madoguchi_app::{AppError, review::ReviewInput};
use madoguchi_core::{ErrorCode, jst};

use super::detail::{detail_view, load_detail};
use crate::error::WebError;
use crate::extract::RecordKey;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::routes::{html, see_other};

/// A review form: the decision form sends `decision`, the others `action`; each sends
/// only the inputs it has.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct ActInput {
    decision: Option<String>,
    action: String,
    reason: String,
    /// The questions to correct (ticked).
    fields: Vec<String>,
    deadline: String,
    days: String,
    assignee: String,
    /// The decision form's box: an approval's reason is told to the applicant.
    tell_applicant: Option<String>,
}

/// Any review action. The decision form posts `decision`; the others post `action`.
pub(super) async fn act(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<RecordKey>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let id = id.into_inner().into_inner();
    let posted: ActInput = body.parse()?;
    let input = ReviewInput {
        action: posted.decision.unwrap_or(posted.action),
        reason: posted.reason,
        fields: posted.fields,
        deadline: posted.deadline,
        days: posted.days,
        assignee: posted.assignee,
        tell_applicant: posted.tell_applicant.is_some(),
    };
    let form_name = match input.action.as_str() {
        "approve" | "reject" | "" => "decision",
        other => other,
    }
    .to_string();
    let (c, sid, inp) = (clerk.clerk.clone(), id.clone(), input.clone());
    let (problem, code) = match ctx
        .call(move |app, tenant| app.review(&tenant).act(&c, &sid, &inp))
        .await?
    {
        Ok(_) => return Ok(see_other(&format!("/office/submissions/{id}"))),
        Err(e @ (AppError::ReasonRequired | AppError::ReasonTooLong | AppError::Refused(_))) => {
            let (title, todo) = e.code().message(lang);
            (format!("{title}: {todo}"), Some(e.code()))
        }
        Err(AppError::InvalidTransition) if input.action.is_empty() => (
            msg::web_office_choose_approve_or_reject::text(lang).to_string(),
            None,
        ),
        Err(e) => return Err(WebError::from_app(e, lang)),
    };
    // The error summary links to the input that needs fixing.
    let anchor = match (form_name.as_str(), code) {
        ("decision", None) => "decision-approve",
        ("decision", _) => "reason",
        ("request_correction", Some(ErrorCode::CorrectionFieldsMissing)) => "fix-1",
        ("request_correction", Some(ErrorCode::DeadlineInvalid)) => "deadline",
        ("request_correction", _) => "correction-reason",
        ("extend", Some(ErrorCode::ExtensionInvalid)) => "days",
        ("extend", _) => "extend-reason",
        ("assign", _) => "assignee",
        (other, _) => other,
    }
    .to_string();
    // The form again, with what was typed and what to fix.
    let s = load_detail(&ctx, &clerk, id).await?;
    let closed = ctx.app.closed_days(&clerk.clerk.tenant);
    let mut view = detail_view(lang, &clerk, csrf.0, s, jst::date(ctx.app.now()), closed);
    view.error = Some((form_name, anchor, problem));
    view.input = input;
    view.page.has_errors = true;
    html(StatusCode::UNPROCESSABLE_ENTITY, &view, lang)
}
