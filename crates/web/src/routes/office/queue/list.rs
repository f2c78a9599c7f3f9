//! `/office/queue`: the department's filings, filtered, sorted and paged.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDate;
use madoguchi_app::review::QueuePage;
use madoguchi_core::{ErrorCode, Localized, jst};
use madoguchi_i18n::t;
use madoguchi_workflow::State;

use super::filters::{Filters, urlencode};
use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, from_pairs, parse_urlencoded};
use crate::routes::html;
use crate::views::{ErrorLink, Page, office_page};

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
    /// After a bulk action: what it did and to how many.
    done: Option<BulkDone>,
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

/// What a bulk action just did, told at the top of the queue it came back to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BulkDone {
    Assigned(usize),
    Approved(usize),
    Drafted(usize),
}

/// The notices a bulk action comes back with (never kept in the form's `back`).
const NOTICE_KEYS: [&str; 3] = ["assigned", "approved", "drafted"];

/// `?assigned=`, `?approved=`, `?drafted=`: how many filings a bulk action just took.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct DoneQuery {
    assigned: Option<String>,
    approved: Option<String>,
    drafted: Option<String>,
}

impl DoneQuery {
    fn done(&self) -> Option<BulkDone> {
        let n = |v: &Option<String>| v.as_deref().and_then(|n| n.parse().ok());
        n(&self.assigned)
            .map(BulkDone::Assigned)
            .or_else(|| n(&self.approved).map(BulkDone::Approved))
            .or_else(|| n(&self.drafted).map(BulkDone::Drafted))
    }
}

impl QueueView {
    fn done_line(&self, done: &BulkDone) -> String {
        let lang = self.page.lang;
        match *done {
            BulkDone::Assigned(n) => t!(lang, web_office_applications_assigned, count = n),
            BulkDone::Approved(n) => t!(
                lang,
                web_office_applications_approved,
                count = n.to_string()
            ),
            BulkDone::Drafted(n) => {
                t!(lang, web_office_applications_drafted, count = n.to_string())
            }
        }
    }
}

pub(super) async fn queue(
    req: HttpRequest,
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
) -> Result<HttpResponse, WebError> {
    let notice: DoneQuery =
        from_pairs(&parse_urlencoded(req.query_string().as_bytes()).unwrap_or_default())
            .unwrap_or_default();
    let done = notice.done();
    // Remembered for "next filing" on the filing pages opened from this view.
    let view = Filters::parse(req.query_string()).query_string();
    crate::cookies::push_pending(
        &req,
        crate::cookies::build(
            crate::cookies::QUEUE,
            view,
            ctx.secure_cookies,
            actix_web::cookie::SameSite::Strict,
            None,
        ),
    );
    render_queue(&ctx, &clerk, csrf.0, req.query_string(), done, None).await
}

pub(super) async fn render_queue(
    ctx: &Ctx,
    clerk: &CurrentClerk,
    csrf: String,
    query: &str,
    done: Option<BulkDone>,
    error: Option<ErrorCode>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let f = Filters::parse(query);
    let (c, q) = (clerk.clerk.clone(), f.query());
    let queue = ctx
        .run(move |app, tenant| app.review(&tenant).queue(&c, &q))
        .await?;
    let mut page = office_page(
        lang,
        msg::web_common_queue::text(lang),
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
    // Only the filters, never a notice or anything else, go back into the form.
    let back: String = parse_urlencoded(query.as_bytes())
        .unwrap_or_default()
        .into_iter()
        .filter(|(k, _)| !NOTICE_KEYS.contains(&k.as_str()))
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
            done,
            errors,
        },
        lang,
    )
}
