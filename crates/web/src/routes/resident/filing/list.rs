//! `/procedures`: every procedure by category, or the results of a search; `/` leads here.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::filing::ProcedureSummary;
use madoguchi_core::Lang;
use madoguchi_forms::catalog;

use crate::error::WebError;
use crate::extract::Ctx;
use crate::routes::{html, see_other};
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
    /// Without a search: every procedure, by category.
    groups: Vec<CategoryGroup>,
    /// The municipality has a life-event guide (a city offering only its own
    /// procedures may have none).
    guide: bool,
}

struct CategoryGroup {
    id: String,
    label: String,
    items: Vec<ProcedureItem>,
}

struct ProcedureItem {
    id: String,
    title: String,
    summary: String,
    meta: String,
    online: bool,
}

fn procedure_item(p: ProcedureSummary, lang: Lang) -> ProcedureItem {
    let fee = match p.unit_fee {
        Some(fee) if !fee.is_zero() => {
            madoguchi_i18n::t!(lang, web_resident_fee, amount = fee.format(lang))
        }
        _ => msg::web_resident_no_fee::text(lang).to_string(),
    };
    ProcedureItem {
        title: p.title.get(lang).into(),
        summary: p.summary.get(lang).into(),
        meta: format!("{fee} ・ {}", p.department.get(lang)),
        online: p.online,
        id: p.id,
    }
}

#[derive(serde::Deserialize)]
pub(super) struct SearchQuery {
    q: Option<String>,
}

pub(super) async fn list(
    ctx: Ctx,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let guide = !ctx.app.life_events(&ctx.tenant).is_empty();
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
                .run(move |app, tenant| app.search_procedures(&tenant, &search))
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
                groups: Vec::new(),
                guide,
            }
        }
        None => {
            let all = ctx.run(|app, tenant| app.procedures(&tenant)).await?;
            let mut groups: Vec<CategoryGroup> = Vec::new();
            for p in all {
                if groups.last().is_none_or(|g| g.id != p.category) {
                    groups.push(CategoryGroup {
                        id: p.category.clone(),
                        label: catalog::category_label(&p.category).get(lang).into(),
                        items: Vec::new(),
                    });
                }
                if let Some(g) = groups.last_mut() {
                    g.items.push(procedure_item(p, lang));
                }
            }
            ListPage {
                page,
                query: None,
                results: Vec::new(),
                groups,
                guide,
            }
        }
    };
    html(StatusCode::OK, &view, lang)
}
