//! The lint of a procedure's facts (fee, refund, processing period, legal basis, who may
//! file, what to prepare, how the result comes): which it states, and that each carries its provenance
//! (`crate::provenance`).

use madoguchi_core::Localized;

use crate::definition::ProcedureSettings;
use crate::provenance::{Provenance, check_one};

/// The facts a procedure states, each with whether the lint requires its provenance: a
/// fee (and its refund rule), a processing period and a legal basis must carry theirs;
/// who may file, what to prepare and how the result comes may (a department's schema may
/// state them without).
fn stated(p: &ProcedureSettings) -> Vec<(&'static str, &Option<Provenance>, bool)> {
    let facts = &p.facts;
    let mut stated = Vec::new();
    if !p.legal_basis.trim().is_empty() {
        stated.push(("legal_basis", &facts.legal_basis, true));
    }
    if p.fee.is_some() {
        stated.push(("fee", &facts.fee, true));
        stated.push(("refund", &facts.refund, true));
    }
    if p.processing_days.is_some() {
        stated.push(("processing_days", &facts.processing_days, true));
    }
    let said = |t: &Localized| !t.ja.trim().is_empty() || !t.en.trim().is_empty();
    if said(&p.who_may_file) {
        stated.push(("who_may_file", &facts.who_may_file, false));
    }
    if p.what_to_prepare.iter().any(said) {
        stated.push(("what_to_prepare", &facts.what_to_prepare, false));
    }
    if said(&p.result_delivery) {
        stated.push(("result_delivery", &facts.result_delivery, false));
    }
    stated
}

/// The facts a procedure states without any provenance (`madoguchi forms check` counts
/// them; the lint refuses the required ones).
pub fn unsourced(p: &ProcedureSettings) -> Vec<&'static str> {
    stated(p)
        .into_iter()
        .filter(|(_, provenance, _)| provenance.is_none())
        .map(|(fact, _, _)| fact)
        .collect()
}

/// The lint: a fee (and its refund rule), a processing period and a legal basis each need
/// their provenance; every provenance says something; every source can be found again.
pub(crate) fn check(p: &ProcedureSettings, push: &mut impl FnMut(String, Localized)) {
    for (fact, provenance, required) in stated(p) {
        if required && provenance.is_none() {
            push(
                format!("/procedure/facts/{fact}"),
                lint_text!(forms_lint_fact_unsourced, fact = fact),
            );
        }
    }
    for (fact, provenance) in p.facts.each() {
        check_one(&format!("/procedure/facts/{fact}"), provenance, push);
    }
}
