//! `/office/decisions` (決裁待ち): the drafted decisions waiting for the clerk's post, oldest
//! first with their age, several approved together (一括決裁), and the clerk's own drafts on
//! their way or sent back.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::review::{MyDraft, SignAs, SignOffInput, WaitingDecision};
use madoguchi_core::{DraftStatus, DraftedDecision, Post, jst};
use madoguchi_i18n::t;
use madoguchi_workflow::ActionKind;

use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::routes::{html, resource, see_other};
use crate::views::Page;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/office/decisions").route(web::get().to(list)))
        .service(resource("/office/decisions/endorse").route(web::post().to(endorse)));
}

#[derive(Template)]
#[template(path = "office/decisions.html")]
struct DecisionsView {
    page: Page,
    csrf: String,
    waiting: Vec<WaitingDecision>,
    mine: Vec<MyDraft>,
    /// How many were just approved together.
    done: Option<usize>,
    /// The list was sent with nothing chosen.
    none_chosen: bool,
}

impl DecisionsView {
    fn when(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        jst::format_date(jst::date(*at), self.page.lang)
    }
    fn title(&self, t: &madoguchi_core::Localized) -> String {
        t.get(self.page.lang).to_string()
    }
    fn decision(&self, d: &DraftedDecision) -> String {
        let kind = match d {
            DraftedDecision::Approve => ActionKind::Approve,
            DraftedDecision::Reject => ActionKind::Reject,
        };
        kind.label().get(self.page.lang).to_string()
    }
    fn post(&self, p: &Post) -> String {
        p.label().get(self.page.lang).to_string()
    }
    fn stand_in(&self, w: &WaitingDecision) -> bool {
        w.sign_as == SignAs::StandIn
    }
    /// What a chosen row sends: the filing, the draft and the step it was read at.
    fn pick(&self, w: &WaitingDecision) -> String {
        format!("{}.{}.{}", w.submission_id, w.draft_id, w.step)
    }
    fn pick_label(&self, w: &WaitingDecision) -> String {
        t!(
            self.page.lang,
            web_office_decisions_pick,
            number = w.arrival_number.as_str()
        )
    }
    fn any_to_pick(&self) -> bool {
        self.waiting.iter().any(|w| w.sign_as == SignAs::Holder)
    }
    fn done_line(&self, n: &usize) -> String {
        t!(
            self.page.lang,
            web_office_decisions_endorsed_many,
            count = n.to_string()
        )
    }
    fn age(&self, days: &i64) -> String {
        t!(
            self.page.lang,
            web_office_decisions_days,
            days = days.to_string()
        )
    }
    fn status(&self, d: &MyDraft) -> String {
        let lang = self.page.lang;
        match (d.status, d.waiting_for, &d.sent_back) {
            (DraftStatus::Pending, Some(post), _) => {
                t!(
                    lang,
                    web_office_decisions_waiting_for,
                    post = self.post(&post)
                )
            }
            (_, _, Some(s)) => t!(
                lang,
                web_office_decisions_sent_back_by,
                by = s.by.as_str(),
                post = self.post(&s.post),
                comment = s.comment.as_str()
            ),
            _ => String::new(),
        }
    }
}

#[derive(serde::Deserialize)]
struct ListQuery {
    done: Option<usize>,
}

async fn list(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, WebError> {
    page(&ctx, &clerk, csrf.0, query.done, false).await
}

/// The chosen drafts as the form sends them.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct Picked {
    pick: Vec<String>,
}

/// 一括決裁: approves the chosen drafts together, all or none.
async fn endorse(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let posted: Picked = body.parse()?;
    if posted.pick.is_empty() {
        return page(&ctx, &clerk, csrf.0, None, true).await;
    }
    let picks: Vec<(String, SignOffInput)> = posted
        .pick
        .iter()
        .map(|p| {
            let mut parts = p.splitn(3, '.');
            let (id, draft, step) = (
                parts.next().unwrap_or_default(),
                parts.next().unwrap_or_default(),
                parts.next().unwrap_or_default(),
            );
            let input = SignOffInput {
                draft: draft.into(),
                step: step.into(),
                ..SignOffInput::default()
            };
            (id.to_string(), input)
        })
        .collect();
    let c = clerk.clerk.clone();
    let done = ctx
        .run(move |app, tenant| app.review(&tenant).endorse_many(&c, &picks))
        .await?;
    Ok(see_other(&format!("/office/decisions?done={}", done.len())))
}

async fn page(
    ctx: &Ctx,
    clerk: &CurrentClerk,
    csrf: String,
    done: Option<usize>,
    none_chosen: bool,
) -> Result<HttpResponse, WebError> {
    let c = clerk.clerk.clone();
    let (waiting, mine) = ctx
        .run(move |app, tenant| {
            let review = app.review(&tenant);
            Ok((review.decisions_waiting(&c)?, review.my_drafts(&c)?))
        })
        .await?;
    let lang = ctx.lang;
    let mut page = crate::views::office_page(
        lang,
        msg::web_office_decisions_title::text(lang),
        "/office/decisions",
        clerk,
        &csrf,
    );
    page.has_errors = none_chosen;
    let status = if none_chosen {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    html(
        status,
        &DecisionsView {
            page,
            csrf,
            waiting,
            mine,
            done,
            none_chosen,
        },
        lang,
    )
}
