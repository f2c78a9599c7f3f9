//! The approvals page: publications waiting for the supervisor, approved or returned.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::{AppError, authoring::DiffLine, authoring::PendingPublication};
use madoguchi_core::ProcedureId;
use madoguchi_core::{ErrorCode, jst};

use crate::error::{WebError, status_of};
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::routes::{html, see_other};
use crate::views::{ErrorLink, Page};

#[derive(Template)]
#[template(path = "office/approvals.html")]
struct ApprovalsPage {
    page: Page,
    pending: Vec<PendingPublication>,
    notice: Option<String>,
    /// The procedure whose "return" form had an error.
    error_for: Option<ProcedureId>,
    csrf: String,
    errors: Vec<ErrorLink>,
}

impl ApprovalsPage {
    fn title(&self, p: &PendingPublication) -> String {
        p.title.get(self.page.lang).to_string()
    }
    fn when(&self, p: &PendingPublication) -> String {
        jst::format_datetime(p.submitted_at, self.page.lang)
    }
    /// Only what changed, with two lines of context around each change.
    fn changes(&self, p: &PendingPublication) -> Vec<(bool, bool, String)> {
        let near_change = |i: usize| {
            p.diff[i.saturating_sub(2)..(i + 3).min(p.diff.len())]
                .iter()
                .any(|d| !matches!(d, DiffLine::Same(_)))
        };
        p.diff
            .iter()
            .enumerate()
            .filter(|(i, _)| near_change(*i))
            .map(|(_, d)| match d {
                DiffLine::Same(l) => (false, false, format!("  {l}")),
                DiffLine::Added(l) => (true, false, format!("+ {l}")),
                DiffLine::Removed(l) => (false, true, format!("- {l}")),
            })
            .collect()
    }
}

async fn page(
    ctx: &Ctx,
    clerk: &CurrentClerk,
    csrf: String,
    notice: Option<String>,
    error: Option<(ProcedureId, ErrorCode)>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let c = clerk.clerk.clone();
    let pending = ctx
        .run(move |app, tenant| app.authoring(&tenant).procedures_awaiting_approval(&c))
        .await?;
    let mut p = crate::views::office_page(
        lang,
        msg::web_common_approve_procedures::text(lang),
        "/office/approvals",
        clerk,
        &csrf,
    );
    let errors: Vec<ErrorLink> = error
        .iter()
        .map(|(id, code)| ErrorLink::for_code(*code, lang, format!("#reason-{id}")))
        .collect();
    p.has_errors = !errors.is_empty();
    html(
        error
            .as_ref()
            .map_or(StatusCode::OK, |(_, c)| status_of(*c)),
        &ApprovalsPage {
            page: p,
            pending,
            notice,
            error_for: error.map(|(id, _)| id),
            csrf,
            errors,
        },
        lang,
    )
}

pub(super) async fn show(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
) -> Result<HttpResponse, WebError> {
    page(&ctx, &clerk, csrf.0, None, None).await
}

pub(super) async fn approve(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<ProcedureId>,
    // Read for its checks (size, content type, the CSRF token): the button posts nothing else.
    _form: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let (c, id) = (clerk.clerk.clone(), id.into_inner());
    let pid = id.clone();
    let number = ctx
        .run(move |app, tenant| app.authoring(&tenant).approve_procedure(&c, &pid))
        .await?;
    let notice = madoguchi_i18n::t!(
        lang,
        web_office_procedure_version_published,
        procedure = id.as_str(),
        version = number.to_string()
    );
    page(&ctx, &clerk, csrf.0, Some(notice), None).await
}

/// Why the publication goes back to its author.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct ReturnInput {
    reason: String,
}

pub(super) async fn send_back(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<ProcedureId>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let ReturnInput { reason } = body.parse()?;
    let (c, pid) = (clerk.clerk.clone(), id.into_inner());
    let p = pid.clone();
    match ctx
        .call(move |app, tenant| app.authoring(&tenant).return_procedure(&c, &p, &reason))
        .await?
    {
        Ok(()) => Ok(see_other("/office/approvals")),
        Err(AppError::Refused(code)) => page(&ctx, &clerk, csrf.0, None, Some((pid, code))).await,
        Err(e) => Err(WebError::from_app(e, ctx.lang)),
    }
}
