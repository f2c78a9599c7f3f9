//! The department's page of what residents book (`/office/bookings/resources`, issue 49
//! item 1): the city's resources, each with its sessions, window and limits in words and a
//! link to its day list; supervisors, authors and administrators add and edit them on a
//! form that works without JavaScript (`edit`), the same definitions the department API
//! takes (`PUT /api/v1/booking-resources/{id}`).

mod edit;
mod form;
mod view;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::bookings::{Resource, Session, Unit};
use madoguchi_core::Lang;
use madoguchi_i18n::t;

use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk};
use crate::routes::{html, resource};
use crate::views::Page;

pub(super) fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(
        resource("/office/bookings/resources")
            .route(web::get().to(list))
            .route(web::post().to(edit::save)),
    )
    .service(resource("/office/bookings/resources/new").route(web::get().to(edit::new)))
    .service(resource("/office/bookings/resources/{id}").route(web::get().to(edit::edit)));
}

/// One resource as the list shows it.
struct Row {
    id: String,
    name: String,
    place: String,
    unit: String,
    sessions: Vec<String>,
    closed_days: usize,
    window: String,
    limits: Option<String>,
    /// The links' words, each naming the resource (a screen reader's list of links).
    day_list: String,
    edit: String,
}

#[derive(Template)]
#[template(path = "office/booking_resources.html")]
struct ListView {
    page: Page,
    rows: Vec<Row>,
    may_define: bool,
    /// The reader works the day lists (an author does not).
    day_lists: bool,
    notice: Option<String>,
}

#[derive(serde::Deserialize)]
struct ListQuery {
    /// After a save: the resource's id and the slots it opened.
    saved: Option<String>,
    slots: Option<u32>,
}

async fn list(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, WebError> {
    let c = clerk.clerk.clone();
    let (resources, may_define) = ctx
        .run(move |app, tenant| {
            let bookings = app.bookings(&tenant);
            Ok((bookings.resources()?, bookings.may_define(&c)))
        })
        .await?;
    let lang = ctx.lang;
    let notice = query.saved.as_deref().and_then(|id| {
        let r = resources.iter().find(|r| r.id == id)?;
        Some(t!(
            lang,
            web_booking_resources_saved,
            name = r.name.get(lang),
            slots = query.slots.unwrap_or(0).to_string()
        ))
    });
    let view = ListView {
        page: crate::views::office_page(
            lang,
            crate::msg::web_booking_resources_title::text(lang),
            "/office/bookings/resources",
            &clerk,
            &csrf.0,
        ),
        rows: resources.iter().map(|r| row(r, lang)).collect(),
        may_define,
        day_lists: clerk.clerk.is_case_worker(),
        notice,
    };
    html(StatusCode::OK, &view, lang)
}

fn row(r: &Resource, lang: Lang) -> Row {
    let w = &r.window;
    let window = if w.closes_business_days_before == 0 {
        let mut text = t!(
            lang,
            web_booking_resources_window_same_day,
            opens = w.opens_days_ahead.to_string()
        );
        if let Some(cutoff) = w.same_day_cutoff {
            text.push_str(&format!(" ({cutoff})"));
        }
        text
    } else {
        t!(
            lang,
            web_booking_resources_window_summary,
            opens = w.opens_days_ahead.to_string(),
            closes = w.closes_business_days_before.to_string()
        )
    };
    Row {
        id: r.id.clone(),
        name: r.name.get(lang).to_string(),
        place: r.place.get(lang).to_string(),
        unit: unit_words(r.unit, lang).to_string(),
        sessions: r.sessions.iter().map(|s| session_words(s, lang)).collect(),
        closed_days: r.closed.len(),
        window,
        day_list: t!(
            lang,
            web_booking_resources_day_list,
            name = r.name.get(lang)
        ),
        edit: t!(lang, web_booking_resources_edit, name = r.name.get(lang)),
        limits: r
            .per_person
            .map(|n| t!(lang, web_booking_resources_per_person, n = n.to_string())),
    }
}

fn unit_words(unit: Unit, lang: Lang) -> &'static str {
    match unit {
        Unit::Persons => crate::msg::web_booking_resource_unit_persons::text(lang),
        Unit::Minutes => crate::msg::web_booking_resource_unit_minutes::text(lang),
        Unit::Points => crate::msg::web_booking_resource_unit_points::text(lang),
    }
}

/// `月・火・水 9:00〜11:00, 30分ごと, 定員 2` in the reader's language.
fn session_words(s: &Session, lang: Lang) -> String {
    let days: Vec<&str> = form::DAYS
        .iter()
        .filter(|(_, d)| s.days.contains(d))
        .map(|(code, _)| day_name(code, lang))
        .collect();
    let every = match s.every {
        Some(m) => t!(lang, web_booking_resources_every, minutes = m.to_string()),
        None => t!(lang, web_booking_resources_whole).to_string(),
    };
    let mut text = format!(
        "{} {}〜{}, {every}, {} {}",
        days.join("・"),
        s.from,
        s.until,
        crate::msg::web_booking_resource_capacity::text(lang),
        s.capacity
    );
    match (s.valid_from, s.valid_until) {
        (None, None) => {}
        (from, until) => text.push_str(&format!(
            " ({}〜{})",
            from.map(|d| d.to_string()).unwrap_or_default(),
            until.map(|d| d.to_string()).unwrap_or_default()
        )),
    }
    text
}

/// A day's short name (`月`, `Mon`).
fn day_name(code: &str, lang: Lang) -> &'static str {
    use crate::msg;
    match code {
        "mon" => msg::web_booking_resource_day_mon::text(lang),
        "tue" => msg::web_booking_resource_day_tue::text(lang),
        "wed" => msg::web_booking_resource_day_wed::text(lang),
        "thu" => msg::web_booking_resource_day_thu::text(lang),
        "fri" => msg::web_booking_resource_day_fri::text(lang),
        "sat" => msg::web_booking_resource_day_sat::text(lang),
        _ => msg::web_booking_resource_day_sun::text(lang),
    }
}
