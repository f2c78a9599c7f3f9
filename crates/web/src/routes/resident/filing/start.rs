//! `/p/{id}`: a procedure's start page — who may file, the fee, what to prepare.

use crate::msg;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use madoguchi_app::kernel::IdentityNeed;
use madoguchi_core::ProcedureId;
use madoguchi_core::{FeeTiming, Lang, jst};
use madoguchi_forms::{FeeSummary, Form};

use crate::error::WebError;
use crate::extract::state;
use crate::extract::{Ctx, ResidentSession};
use crate::page_cache::{SharedPage, StartVersion, StepVersion};
use crate::routes::html;
use crate::routes::shared_page::{etag_of, is_shared, kept_body, page_html};
use crate::views::Page;
use actix_web::web::Bytes;
use std::sync::Arc;

#[derive(Template)]
#[template(path = "procedure.html")]
struct StartPage {
    page: Page,
    id: String,
    title: String,
    summary: String,
    who: String,
    fee: String,
    /// How the fee is paid, when there is one.
    fee_how: Option<&'static str>,
    prepare: Vec<String>,
    delivery: String,
    days: String,
    identity: String,
    department: String,
    legal_basis: String,
    /// Where the legal basis and the fee come from.
    sources: Vec<SourceLine>,
    /// When the facts were last checked against their sources.
    reviewed_on: Option<String>,
    first_step: String,
    /// The purpose of use of the personal data (利用目的).
    purpose: String,
    /// What identity filing online needs, announced before step 1.
    need: IdentityNeed,
    /// The session is signed in (an account or at the provider; `Some(true)` with the card).
    signed_in: Option<bool>,
    /// Residents can sign in at the provider too.
    provider_sign_in: bool,
    /// For procedures completed at a counter: why, and how the visit goes.
    pre_entry: Option<String>,
}

/// One source of the procedure's facts, for the "根拠" section.
struct SourceLine {
    /// Which facts it supports: 「根拠法令・手数料」.
    of: String,
    title: String,
    url: Option<String>,
    /// Who published it, the document's number, the day it was read.
    about: String,
}

fn fee_text(form: &Form, lang: Lang) -> String {
    match form.fee_summary() {
        FeeSummary::PerItem => msg::web_resident_fee_per_item::text(lang).into(),
        FeeSummary::ByAnswer => msg::web_resident_fee_by_answer::text(lang).into(),
        FeeSummary::Stated(text) => text.get(lang).to_string(),
        FeeSummary::PerUnit { amount, unit } if !amount.is_zero() => {
            let per = unit.get(lang);
            madoguchi_i18n::t!(
                lang,
                web_resident_fee_per_unit,
                amount = amount.format(lang),
                unit = per,
                unit_singular = per.trim_end_matches('s')
            )
        }
        FeeSummary::PerUnit { .. } | FeeSummary::None => {
            msg::web_resident_free::text(lang).to_string()
        }
    }
}

/// How the fee is paid, in the resident's words.
pub(super) fn fee_how(timing: FeeTiming, lang: Lang) -> &'static str {
    match timing {
        FeeTiming::OnSubmission => msg::web_resident_after_you_submit_you_go_on_to::text(lang),
        FeeTiming::AfterApproval => msg::web_resident_you_pay_the_fee_after_the_review::text(lang),
        FeeTiming::AtCounter => msg::web_resident_you_pay_the_fee_at_the_counter::text(lang),
        FeeTiming::BoughtElsewhere => msg::web_resident_fee_bought_elsewhere::text(lang),
        FeeTiming::InformationOnly => msg::web_resident_fee_information_only::text(lang),
    }
}

/// The sources of the legal basis, the fee and its refund rule (never the notes of what the
/// city has still to confirm: those are for authors), each once, saying which of them it
/// supports.
fn source_lines(form: &Form, lang: Lang) -> Vec<SourceLine> {
    let facts = form.facts();
    let kinds = [
        (
            &facts.legal_basis,
            msg::web_resident_source_for_legal_basis::text(lang),
        ),
        (&facts.fee, msg::web_resident_source_for_fee::text(lang)),
        (
            &facts.refund,
            msg::web_resident_source_for_refund::text(lang),
        ),
    ];
    let mut lines: Vec<(&madoguchi_forms::provenance::Source, Vec<&str>)> = Vec::new();
    for (fact, kind) in kinds {
        for source in fact.iter().flat_map(|p| p.sources.iter()) {
            let same = |(s, _): &&mut (&madoguchi_forms::provenance::Source, Vec<&str>)| {
                (&s.title, &s.url, &s.document) == (&source.title, &source.url, &source.document)
            };
            match lines.iter_mut().find(same) {
                Some((_, of)) => of.push(kind),
                None => lines.push((source, vec![kind])),
            }
        }
    }
    let and = msg::web_resident_source_for_and::text(lang);
    lines
        .into_iter()
        .map(|(s, of)| SourceLine {
            of: madoguchi_i18n::t!(lang, web_resident_source_for, of = of.join(and)),
            title: s.title.clone(),
            url: s.url.clone(),
            about: match &s.document {
                Some(document) => madoguchi_i18n::t!(
                    lang,
                    web_resident_source_about_document,
                    issuer = s.issuer.as_str(),
                    document = document.as_str(),
                    seen = jst::format_date(s.seen, lang)
                ),
                None => madoguchi_i18n::t!(
                    lang,
                    web_resident_source_about,
                    issuer = s.issuer.as_str(),
                    seen = jst::format_date(s.seen, lang)
                ),
            },
        })
        .collect()
}

fn days_text(form: &Form, lang: Lang) -> String {
    match form.settings().processing_days {
        Some(d) => madoguchi_i18n::t!(lang, web_resident_processing_days, days = d),
        None => msg::web_resident_decided_together_after_the::text(lang).to_string(),
    }
}

pub(super) async fn start(
    req: HttpRequest,
    ctx: Ctx,
    session: ResidentSession,
    id: web::Path<ProcedureId>,
) -> Result<HttpResponse, WebError> {
    let lang = ctx.lang;
    let pid = id.into_inner();
    let token = session.0;
    let token_absent = token.is_none();
    // Without a session nothing here is the reader's own: answered from memory when the
    // app has the procedure there, else (and with a session) on the blocking pool.
    let cached = match token {
        None => ctx.app.cached_procedure(&ctx.tenant, &pid),
        Some(_) => None,
    };
    let (form, department, signed_in) = match cached {
        Some(found) => {
            let (form, department) = found.map_err(|e| WebError::from_app(e, lang))?;
            (form, department, None)
        }
        None => {
            let pid = pid.clone();
            ctx.run(move |app, tenant| {
                let (form, department) = app.procedure(&tenant, &pid)?;
                let signed_in = app.identity(&tenant, token.as_deref())?;
                Ok((form, department, signed_in))
            })
            .await?
        }
    };
    let need = ctx.app.identity_need(&ctx.tenant, &form);
    let shared = signed_in.is_none();
    let page = Page::new(lang, form.title().get(lang), format!("/p/{}", form.id()));
    // Without a session, and for a reader whose header names nobody, the page is the same
    // for every reader of this city, language and form version: kept rendered (see
    // `crate::page_cache`), with its tag.
    let kept = (token_absent && is_shared()).then(|| {
        let key = (ctx.tenant.clone(), pid.clone(), lang, page.furigana);
        let version = StartVersion {
            step: StepVersion {
                form: Arc::clone(&form),
                department: department.clone(),
                city: page.city.clone(),
            },
            need,
            sign_in: ctx.app.sign_in_available(&ctx.tenant),
        };
        (key, version)
    });
    let pages = match &kept {
        Some(_) => Some(Arc::clone(&state(&req)?.pages)),
        None => None,
    };
    if let (Some((key, version)), Some(pages)) = (&kept, &pages)
        && let Some(found) = pages.starts.get(key, version)
    {
        return Ok(kept_body(&req, &found, HTML));
    }
    let s = form.settings();
    let view = StartPage {
        page,
        id: form.id().into(),
        title: s.title.get(lang).into(),
        summary: s.summary.get(lang).into(),
        who: s.who_may_file.get(lang).into(),
        fee: fee_text(&form, lang),
        // A fee stated in words says itself where it is paid.
        fee_how: form
            .fee_timing()
            .filter(|_| !matches!(form.fee_summary(), FeeSummary::Stated(_)))
            .map(|t| fee_how(t, lang)),
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
        sources: source_lines(&form, lang),
        reviewed_on: form.facts().reviewed_on.map(|d| jst::format_date(d, lang)),
        first_step: form
            .steps()
            .first()
            .map(|st| st.id.clone())
            .unwrap_or_default(),
        purpose: crate::views::purpose_of_use(&form, &department, lang),
        need,
        signed_in: signed_in.map(|i| i.level == madoguchi_forms::IdentityLevel::MyNumberCard),
        provider_sign_in: ctx.app.sign_in_available(&ctx.tenant),
        pre_entry: (s.filing == madoguchi_forms::definition::Filing::PreEntry).then(|| {
            s.filing_note
                .as_ref()
                .map(|n| n.get(lang).to_string())
                .unwrap_or_default()
        }),
    };
    if let (Some((key, version)), Some(pages)) = (kept, pages) {
        let body = view.render().map_err(|e| WebError::internal(e, lang))?;
        let etag = etag_of(body.as_bytes());
        let body = Bytes::from(body);
        let page = pages.starts.put(key, version, SharedPage::new(body, etag));
        return Ok(kept_body(&req, &page, HTML));
    }
    if shared {
        // The same page for every reader of this city, language and form version.
        page_html(&req, &view, lang)
    } else {
        html(StatusCode::OK, &view, lang)
    }
}

const HTML: &str = "text/html; charset=utf-8";
