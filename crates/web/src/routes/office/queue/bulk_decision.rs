//! Bulk decisions (一括処理): the filings ticked in the queue, checked as a single approval
//! would be (`POST /office/queue/bulk` with `op=decide` shows the checks), and those that
//! pass approved together (`POST /office/queue/bulk-decision`) — or drafted for the
//! procedure's approval route.

use crate::msg;

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;
use madoguchi_app::AppError;
use madoguchi_app::review::{BulkApproval, BulkApproved, BulkBlock, BulkPreview, BulkRow};
use madoguchi_core::{Localized, Post, jst};
use madoguchi_i18n::t;
use madoguchi_workflow::State;

use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::routes::{html, see_other};
use crate::views::{ErrorLink, Page, office_page};

#[derive(Template)]
#[template(path = "office/bulk_decision.html")]
struct BulkDecisionView {
    page: Page,
    csrf: String,
    preview: BulkPreview,
    /// The queue's filters, to come back to.
    back: String,
    note: String,
    tell_applicant: bool,
    errors: Vec<ErrorLink>,
}

impl BulkDecisionView {
    fn title<'a>(&self, t: &'a Localized) -> &'a str {
        t.get(self.page.lang)
    }
    fn when(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        jst::format_datetime(*at, self.page.lang)
    }
    fn state(&self, s: &State) -> String {
        s.label_in(self.page.lang)
    }
    fn passing(&self) -> Vec<&BulkRow> {
        self.preview.passing().collect()
    }
    fn routed(&self) -> Option<String> {
        if self.preview.route.is_empty() {
            return None;
        }
        let route = self
            .preview
            .route
            .iter()
            .map(|p: &Post| p.label().get(self.page.lang).to_string())
            .collect::<Vec<_>>()
            .join(" → ");
        Some(t!(
            self.page.lang,
            web_office_bulk_decision_routed,
            route = route
        ))
    }
    fn procedure_line(&self) -> String {
        t!(
            self.page.lang,
            web_office_bulk_decision_procedure,
            title = self.preview.procedure_title.get(self.page.lang)
        )
    }
    fn unseen_line(&self) -> String {
        t!(
            self.page.lang,
            web_office_bulk_decision_unseen,
            count = self.preview.unseen.to_string()
        )
    }
    fn check(&self, r: &BulkRow) -> String {
        let lang = self.page.lang;
        match r.block {
            None => msg::web_office_bulk_decision_passes::text(lang),
            Some(BulkBlock::OtherProcedure) => {
                msg::web_office_bulk_block_other_procedure::text(lang)
            }
            Some(BulkBlock::State) => msg::web_office_bulk_block_state::text(lang),
            Some(BulkBlock::Drafted) => msg::web_office_bulk_block_drafted::text(lang),
            Some(BulkBlock::Alike) => msg::web_office_bulk_block_alike::text(lang),
            Some(BulkBlock::FeeUnpaid) => msg::web_office_bulk_block_fee_unpaid::text(lang),
        }
        .to_string()
    }
    fn submit_label(&self) -> String {
        let count = self.preview.passing().count().to_string();
        if self.preview.route.is_empty() {
            t!(
                self.page.lang,
                web_office_bulk_decision_approve,
                count = count
            )
        } else {
            t!(
                self.page.lang,
                web_office_bulk_decision_draft,
                count = count
            )
        }
    }
}

/// Shows the checks on the ticked filings (from the queue's bulk form).
pub(super) async fn preview(
    ctx: &Ctx,
    clerk: &CurrentClerk,
    csrf: String,
    ids: Vec<String>,
    back: String,
) -> Result<Result<HttpResponse, AppError>, WebError> {
    render(ctx, clerk, csrf, ids, back, Posted::default(), None).await
}

/// What the confirmation form sends back.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct Posted {
    ids: Vec<String>,
    back: String,
    note: String,
    tell_applicant: Option<String>,
}

/// `POST /office/queue/bulk-decision`: approves the filings that passed, all or none.
pub(super) async fn approve(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let posted: Posted = body.parse()?;
    let approval = BulkApproval {
        note: posted.note.clone(),
        tell_applicant: posted.tell_applicant.is_some(),
    };
    let (c, ids) = (clerk.clerk.clone(), posted.ids.clone());
    let problem = match ctx
        .call(move |app, tenant| app.review(&tenant).approve_many(&c, &ids, &approval))
        .await?
    {
        Ok(done) => {
            let (key, n) = match done {
                BulkApproved::Decided(n) => ("approved", n),
                BulkApproved::Drafted(n) => ("drafted", n),
            };
            let sep = if posted.back.is_empty() { "" } else { "&" };
            return Ok(see_other(&format!(
                "/office/queue?{}{sep}{key}={n}",
                posted.back
            )));
        }
        // One changed since the checks (decided, drafted, flagged, moved away): nothing
        // was approved; the checks are shown again as they stand now.
        Err(AppError::InvalidTransition) => (
            StatusCode::CONFLICT,
            ErrorLink {
                href: "#checks".into(),
                text: msg::web_office_bulk_decision_changed::text(lang).to_string(),
            },
        ),
        Err(e @ AppError::ReasonTooLong) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorLink::for_code(e.code(), lang, "#bulk-note"),
        ),
        Err(e) => return Err(WebError::from_app(e, lang)),
    };
    let ids = posted.ids.clone();
    let back = posted.back.clone();
    match render(&ctx, &clerk, csrf.0, ids, back, posted, Some(problem)).await? {
        Ok(page) => Ok(page),
        Err(e) => Err(WebError::from_app(e, lang)),
    }
}

async fn render(
    ctx: &Ctx,
    clerk: &CurrentClerk,
    csrf: String,
    ids: Vec<String>,
    back: String,
    posted: Posted,
    problem: Option<(StatusCode, ErrorLink)>,
) -> Result<Result<HttpResponse, AppError>, WebError> {
    let lang = ctx.lang;
    let c = clerk.clerk.clone();
    let preview = match ctx
        .call(move |app, tenant| app.review(&tenant).bulk_decision_preview(&c, &ids))
        .await?
    {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    let mut page = office_page(
        lang,
        msg::web_office_bulk_decision_title::text(lang),
        "/office/queue",
        clerk,
        &csrf,
    );
    page.has_errors = problem.is_some();
    let status = problem.as_ref().map_or(StatusCode::OK, |(s, _)| *s);
    let view = BulkDecisionView {
        page,
        csrf,
        preview,
        back,
        note: posted.note,
        tell_applicant: posted.tell_applicant.is_some(),
        errors: problem.into_iter().map(|(_, e)| e).collect(),
    };
    Ok(Ok(html(status, &view, lang)?))
}
