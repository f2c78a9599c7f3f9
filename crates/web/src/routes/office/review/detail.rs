//! `/office/submissions/{id}`: one filing as a clerk reviews it — answers, files, history,
//! mails, and the forms for each review action.

use crate::msg;
use madoguchi_i18n::t;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use madoguchi_app::{review::ReviewInput, review::SubmissionDetail};
use madoguchi_core::{ActorKind, HistoryAction, Lang, Localized, MailKind, jst};
use madoguchi_workflow::{ActionKind, State};

use crate::cookies;
use crate::error::WebError;
use crate::extract::RecordKey;
use crate::extract::{CsrfToken, Ctx, CurrentClerk};
use crate::routes::html;
use crate::routes::office::queue::filters::Filters;
use crate::views::{AnswerSection, Page, answer_sections, office_page};

#[derive(Template)]
#[template(path = "office/submission.html")]
pub(super) struct DetailView {
    pub(super) page: Page,
    pub(super) s: SubmissionDetail,
    sections: Vec<AnswerSection>,
    csrf: String,
    /// What was typed into the form that failed, to show it again.
    pub(super) input: ReviewInput,
    /// The form that failed, the id of the input to fix, and what to fix.
    pub(super) error: Option<(String, String, String)>,
    tomorrow: String,
    /// The next filing in the queue view the clerk last opened.
    pub(super) next: Option<String>,
    /// The form recording a fee taken at the counter, as typed.
    pub(super) counter: super::counter_fee::CounterForm,
    /// The approver's word as typed, when it was refused.
    pub(super) sign_off: madoguchi_app::review::SignOffInput,
}

impl DetailView {
    fn when(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        jst::format_datetime(*at, self.page.lang)
    }

    fn date(&self, d: &NaiveDate) -> String {
        jst::format_date(*d, self.page.lang)
    }

    fn due(&self) -> String {
        self.s
            .due_on
            .map(|d| jst::format_date(d, self.page.lang))
            .unwrap_or_else(|| "-".into())
    }

    fn clock(&self) -> String {
        let c = &self.s.clock;
        let lang = self.page.lang;
        let phase = match c.phase {
            madoguchi_workflow::Phase::Running => msg::web_office_clock_running::text(lang),
            madoguchi_workflow::Phase::Paused => msg::web_office_clock_paused::text(lang),
            madoguchi_workflow::Phase::Stopped => msg::web_office_clock_stopped::text(lang),
        };
        match self.s.form.settings().processing_days {
            None => msg::web_office_no_standard_period::text(self.page.lang).into(),
            Some(_) => madoguchi_i18n::t!(
                lang,
                web_office_clock,
                allowed = c.allowed,
                used = c.used,
                phase = phase
            ),
        }
    }

    fn state(&self, s: &State) -> String {
        s.label_in(self.page.lang)
    }

    fn fee(&self) -> String {
        self.s.fee.format(self.page.lang)
    }

    fn fee_path(&self) -> String {
        self.s.fee_path.clerk_line().get(self.page.lang).to_string()
    }

    fn yen(&self, amount: &madoguchi_core::Yen) -> String {
        amount.format(self.page.lang)
    }

    fn payment_label(&self, p: &madoguchi_app::submission::PaymentView) -> String {
        p.label().get(self.page.lang).to_string()
    }

    fn payment_method(&self, p: &madoguchi_app::submission::PaymentView) -> String {
        p.method
            .map(|m| {
                madoguchi_app::submission::method_label(m)
                    .get(self.page.lang)
                    .to_string()
            })
            .unwrap_or_default()
    }

    fn title(&self) -> &str {
        self.s.form.title().get(self.page.lang)
    }

    fn l<'a>(&self, t: &'a Localized) -> &'a str {
        t.get(self.page.lang)
    }

    fn actor(&self, kind: &ActorKind, name: &Option<String>) -> String {
        crate::views::history::actor(*kind, name.as_deref(), self.page.lang)
    }

    fn action(&self, action: &HistoryAction) -> String {
        crate::views::history::history_action(*action, self.page.lang)
    }

    fn may(&self, action: &str) -> bool {
        action
            .parse::<ActionKind>()
            .is_ok_and(|a| self.s.allowed.contains(&a))
    }

    /// The action the failed form had chosen.
    fn chose(&self, action: ActionKind) -> bool {
        self.input
            .action
            .parse::<ActionKind>()
            .is_ok_and(|a| a == action)
    }

    /// The role could do this now, but the fee is not paid yet.
    fn waits_for_fee(&self, action: &str) -> bool {
        action
            .parse::<ActionKind>()
            .is_ok_and(|a| self.s.withheld_for_fee.contains(&a))
    }

    fn can_decide(&self) -> bool {
        self.may("approve") || self.may("reject")
    }

    pub(super) fn failed(&self, form: &str) -> bool {
        self.error.as_ref().is_some_and(|(f, _, _)| f == form)
    }

    fn counter_fee_line(&self, f: &madoguchi_app::review::CounterFee) -> String {
        let amount = f.amount.format(self.page.lang);
        if f.after_approval {
            t!(
                self.page.lang,
                web_counter_fee_due_after_approval,
                amount = amount
            )
        } else {
            t!(
                self.page.lang,
                web_counter_fee_due_with_filing,
                amount = amount
            )
        }
    }

    fn channel(&self, p: &madoguchi_app::submission::PaymentView) -> String {
        madoguchi_app::fees::channel_label(p.channel)
            .get(self.page.lang)
            .to_string()
    }

    fn size(&self, bytes: &i64) -> String {
        madoguchi_app::kernel::human_size(*bytes)
    }

    /// Approved or rejected (and possibly closed since): a decision notice exists.
    fn decided(&self) -> bool {
        self.s
            .events
            .iter()
            .any(|e| matches!(e.action, HistoryAction::Approve | HistoryAction::Reject))
    }

    fn changed(&self, from: &Option<State>, to: &State) -> bool {
        from.as_ref() != Some(to)
    }

    pub(super) fn error_text(&self) -> &str {
        self.error
            .as_ref()
            .map(|(_, _, e)| e.as_str())
            .unwrap_or_default()
    }

    fn is_assignee(&self, id: &str) -> bool {
        self.s.assignee.as_ref().is_some_and(|a| a.value == id)
    }

    fn chosen(&self, pointer: &str) -> bool {
        self.input.fields.iter().any(|f| f == pointer)
    }

    pub(super) fn reason_for(&self, form: &str) -> &str {
        if self.failed(form) {
            &self.input.reason
        } else {
            ""
        }
    }

    fn mail_status(
        &self,
        sent: &Option<chrono::DateTime<chrono::Utc>>,
        failed: &Option<chrono::DateTime<chrono::Utc>>,
    ) -> String {
        match (sent, failed) {
            (Some(at), _) => format!(
                "{} {}",
                msg::web_office_sent::text(self.page.lang),
                self.when(at)
            ),
            (None, Some(at)) => format!(
                "{} {}",
                msg::web_office_failed_no_more_retries::text(self.page.lang),
                self.when(at)
            ),
            _ => msg::web_office_waiting_to_be_sent::text(self.page.lang).into(),
        }
    }

    fn mail_kind(&self, kind: &MailKind) -> String {
        match kind {
            MailKind::Receipt => msg::web_office_receipt::text(self.page.lang),
            MailKind::Decision => msg::web_office_decision_mail::text(self.page.lang),
            MailKind::CorrectionRequest => msg::web_office_correction_request::text(self.page.lang),
            MailKind::CorrectionReminder => {
                msg::web_office_correction_deadline_reminder::text(self.page.lang)
            }
            MailKind::Resubmitted => msg::web_office_correction_received::text(self.page.lang),
            MailKind::Withdrawn => msg::web_office_withdrawal_received::text(self.page.lang),
            MailKind::InReview => msg::web_office_mail_in_review::text(self.page.lang),
            MailKind::Extended => msg::web_office_mail_extended::text(self.page.lang),
            MailKind::Closed => msg::web_office_mail_closed::text(self.page.lang),
            MailKind::PaymentRequest => msg::web_office_mail_payment_request::text(self.page.lang),
            MailKind::PaymentReceived => {
                msg::web_office_mail_payment_received::text(self.page.lang)
            }
            MailKind::Refund => msg::web_office_mail_refund::text(self.page.lang),
            // Mails about accounts and drafts are not sent about a filing.
            _ => msg::web_office_mail_line_other::text(self.page.lang),
        }
        .to_string()
    }
}

/// The filing's page again after a refused form (422): `error` names the form, the input
/// to fix and what to do; `typed` puts back what was typed.
pub(super) async fn page_with_error(
    ctx: &Ctx,
    clerk: &CurrentClerk,
    csrf: String,
    id: String,
    error: (&str, &str, &str),
    typed: impl FnOnce(&mut DetailView),
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let s = load_detail(ctx, clerk, id).await?;
    let closed = ctx.app.closed_days(&clerk.clerk.tenant);
    let mut view = detail_view(lang, clerk, csrf, s, jst::date(ctx.app.now()), closed);
    let (form, anchor, problem) = error;
    view.error = Some((form.into(), anchor.into(), problem.into()));
    typed(&mut view);
    view.page.has_errors = true;
    html(StatusCode::UNPROCESSABLE_ENTITY, &view, lang)
}

pub(super) async fn load_detail(
    ctx: &Ctx,
    clerk: &CurrentClerk,
    id: String,
) -> Result<SubmissionDetail, WebError> {
    let c = clerk.clerk.clone();
    ctx.run(move |app, tenant| app.review(&tenant).submission_detail(&c, &id))
        .await
}

pub(super) fn detail_view(
    lang: Lang,
    clerk: &CurrentClerk,
    csrf: String,
    s: SubmissionDetail,
    today: NaiveDate,
    closed: madoguchi_forms::ClosedDays,
) -> DetailView {
    let mut page = office_page(
        lang,
        "",
        &format!("/office/submissions/{}", s.id),
        clerk,
        &csrf,
    );
    page.title = format!(
        "{} {}",
        msg::web_common_arrival_number::text(lang),
        s.arrival_number
    );
    // Answers and actions side by side need more than the reading width.
    page.wide = true;
    let mut sections = answer_sections(&s.form, &s.data, lang, None);
    // Accepted with a warning (a notification past its period), judged on the day the
    // filing arrived as validation judged it.
    let filed_on =
        madoguchi_forms::FilingDay::new(jst::date(s.arrived_at)).with_closed_days(closed);
    crate::views::mark_warnings(&mut sections, &s.form.warnings(&s.data, filed_on), lang);
    let counter = super::counter_fee::CounterForm::new(&s, lang, &Default::default(), &[]);
    DetailView {
        page,
        s,
        sections,
        csrf,
        input: ReviewInput::default(),
        error: None,
        tomorrow: today.succ_opt().unwrap_or(today).to_string(),
        next: None,
        counter,
        sign_off: Default::default(),
    }
}

pub(super) async fn detail(
    req: HttpRequest,
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<RecordKey>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner().into_inner();
    let s = load_detail(&ctx, &clerk, id.clone()).await?;
    let next = next_in_queue(&req, &ctx, &clerk, id).await?;
    let today = jst::date(ctx.app.now());
    let closed = ctx.app.closed_days(&clerk.clerk.tenant);
    let mut view = detail_view(ctx.lang, &clerk, csrf.0, s, today, closed);
    view.next = next;
    html(StatusCode::OK, &view, ctx.lang)
}

/// The filing after `id` in the queue view the clerk last opened (its filters and sort,
/// kept in a cookie by the queue page; the whole queue, newest first, without one).
async fn next_in_queue(
    req: &HttpRequest,
    ctx: &Ctx,
    clerk: &CurrentClerk,
    id: String,
) -> Result<Option<String>, WebError> {
    let view = req
        .cookie(&cookies::name(cookies::QUEUE, ctx.secure_cookies))
        .map(|c| c.value().to_string())
        .unwrap_or_default();
    let query = Filters::parse(&view).query();
    let c = clerk.clerk.clone();
    let next = ctx
        .run(move |app, tenant| app.review(&tenant).next_in_queue(&c, &query, &id))
        .await?;
    Ok(next.map(|n| n.as_str().to_string()))
}
