//! A procedure's facts as its start page states them — who may file, the fee and how it
//! is paid, what to prepare, how the result comes, how long it takes, the legal basis with
//! its sources, the department and the purpose of use — built once for the resident's page
//! (`/p/{id}`) and the designer's preview, which show them alike (`procedure_facts.html`).
//! A fact the city has not confirmed is shown marked 「市に確認中」 with the section to ask
//! (`madoguchi_app::kernel::confirmed_facts`, docs/forms.md).

use crate::msg;
use madoguchi_app::kernel::confirmed_facts::Unconfirmed;

use madoguchi_core::{FeeTiming, Lang, Localized, jst};
use madoguchi_forms::{FeeSummary, Form};

/// What `procedure_facts.html` shows.
pub struct ProcedureFacts {
    pub who: String,
    pub fee: String,
    /// How the fee is paid, when there is one.
    pub fee_how: Option<&'static str>,
    pub prepare: Vec<String>,
    pub delivery: String,
    pub days: String,
    /// The identity level's name.
    pub identity: String,
    pub department: String,
    pub legal_basis: String,
    /// Where the legal basis and the fee come from.
    pub sources: Vec<SourceLine>,
    /// When the facts were last checked against their sources (and what a mark means,
    /// when some facts are marked), as one sentence.
    pub reviewed_on: Option<String>,
    /// The purpose of use of the personal data (利用目的).
    pub purpose: String,
    /// Which facts the city has not confirmed: each is shown with `to_confirm`.
    pub marks: Marks,
    /// What a mark says: not yet confirmed, and whom to ask.
    pub to_confirm: String,
}

/// The sections of the page whose fact the city has not confirmed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    pub who: bool,
    pub fee: bool,
    pub prepare: bool,
    pub delivery: bool,
    pub days: bool,
    pub basis: bool,
}

impl Marks {
    pub fn of(unconfirmed: &Unconfirmed) -> Marks {
        Marks {
            who: unconfirmed.has("who_may_file"),
            fee: unconfirmed.has("fee") || unconfirmed.has("refund"),
            prepare: unconfirmed.has("what_to_prepare"),
            delivery: unconfirmed.has("result_delivery"),
            days: unconfirmed.has("processing_days"),
            basis: unconfirmed.has("legal_basis"),
        }
    }

    pub fn any(&self) -> bool {
        *self != Marks::default()
    }
}

/// The facts of `form`, handled by `department`, in `lang`; those in `unconfirmed` marked.
pub fn procedure_facts(
    form: &Form,
    department: &Localized,
    lang: Lang,
    unconfirmed: &Unconfirmed,
) -> ProcedureFacts {
    let s = form.settings();
    let marks = Marks::of(unconfirmed);
    let reviewed = form.facts().reviewed_on.map(|d| jst::format_date(d, lang));
    ProcedureFacts {
        who: s.who_may_file.get(lang).into(),
        fee: fee_text(form, lang),
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
        days: days_text(form, lang),
        identity: s.identity.label().get(lang).into(),
        department: department.get(lang).into(),
        legal_basis: s.legal_basis.clone(),
        sources: source_lines(form, lang),
        // The line about the check against the sources says what the marks mean.
        reviewed_on: match (reviewed, marks.any()) {
            (Some(date), false) => Some(madoguchi_i18n::t!(
                lang,
                web_resident_facts_reviewed,
                date = date
            )),
            (Some(date), true) => Some(madoguchi_i18n::t!(
                lang,
                web_resident_facts_reviewed_partly,
                date = date
            )),
            (None, true) => Some(msg::web_resident_facts_partly_unconfirmed::text(lang).into()),
            (None, false) => None,
        },
        purpose: crate::views::purpose_of_use(form, department, lang),
        marks,
        to_confirm: madoguchi_i18n::t!(
            lang,
            web_resident_to_confirm,
            department = department.get(lang)
        ),
    }
}

/// One source of the procedure's facts, for the "根拠" section.
pub struct SourceLine {
    /// Which facts it supports: 「根拠法令・手数料」.
    pub of: String,
    pub title: String,
    pub url: Option<String>,
    /// Who published it, the document's number, the day it was read.
    pub about: String,
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
pub fn fee_how(timing: FeeTiming, lang: Lang) -> &'static str {
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
