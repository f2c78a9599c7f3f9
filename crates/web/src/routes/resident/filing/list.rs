//! `/procedures`, the home page: a search box and the categories (each a link to its page),
//! and the life events; with `?q=`, the results of a search. `/` leads here.

use crate::msg;

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use madoguchi_app::filing::ProcedureSummary;
use madoguchi_core::Lang;
use madoguchi_forms::FeeSummary;
use madoguchi_forms::catalog;

use std::sync::Arc;

use actix_web::web::Bytes;

use crate::error::WebError;
use crate::extract::{Ctx, state};
use crate::page_cache::SharedPage;
use crate::routes::see_other;
use crate::routes::shared_page::{etag_of, is_shared, kept_body, page_html, tagged_body};
use crate::views::Page;

pub(super) async fn home() -> HttpResponse {
    see_other("/procedures")
}

#[derive(Template)]
#[template(path = "procedures.html")]
struct ListPage {
    page: Page,
    /// The search, when one was made.
    query: Option<String>,
    results: Vec<ProcedureItem>,
    /// Without a search: the categories that hold a procedure, in the catalogue's order.
    categories: Vec<CategoryLink>,
    /// Without a search: the life events of the guide.
    events: Vec<EventLink>,
    /// The municipality has a life-event guide (a city offering only its own procedures
    /// may have none).
    guide: bool,
}

struct CategoryLink {
    id: String,
    label: String,
    count: usize,
}

struct EventLink {
    id: String,
    title: String,
}

/// A procedure as a card of a list (search results, a category's page).
pub(super) struct ProcedureItem {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub meta: String,
    pub online: bool,
}

pub(super) fn procedure_item(p: ProcedureSummary, lang: Lang) -> ProcedureItem {
    let fee = match &p.fee {
        FeeSummary::PerUnit { amount, .. } if !amount.is_zero() => {
            madoguchi_i18n::t!(lang, web_resident_fee, amount = amount.format(lang))
        }
        FeeSummary::ByAnswer | FeeSummary::PerItem => {
            msg::web_resident_fee_varies::text(lang).to_string()
        }
        FeeSummary::Stated(_) => msg::web_resident_fee_charged::text(lang).to_string(),
        FeeSummary::PerUnit { .. } | FeeSummary::None => {
            msg::web_resident_no_fee::text(lang).to_string()
        }
    };
    // A fee the city has not confirmed is said to be so here too.
    let fee = if p.fee_to_confirm {
        madoguchi_i18n::t!(lang, web_resident_fee_to_confirm, fee = fee)
    } else {
        fee
    };
    ProcedureItem {
        title: p.title.get(lang).into(),
        summary: p.summary.get(lang).into(),
        meta: format!("{fee} ・ {}", p.department.get(lang)),
        online: p.online,
        id: p.id,
    }
}

/// The procedures this municipality offers, from memory when the app has them there (the
/// pages every resident reads go to the blocking pool only when they must).
pub(super) async fn offered(ctx: &Ctx) -> Result<Vec<ProcedureSummary>, WebError> {
    match ctx.app.filing(&ctx.tenant).cached_procedures() {
        Some(all) => Ok(all),
        None => {
            ctx.run(|app, tenant| app.filing(&tenant).procedures())
                .await
        }
    }
}

#[derive(serde::Deserialize)]
pub(super) struct SearchQuery {
    q: Option<String>,
}

pub(super) async fn list(
    req: HttpRequest,
    ctx: Ctx,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let q = query
        .q
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(str::to_string);
    let mut page = Page::new(
        lang,
        msg::web_resident_procedures::text(lang),
        "/procedures",
    );
    let view = match q {
        Some(q) => {
            let search = q.clone();
            let results = ctx
                .run(move |app, tenant| app.filing(&tenant).search_procedures(&search))
                .await?;
            page.title = madoguchi_i18n::t!(lang, web_resident_search_results, query = &q);
            page.path = format!("/procedures?q={q}");
            let results = results
                .into_iter()
                .map(|p| procedure_item(p, lang))
                .collect();
            ListPage {
                page,
                query: Some(q),
                results,
                categories: Vec::new(),
                events: Vec::new(),
                guide: !ctx.app.forms_for(&ctx.tenant).guide().events.is_empty(),
            }
        }
        None => return home_page(&req, &ctx, page).await,
    };
    page_html(&req, &view, lang)
}

/// The home page without a search: kept rendered per city, language and furigana choice
/// for readers who are not signed in, and rendered again when what the city offers or its
/// look changed (see [`crate::page_cache`]).
async fn home_page(req: &HttpRequest, ctx: &Ctx, page: Page) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    if !is_shared() {
        return page_html(req, &home_view(ctx, page).await?, lang);
    }
    let pages = Arc::clone(&state(req)?.pages);
    let key = (ctx.tenant.clone(), lang, page.furigana);
    // Taken before rendering: a page is never kept under a newer version than it was
    // rendered from (at worst it is rendered once more).
    let version = ctx
        .app
        .filing(&ctx.tenant)
        .cached_offer_version()
        .map(|v| (v, page.city.clone()));
    if let Some(version) = &version
        && let Some(kept) = pages.home.get(&key, version)
    {
        return Ok(kept_body(req, &kept, HTML));
    }
    let body = home_view(ctx, page)
        .await?
        .render()
        .map_err(|e| WebError::internal(e, lang))?;
    let etag = etag_of(body.as_bytes());
    let body = Bytes::from(body);
    match version {
        Some(version) => {
            let kept = pages.home.put(key, version, SharedPage::new(body, etag));
            Ok(kept_body(req, &kept, HTML))
        }
        None => Ok(tagged_body(req, body, &etag, HTML)),
    }
}

const HTML: &str = "text/html; charset=utf-8";

/// The categories that hold a procedure, with their counts, and the life events.
async fn home_view(ctx: &Ctx, page: Page) -> Result<ListPage, WebError> {
    let lang = ctx.lang;
    let mut categories: Vec<CategoryLink> = Vec::new();
    for p in offered(ctx).await? {
        match categories.last_mut() {
            Some(c) if c.id == p.category => c.count += 1,
            _ => categories.push(CategoryLink {
                label: catalog::category_label(&p.category).get(lang).into(),
                id: p.category,
                count: 1,
            }),
        }
    }
    let events: Vec<EventLink> = ctx
        .app
        .filing(&ctx.tenant)
        .life_events()
        .into_iter()
        .map(|e| EventLink {
            id: e.id,
            title: e.title.get(lang).into(),
        })
        .collect();
    Ok(ListPage {
        page,
        query: None,
        results: Vec::new(),
        guide: !events.is_empty(),
        categories,
        events,
    })
}
