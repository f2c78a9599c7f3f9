//! The day list page: a resource and a day chosen by a form that works without JavaScript
//! (GET), the day before and after as links, each slot with its capacity, what is booked
//! and held, why it is closed, and the bookings in it, linked to their filings.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::{Duration, NaiveDate};
use madoguchi_app::bookings::{DayList, DaySlot, Unit};
use madoguchi_core::{Attendance, BookingStatus, ResourceId};
use madoguchi_i18n::t;

use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk};
use crate::routes::html;
use crate::views::Page;

#[derive(Template)]
#[template(path = "office/bookings.html")]
struct DayView {
    page: Page,
    list: DayList,
    /// The resource shown, as the form and links carry it.
    resource: String,
    day: String,
    previous: String,
    next: String,
    day_words: String,
    csrf: String,
    /// What the last form did.
    notice: Option<String>,
    errors: Vec<crate::views::ErrorLink>,
    /// The error at the block's reason.
    reason_error: Option<String>,
    /// The times that may still be stopped (`HH:MM`).
    times: Vec<String>,
}

impl DayView {
    fn time(&self, s: &DaySlot) -> String {
        format!("{}〜{}", s.starts.format("%-H:%M"), s.ends.format("%-H:%M"))
    }

    fn counts(&self, s: &DaySlot) -> String {
        let counts = t!(
            self.page.lang,
            web_booking_office_counts,
            booked = s.booked.to_string(),
            capacity = s.capacity.to_string(),
            held = s.held.to_string()
        );
        if s.waiting == 0 {
            return counts;
        }
        let waiting = t!(
            self.page.lang,
            web_booking_office_waiting,
            n = s.waiting.to_string()
        );
        format!("{counts} {waiting}")
    }

    fn closed(&self, s: &DaySlot) -> Option<String> {
        s.closed.as_ref().map(|r| r.get(self.page.lang).to_string())
    }

    fn name(&self, n: &madoguchi_core::Localized) -> String {
        n.get(self.page.lang).to_string()
    }

    fn status(&self, s: &BookingStatus) -> String {
        match s {
            BookingStatus::Requested => {
                t!(self.page.lang, web_booking_office_requested).to_string()
            }
            _ => String::new(),
        }
    }

    fn attendance(&self, a: &Attendance) -> String {
        match a {
            Attendance::Arrived => t!(self.page.lang, web_booking_office_came),
            Attendance::NoShow => t!(self.page.lang, web_booking_office_did_not_come),
        }
        .to_string()
    }

    fn other_section(&self, units: &u32) -> String {
        t!(
            self.page.lang,
            web_booking_office_other_section,
            units = self.persons(units)
        )
    }

    /// Units in the resource's own measure: persons, minutes or points.
    fn persons(&self, units: &u32) -> String {
        let (lang, units) = (self.page.lang, units.to_string());
        match self.list.unit {
            Some(Unit::Minutes) => t!(lang, web_booking_office_minutes, units = units),
            Some(Unit::Points) => t!(lang, web_booking_office_points, units = units),
            _ => t!(lang, web_booking_office_persons, units = units),
        }
    }
}

#[derive(serde::Deserialize)]
pub(super) struct DayQuery {
    resource: Option<String>,
    day: Option<String>,
    /// After the block form: slots stopped and people told, slots opened again, or what
    /// was wrong.
    stopped: Option<u32>,
    told: Option<u32>,
    lifted: Option<u32>,
    problem: Option<String>,
}

pub(super) async fn day(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    query: web::Query<DayQuery>,
) -> Result<HttpResponse, WebError> {
    let DayQuery {
        resource,
        day,
        stopped,
        told,
        lifted,
        problem,
    } = query.into_inner();
    let asked = day.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    let resource = resource
        .filter(|r| madoguchi_core::booking::is_resource_id(r))
        .map(ResourceId::new);
    let c = clerk.clerk.clone();
    let list = ctx
        .run(move |app, tenant| {
            let bookings = app.bookings(&tenant);
            let day = asked.unwrap_or_else(|| bookings.today());
            bookings.day_list(&c, resource.as_ref(), day)
        })
        .await?;
    let lang = ctx.lang;
    let page = crate::views::office_page(
        lang,
        crate::msg::web_booking_office_title::text(lang),
        "/office/bookings",
        &clerk,
        &csrf.0,
    );
    let csrf = csrf.0;
    let resource = list
        .resource
        .as_ref()
        .map(|r| r.as_str().to_string())
        .unwrap_or_default();
    let link = |d: NaiveDate| {
        format!(
            "/office/bookings?resource={resource}&day={}",
            d.format("%Y-%m-%d")
        )
    };
    let notice = match (stopped, lifted) {
        (Some(n), _) => Some(t!(
            lang,
            web_booking_office_stopped,
            slots = n.to_string(),
            told = told.unwrap_or(0).to_string()
        )),
        (None, Some(n)) => Some(t!(lang, web_booking_office_lifted, slots = n.to_string())),
        _ => None,
    };
    let reason_error = match problem.as_deref() {
        Some("reason-missing") => Some(t!(lang, web_booking_office_reason_missing).to_string()),
        Some("reason-too-long") => Some(t!(lang, web_booking_office_reason_too_long).to_string()),
        _ => None,
    };
    let errors = reason_error
        .iter()
        .map(|text| crate::views::ErrorLink {
            href: "#reason".into(),
            text: text.clone(),
        })
        .collect();
    let mut page = page;
    page.has_errors = reason_error.is_some();
    let times = list
        .slots
        .iter()
        .filter(|s| s.to_come && !s.blocked)
        .map(|s| s.starts.format("%H:%M").to_string())
        .collect();
    let view = DayView {
        notice,
        errors,
        reason_error,
        times,
        previous: link(list.day - Duration::days(1)),
        next: link(list.day + Duration::days(1)),
        day: list.day.format("%Y-%m-%d").to_string(),
        day_words: madoguchi_core::jst::format_date(list.day, lang),
        resource,
        page,
        list,
        csrf,
    };
    html(StatusCode::OK, &view, lang)
}
