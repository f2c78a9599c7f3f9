//! `/guide/{event}`: the questions of one life event and the procedures they lead to.

use std::collections::HashSet;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use madoguchi_app::filing::GuideEntry;
use madoguchi_core::Lang;

use crate::error::WebError;
use crate::extract::Ctx;
use crate::routes::html;
use crate::views::Page;

struct QuestionView {
    id: String,
    text: String,
    hint: Option<String>,
    yes: bool,
    no: bool,
}

struct EntryView {
    title: String,
    href: Option<String>,
    place: String,
    note: Option<String>,
    online: Option<bool>,
    prepare: Vec<String>,
    deadline: Option<String>,
}

#[derive(Template)]
#[template(path = "guide_event.html")]
struct EventPage {
    page: Page,
    event_id: String,
    title: String,
    summary: String,
    questions: Vec<QuestionView>,
    /// The list, once the questions were answered (or when there are none).
    entries: Option<Vec<EntryView>>,
}

pub(super) async fn event(
    ctx: Ctx,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let id = id.into_inner();
    let query = crate::extract::parse_urlencoded(req.query_string().as_bytes()).unwrap_or_default();
    let answered = query.iter().any(|(k, _)| k == "answered");
    let yes: HashSet<String> = query
        .iter()
        .filter(|(k, v)| k.starts_with("q.") && v == "yes")
        .map(|(k, _)| k[2..].to_string())
        .collect();
    let no: HashSet<String> = query
        .iter()
        .filter(|(k, v)| k.starts_with("q.") && v == "no")
        .map(|(k, _)| k[2..].to_string())
        .collect();
    let (event_id, answers) = (id.clone(), yes.clone());
    let (event, entries) = ctx
        .run(move |app, tenant| app.filing(&tenant).life_event_plan(&event_id, &answers))
        .await?;
    let questions: Vec<QuestionView> = event
        .questions
        .iter()
        .map(|q| QuestionView {
            id: q.id.clone(),
            text: q.text.get(lang).into(),
            hint: q.hint.as_ref().map(|h| h.get(lang).to_string()),
            yes: yes.contains(&q.id),
            no: no.contains(&q.id),
        })
        .collect();
    let entries = (answered || questions.is_empty())
        .then(|| entries.into_iter().map(|e| entry_view(e, lang)).collect());
    let mut page = Page::new(lang, event.title.get(lang), format!("/guide/{id}"));
    if let Some(q) = req.uri().query() {
        page.path = format!("/guide/{id}?{q}");
    }
    let view = EventPage {
        page,
        event_id: id,
        title: event.title.get(lang).into(),
        summary: event.summary.get(lang).into(),
        questions,
        entries,
    };
    html(StatusCode::OK, &view, lang)
}

fn entry_view(entry: GuideEntry, lang: Lang) -> EntryView {
    match entry {
        GuideEntry::Procedure {
            summary,
            prepare,
            deadline,
        } => EntryView {
            title: summary.title.get(lang).into(),
            href: Some(format!("/p/{}", summary.id)),
            place: summary.department.get(lang).into(),
            note: None,
            online: Some(summary.online),
            prepare: prepare.iter().map(|p| p.get(lang).to_string()).collect(),
            deadline: deadline.map(|d| d.get(lang).to_string()),
        },
        GuideEntry::Elsewhere { what, deadline } => EntryView {
            title: what.title.get(lang).into(),
            href: None,
            place: what.place.get(lang).into(),
            note: what.note.map(|n| n.get(lang).to_string()),
            online: None,
            prepare: Vec::new(),
            deadline: deadline.map(|d| d.get(lang).to_string()),
        },
    }
}
