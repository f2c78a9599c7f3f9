//! The audit log page: a search form (a filing's 到達番号 or a staff member, two days) that
//! works without JavaScript, and the entries found, newest first, as a list that reflows on
//! a phone.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use madoguchi_app::AppError;
use madoguchi_app::staff::{AuditLine, AuditQuery, AuditSubject, AuditTrail, StaffChoice};
use madoguchi_core::{ClerkId, jst};

use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk};
use crate::routes::html;
use crate::views::Page;

#[derive(Template)]
#[template(path = "office/audit.html")]
struct AuditView {
    page: Page,
    form: Search,
    staff: Vec<StaffChoice>,
    /// What is wrong with the search, naming the field, and the field's id.
    error: Option<(String, &'static str)>,
    trail: Option<AuditTrail>,
    /// The link to the next (older) page.
    older: Option<String>,
    /// The link to this search's CSV file.
    export: Option<String>,
}

impl AuditView {
    fn when(&self, line: &AuditLine) -> String {
        jst::format_datetime(line.at, self.page.lang)
    }
    fn action(&self, line: &AuditLine) -> String {
        crate::views::history::audit_what(line.what, self.page.lang)
    }
    fn actor(&self, line: &AuditLine) -> String {
        crate::views::history::actor(line.actor_kind, line.actor.as_deref(), self.page.lang)
    }
    fn selected(&self, c: &StaffChoice) -> &'static str {
        if c.id.as_str() == self.form.staff {
            "selected"
        } else {
            ""
        }
    }
}

/// The search as typed (kept on the page, and in the "older" link).
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub(super) struct Search {
    #[serde(default)]
    filing: String,
    #[serde(default)]
    staff: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    until: String,
    #[serde(default)]
    after: String,
}

impl Search {
    fn is_empty(&self) -> bool {
        self.filing.trim().is_empty() && self.staff.trim().is_empty()
    }

    /// The query, or what is wrong with the search (in the reader's language, naming the
    /// field).
    pub(super) fn query(
        &self,
        lang: madoguchi_core::Lang,
    ) -> Result<AuditQuery, (String, &'static str)> {
        let day = |text: &str, field: &str, id| {
            let text = text.trim();
            if text.is_empty() {
                return Ok(None);
            }
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| {
                    let field = field.to_string();
                    (
                        madoguchi_i18n::t!(lang, web_office_audit_date_invalid, field = field),
                        id,
                    )
                })
        };
        let from = day(&self.from, msg::web_office_audit_from::text(lang), "from")?;
        let until = day(
            &self.until,
            msg::web_office_audit_until::text(lang),
            "until",
        )?;
        if let (Some(from), Some(until)) = (from, until)
            && from > until
        {
            return Err((msg::web_office_audit_range::text(lang).to_string(), "from"));
        }
        let subject = match (self.filing.trim(), self.staff.trim()) {
            ("", "") => {
                return Err((
                    msg::web_office_audit_choose::text(lang).to_string(),
                    "filing",
                ));
            }
            (filing, "") => AuditSubject::Filing(filing.to_ascii_uppercase()),
            ("", staff) => AuditSubject::Staff(ClerkId::new(staff.to_string())),
            _ => {
                let problem = msg::web_office_audit_one_subject::text(lang).to_string();
                return Err((problem, "filing"));
            }
        };
        Ok(AuditQuery {
            subject,
            from,
            until,
            after: (!self.after.trim().is_empty()).then(|| self.after.trim().to_string()),
        })
    }

    /// This search's next page.
    fn older(&self, after: &str) -> String {
        format!("/office/audit?{}", self.encoded(after))
    }

    /// This search's CSV file (every line, from the first).
    fn export(&self) -> String {
        format!("/office/audit.csv?{}", self.encoded(""))
    }

    /// This search back on its page (where a problem with it is named).
    pub(super) fn page(&self) -> String {
        format!("/office/audit?{}", self.encoded(""))
    }

    fn encoded(&self, after: &str) -> String {
        let mut q = vec![
            ("filing", self.filing.trim()),
            ("staff", self.staff.trim()),
            ("from", self.from.trim()),
            ("until", self.until.trim()),
        ];
        if !after.is_empty() {
            q.push(("after", after));
        }
        serde_urlencoded::to_string(q).unwrap_or_default()
    }
}

pub(super) async fn show(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    search: web::Query<Search>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let form = search.into_inner();
    let c = clerk.clerk.clone();
    let staff = ctx
        .run(move |app, tenant| app.staff(&tenant).audit_staff_choices(&c))
        .await?;
    let (mut error, mut trail, mut not_found) = (None, None, false);
    if !form.is_empty() {
        match form.query(lang) {
            Err(problem) => error = Some(problem),
            Ok(query) => {
                let c = clerk.clerk.clone();
                match ctx
                    .call(move |app, tenant| app.staff(&tenant).audit_trail(&c, &query))
                    .await?
                {
                    Ok(found) => trail = Some(found),
                    Err(AppError::NotFound) => {
                        let problem = msg::web_office_audit_not_found::text(lang).to_string();
                        error = Some((problem, "filing"));
                        not_found = true;
                    }
                    Err(e) => return Err(WebError::from_app(e, lang)),
                }
            }
        }
    }
    let older = trail
        .as_ref()
        .and_then(|t| t.next.as_deref())
        .map(|after| form.older(after));
    let export = trail
        .as_ref()
        .filter(|t| !t.lines.is_empty())
        .map(|_| form.export());
    let mut page = crate::views::office_page(
        lang,
        msg::web_office_audit_log::text(lang),
        "/office/audit",
        &clerk,
        &csrf.0,
    );
    page.has_errors = error.is_some();
    // A search that cannot be read is 422, one that finds no filing or staff member 404:
    // the form comes back either way, with the problem named.
    let status = match (&error, &trail) {
        (None, _) => StatusCode::OK,
        (Some(_), None) if not_found => StatusCode::NOT_FOUND,
        (Some(_), _) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    html(
        status,
        &AuditView {
            page,
            form,
            staff,
            error,
            trail,
            older,
            export,
        },
        lang,
    )
}
