//! `/p/{id}`: a procedure's start page — who may file, the fee, what to prepare.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_core::Lang;
use madoguchi_forms::Form;

use crate::error::WebError;
use crate::extract::Ctx;
use crate::routes::html;
use crate::views::Page;

#[derive(Template)]
#[template(path = "procedure.html")]
struct StartPage {
    page: Page,
    id: String,
    title: String,
    summary: String,
    who: String,
    fee: String,
    prepare: Vec<String>,
    delivery: String,
    days: String,
    identity: String,
    department: String,
    legal_basis: String,
    first_step: String,
    /// For procedures completed at a counter: why, and how the visit goes.
    pre_entry: Option<String>,
}

fn fee_text(form: &Form, lang: Lang) -> String {
    match &form.settings().fee {
        Some(rule) if rule.unit_yen > 0 => {
            let unit = madoguchi_core::Yen::new(rule.unit_yen);
            let per = rule.unit.get(lang);
            madoguchi_i18n::t!(
                lang,
                web_resident_fee_per_unit,
                amount = unit.format(lang),
                unit = per,
                unit_singular = per.trim_end_matches('s')
            )
        }
        _ => msg::web_resident_free::text(lang).to_string(),
    }
}

fn days_text(form: &Form, lang: Lang) -> String {
    match form.settings().processing_days {
        Some(d) => madoguchi_i18n::t!(lang, web_resident_processing_days, days = d),
        None => msg::web_resident_decided_together_after_the::text(lang).to_string(),
    }
}

pub(super) async fn start(ctx: Ctx, id: web::Path<String>) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let pid = id.into_inner();
    let (form, department) = ctx
        .run(move |app, tenant| app.procedure(&tenant, &pid))
        .await?;
    let s = form.settings();
    let view = StartPage {
        page: Page::new(lang, form.title().get(lang), format!("/p/{}", form.id())),
        id: form.id().into(),
        title: s.title.get(lang).into(),
        summary: s.summary.get(lang).into(),
        who: s.who_may_file.get(lang).into(),
        fee: fee_text(&form, lang),
        prepare: s
            .what_to_prepare
            .iter()
            .map(|t| t.get(lang).to_string())
            .collect(),
        delivery: s.result_delivery.get(lang).into(),
        days: days_text(&form, lang),
        identity: s.identity.label().get(lang).into(),
        department: department.get(lang).into(),
        legal_basis: s.legal_basis.clone(),
        first_step: form
            .steps()
            .first()
            .map(|st| st.id.clone())
            .unwrap_or_default(),
        pre_entry: (s.filing == madoguchi_forms::definition::Filing::PreEntry).then(|| {
            s.filing_note
                .as_ref()
                .map(|n| n.get(lang).to_string())
                .unwrap_or_default()
        }),
    };
    html(StatusCode::OK, &view, lang)
}
