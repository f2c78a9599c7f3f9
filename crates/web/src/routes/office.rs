//! Clerk pages: sign-in, the department queue, a submission, the decision.

use actix_web::cookie::SameSite;
use actix_web::cookie::time::Duration as CookieDuration;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use madoguchi_app::{AppError, DecisionInput, QueuePage, SubmissionDetail};
use madoguchi_core::{Lang, jst};
use madoguchi_workflow::State;
use serde::Deserialize;

use super::{html, resource, run, see_other};
use crate::cookies;
use crate::error::WebError;
use crate::extract::{CsrfToken, CurrentClerk, FormBody, ReaderLang, state};
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

async fn login(
    req: HttpRequest,
    lang: ReaderLang,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = lang.0;
    let st = state(&req)?;
    let login = body.get("login").unwrap_or_default().to_string();
    let password = body.get("password").unwrap_or_default().to_string();
    let (app, l) = (st.app.clone(), login.clone());
    match web::block(move || app.login(&l, &password))
        .await
        .map_err(|e| WebError::internal(e, lang))?
    {
        Ok(session) => {
            let mut res = see_other("/office/queue");
            let cookie = cookies::build(
                cookies::CLERK,
                session.token,
                st.config.secure_cookies,
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

async fn logout(
    req: HttpRequest,
    lang: ReaderLang,
    clerk: CurrentClerk,
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = lang.0;
    let st = state(&req)?;
    let (app, token) = (st.app.clone(), clerk.token.clone());
    run(lang, move || app.logout(&token)).await?;
    let mut res = see_other("/office/login");
    res.add_cookie(&cookies::removal(cookies::CLERK, st.config.secure_cookies))
        .map_err(|e| WebError::internal(e, lang))?;
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
    req: HttpRequest,
    lang: ReaderLang,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = lang.0;
    let st = state(&req)?;
    let (app, c, n) = (st.app.clone(), clerk.clerk.clone(), query.page.unwrap_or(1));
    let queue = run(lang, move || app.queue(&c, n)).await?;
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
    st: &crate::WebState,
    clerk: &CurrentClerk,
    id: String,
    lang: Lang,
) -> Result<SubmissionDetail, WebError> {
    let (app, c) = (st.app.clone(), clerk.clerk.clone());
    run(lang, move || app.submission_detail(&c, &id)).await
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
    req: HttpRequest,
    lang: ReaderLang,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let lang = lang.0;
    let st = state(&req)?;
    let s = load_detail(&st, &clerk, id.into_inner(), lang).await?;
    html(StatusCode::OK, &detail_view(lang, &clerk, csrf.0, s), lang)
}

async fn decide(
    req: HttpRequest,
    lang: ReaderLang,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<String>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = lang.0;
    let st = state(&req)?;
    let id = id.into_inner();
    let input = DecisionInput {
        action: body.get("decision").unwrap_or_default().to_string(),
        reason: body.get("reason").unwrap_or_default().to_string(),
    };
    let (app, c, sid, inp) = (
        st.app.clone(),
        clerk.clerk.clone(),
        id.clone(),
        input.clone(),
    );
    match web::block(move || app.decide(&c, &sid, &inp))
        .await
        .map_err(|e| WebError::internal(e, lang))?
    {
        Ok(_) => Ok(see_other(&format!("/office/submissions/{id}"))),
        Err(e @ (AppError::ReasonRequired | AppError::ReasonTooLong)) => {
            let s = load_detail(&st, &clerk, id, lang).await?;
            let mut view = detail_view(lang, &clerk, csrf.0, s);
            let (title, todo) = e.code().message(lang);
            view.error = Some(format!("{title}: {todo}"));
            view.reason = input.reason;
            view.page.has_errors = true;
            html(StatusCode::UNPROCESSABLE_ENTITY, &view, lang)
        }
        Err(AppError::InvalidTransition)
            if !matches!(input.action.as_str(), "approve" | "reject") =>
        {
            let s = load_detail(&st, &clerk, id, lang).await?;
            let mut view = detail_view(lang, &clerk, csrf.0, s);
            view.error = Some(
                lang.pick("承認または却下を選んでください", "Choose approve or reject")
                    .into(),
            );
            view.reason = input.reason;
            view.page.has_errors = true;
            html(StatusCode::UNPROCESSABLE_ENTITY, &view, lang)
        }
        Err(e) => Err(WebError::from_app(e, lang)),
    }
}
