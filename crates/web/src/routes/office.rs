//! Clerk pages: sign-in, the department queue, a submission, the decision.

use actix_web::cookie::SameSite;
use actix_web::cookie::time::Duration as CookieDuration;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::{AppError, DecisionInput, QueuePage, SubmissionDetail};
use madoguchi_core::{Lang, jst};
use madoguchi_workflow::State;
use serde::Deserialize;

use super::{html, resource, see_other};
use crate::cookies;
use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody, ReaderLang};
use crate::views::{AnswerSection, ClerkBar, Page, answer_sections};

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/office").route(web::get().to(office_home)))
        .service(
            resource("/office/login")
                .route(web::get().to(login_page))
                .route(web::post().to(login)),
        )
        .service(resource("/office/logout").route(web::post().to(logout)))
        .service(resource("/office/queue").route(web::get().to(queue)))
        .service(resource("/office/submissions/{id}").route(web::get().to(detail)))
        .service(resource("/office/submissions/{id}/decision").route(web::post().to(decide)));
}

fn office_page(lang: Lang, title: &str, path: &str, clerk: &CurrentClerk, csrf: &str) -> Page {
    let mut page = Page::new(lang, title, path);
    page.clerk = Some(ClerkBar {
        name: format!(
            "{}({})",
            clerk.clerk.display_name,
            clerk.clerk.department_name.get(lang)
        ),
        csrf: csrf.to_string(),
    });
    page
}

async fn office_home(clerk: Option<CurrentClerk>) -> HttpResponse {
    see_other(if clerk.is_some() {
        "/office/queue"
    } else {
        "/office/login"
    })
}

#[derive(Template)]
#[template(path = "office/login.html")]
struct LoginPage {
    page: Page,
    csrf: String,
    login: String,
    failed: bool,
}

async fn login_page(lang: ReaderLang, csrf: CsrfToken) -> Result<HttpResponse, WebError> {
    let lang = lang.0;
    let page = Page::new(
        lang,
        lang.pick("職員ログイン", "Staff sign-in"),
        "/office/login",
    );
    html(
        StatusCode::OK,
        &LoginPage {
            page,
            csrf: csrf.0,
            login: String::new(),
            failed: false,
        },
        lang,
    )
}

async fn login(ctx: Ctx, csrf: CsrfToken, body: FormBody) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let login = body.get("login").unwrap_or_default().to_string();
    let password = body.get("password").unwrap_or_default().to_string();
    let l = login.clone();
    match ctx.call(move |app, _| app.login(&l, &password)).await? {
        Ok(session) => {
            let mut res = see_other("/office/queue");
            let cookie = cookies::build(
                cookies::CLERK,
                session.token,
                ctx.secure_cookies,
                SameSite::Strict,
                Some(CookieDuration::hours(8)),
            );
            res.add_cookie(&cookie)
                .map_err(|e| WebError::internal(e, lang))?;
            Ok(res)
        }
        Err(AppError::LoginFailed) => {
            let mut page = Page::new(
                lang,
                lang.pick("職員ログイン", "Staff sign-in"),
                "/office/login",
            );
            page.has_errors = true;
            html(
                StatusCode::UNAUTHORIZED,
                &LoginPage {
                    page,
                    csrf: csrf.0,
                    login,
                    failed: true,
                },
                lang,
            )
        }
        Err(e) => Err(WebError::from_app(e, lang)),
    }
}

async fn logout(ctx: Ctx, clerk: CurrentClerk, _body: FormBody) -> Result<HttpResponse, WebError> {
    let token = clerk.token.clone();
    ctx.run(move |app, _| app.logout(&token)).await?;
    let mut res = see_other("/office/login");
    res.add_cookie(&cookies::removal(cookies::CLERK, ctx.secure_cookies))
        .map_err(|e| WebError::internal(e, ctx.lang))?;
    Ok(res)
}

#[derive(Template)]
#[template(path = "office/queue.html")]
struct QueueView {
    page: Page,
    queue: QueuePage,
}

impl QueueView {
    fn when(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        jst::format_datetime(*at, self.page.lang)
    }

    fn due(&self, d: &Option<chrono::NaiveDate>) -> String {
        d.map(|d| jst::format_date(d, self.page.lang))
            .unwrap_or_else(|| "-".into())
    }

    fn state(&self, s: &State) -> String {
        s.label_in(self.page.lang)
    }

    fn title<'a>(&self, t: &'a madoguchi_core::Localized) -> &'a str {
        t.get(self.page.lang)
    }
}

#[derive(Deserialize)]
struct PageQuery {
    page: Option<i64>,
}

async fn queue(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let (c, n) = (clerk.clerk.clone(), query.page.unwrap_or(1));
    let queue = ctx.run(move |app, _| app.queue(&c, n)).await?;
    let page = office_page(
        lang,
        lang.pick("受付一覧", "Queue"),
        "/office/queue",
        &clerk,
        &csrf.0,
    );
    html(StatusCode::OK, &QueueView { page, queue }, lang)
}

#[derive(Template)]
#[template(path = "office/submission.html")]
struct DetailView {
    page: Page,
    s: SubmissionDetail,
    sections: Vec<AnswerSection>,
    csrf: String,
    reason: String,
    error: Option<String>,
}

impl DetailView {
    fn when(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        jst::format_datetime(*at, self.page.lang)
    }

    fn due(&self) -> String {
        self.s
            .due_on
            .map(|d| jst::format_date(d, self.page.lang))
            .unwrap_or_else(|| "-".into())
    }

    fn state(&self, s: &State) -> String {
        s.label_in(self.page.lang)
    }

    fn fee(&self) -> String {
        match self.page.lang {
            Lang::Ja => self.s.fee.format_ja(),
            Lang::En => self.s.fee.format_en(),
        }
    }

    fn title(&self) -> &str {
        self.s.form.title().get(self.page.lang)
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
            "submit" => self.page.t("申請(到達)", "Submitted (arrived)"),
            "approve" => self.page.t("承認", "Approved"),
            "reject" => self.page.t("却下", "Rejected"),
            other => other,
        }
        .to_string()
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
            other => other,
        }
        .to_string()
    }

    fn can_decide(&self) -> bool {
        !self.s.state.is_final()
    }
}

async fn load_detail(
    ctx: &Ctx,
    clerk: &CurrentClerk,
    id: String,
) -> Result<SubmissionDetail, WebError> {
    let c = clerk.clerk.clone();
    ctx.run(move |app, _| app.submission_detail(&c, &id)).await
}

fn detail_view(lang: Lang, clerk: &CurrentClerk, csrf: String, s: SubmissionDetail) -> DetailView {
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
        reason: String::new(),
        error: None,
    }
}

async fn detail(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let s = load_detail(&ctx, &clerk, id.into_inner()).await?;
    html(
        StatusCode::OK,
        &detail_view(ctx.lang, &clerk, csrf.0, s),
        ctx.lang,
    )
}

async fn decide(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<String>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let id = id.into_inner();
    let input = DecisionInput {
        action: body.get("decision").unwrap_or_default().to_string(),
        reason: body.get("reason").unwrap_or_default().to_string(),
    };
    let (c, sid, inp) = (clerk.clerk.clone(), id.clone(), input.clone());
    let problem = match ctx.call(move |app, _| app.decide(&c, &sid, &inp)).await? {
        Ok(_) => return Ok(see_other(&format!("/office/submissions/{id}"))),
        Err(e @ (AppError::ReasonRequired | AppError::ReasonTooLong)) => {
            let (title, todo) = e.code().message(lang);
            format!("{title}: {todo}")
        }
        Err(AppError::InvalidTransition)
            if !matches!(input.action.as_str(), "approve" | "reject") =>
        {
            lang.pick("承認または却下を選んでください", "Choose approve or reject")
                .to_string()
        }
        Err(e) => return Err(WebError::from_app(e, lang)),
    };
    // The decision form again, with what was typed and what to fix.
    let s = load_detail(&ctx, &clerk, id).await?;
    let mut view = detail_view(lang, &clerk, csrf.0, s);
    view.error = Some(problem);
    view.reason = input.reason;
    view.page.has_errors = true;
    html(StatusCode::UNPROCESSABLE_ENTITY, &view, lang)
}
