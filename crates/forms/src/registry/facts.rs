//! The lint of a procedure's facts (fee, refund, processing period, legal basis, who may
//! file, what to prepare, how the result comes): which it states, and that each carries its provenance
//! (`crate::provenance`).

use madoguchi_core::Localized;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::definition::ProcedureSettings;
use crate::provenance::{Provenance, Source, check_one};

/// The facts a procedure states, each with whether the lint requires its provenance: a
/// fee (and its refund rule), a processing period and a legal basis must carry theirs;
/// who may file, what to prepare and how the result comes may (a department's schema may
/// state them without).
fn stated(p: &ProcedureSettings) -> Vec<(&'static str, &Option<Provenance>, bool)> {
    let facts = &p.facts;
    let mut stated = Vec::new();
    // The page states these even when the definition leaves them out — 「無料です」 without
    // a fee, 「まとめて決定します」 without a period — so provenance written for them counts
    // (a note doubting that a procedure is free is a fact to confirm); only a stated value
    // requires it.
    let legal_basis = !p.legal_basis.trim().is_empty();
    if legal_basis || facts.legal_basis.is_some() {
        stated.push(("legal_basis", &facts.legal_basis, legal_basis));
    }
    if p.fee.is_some() || facts.fee.is_some() {
        stated.push(("fee", &facts.fee, p.fee.is_some()));
    }
    if p.fee.is_some() || facts.refund.is_some() {
        stated.push(("refund", &facts.refund, p.fee.is_some()));
    }
    if p.processing_days.is_some() || facts.processing_days.is_some() {
        stated.push((
            "processing_days",
            &facts.processing_days,
            p.processing_days.is_some(),
        ));
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

/// A fact the procedure states while its provenance says the city has still to confirm
/// it: residents see it marked as not yet confirmed until the city signs it off.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenFact<'a> {
    /// Its key in `procedure.facts` (`fee`, `processing_days`…).
    pub fact: &'static str,
    /// What the procedure states (the fee rule, the period, the texts), as written.
    pub stated: Value,
    /// What the city has to confirm.
    pub note: &'a str,
    /// The sources found so far.
    pub sources: &'a [Source],
    /// SHA-256 of the statement and the note: a sign-off is for these words, and lapses
    /// when an author changes either.
    pub digest: String,
}

/// The facts `p` states that carry a `to_confirm` note, in the order of [`crate::provenance::FACTS`].
pub(crate) fn open(p: &ProcedureSettings) -> Vec<OpenFact<'_>> {
    let mut open: Vec<OpenFact<'_>> = stated(p)
        .into_iter()
        .filter_map(|(fact, provenance, _)| {
            let provenance = provenance.as_ref()?;
            let note = provenance.to_confirm.as_deref()?;
            let stated = statement(p, fact);
            let digest = super::load::hex(&Sha256::digest(
                super::canonical_json(&json!({
                    "fact": fact,
                    "stated": stated,
                    "note": note,
                }))
                .as_bytes(),
            ));
            Some(OpenFact {
                fact,
                stated,
                note,
                sources: &provenance.sources,
                digest,
            })
        })
        .collect();
    let order = |f: &str| crate::provenance::FACTS.iter().position(|k| *k == f);
    open.sort_by_key(|f| order(f.fact));
    open
}

/// What the procedure states for `fact`.
fn statement(p: &ProcedureSettings, fact: &str) -> Value {
    let value = |v: Result<Value, serde_json::Error>| v.unwrap_or(Value::Null);
    match fact {
        "legal_basis" => json!(p.legal_basis),
        "fee" | "refund" => value(serde_json::to_value(&p.fee)),
        "processing_days" => json!(p.processing_days),
        "who_may_file" => value(serde_json::to_value(&p.who_may_file)),
        "what_to_prepare" => value(serde_json::to_value(&p.what_to_prepare)),
        "result_delivery" => value(serde_json::to_value(&p.result_delivery)),
        _ => Value::Null,
    }
}
