//! `/procedures/{category}`: the procedures of one category (証明書, 子育て, …), linked from
//! the home page.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use madoguchi_forms::catalog;

use super::list::{ProcedureItem, offered, procedure_item};
use crate::error::WebError;
use crate::extract::Ctx;
use crate::routes::shared_page::page_html;
use crate::views::Page;

#[derive(Template)]
#[template(path = "category.html")]
struct CategoryPage {
    page: Page,
    items: Vec<ProcedureItem>,
}

pub(super) async fn category(
    req: HttpRequest,
    ctx: Ctx,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let id = id.into_inner();
    let items: Vec<ProcedureItem> = offered(&ctx)
        .await?
        .into_iter()
        .filter(|p| p.category == id)
        .map(|p| procedure_item(p, lang))
        .collect();
    // A category with nothing this city offers is no page (nor is an unknown one).
    if items.is_empty() {
        return Err(ctx.not_found());
    }
    let page = Page::new(
        lang,
        catalog::category_label(&id).get(lang),
        format!("/procedures/{id}"),
    );
    page_html(&req, &CategoryPage { page, items }, lang)
}
