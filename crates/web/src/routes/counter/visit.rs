//! `/office/counter/{id}`: the visit's answers checked with the resident, then filed.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::{AppError, counter::ClerkVisit, submission::IdentityDocument};
use madoguchi_core::{ErrorCode, VisitId};

use super::when;
use crate::error::WebError;
use crate::extract::RecordKey;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::routes::{html, see_other};
use crate::views::office_page;
use crate::views::{AnswerSection, ErrorLink, Page, answer_sections};

struct ItemView {
    title: String,
    department: String,
    ready: bool,
    problems: Vec<String>,
    fee: Option<String>,
    sections: Vec<AnswerSection>,
}

#[derive(Template)]
#[template(path = "office/counter_visit.html")]
struct VisitPage {
    page: Page,
    csrf: String,
    visit: ClerkVisit,
    items: Vec<ItemView>,
    prepared: String,
    filed_at: String,
    identity: String,
    documents: Vec<(&'static str, String)>,
    chosen: String,
    errors: Vec<ErrorLink>,
}

impl VisitPage {
    fn l<'a>(&self, t: &'a madoguchi_core::Localized) -> &'a str {
        t.get(self.page.lang)
    }
    fn ready_count(&self) -> usize {
        self.items.iter().filter(|i| i.ready).count()
    }
}

async fn render_visit(
    ctx: &Ctx,
    clerk: &CurrentClerk,
    csrf: String,
    id: String,
    chosen: String,
    error: Option<ErrorCode>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let c = clerk.clerk.clone();
    let visit = ctx
        .run(move |app, tenant| app.counter(&tenant).visit_for_clerk(&c, &VisitId::new(id)))
        .await?;

    let items = visit
        .items
        .iter()
        .map(|item| ItemView {
            title: item.form.title().get(lang).to_string(),
            department: item.department.get(lang).to_string(),
            ready: item.ready,
            problems: item
                .errors
                .iter()
                .map(|e| item.form.message_in(e, lang))
                .collect(),
            fee: item
                .fee
                .as_ref()
                .map(|f| f.breakdown().get(lang).to_string()),
            sections: if item.data.is_null() {
                Vec::new()
            } else {
                answer_sections(&item.form, &item.data, lang, None)
            },
        })
        .collect();
    let mut page = office_page(
        lang,
        msg::web_counter_pre_entry::text(lang),
        &format!("/office/counter/{}", visit.id),
        clerk,
        &csrf,
    );
    page.has_errors = error.is_some();
    let errors = error
        .map(|code| vec![ErrorLink::for_code(code, lang, "#identity-my_number_card")])
        .unwrap_or_default();
    let identity = visit
        .filed
        .as_ref()
        .map(|f| f.identity.label().get(lang).to_string())
        .unwrap_or_default();
    let status = error.map(crate::error::status_of).unwrap_or(StatusCode::OK);
    html(
        status,
        &VisitPage {
            page,
            csrf,
            prepared: when(visit.prepared_at, lang),
            filed_at: visit
                .filed
                .as_ref()
                .map(|f| when(f.at, lang))
                .unwrap_or_default(),
            identity,
            documents: IdentityDocument::ALL
                .iter()
                .map(|d| (d.code(), d.label().get(lang).to_string()))
                .collect(),
            chosen,
            items,
            visit,
            errors,
        },
        lang,
    )
}

pub(super) async fn visit_page(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<RecordKey>,
) -> Result<HttpResponse, WebError> {
    render_visit(
        &ctx,
        &clerk,
        csrf.0,
        id.into_inner().into_inner(),
        String::new(),
        None,
    )
    .await
}

/// Filing at the counter: the identity document seen, and the clerk's confirmation.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub(super) struct FileInput {
    identity: String,
    confirmed: String,
}

pub(super) async fn file(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<RecordKey>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner().into_inner();
    let FileInput {
        identity,
        confirmed,
    } = body.parse()?;
    let confirmed = confirmed == "yes";
    let (c, vid, doc) = (clerk.clerk.clone(), id.clone(), identity.clone());
    match ctx
        .call(move |app, tenant| {
            app.counter(&tenant)
                .file(&c, &VisitId::new(vid), &doc, confirmed)
        })
        .await?
    {
        Ok(_) => Ok(see_other(&format!("/office/counter/{id}"))),
        Err(AppError::Refused(code)) => {
            render_visit(&ctx, &clerk, csrf.0, id, identity, Some(code)).await
        }
        Err(e) => Err(WebError::from_app(e, ctx.lang)),
    }
}
