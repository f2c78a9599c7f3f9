//! An approver's word on a drafted decision (決裁), on the filing's page: agree, or send it
//! back to the drafter with a comment; the post below the step's acts for its holder (代決)
//! with a reason. The decision takes effect when the last step agrees.

use crate::msg;

use actix_web::{HttpResponse, web};
use madoguchi_app::AppError;
use madoguchi_app::review::{DraftView, ReviewInput, SignAs, SignOffInput};
use madoguchi_core::{Verdict, jst};
use madoguchi_i18n::t;
use madoguchi_workflow::ActionKind;

use super::detail::{DetailView, page_with_error};
use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody, RecordKey};
use crate::routes::see_other;

/// The form as posted.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct Posted {
    draft: String,
    step: String,
    verdict: String,
    comment: String,
    stand_in: Option<String>,
}

pub(super) async fn sign(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<RecordKey>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let id = id.into_inner().into_inner();
    let posted: Posted = body.parse()?;
    let input = SignOffInput {
        draft: posted.draft,
        step: posted.step,
        verdict: posted.verdict,
        comment: posted.comment,
        stand_in: posted.stand_in.is_some(),
    };
    let (c, sid, inp) = (clerk.clerk.clone(), id.clone(), input.clone());
    let problem = match ctx
        .call(move |app, tenant| app.review(&tenant).sign_off(&c, &sid, &inp))
        .await?
    {
        Ok(_) => return Ok(see_other(&format!("/office/submissions/{id}"))),
        Err(AppError::ReasonRequired) => msg::web_office_route_comment_required::text(lang),
        Err(AppError::ReasonTooLong) => msg::web_office_route_comment_too_long::text(lang),
        Err(e) => return Err(WebError::from_app(e, lang)),
    };
    // The page again, with the comment as typed and what to fix.
    page_with_error(
        &ctx,
        &clerk,
        csrf.0,
        id,
        ("sign_off", "route-comment", problem),
        |view| {
            view.input = ReviewInput {
                reason: input.comment.clone(),
                ..ReviewInput::default()
            };
            view.sign_off = input;
        },
    )
    .await
}

/// What the filing's page shows of its approval route (`office/decision_route.html`).
impl DetailView {
    /// The draft on its way, else the one last sent back.
    pub(super) fn route_draft(&self) -> Option<&DraftView> {
        self.s
            .route
            .pending
            .as_ref()
            .or(self.s.route.returned.as_ref())
    }

    /// Whether the viewer signs the draft on its way as a stand-in (代決); `None` when
    /// they do not sign it.
    pub(super) fn signs_as_stand_in(&self) -> Option<bool> {
        self.s.route.pending.as_ref()?;
        self.s.route.may_sign.map(|a| a == SignAs::StandIn)
    }

    /// "This procedure's decisions take effect once 係長 → 課長 approve them", where it has
    /// a route.
    pub(super) fn route_hint(&self) -> Option<String> {
        if self.s.route.route.is_empty() {
            return None;
        }
        let lang = self.page.lang;
        Some(t!(
            lang,
            web_office_route_hint,
            route = self.posts(&self.s.route.route)
        ))
    }

    fn posts(&self, posts: &[madoguchi_core::Post]) -> String {
        posts
            .iter()
            .map(|p| p.label().get(self.page.lang).to_string())
            .collect::<Vec<_>>()
            .join(" → ")
    }

    pub(super) fn route_line(&self, d: &DraftView) -> String {
        let lang = self.page.lang;
        let decision = decision_label(d, lang);
        let at = jst::format_datetime(d.drafted_at, lang);
        if self.s.route.pending.is_some() {
            t!(
                lang,
                web_office_route_pending,
                drafter = d.drafted_by.as_str(),
                at = at,
                decision = decision
            )
        } else {
            t!(
                lang,
                web_office_route_returned_line,
                drafter = d.drafted_by.as_str(),
                at = at,
                decision = decision
            )
        }
    }

    /// Each step: its number, post, the word given (or waiting), who gave it and their
    /// comment.
    pub(super) fn route_rows(&self, d: &DraftView) -> Vec<(usize, String, String, String, String)> {
        let lang = self.page.lang;
        let pending = self.s.route.pending.is_some();
        d.steps
            .iter()
            .enumerate()
            .map(|(i, step)| {
                let (word, who, comment) = match &step.signoff {
                    Some(s) => {
                        let mut word = match s.verdict {
                            Verdict::Endorse => {
                                msg::web_office_route_endorsed::text(lang).to_string()
                            }
                            Verdict::Return => {
                                msg::web_office_route_returned::text(lang).to_string()
                            }
                        };
                        if s.stand_in {
                            word =
                                format!("{word}({})", msg::web_office_route_stand_in::text(lang));
                        }
                        let who = format!("{}({})", s.by, jst::format_datetime(s.at, lang));
                        (word, who, s.comment.clone())
                    }
                    None if pending && i == d.step => (
                        msg::web_office_route_waiting::text(lang).to_string(),
                        String::new(),
                        String::new(),
                    ),
                    None => (
                        msg::web_office_route_not_yet::text(lang).to_string(),
                        String::new(),
                        String::new(),
                    ),
                };
                (
                    i + 1,
                    step.post.label().get(lang).to_string(),
                    word,
                    who,
                    comment,
                )
            })
            .collect()
    }

    pub(super) fn endorse_label(&self, d: &DraftView) -> &'static str {
        if d.step + 1 >= d.steps.len() {
            msg::web_office_route_endorse_last::text(self.page.lang)
        } else {
            msg::web_office_route_endorse::text(self.page.lang)
        }
    }

    pub(super) fn stand_in_line(&self, d: &DraftView) -> String {
        let post = d
            .steps
            .get(d.step)
            .map(|s| s.post.label().get(self.page.lang).to_string())
            .unwrap_or_default();
        t!(self.page.lang, web_office_route_as_stand_in, post = post)
    }

    /// The refused form had chosen `verdict`.
    pub(super) fn verdict_was(&self, verdict: &str) -> bool {
        self.failed("sign_off") && self.sign_off.verdict == verdict
    }
}

fn decision_label(d: &DraftView, lang: madoguchi_core::Lang) -> String {
    let kind = match d.action {
        madoguchi_core::DraftedDecision::Approve => ActionKind::Approve,
        madoguchi_core::DraftedDecision::Reject => ActionKind::Reject,
    };
    kind.label().get(lang).to_string()
}
