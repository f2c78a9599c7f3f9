//! `/office/figures`: a supervisor (their section's procedures) or an administrator (every
//! procedure) enters the filings of a month that never came through this service — paper
//! forms and counter filings outside it — so the online share on `/statistics` is the
//! city's real rate (issue 44 item 6). One form, no JavaScript needed; each fault named at
//! its input, in ja and en.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::Datelike;
use madoguchi_app::operations::{
    ElsewhereFault, ElsewhereField, ElsewhereInput, ElsewhereProblem, MAX_COUNT,
};
use madoguchi_core::{Lang, jst};
use madoguchi_i18n::t;

use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::msg;
use crate::routes::{html, resource, see_other};
use crate::views::{ErrorLink, Page, TextInput};

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(
        resource("/office/figures")
            .route(web::get().to(page))
            .route(web::post().to(enter)),
    );
}

/// A month's counts as the table shows them.
struct Entered {
    procedure: String,
    month: String,
    paper: i64,
    counter: i64,
    by: String,
}

#[derive(Template)]
#[template(path = "office/figures.html")]
struct FiguresPage {
    page: Page,
    csrf: String,
    fiscal_year: i32,
    saved: bool,
    /// (id, title, chosen).
    procedures: Vec<(String, String, bool)>,
    procedure_error: Option<String>,
    inputs: Vec<TextInput>,
    errors: Vec<ErrorLink>,
    entered: Vec<Entered>,
}

impl FiguresPage {
    fn procedure_describedby(&self) -> String {
        crate::views::described_by("procedure", false, self.procedure_error.is_some())
    }
}

/// The form as sent.
#[derive(serde::Deserialize, Default, Clone)]
#[serde(default)]
struct Typed {
    procedure: String,
    month: String,
    paper: String,
    counter: String,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct Done {
    saved: Option<u8>,
}

async fn page(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    done: web::Query<Done>,
) -> Result<HttpResponse, WebError> {
    show(
        ctx,
        clerk,
        csrf,
        done.saved.is_some(),
        &Typed::default(),
        Vec::new(),
    )
    .await
}

async fn enter(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let typed: Typed = body.parse()?;
    let (c, input) = (
        clerk.clerk.clone(),
        ElsewhereInput {
            procedure: typed.procedure.clone(),
            month: typed.month.clone(),
            paper: typed.paper.clone(),
            counter: typed.counter.clone(),
        },
    );
    let faults = ctx
        .run(move |app, tenant| app.enter_filings_elsewhere(&tenant, &c, &input))
        .await?;
    match faults {
        Ok(()) => Ok(see_other("/office/figures?saved=1#entered")),
        Err(faults) => show(ctx, clerk, csrf, false, &typed, faults).await,
    }
}

async fn show(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    saved: bool,
    typed: &Typed,
    faults: Vec<ElsewhereFault>,
) -> Result<HttpResponse, WebError> {
    let c = clerk.clerk.clone();
    let view = ctx
        .run(move |app, tenant| app.filings_elsewhere_page(&tenant, &c))
        .await?;
    let lang = ctx.lang;
    let title = msg::web_figures_entry_title::text(lang);
    let mut page = crate::views::office_page(lang, title, "/office/figures", &clerk, &csrf.0);
    page.has_errors = !faults.is_empty();
    let status = if faults.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let fault_at = |field: ElsewhereField, label: &str| {
        faults
            .iter()
            .find(|f| f.field == field)
            .map(|f| fault_text(f.problem, label, lang))
    };
    let mut errors = Vec::new();
    let procedure_error = fault_at(
        ElsewhereField::Procedure,
        msg::web_figures_entry_procedure::text(lang),
    );
    if let Some(text) = &procedure_error {
        errors.push(ErrorLink {
            href: "#procedure".into(),
            text: text.clone(),
        });
    }
    let inputs = [
        (
            ElsewhereField::Month,
            msg::web_figures_entry_month::text(lang),
            &typed.month,
            Some(msg::web_figures_entry_month_hint::text(lang)),
            "w-10",
        ),
        (
            ElsewhereField::Paper,
            msg::web_figures_entry_paper::text(lang),
            &typed.paper,
            Some(msg::web_figures_entry_paper_hint::text(lang)),
            "w-10",
        ),
        (
            ElsewhereField::Counter,
            msg::web_figures_entry_counter::text(lang),
            &typed.counter,
            Some(msg::web_figures_entry_counter_hint::text(lang)),
            "w-10",
        ),
    ]
    .into_iter()
    .map(|(field, label, value, hint, width)| {
        let error = fault_at(field, label);
        TextInput {
            // The month has a hyphen, which a phone's number pad lacks.
            numeric: field != ElsewhereField::Month,
            ..TextInput::typed(field.input(), label, hint, value, width, error, &mut errors)
        }
    })
    .collect();
    let entered = view
        .entered
        .iter()
        .map(|r| Entered {
            procedure: r.title.get(lang).to_string(),
            month: t!(
                lang,
                web_figures_entry_month_of,
                year = r.month.year().to_string(),
                month = format!("{:02}", r.month.month())
            ),
            paper: r.paper,
            counter: r.counter,
            by: t!(
                lang,
                web_figures_entry_by,
                name = r.entered_by.as_str(),
                at = jst::format_date(jst::date(r.entered_at), lang)
            ),
        })
        .collect();
    let body = FiguresPage {
        page,
        csrf: csrf.0,
        fiscal_year: view.fiscal_year,
        saved,
        procedures: view
            .procedures
            .iter()
            .map(|(id, title)| {
                (
                    id.to_string(),
                    title.get(lang).to_string(),
                    id.as_str() == typed.procedure.trim(),
                )
            })
            .collect(),
        procedure_error,
        inputs,
        errors,
        entered,
    };
    html(status, &body, lang)
}

fn fault_text(problem: ElsewhereProblem, label: &str, lang: Lang) -> String {
    match problem {
        ElsewhereProblem::Missing => t!(lang, web_figures_entry_missing, label = label),
        ElsewhereProblem::NotOffered => t!(lang, web_figures_entry_not_offered, label = label),
        ElsewhereProblem::NotMonth => t!(lang, web_figures_entry_not_month, label = label),
        ElsewhereProblem::OutOfRange => t!(lang, web_figures_entry_out_of_range, label = label),
        ElsewhereProblem::NotCount => t!(
            lang,
            web_figures_entry_not_count,
            label = label,
            max = MAX_COUNT.to_string()
        ),
    }
}
