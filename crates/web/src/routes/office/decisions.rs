//! `/office/decisions` (決裁待ち): the drafted decisions waiting for the clerk's post, oldest
//! first with their age, and the clerk's own drafts on their way or sent back.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::review::{MyDraft, SignAs, WaitingDecision};
use madoguchi_core::{DraftStatus, DraftedDecision, Post, jst};
use madoguchi_i18n::t;
use madoguchi_workflow::ActionKind;

use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk};
use crate::routes::{html, resource};
use crate::views::Page;

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/office/decisions").route(web::get().to(list)));
}

#[derive(Template)]
#[template(path = "office/decisions.html")]
struct DecisionsView {
    page: Page,
    waiting: Vec<WaitingDecision>,
    mine: Vec<MyDraft>,
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

async fn list(ctx: Ctx, clerk: CurrentClerk, csrf: CsrfToken) -> Result<HttpResponse, WebError> {
    let c = clerk.clerk.clone();
    let (waiting, mine) = ctx
        .run(move |app, tenant| {
            let review = app.review(&tenant);
            Ok((review.decisions_waiting(&c)?, review.my_drafts(&c)?))
        })
        .await?;
    let lang = ctx.lang;
    let page = crate::views::office_page(
        lang,
        msg::web_office_decisions_title::text(lang),
        "/office/decisions",
        &clerk,
        &csrf.0,
    );
    html(
        StatusCode::OK,
        &DecisionsView {
            page,
            waiting,
            mine,
        },
        lang,
    )
}
