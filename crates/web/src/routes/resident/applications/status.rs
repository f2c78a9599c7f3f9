//! `/status`: anyone with a filing's arrival number and the look-up key printed on its
//! receipt sees where it stands — no account, any device, no JavaScript. Counted against
//! the per-address request limit of the anonymous API, and the use case throttles failed
//! look-ups per filing and per address.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;
use madoguchi_app::AppError;
use madoguchi_app::filing::FilingStatus;
use madoguchi_core::{ErrorCode, jst};

use crate::error::{WebError, status_of};
use crate::extract::{CsrfToken, Ctx, FormBody, client_address};
use crate::routes::html;
use crate::views::{ErrorLink, Page};

#[derive(Template)]
#[template(path = "status.html")]
struct StatusPage {
    page: Page,
    csrf: String,
    /// What was typed (the key is never sent back).
    number: String,
    errors: Vec<ErrorLink>,
    /// The error at the fields (both: which one is wrong is not told).
    error: Option<String>,
    found: Option<Found>,
}

/// The filing found, in the reader's language.
struct Found {
    number: String,
    title: String,
    arrived_at: String,
    status: String,
    due: Option<String>,
    decided_at: Option<String>,
    /// The visits booked with it (changed from the receipt or the mail, not here).
    visits: Vec<crate::views::booked::BookedVisit>,
}

impl StatusPage {
    fn new(lang: madoguchi_core::Lang, csrf: String) -> Self {
        StatusPage {
            page: Page::new(lang, msg::web_resident_status_lookup::text(lang), "/status"),
            csrf,
            number: String::new(),
            errors: Vec::new(),
            error: None,
            found: None,
        }
    }

    fn refused(mut self, code: ErrorCode) -> Self {
        let lang = self.page.lang;
        // The summary links to the first input; both inputs carry the message.
        self.errors
            .push(ErrorLink::for_code(code, lang, "#arrival_number"));
        self.error = Some(ErrorLink::text_of(code, lang));
        self.page.has_errors = true;
        self
    }
}

pub(super) async fn show(ctx: Ctx, csrf: CsrfToken) -> Result<HttpResponse, WebError> {
    html(StatusCode::OK, &StatusPage::new(ctx.lang, csrf.0), ctx.lang)
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct LookUpInput {
    arrival_number: String,
    key: String,
}

pub(super) async fn look_up(
    req: HttpRequest,
    ctx: Ctx,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let LookUpInput {
        arrival_number,
        key,
    } = body.parse()?;
    let mut page = StatusPage::new(lang, csrf.0);
    page.number = arrival_number.trim().to_string();
    if crate::rate::admit(&req)
        .await
        .map_err(|e| WebError::internal(e.to_string(), lang))?
        .is_err()
    {
        let code = ErrorCode::StatusLookupThrottled;
        return html(status_of(code), &page.refused(code), lang);
    }
    let address = client_address(&req);
    let result = ctx
        .call(move |app, tenant| {
            app.filing(&tenant)
                .look_up_status(&arrival_number, &key, &address)
        })
        .await?;
    match result {
        Ok(found) => {
            page.found = Some(found_in(found, lang));
            html(StatusCode::OK, &page, lang)
        }
        Err(AppError::Refused(code)) => html(status_of(code), &page.refused(code), lang),
        Err(e) => Err(WebError::from_app(e, lang)),
    }
}

fn found_in(f: FilingStatus, lang: madoguchi_core::Lang) -> Found {
    Found {
        number: f.arrival_number.to_string(),
        title: f.procedure_title.get(lang).to_string(),
        arrived_at: jst::format_datetime(f.arrived_at, lang),
        status: f.status.get(lang).to_string(),
        due: f
            .due_on
            .map(|d| crate::views::due_text(d, f.due_to_confirm, lang)),
        decided_at: f.decided_at.map(|t| jst::format_datetime(t, lang)),
        visits: crate::views::booked::booked_visits(&f.bookings, |_| None, lang),
    }
}
