//! Where a procedure's facts come from. The fee, the refund rule, the legal basis and the
//! processing period are facts of law or of the city's ordinances: each carries its
//! sources in `procedure.facts`, or a `to_confirm` note saying what the city still has to
//! confirm. The notes are for authors and the city (the authoring pages and `madoguchi
//! forms check` list them); residents see the sources, never the notes — a fact with a note
//! is shown marked as not yet confirmed until the city signs it off (`Form::open_facts`). An
//! eligibility rule or a deadline (an `x-age` rule, an `x-from-date` entry, an
//! `x-date-window` rule that states a period) carries the same provenance on the rule itself
//! (`rules`).

use chrono::NaiveDate;
use madoguchi_core::Localized;
use serde::{Deserialize, Serialize};

/// A published text a fact was read in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The page's or document's title, as published (「粗大ごみの出し方」).
    pub title: String,
    /// Who published it (仙台市 環境局, 総務省…).
    pub issuer: String,
    /// Where it is read: an `https://` address…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// …or a document's number or article (令和5年仙台市条例第12号 第3条).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// The day it was read.
    pub seen: NaiveDate,
    /// The words that state the fact, quoted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// A fact's sources, or what the city has to confirm about it (or both: a source for part
/// of it and a note on the rest).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// To be confirmed by the city: what, and why it is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_confirm: Option<String>,
}

/// The sourced facts of a procedure.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// The day the procedure's facts were last checked against their sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_on: Option<NaiveDate>,
    /// `procedure.legal_basis`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<Provenance>,
    /// The amount and how it is paid (`procedure.fee`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<Provenance>,
    /// Whether a paid fee is given back (`procedure.fee.refundable`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund: Option<Provenance>,
    /// The standard processing period (`procedure.processing_days`, 標準処理期間).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing_days: Option<Provenance>,
    /// Who may file (`procedure.who_may_file`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who_may_file: Option<Provenance>,
    /// What to prepare (`procedure.what_to_prepare`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what_to_prepare: Option<Provenance>,
    /// How the result reaches the resident (`procedure.result_delivery`): posted, handed
    /// over at a counter, sent online.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_delivery: Option<Provenance>,
}

/// The name of each fact in `procedure.facts` (also its key there).
pub const FACTS: [&str; 7] = [
    "legal_basis",
    "fee",
    "refund",
    "processing_days",
    "who_may_file",
    "what_to_prepare",
    "result_delivery",
];

impl Facts {
    pub fn is_empty(&self) -> bool {
        *self == Facts::default()
    }

    /// Each fact that is stated, by its key.
    pub fn each(&self) -> impl Iterator<Item = (&'static str, &Provenance)> {
        FACTS
            .into_iter()
            .zip([
                &self.legal_basis,
                &self.fee,
                &self.refund,
                &self.processing_days,
                &self.who_may_file,
                &self.what_to_prepare,
                &self.result_delivery,
            ])
            .filter_map(|(k, p)| p.as_ref().map(|p| (k, p)))
    }

    /// The open questions for the city: (fact, note).
    pub fn to_confirm(&self) -> Vec<(&'static str, &str)> {
        self.each()
            .filter_map(|(k, p)| p.to_confirm.as_deref().map(|n| (k, n)))
            .collect()
    }
}

/// One provenance at the pointer `at` (a fact's, or a rule's): it says something, its note
/// is not empty, and each source says who published it and where it can be read again.
pub(crate) fn check_one(
    at: &str,
    provenance: &Provenance,
    push: &mut impl FnMut(String, Localized),
) {
    match &provenance.to_confirm {
        Some(note) if note.trim().is_empty() => push(
            format!("{at}/to_confirm"),
            lint_text!(forms_lint_fact_note_empty),
        ),
        None if provenance.sources.is_empty() => {
            push(at.to_string(), lint_text!(forms_lint_fact_empty))
        }
        _ => {}
    }
    for (i, s) in provenance.sources.iter().enumerate() {
        let at = format!("{at}/sources/{i}");
        if s.title.trim().is_empty() || s.issuer.trim().is_empty() {
            push(at.clone(), lint_text!(forms_lint_source_who));
        }
        let url_ok = s.url.as_deref().is_some_and(|u| {
            (u.starts_with("https://") || u.starts_with("http://"))
                && u.len() > "https://".len()
                && !u.contains(char::is_whitespace)
        });
        let document_ok = s.document.as_deref().is_some_and(|d| !d.trim().is_empty());
        if s.url.is_some() && !url_ok {
            push(format!("{at}/url"), lint_text!(forms_lint_source_url));
        } else if !url_ok && !document_ok {
            push(at, lint_text!(forms_lint_source_where));
        }
    }
}

/// One thing the city has to confirm, for the authors: where the note is written (a
/// fact's or a rule's JSON pointer), the date a rule is about, and the note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ToConfirm {
    /// `/procedure/facts/fee`, `/schema/x-date-window/4`.
    pub at: String,
    /// The date a rule is about (`/visit_date`); none for a fact or an `x-from-date` entry.
    pub field: Option<String>,
    pub note: String,
}

mod rules;
pub use rules::without_notes;
pub(crate) use rules::{check_rules, rule_notes};
