//! Clerk pages: sign-in, the department queue, a submission, the decision.

use actix_web::cookie::SameSite;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use madoguchi_app::{
    AppError, review::AssigneeChoice, review::DueChoice, review::QueuePage, review::QueueQuery,
    review::QueueSort, review::ReviewInput, review::SubmissionDetail, staff::Enrolment,
    staff::SignInStep,
};
use madoguchi_core::{ErrorCode, Lang, Localized, jst};
use madoguchi_workflow::{ActionKind, State};

use super::{html, resource, see_other};
use crate::cookies;
use crate::error::WebError;
use crate::extract::{
    CsrfToken, Ctx, CurrentClerk, FormBody, PendingClerk, ReaderLang, client_address,
    parse_urlencoded,
};
use crate::views::{AnswerSection, ClerkBar, ErrorLink, Page, answer_sections};

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/office").route(web::get().to(office_home)))
        .service(
            resource("/office/login")
                .route(web::get().to(login_page))
                .route(web::post().to(login)),
        )
        .service(
            resource("/office/login/code")
                .route(web::get().to(show_code))
                .route(web::post().to(verify_code)),
        )
        .service(resource("/office/logout").route(web::post().to(logout)))
        .service(resource("/office/queue").route(web::get().to(queue)))
        .service(resource("/office/queue/bulk").route(web::post().to(bulk)))
        .service(resource("/office/submissions/{id}").route(web::get().to(detail)))
        .service(resource("/office/submissions/{id}/actions").route(web::post().to(act)))
        .service(resource("/office/submissions/{id}/decision").route(web::post().to(act)));
}

/// A staff page: the signed-in person's bar (name, section, menu, sign-out).
pub(crate) fn office_page(
    lang: Lang,
    title: &str,
    path: &str,
    clerk: &CurrentClerk,
    csrf: &str,
) -> Page {
    let mut page = Page::new(lang, title, path);
    page.clerk = Some(ClerkBar {
        name: format!(
            "{}({})",
            clerk.clerk.display_name,
            clerk.clerk.department_name.get(lang)
        ),
        csrf: csrf.to_string(),
        case_worker: clerk.clerk.is_case_worker(),
        accounts: matches!(
            clerk.clerk.role,
            madoguchi_workflow::Role::Supervisor | madoguchi_workflow::Role::Administrator
        ),
        author: clerk.clerk.role == madoguchi_workflow::Role::Author,
    });
    page
}

/// Where a signed-in member of staff starts.
fn home_of(role: madoguchi_workflow::Role) -> &'static str {
    match role {
        madoguchi_workflow::Role::Administrator => "/office/admin/staff",
        madoguchi_workflow::Role::Author => "/office/authoring",
        _ => "/office/queue",
    }
}

async fn office_home(clerk: Option<CurrentClerk>) -> HttpResponse {
    see_other(match clerk {
        Some(c) => home_of(c.clerk.role),
        None => "/office/login",
    })
}

#[derive(Template)]
#[template(path = "office/login.html")]
struct LoginPage {
    page: Page,
    csrf: String,
    login: String,
    error: Option<String>,
}

fn login_view(lang: Lang, csrf: String, login: String, error: Option<String>) -> LoginPage {
    let mut page = Page::new(
        lang,
        lang.pick("職員ログイン", "Staff sign-in"),
        "/office/login",
    );
    page.has_errors = error.is_some();
    LoginPage {
        page,
        csrf,
        login,
        error,
    }
}

async fn login_page(lang: ReaderLang, csrf: CsrfToken) -> Result<HttpResponse, WebError> {
    html(
        StatusCode::OK,
        &login_view(lang.0, csrf.0, String::new(), None),
        lang.0,
    )
}

fn problem(code: ErrorCode, lang: Lang) -> String {
    let (title, todo) = code.message(lang);
    format!("{title}: {todo}")
}

/// The password. A right one starts a session that still needs the second factor.
async fn login(
    req: HttpRequest,
    ctx: Ctx,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let login = body.get("login").unwrap_or_default().to_string();
    let password = body.get("password").unwrap_or_default().to_string();
    let (l, address) = (login.clone(), client_address(&req));
    match ctx
        .call(move |app, _| app.login(&l, &password, &address))
        .await?
    {
        Ok(session) => {
            let mut res = see_other("/office/login/code");
            let cookie = cookies::build(
                cookies::CLERK,
                session.token,
                ctx.secure_cookies,
                SameSite::Strict,
                None,
            );
            res.add_cookie(&cookie)
                .map_err(|e| WebError::internal(e, lang))?;
            Ok(res)
        }
        Err(e @ (AppError::LoginFailed | AppError::TooManyAttempts)) => {
            let status = if matches!(e, AppError::TooManyAttempts) {
                StatusCode::TOO_MANY_REQUESTS
            } else {
                StatusCode::UNAUTHORIZED
            };
            let view = login_view(lang, csrf.0, login, Some(problem(e.code(), lang)));
            html(status, &view, lang)
        }
        Err(e) => Err(WebError::from_app(e, lang)),
    }
}

#[derive(Template)]
#[template(path = "office/code.html")]
struct CodePage {
    page: Page,
    csrf: String,
    name: String,
    enrol: Option<Enrolment>,
    qr: String,
    demo_code: Option<String>,
    error: Option<String>,
}

async fn code_page(
    ctx: Ctx,
    pending: PendingClerk,
    csrf: String,
    error: Option<String>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let (token, clerk) = (pending.token.clone(), pending.clerk.clone());
    let enrol = match pending.next {
        SignInStep::Enrol => Some(ctx.run(move |app, _| app.enrolment(&token)).await?),
        SignInStep::Code => None,
    };
    let qr = enrol
        .as_ref()
        .map(|e| crate::qr::svg(&e.uri))
        .transpose()
        .map_err(|e| WebError::internal(e, lang))?
        .unwrap_or_default();
    let demo_code = ctx.run(move |app, _| Ok(app.demo_code(&clerk))).await?;
    let mut page = Page::new(
        lang,
        lang.pick("確認コードの入力", "Enter your code"),
        "/office/login/code",
    );
    page.has_errors = error.is_some();
    let status = if error.is_some() {
        StatusCode::UNAUTHORIZED
    } else {
        StatusCode::OK
    };
    let view = CodePage {
        page,
        csrf,
        name: format!(
            "{}({})",
            pending.clerk.display_name,
            pending.clerk.department_name.get(lang)
        ),
        enrol,
        qr,
        demo_code,
        error,
    };
    html(status, &view, lang)
}

async fn show_code(
    ctx: Ctx,
    pending: PendingClerk,
    csrf: CsrfToken,
) -> Result<HttpResponse, WebError> {
    code_page(ctx, pending, csrf.0, None).await
}

/// The second factor. Right: the session becomes usable; wrong: the page again.
async fn verify_code(
    req: HttpRequest,
    ctx: Ctx,
    pending: PendingClerk,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let code = body.get("code").unwrap_or_default().to_string();
    let (token, address) = (pending.token.clone(), client_address(&req));
    match ctx
        .call(move |app, _| app.verify_code(&token, &code, &address))
        .await?
    {
        Ok(clerk) => Ok(see_other(home_of(clerk.role))),
        Err(e @ (AppError::CodeInvalid | AppError::TooManyAttempts)) => {
            code_page(ctx, pending, csrf.0, Some(problem(e.code(), lang))).await
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

/// The queue's filters as they appear in the address (a GET form: bookmarkable, works
/// without JavaScript).
#[derive(Clone, Debug, Default)]
struct Filters {
    status: String,
    procedure: String,
    ward: String,
    assignee: String,
    due: String,
    from: String,
    to: String,
    q: String,
    sort: String,
    page: i64,
}

impl Filters {
    fn parse(query: &str) -> Filters {
        let mut f = Filters {
            page: 1,
            ..Filters::default()
        };
        for (k, v) in parse_urlencoded(query.as_bytes()).unwrap_or_default() {
            let v = v.trim().chars().take(100).collect::<String>();
            match k.as_str() {
                "status" => f.status = v,
                "procedure" => f.procedure = v,
                "ward" => f.ward = v,
                "assignee" => f.assignee = v,
                "due" => f.due = v,
                "from" => f.from = v,
                "to" => f.to = v,
                "q" => f.q = v,
                "sort" => f.sort = v,
                "page" => f.page = v.parse().unwrap_or(1),
                _ => {}
            }
        }
        f
    }

    fn query(&self) -> QueueQuery {
        let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        QueueQuery {
            states: match self.status.as_str() {
                "" | "all" => Vec::new(),
                "open" => State::OPEN.to_vec(),
                code => code.parse().map(|s| vec![s]).unwrap_or_default(),
            },
            procedure: some(&self.procedure),
            ward: some(&self.ward),
            assignee: match self.assignee.as_str() {
                "" | "any" => AssigneeChoice::Anyone,
                "me" => AssigneeChoice::Me,
                "none" => AssigneeChoice::Unassigned,
                id => AssigneeChoice::Clerk(id.to_string()),
            },
            due: match self.due.as_str() {
                "overdue" => Some(DueChoice::Overdue),
                "soon" => Some(DueChoice::Soon),
                _ => None,
            },
            arrived_from: date(&self.from),
            arrived_to: date(&self.to),
            search: some(&self.q),
            sort: match self.sort.as_str() {
                "oldest" => QueueSort::OldestFirst,
                "due" => QueueSort::DueFirst,
                _ => QueueSort::NewestFirst,
            },
            page: self.page,
        }
    }

    /// The address of this view with one filter changed (and back to page 1).
    fn with(&self, key: &str, value: &str) -> String {
        let mut f = self.clone();
        match key {
            "status" => f.status = value.into(),
            "page" => f.page = value.parse().unwrap_or(1),
            _ => {}
        }
        if key != "page" {
            f.page = 1;
        }
        let pairs = [
            ("status", f.status.as_str()),
            ("procedure", &f.procedure),
            ("ward", &f.ward),
            ("assignee", &f.assignee),
            ("due", &f.due),
            ("from", &f.from),
            ("to", &f.to),
            ("q", &f.q),
            ("sort", &f.sort),
        ];
        let mut out: Vec<String> = pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", urlencode(v)))
            .collect();
        if f.page > 1 {
            out.push(format!("page={}", f.page));
        }
        if out.is_empty() {
            "/office/queue".into()
        } else {
            format!("/office/queue?{}", out.join("&"))
        }
    }
}

#[derive(Template)]
#[template(path = "office/queue.html")]
struct QueueView {
    page: Page,
    queue: QueuePage,
    f: Filters,
    states: Vec<(String, String)>,
    csrf: String,
    /// Supervisors assign in bulk.
    may_assign: bool,
    /// The query string of the page, so a bulk action comes back to it.
    back: String,
    /// After a bulk assignment: how many.
    assigned: Option<usize>,
    errors: Vec<ErrorLink>,
}

impl QueueView {
    fn when(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        jst::format_datetime(*at, self.page.lang)
    }

    fn due(&self, d: &Option<NaiveDate>) -> String {
        d.map(|d| jst::format_date(d, self.page.lang))
            .unwrap_or_else(|| "-".into())
    }

    fn state(&self, s: &State) -> String {
        s.label_in(self.page.lang)
    }

    fn title<'a>(&self, t: &'a Localized) -> &'a str {
        t.get(self.page.lang)
    }

    fn link(&self, key: &str, value: &str) -> String {
        self.f.with(key, value)
    }

    fn selected(&self, current: &str, value: &str) -> &'static str {
        if current == value { "selected" } else { "" }
    }

    fn open_total(&self) -> i64 {
        self.queue
            .counts
            .iter()
            .filter(|(s, _)| s.is_open())
            .map(|(_, n)| n)
            .sum()
    }
}

async fn queue(
    req: HttpRequest,
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
) -> Result<HttpResponse, WebError> {
    let assigned = parse_urlencoded(req.query_string().as_bytes())
        .unwrap_or_default()
        .into_iter()
        .find(|(k, _)| k == "assigned")
        .and_then(|(_, v)| v.parse().ok());
    render_queue(&ctx, &clerk, csrf.0, req.query_string(), assigned, None).await
}

async fn render_queue(
    ctx: &Ctx,
    clerk: &CurrentClerk,
    csrf: String,
    query: &str,
    assigned: Option<usize>,
    error: Option<ErrorCode>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let f = Filters::parse(query);
    let (c, q) = (clerk.clerk.clone(), f.query());
    let queue = ctx.run(move |app, _| app.queue(&c, &q)).await?;
    let mut page = office_page(
        lang,
        lang.pick("受付一覧", "Queue"),
        "/office/queue",
        clerk,
        &csrf,
    );
    page.has_errors = error.is_some();
    let states = State::ALL
        .iter()
        .map(|s| (s.code().to_string(), s.label_in(lang)))
        .collect();
    let errors = error
        .map(|code| {
            let href = match code {
                ErrorCode::AssigneeInvalid => "#bulk-assignee".to_string(),
                _ => queue
                    .items
                    .first()
                    .map(|i| format!("#pick-{}", i.id))
                    .unwrap_or_else(|| "#bulk".into()),
            };
            vec![ErrorLink::for_code(code, lang, href)]
        })
        .unwrap_or_default();
    let status = error.map(crate::error::status_of).unwrap_or(StatusCode::OK);
    // Only the filters, never `assigned` or anything else, go back into the form.
    let back: String = parse_urlencoded(query.as_bytes())
        .unwrap_or_default()
        .into_iter()
        .filter(|(k, _)| k != "assigned")
        .map(|(k, v)| format!("{}={}", urlencode(&k), urlencode(&v)))
        .collect::<Vec<_>>()
        .join("&");
    html(
        status,
        &QueueView {
            page,
            queue,
            f,
            states,
            csrf,
            may_assign: clerk.clerk.role == madoguchi_workflow::Role::Supervisor,
            back,
            assigned,
            errors,
        },
        lang,
    )
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A bulk action on the filings ticked in the queue: assign them (supervisors), or export
/// them as CSV or JSON.
async fn bulk(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let ids: Vec<String> = body.all("ids").map(str::to_string).collect();
    let back = body.get("back").unwrap_or_default().to_string();
    let result = match body.get("op").unwrap_or_default() {
        "assign" => {
            let assignee = body.get("assignee").unwrap_or_default().to_string();
            let c = clerk.clerk.clone();
            let ids2 = ids.clone();
            match ctx
                .call(move |app, _| app.bulk_assign(&c, &ids2, &assignee))
                .await?
            {
                Ok(n) => {
                    let sep = if back.is_empty() { "" } else { "&" };
                    return Ok(see_other(&format!("/office/queue?{back}{sep}assigned={n}")));
                }
                Err(e) => Err(e),
            }
        }
        "export" => {
            let query = madoguchi_app::review::ExportQuery {
                procedure: String::new(),
                ids: ids.clone(),
                from: None,
                to: None,
                states: Vec::new(),
                format: match body.get("format") {
                    Some("json") => madoguchi_app::review::ExportFormat::Json,
                    _ => madoguchi_app::review::ExportFormat::Csv {
                        bom: body.get("bom") == Some("1"),
                    },
                },
            };
            if ids.is_empty() {
                Err(AppError::Refused(ErrorCode::SelectionInvalid))
            } else {
                let c = clerk.clerk.clone();
                match ctx.call(move |app, _| app.export(&c, &query)).await? {
                    Ok(export) => {
                        return Ok(HttpResponse::Ok()
                            .insert_header((
                                actix_web::http::header::CONTENT_TYPE,
                                export.content_type,
                            ))
                            .insert_header((
                                actix_web::http::header::CONTENT_DISPOSITION,
                                format!("attachment; filename=\"{}\"", export.filename),
                            ))
                            .body(export.body));
                    }
                    Err(e) => Err(e),
                }
            }
        }
        _ => Err(AppError::Refused(ErrorCode::SelectionInvalid)),
    };
    match result {
        Err(AppError::Refused(code)) => {
            render_queue(&ctx, &clerk, csrf.0, &back, None, Some(code)).await
        }
        // One of them changed meanwhile (decided, taken away): nothing was assigned.
        Err(AppError::InvalidTransition) => {
            render_queue(
                &ctx,
                &clerk,
                csrf.0,
                &back,
                None,
                Some(ErrorCode::InvalidTransition),
            )
            .await
        }
        Err(e) => Err(WebError::from_app(e, lang)),
        Ok(()) => Ok(see_other("/office/queue")),
    }
}

#[derive(Template)]
#[template(path = "office/submission.html")]
struct DetailView {
    page: Page,
    s: SubmissionDetail,
    sections: Vec<AnswerSection>,
    csrf: String,
    /// What was typed into the form that failed, to show it again.
    input: ReviewInput,
    /// The form that failed, the id of the input to fix, and what to fix.
    error: Option<(String, String, String)>,
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

async fn load_detail(
    ctx: &Ctx,
    clerk: &CurrentClerk,
    id: String,
) -> Result<SubmissionDetail, WebError> {
    let c = clerk.clerk.clone();
    ctx.run(move |app, _| app.submission_detail(&c, &id)).await
}

fn detail_view(
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

async fn detail(
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

/// Any review action. The decision form posts `decision`; the others post `action`.
async fn act(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<String>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let id = id.into_inner();
    let get = |k: &str| body.get(k).unwrap_or_default().to_string();
    let action = match body.get("decision") {
        Some(d) => d.to_string(),
        None => get("action"),
    };
    let input = ReviewInput {
        action,
        reason: get("reason"),
        fields: body
            .pairs
            .iter()
            .filter(|(k, _)| k == "fields")
            .map(|(_, v)| v.clone())
            .collect(),
        deadline: get("deadline"),
        days: get("days"),
        assignee: get("assignee"),
    };
    let form_name = match input.action.as_str() {
        "approve" | "reject" | "" => "decision",
        other => other,
    }
    .to_string();
    let (c, sid, inp) = (clerk.clerk.clone(), id.clone(), input.clone());
    let (problem, code) = match ctx.call(move |app, _| app.act(&c, &sid, &inp)).await? {
        Ok(_) => return Ok(see_other(&format!("/office/submissions/{id}"))),
        Err(e @ (AppError::ReasonRequired | AppError::ReasonTooLong | AppError::Refused(_))) => {
            let (title, todo) = e.code().message(lang);
            (format!("{title}: {todo}"), Some(e.code()))
        }
        Err(AppError::InvalidTransition) if input.action.is_empty() => (
            lang.pick("承認または却下を選んでください", "Choose approve or reject")
                .to_string(),
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
    let mut view = detail_view(lang, &clerk, csrf.0, s, jst::date(ctx.app.now()));
    view.error = Some((form_name, anchor, problem));
    view.input = input;
    view.page.has_errors = true;
    html(StatusCode::UNPROCESSABLE_ENTITY, &view, lang)
}
