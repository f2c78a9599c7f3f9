//! `/office/congestion`: the desks' page of each counter's numbers (issue 49 item 8). A
//! clerk hands out the next number as a person checks in and calls the next one when a
//! desk is free; what the public page shows (`/congestion`) follows at once. Supervisors
//! and administrators add the city's counters here, on a form that works without
//! JavaScript and names each fault at its input.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::congestion::{Board, LineFault, LineField, LineProblem, NewLine};
use madoguchi_core::{CounterLineId, Lang};
use madoguchi_i18n::t;

use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::msg;
use crate::routes::statistics::congestion::{LineView, as_of};
use crate::routes::{html, resource, see_other};
use crate::views::{ErrorLink, Page, TextInput};

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/office/congestion").route(web::get().to(page)))
        .service(resource("/office/congestion/lines").route(web::post().to(add)))
        .service(resource("/office/congestion/{id}/issue").route(web::post().to(issue)))
        .service(resource("/office/congestion/{id}/call").route(web::post().to(call)));
}

/// A counter on the desks' page: as the public reads it, and what was just done there.
struct DeskLine {
    line: LineView,
    notice: Option<String>,
}

#[derive(Template)]
#[template(path = "office/congestion.html")]
struct DeskPage {
    page: Page,
    csrf: String,
    as_of: String,
    lines: Vec<DeskLine>,
    /// The reader hands out and calls numbers (clerks and supervisors).
    work: bool,
    /// The reader adds counters (supervisors and administrators).
    define: bool,
    added: Option<String>,
    inputs: Vec<TextInput>,
    errors: Vec<ErrorLink>,
}

/// After an action: which counter, and what was done.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct Done {
    line: String,
    issued: Option<i32>,
    called: Option<i32>,
    no_one: Option<u8>,
    added: String,
}

async fn page(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    done: web::Query<Done>,
) -> Result<HttpResponse, WebError> {
    show(ctx, clerk, csrf, &done, &NewLine::default(), Vec::new()).await
}

async fn show(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    done: &Done,
    typed: &NewLine,
    faults: Vec<LineFault>,
) -> Result<HttpResponse, WebError> {
    let c = clerk.clerk.clone();
    let (board, work, define) = ctx
        .run(move |app, tenant| {
            let congestion = app.congestion(&tenant);
            let (work, define) = (congestion.may_work(&c), congestion.may_define(&c));
            if !work && !define {
                return Err(madoguchi_app::AppError::Forbidden);
            }
            Ok((congestion.board()?, work, define))
        })
        .await?;
    let lang = ctx.lang;
    let title = msg::web_congestion_office_title::text(lang);
    let mut page = crate::views::office_page(lang, title, "/office/congestion", &clerk, &csrf.0);
    page.has_errors = !faults.is_empty();
    let status = if faults.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let (inputs, errors) = inputs(typed, &faults, lang);
    let view = DeskPage {
        page,
        csrf: csrf.0,
        as_of: as_of(&board, lang),
        added: name_of(&board, &done.added, lang)
            .map(|counter| t!(lang, web_congestion_added, counter = counter)),
        lines: desk_lines(&board, done, lang),
        work,
        define,
        inputs,
        errors,
    };
    html(status, &view, lang)
}

fn name_of(board: &Board, id: &str, lang: Lang) -> Option<String> {
    board
        .lines
        .iter()
        .find(|l| l.id.as_str() == id)
        .map(|l| l.name.get(lang).to_string())
}

fn desk_lines(board: &Board, done: &Done, lang: Lang) -> Vec<DeskLine> {
    board
        .lines
        .iter()
        .map(|l| {
            let counter = l.name.get(lang).to_string();
            let notice = (l.id.as_str() == done.line)
                .then(|| match (done.issued, done.called, done.no_one) {
                    (Some(n), _, _) => Some(t!(
                        lang,
                        web_congestion_issued,
                        counter = counter,
                        n = n.to_string()
                    )),
                    (_, Some(n), _) => Some(t!(
                        lang,
                        web_congestion_called,
                        counter = counter,
                        n = n.to_string()
                    )),
                    (_, _, Some(_)) => Some(t!(lang, web_congestion_no_one, counter = counter)),
                    _ => None,
                })
                .flatten();
            DeskLine {
                line: LineView::of(l, lang),
                notice,
            }
        })
        .collect()
}

/// The add form's inputs as typed, each with its fault; and the summary linking to them.
fn inputs(typed: &NewLine, faults: &[LineFault], lang: Lang) -> (Vec<TextInput>, Vec<ErrorLink>) {
    let mut errors = Vec::new();
    let inputs = [
        (
            LineField::Id,
            msg::web_congestion_id::text(lang),
            &typed.id,
            Some(msg::web_congestion_id_hint::text(lang)),
            "w-20",
        ),
        (
            LineField::NameJa,
            msg::web_congestion_name_ja::text(lang),
            &typed.name_ja,
            Some(msg::web_congestion_text_hint::text(lang)),
            "w-30",
        ),
        (
            LineField::NameEn,
            msg::web_congestion_name_en::text(lang),
            &typed.name_en,
            None,
            "w-30",
        ),
        (
            LineField::PlaceJa,
            msg::web_congestion_place_ja::text(lang),
            &typed.place_ja,
            None,
            "w-30",
        ),
        (
            LineField::PlaceEn,
            msg::web_congestion_place_en::text(lang),
            &typed.place_en,
            None,
            "w-30",
        ),
    ]
    .into_iter()
    .map(|(field, label, value, hint, width)| {
        let error = faults
            .iter()
            .find(|f| f.field == field)
            .map(|f| fault_text(f.problem, label, lang));
        TextInput::typed(field.input(), label, hint, value, width, error, &mut errors)
    })
    .collect();
    (inputs, errors)
}

fn fault_text(problem: LineProblem, label: &str, lang: Lang) -> String {
    match problem {
        LineProblem::Missing => t!(lang, web_congestion_fault_missing, label = label),
        LineProblem::BadId => t!(lang, web_congestion_fault_bad_id, label = label),
        LineProblem::Taken => t!(lang, web_congestion_fault_taken, label = label),
        LineProblem::TooLong => t!(lang, web_congestion_fault_too_long, label = label),
    }
}

async fn add(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let typed: NewLine = body.parse()?;
    let (c, new) = (clerk.clerk.clone(), typed.clone());
    let faults = ctx
        .run(move |app, tenant| app.congestion(&tenant).add_line(&c, &new))
        .await?;
    if faults.is_empty() {
        let id = typed.id.trim();
        return Ok(see_other(&format!("/office/congestion?added={id}")));
    }
    show(ctx, clerk, csrf, &Done::default(), &typed, faults).await
}

/// The counter named in the path: one that cannot be a counter's id is not found.
fn line_of(id: &str, lang: Lang) -> Result<CounterLineId, WebError> {
    if madoguchi_core::booking::is_resource_id(id) {
        Ok(CounterLineId::new(id))
    } else {
        Err(WebError::new(madoguchi_core::ErrorCode::NotFound, lang))
    }
}

/// Hands out the counter's next number, or calls its next one; back at the counter on the
/// page, which says what to do.
async fn act(
    ctx: Ctx,
    clerk: CurrentClerk,
    id: &str,
    call: bool,
) -> Result<HttpResponse, WebError> {
    let line = line_of(id, ctx.lang)?;
    let (c, l) = (clerk.clerk.clone(), line.clone());
    let what = ctx
        .run(move |app, tenant| {
            let congestion = app.congestion(&tenant);
            Ok(if call {
                match congestion.call_next(&c, &l)? {
                    Some(n) => format!("called={n}"),
                    None => "no_one=1".to_string(),
                }
            } else {
                format!("issued={}", congestion.issue(&c, &l)?)
            })
        })
        .await?;
    let id = line.as_str();
    Ok(see_other(&format!(
        "/office/congestion?line={id}&{what}#line-{id}"
    )))
}

async fn issue(
    ctx: Ctx,
    clerk: CurrentClerk,
    id: web::Path<String>,
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    act(ctx, clerk, &id, false).await
}

async fn call(
    ctx: Ctx,
    clerk: CurrentClerk,
    id: web::Path<String>,
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    act(ctx, clerk, &id, true).await
}
