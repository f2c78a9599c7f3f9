//! Counter pre-entry (書かない窓口): the resident's "at the counter" page with its QR code
//! (`/counter`), and the clerk's side (`/office/counter`): open by code, check, file.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::{
    AppError, counter::ClerkVisit, counter::ResidentVisit, submission::IDENTITY_DOCUMENTS,
};
use madoguchi_core::{ErrorCode, Lang, jst};

use super::office::office_page;
use super::{html, resource, see_other};
use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody, ResidentSession};
use crate::views::{AnswerSection, ErrorLink, Page, answer_sections};

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/counter").route(web::get().to(resident_page)))
        .service(resource("/counter/add").route(web::post().to(add)))
        .service(resource("/counter/remove").route(web::post().to(remove)))
        .service(resource("/counter/renew").route(web::post().to(renew)))
        .service(resource("/counter/prepare").route(web::post().to(prepare)))
        .service(
            resource("/office/counter")
                .route(web::get().to(lookup_page))
                .route(web::post().to(lookup)),
        )
        .service(resource("/office/counter/{id}").route(web::get().to(visit_page)))
        .service(resource("/office/counter/{id}/file").route(web::post().to(file)));
}

fn when(t: chrono::DateTime<chrono::Utc>, lang: Lang) -> String {
    let local = jst::to_jst(t);
    match lang {
        Lang::Ja => local.format("%-m月%-d日 %H:%M").to_string(),
        Lang::En => local.format("%-d %B, %H:%M").to_string(),
    }
}

// ---- The resident ----

#[derive(Template)]
#[template(path = "counter.html")]
struct ResidentPage {
    page: Page,
    csrf: String,
    visit: Option<ResidentVisit>,
    qr: String,
    expires: String,
}

impl ResidentPage {
    fn l<'a>(&self, t: &'a madoguchi_core::Localized) -> &'a str {
        t.get(self.page.lang)
    }
}

async fn resident_page(
    ctx: Ctx,
    session: ResidentSession,
    csrf: CsrfToken,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let token = session.0;
    let visit = ctx
        .run(move |app, tenant| app.counter_visit(&tenant, token.as_deref()))
        .await?;
    let code = visit.as_ref().and_then(|v| v.code.clone());
    let qr = match &code {
        Some(c) => crate::qr::svg(&c.qr).map_err(|e| WebError::internal(e, lang))?,
        None => String::new(),
    };
    let expires = code
        .as_ref()
        .map(|c| when(c.expires_at, lang))
        .unwrap_or_default();
    let page = Page::new(
        lang,
        lang.pick("窓口での手続", "At the counter"),
        "/counter",
    );
    html(
        StatusCode::OK,
        &ResidentPage {
            page,
            csrf: csrf.0,
            visit,
            qr,
            expires,
        },
        lang,
    )
}

async fn add(ctx: Ctx, session: ResidentSession, body: FormBody) -> Result<HttpResponse, WebError> {
    let pid = body.get("procedure").unwrap_or_default().to_string();
    let (token, p) = (session.0, pid.clone());
    match ctx
        .call(move |app, tenant| app.add_to_counter_visit(&tenant, token.as_deref(), &p))
        .await?
    {
        Ok(()) => Ok(see_other("/counter")),
        // Not complete yet: back to the step that needs an answer.
        Err(AppError::Validation { step, .. }) => Ok(see_other(&format!("/p/{pid}/{step}"))),
        Err(AppError::DraftMissing) => Ok(see_other(&format!("/p/{pid}"))),
        Err(e) => Err(WebError::from_app(e, ctx.lang)),
    }
}

async fn remove(
    ctx: Ctx,
    session: ResidentSession,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let pid = body.get("procedure").unwrap_or_default().to_string();
    let token = session.0;
    ctx.run(move |app, tenant| app.remove_from_counter_visit(&tenant, token.as_deref(), &pid))
        .await?;
    Ok(see_other("/counter"))
}

async fn renew(
    ctx: Ctx,
    session: ResidentSession,
    // Checks the CSRF token (the body holds nothing else).
    _body: FormBody,
) -> Result<HttpResponse, WebError> {
    let token = session.0;
    ctx.run(move |app, tenant| app.renew_counter_code(&tenant, token.as_deref()))
        .await?;
    Ok(see_other("/counter"))
}

async fn prepare(
    ctx: Ctx,
    session: ResidentSession,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let pid = body.get("procedure").unwrap_or_default().to_string();
    let (token, p) = (session.0, pid.clone());
    let first = ctx
        .run(move |app, tenant| app.prepare_from_counter_visit(&tenant, token.as_deref(), &p))
        .await?;
    Ok(see_other(&format!("/p/{pid}/{first}")))
}

// ---- The clerk ----

#[derive(Template)]
#[template(path = "office/counter.html")]
struct LookupPage {
    page: Page,
    csrf: String,
    value: String,
    errors: Vec<ErrorLink>,
}

fn lookup_form(
    ctx: &Ctx,
    clerk: &CurrentClerk,
    csrf: String,
    value: String,
    error: Option<ErrorCode>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let mut page = office_page(
        lang,
        lang.pick("窓口受付(事前入力の読み取り)", "Counter: open a pre-entry"),
        "/office/counter",
        clerk,
        &csrf,
    );
    page.has_errors = error.is_some();
    let errors = error
        .map(|code| vec![ErrorLink::for_code(code, lang, "#code")])
        .unwrap_or_default();
    let status = error.map(crate::error::status_of).unwrap_or(StatusCode::OK);
    html(
        status,
        &LookupPage {
            page,
            csrf,
            value,
            errors,
        },
        lang,
    )
}

async fn lookup_page(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
) -> Result<HttpResponse, WebError> {
    if !clerk.clerk.is_case_worker() {
        return Err(WebError::new(ErrorCode::Forbidden, ctx.lang));
    }
    lookup_form(&ctx, &clerk, csrf.0, String::new(), None)
}

async fn lookup(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let code = body.get("code").unwrap_or_default().trim().to_string();
    let (c, typed) = (clerk.clerk.clone(), code.clone());
    match ctx
        .call(move |app, _| app.open_counter_code(&c, &typed))
        .await?
    {
        Ok(id) => Ok(see_other(&format!("/office/counter/{id}"))),
        Err(AppError::Refused(e)) => lookup_form(&ctx, &clerk, csrf.0, code, Some(e)),
        Err(AppError::NotFound) => lookup_form(
            &ctx,
            &clerk,
            csrf.0,
            code,
            Some(ErrorCode::CounterCodeInvalid),
        )
        .map(|mut r| {
            *r.status_mut() = StatusCode::NOT_FOUND;
            r
        }),
        Err(e) => Err(WebError::from_app(e, ctx.lang)),
    }
}

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
    documents: Vec<(&'static str, &'static str)>,
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
        .run(move |app, _| app.counter_visit_for_clerk(&c, &id))
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
        lang.pick("事前入力の内容", "Pre-entry"),
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
        .and_then(|f| IDENTITY_DOCUMENTS.iter().find(|(c, _, _)| *c == f.identity))
        .map(|(_, ja, en)| lang.pick(ja, en).to_string())
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
            documents: IDENTITY_DOCUMENTS
                .iter()
                .map(|(c, ja, en)| (*c, lang.pick(ja, en)))
                .collect(),
            chosen,
            items,
            visit,
            errors,
        },
        lang,
    )
}

async fn visit_page(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    render_visit(&ctx, &clerk, csrf.0, id.into_inner(), String::new(), None).await
}

async fn file(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    id: web::Path<String>,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    let identity = body.get("identity").unwrap_or_default().to_string();
    let confirmed = body.get("confirmed") == Some("yes");
    let (c, vid, doc) = (clerk.clerk.clone(), id.clone(), identity.clone());
    match ctx
        .call(move |app, _| app.file_counter_visit(&c, &vid, &doc, confirmed))
        .await?
    {
        Ok(_) => Ok(see_other(&format!("/office/counter/{id}"))),
        Err(AppError::Refused(code)) => {
            render_visit(&ctx, &clerk, csrf.0, id, identity, Some(code)).await
        }
        Err(e) => Err(WebError::from_app(e, ctx.lang)),
    }
}
