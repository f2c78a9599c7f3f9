//! `/office/submissions/{id}`: one filing as a clerk reviews it — answers, files, history,
//! mails, and the forms for each review action.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use madoguchi_app::{review::ReviewInput, review::SubmissionDetail};
use madoguchi_core::{Lang, Localized, jst};
use madoguchi_workflow::{ActionKind, State};

use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk};
use crate::routes::html;
use crate::views::{AnswerSection, Page, answer_sections, office_page};

#[derive(Template)]
#[template(path = "office/submission.html")]
pub(super) struct DetailView {
    pub(super) page: Page,
    s: SubmissionDetail,
    sections: Vec<AnswerSection>,
    csrf: String,
    /// What was typed into the form that failed, to show it again.
    pub(super) input: ReviewInput,
    /// The form that failed, the id of the input to fix, and what to fix.
    pub(super) error: Option<(String, String, String)>,
    tomorrow: String,
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
        let (ja, en) = match c.phase {
            madoguchi_workflow::Phase::Running => ("進行中", "running"),
            madoguchi_workflow::Phase::Paused => ("補正待ちで停止中", "paused for a correction"),
            madoguchi_workflow::Phase::Stopped => ("終了", "stopped"),
        };
        match self.s.form.settings().processing_days {
            None => self
                .page
                .t("標準処理期間の定めなし", "No standard period")
                .into(),
            Some(_) => match self.page.lang {
                Lang::Ja => format!("{}開庁日中{}日経過({ja})", c.allowed, c.used),
                Lang::En => format!("{} of {} business days used ({en})", c.used, c.allowed),
            },
        }
    }

    fn state(&self, s: &State) -> String {
        s.label_in(self.page.lang)
    }

    fn fee(&self) -> String {
        self.s.fee.format(self.page.lang)
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

    fn actor(&self, kind: &str, name: &Option<String>) -> String {
        match (kind, name) {
            (_, Some(n)) => n.clone(),
            ("resident", None) => self.page.t("申請者", "Applicant").into(),
            _ => self.page.t("システム", "System").into(),
        }
    }

    fn action(&self, action: &str) -> String {
        match action {
            "submit" => self.page.t("申請(到達)", "Submitted (arrived)").to_string(),
            "payment" => self.page.t("手数料の入金", "Fee received").to_string(),
            "refund" => self.page.t("手数料の返金", "Fee refunded").to_string(),
            other => other
                .parse::<ActionKind>()
                .map(|a| a.label().get(self.page.lang).to_string())
                .unwrap_or_else(|_| other.to_string()),
        }
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

    fn can_decide(&self) -> bool {
        self.may("approve") || self.may("reject")
    }

    fn failed(&self, form: &str) -> bool {
        self.error.as_ref().is_some_and(|(f, _, _)| f == form)
    }

    fn size(&self, bytes: &i64) -> String {
        madoguchi_app::kernel::human_size(*bytes)
    }

    /// Approved or rejected (and possibly closed since): a decision notice exists.
    fn decided(&self) -> bool {
        self.s
            .events
            .iter()
            .any(|e| matches!(e.action.as_str(), "approve" | "reject"))
    }

    fn changed(&self, from: &Option<State>, to: &State) -> bool {
        from.as_ref() != Some(to)
    }

    fn error_text(&self) -> &str {
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

    fn reason_for(&self, form: &str) -> &str {
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
            (Some(at), _) => format!("{} {}", self.page.t("送信済み", "Sent"), self.when(at)),
            (None, Some(at)) => format!(
                "{} {}",
                self.page
                    .t("送信失敗(再送停止)", "Failed (no more retries)"),
                self.when(at)
            ),
            _ => self.page.t("送信待ち", "Waiting to be sent").into(),
        }
    }

    fn mail_kind(&self, kind: &str) -> String {
        match kind {
            "receipt" => self.page.t("到達のお知らせ", "Receipt"),
            "decision" => self.page.t("審査結果のお知らせ", "Decision"),
            "correction_request" => self.page.t("補正のお願い", "Correction request"),
            "correction_reminder" => self
                .page
                .t("補正期限のお知らせ", "Correction deadline reminder"),
            "resubmitted" => self.page.t("修正の受付", "Correction received"),
            "withdrawn" => self.page.t("取下げの受付", "Withdrawal received"),
            other => other,
        }
        .to_string()
    }
}

pub(super) async fn load_detail(
    ctx: &Ctx,
    clerk: &CurrentClerk,
    id: String,
) -> Result<SubmissionDetail, WebError> {
    let c = clerk.clerk.clone();
    ctx.run(move |app, _| app.submission_detail(&c, &id)).await
}

pub(super) fn detail_view(
    lang: Lang,
    clerk: &CurrentClerk,
    csrf: String,
    s: SubmissionDetail,
    today: NaiveDate,
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
        lang.pick("到達番号", "Arrival number"),
        s.arrival_number
    );
    let sections = answer_sections(&s.form, &s.data, lang, None);
    DetailView {
        page,
        s,
        sections,
        csrf,
        input: ReviewInput::default(),
        error: None,
        tomorrow: today.succ_opt().unwrap_or(today).to_string(),
    }
}

pub(super) async fn detail(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let s = load_detail(&ctx, &clerk, id.into_inner()).await?;
    let today = jst::date(ctx.app.now());
    html(
        StatusCode::OK,
        &detail_view(ctx.lang, &clerk, csrf.0, s, today),
        ctx.lang,
    )
}
