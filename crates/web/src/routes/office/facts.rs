//! `/office/facts`: the city signs off the facts its procedures state (issue 46 item 3).
//! A whole section's supervisor (their section's procedures) or an administrator (every
//! procedure) sees each fact a definition marks to confirm — what the page states, what is
//! to confirm, the sources found — and confirms it with its evidence; until then residents
//! see it marked 「市に確認中」. One form per fact, no JavaScript needed; each fault named
//! at its input, in ja and en.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use madoguchi_app::kernel::confirmed_facts::Unconfirmed;
use madoguchi_app::operations::{
    ConfirmFault, ConfirmInput, Evidence, FactToSignOff, MAX_EVIDENCE_CHARS, ProcedureToSignOff,
};
use madoguchi_core::{Lang, jst};
use madoguchi_i18n::t;

use crate::error::WebError;
use crate::extract::{CsrfToken, Ctx, CurrentClerk, FormBody};
use crate::msg;
use crate::routes::{html, resource, see_other};
use crate::views::procedure_facts::procedure_facts;
use crate::views::{ErrorLink, Page};

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(
        resource("/office/facts")
            .route(web::get().to(page))
            .route(web::post().to(confirm)),
    );
}

#[derive(Template)]
#[template(path = "office/facts.html")]
struct FactsPage {
    page: Page,
    csrf: String,
    saved: bool,
    /// 「確認済み 3件 / 12件」.
    progress: String,
    procedures: Vec<ProcedureView>,
    errors: Vec<ErrorLink>,
}

struct ProcedureView {
    title: String,
    department: String,
    facts: Vec<FactView>,
}

struct FactView {
    /// The inputs' id prefix, unique on the page.
    key: String,
    procedure: String,
    fact: &'static str,
    digest: String,
    name: &'static str,
    /// What the resident's page states.
    stated: String,
    note: String,
    /// (title, address, who published it and when it was read).
    sources: Vec<(String, Option<String>, String)>,
    /// Who confirmed it, when, on what: `None` while open.
    confirmed: Option<String>,
    /// (code, label, chosen).
    evidence: Vec<(&'static str, &'static str, bool)>,
    evidence_error: Option<String>,
    what: String,
    /// What is wrong with the evidence named, or that the words changed since the page
    /// was read (nothing recorded).
    what_error: Option<String>,
}

impl FactView {
    fn what_describedby(&self) -> String {
        crate::views::described_by(
            &format!("{}-what", self.key),
            true,
            self.what_error.is_some(),
        )
    }
}

/// The confirmation as sent.
#[derive(serde::Deserialize, Default, Clone)]
#[serde(default)]
struct Typed {
    procedure: String,
    fact: String,
    digest: String,
    evidence: String,
    what: String,
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
    show(ctx, clerk, csrf, done.saved.is_some(), None, Vec::new()).await
}

async fn confirm(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    body: FormBody,
) -> Result<HttpResponse, WebError> {
    let typed: Typed = body.parse()?;
    let (c, input) = (
        clerk.clerk.clone(),
        ConfirmInput {
            procedure: typed.procedure.clone(),
            fact: typed.fact.clone(),
            digest: typed.digest.clone(),
            evidence: typed.evidence.clone(),
            what: typed.what.clone(),
        },
    );
    let faults = ctx
        .run(move |app, tenant| app.confirm_fact(&tenant, &c, &input))
        .await?;
    match faults {
        Ok(()) => Ok(see_other("/office/facts?saved=1")),
        Err(faults) => show(ctx, clerk, csrf, false, Some(typed), faults).await,
    }
}

async fn show(
    ctx: Ctx,
    clerk: CurrentClerk,
    csrf: CsrfToken,
    saved: bool,
    typed: Option<Typed>,
    faults: Vec<ConfirmFault>,
) -> Result<HttpResponse, WebError> {
    let c = clerk.clerk.clone();
    let view = ctx
        .run(move |app, tenant| app.facts_to_sign_off(&tenant, &c))
        .await?;
    let lang = ctx.lang;
    let title = msg::web_office_facts_title::text(lang);
    let mut page = crate::views::office_page(lang, title, "/office/facts", &clerk, &csrf.0);
    page.has_errors = !faults.is_empty();
    let status = if faults.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let (done, all) = view.progress();
    let mut errors = Vec::new();
    let procedures = view
        .procedures
        .iter()
        .map(|p| procedure_view(p, typed.as_ref(), &faults, &mut errors, lang))
        .collect();
    let body = FactsPage {
        page,
        csrf: csrf.0,
        saved,
        progress: t!(
            lang,
            web_office_facts_progress,
            done = done.to_string(),
            all = all.to_string()
        ),
        procedures,
        errors,
    };
    html(status, &body, lang)
}

fn procedure_view(
    p: &ProcedureToSignOff,
    typed: Option<&Typed>,
    faults: &[ConfirmFault],
    errors: &mut Vec<ErrorLink>,
    lang: Lang,
) -> ProcedureView {
    // What the resident's page states, each fact as it words it.
    let stated = procedure_facts(&p.form, &p.department, lang, &Unconfirmed::default());
    let said = |fact: &str| -> String {
        match fact {
            "legal_basis" => stated.legal_basis.clone(),
            "fee" | "refund" => match stated.fee_how {
                Some(how) => format!("{} {how}", stated.fee),
                None => stated.fee.clone(),
            },
            "processing_days" => stated.days.clone(),
            "who_may_file" => stated.who.clone(),
            "what_to_prepare" => stated.prepare.join(" / "),
            "result_delivery" => stated.delivery.clone(),
            _ => String::new(),
        }
    };
    let facts = p
        .facts
        .iter()
        .map(|f| {
            // The fact just sent, when it was refused: its typed values and faults.
            let sent =
                typed.filter(|t| t.procedure.trim() == p.form.id() && t.fact.trim() == f.fact);
            fact_view(p.form.id(), f, said(f.fact), sent, faults, errors, lang)
        })
        .collect();
    ProcedureView {
        title: p.form.title().get(lang).to_string(),
        department: p.department.get(lang).to_string(),
        facts,
    }
}

fn fact_view(
    procedure: &str,
    f: &FactToSignOff,
    stated: String,
    sent: Option<&Typed>,
    faults: &[ConfirmFault],
    errors: &mut Vec<ErrorLink>,
    lang: Lang,
) -> FactView {
    let key = format!("{procedure}--{}", f.fact);
    let fault = |which: ConfirmFault| sent.is_some() && faults.contains(&which);
    let mut error = |anchor: &str, text: String| {
        errors.push(ErrorLink {
            href: format!("#{key}-{anchor}"),
            text: text.clone(),
        });
        Some(text)
    };
    let evidence_error = if fault(ConfirmFault::EvidenceMissing) {
        error(
            "evidence-page",
            msg::web_office_facts_evidence_missing::text(lang).into(),
        )
    } else {
        None
    };
    let what_error = if fault(ConfirmFault::WhatMissing) {
        error(
            "what",
            msg::web_office_facts_what_missing::text(lang).into(),
        )
    } else if fault(ConfirmFault::WhatTooLong) {
        error(
            "what",
            t!(
                lang,
                web_office_facts_what_too_long,
                max = MAX_EVIDENCE_CHARS.to_string()
            ),
        )
    } else {
        None
    };
    let changed = if fault(ConfirmFault::Changed) {
        error("what", msg::web_office_facts_changed::text(lang).into())
    } else {
        None
    };
    let chosen = sent.map(|t| t.evidence.trim()).unwrap_or_default();
    FactView {
        procedure: procedure.to_string(),
        fact: f.fact,
        digest: f.digest.clone(),
        name: fact_name(f.fact, lang),
        stated,
        note: f.note.clone(),
        sources: f
            .sources
            .iter()
            .map(|s| {
                let about = match &s.document {
                    Some(d) => format!("{}、{d}", s.issuer),
                    None => s.issuer.clone(),
                };
                let about = t!(
                    lang,
                    web_resident_source_about,
                    issuer = about.as_str(),
                    seen = jst::format_date(s.seen, lang)
                );
                (s.title.clone(), s.url.clone(), about)
            })
            .collect(),
        confirmed: f.confirmed.as_ref().map(|c| {
            t!(
                lang,
                web_office_facts_confirmed_by,
                name = c.by.as_str(),
                at = jst::format_datetime(c.at, lang),
                evidence = evidence_name(c.evidence, lang),
                what = c.what.as_str(),
                version = c.form_version.chars().take(12).collect::<String>()
            )
        }),
        evidence: Evidence::ALL
            .into_iter()
            .map(|e| (e.code(), evidence_name(e, lang), e.code() == chosen))
            .collect(),
        evidence_error,
        what: sent.map(|t| t.what.clone()).unwrap_or_default(),
        what_error: what_error.or(changed),
        key,
    }
}

fn fact_name(fact: &str, lang: Lang) -> &'static str {
    match fact {
        "legal_basis" => msg::web_resident_basis::text(lang),
        "fee" => msg::web_common_fee::text(lang),
        "refund" => msg::web_resident_source_for_refund::text(lang),
        "processing_days" => msg::web_resident_how_long_it_takes::text(lang),
        "who_may_file" => msg::web_resident_who_can_apply::text(lang),
        "what_to_prepare" => msg::web_resident_what_you_need::text(lang),
        _ => msg::web_resident_how_you_get_the_result::text(lang),
    }
}

fn evidence_name(e: Evidence, lang: Lang) -> &'static str {
    match e {
        Evidence::Page => msg::web_office_facts_evidence_page::text(lang),
        Evidence::Ordinance => msg::web_office_facts_evidence_ordinance::text(lang),
        Evidence::InternalRule => msg::web_office_facts_evidence_internal_rule::text(lang),
    }
}
