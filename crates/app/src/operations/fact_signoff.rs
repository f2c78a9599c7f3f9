//! The city signs off its facts (issue 46 item 3). A definition marks what the city still
//! has to confirm of a fact it states (its fee, legal basis, processing period, who may
//! file, what to prepare, how the result comes) with a `to_confirm` note; residents see
//! such a fact marked 「市に確認中」 (`kernel::confirmed_facts`). Here a whole section's
//! supervisor (their section's procedures) or an administrator (every procedure) sees each
//! open fact with the note and the sources found, and confirms it, naming the evidence: a
//! published page, an ordinance, an internal rule. The record keeps who, when, the evidence
//! and the form version; it holds for the words confirmed, so a correction made in the
//! designer (a new version) is confirmed again unless its author settles the note. Each
//! confirmation is an entry of the staff audit log.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use madoguchi_core::{AuditAction, ClerkId, Localized, TenantId};
use madoguchi_forms::Form;
use madoguchi_forms::provenance::Source;
use madoguchi_records::{FactConfirmationRecord, RecordsRead};
use serde_json::json;

use crate::kernel::audit::AuditEntry;
use crate::kernel::staff::require_city;
use crate::kernel::{App, AppError, Clerk};

/// The most characters of the evidence named.
pub const MAX_EVIDENCE_CHARS: usize = 500;

/// What the city's confirmation rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// A page the city publishes (its address).
    Page,
    /// An ordinance or rule (例規): its name and article.
    Ordinance,
    /// An internal rule or decision (要綱, 内規, 決裁): its name and date.
    InternalRule,
}

impl Evidence {
    pub const ALL: [Evidence; 3] = [Evidence::Page, Evidence::Ordinance, Evidence::InternalRule];

    pub fn code(self) -> &'static str {
        match self {
            Evidence::Page => "page",
            Evidence::Ordinance => "ordinance",
            Evidence::InternalRule => "internal_rule",
        }
    }

    pub fn parse(code: &str) -> Option<Evidence> {
        Evidence::ALL.into_iter().find(|e| e.code() == code)
    }
}

/// A confirmation as the page shows it.
#[derive(Clone, Debug)]
pub struct Confirmation {
    pub by: String,
    pub at: DateTime<Utc>,
    pub evidence: Evidence,
    pub what: String,
    /// The form version it was made on.
    pub form_version: String,
}

/// One fact a procedure states that its definition marks to confirm.
#[derive(Clone, Debug)]
pub struct FactToSignOff {
    /// Its key (`fee`, `processing_days`…).
    pub fact: &'static str,
    pub note: String,
    pub sources: Vec<Source>,
    /// The words it is confirmed for (sent back with a confirmation).
    pub digest: String,
    /// `None` while the city has not confirmed these words.
    pub confirmed: Option<Confirmation>,
}

/// A procedure with its facts to sign off.
#[derive(Clone, Debug)]
pub struct ProcedureToSignOff {
    pub form: Arc<Form>,
    /// Its section's name.
    pub department: Localized,
    pub facts: Vec<FactToSignOff>,
}

/// The sign-off page: the procedures this person signs off, with their open facts.
#[derive(Clone, Debug, Default)]
pub struct SignOffPage {
    pub procedures: Vec<ProcedureToSignOff>,
}

impl SignOffPage {
    /// (confirmed, marked to confirm) over every fact listed.
    pub fn progress(&self) -> (usize, usize) {
        let facts = self.procedures.iter().flat_map(|p| &p.facts);
        let all = facts.clone().count();
        (facts.filter(|f| f.confirmed.is_some()).count(), all)
    }
}

/// What a confirmation sends.
#[derive(Clone, Debug, Default)]
pub struct ConfirmInput {
    pub procedure: String,
    pub fact: String,
    pub digest: String,
    pub evidence: String,
    pub what: String,
}

/// Why a confirmation is not recorded, at its inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfirmFault {
    /// No kind of evidence chosen (or one the form does not offer).
    EvidenceMissing,
    /// The evidence is not named.
    WhatMissing,
    /// The evidence named is longer than [`MAX_EVIDENCE_CHARS`].
    WhatTooLong,
    /// The procedure's words changed since the page was read (or the fact is settled, or
    /// confirmed already): nothing recorded, the page read again shows the words now.
    Changed,
}

impl App {
    /// Who signs off facts: a whole section's supervisor or an administrator (the facts
    /// are the city's, not a ward's: `Clerk::enters_figures`).
    pub fn may_sign_off_facts(&self, clerk: &Clerk) -> bool {
        clerk.enters_figures()
    }

    /// Over every procedure the city offers: the facts marked to confirm, and those the
    /// city confirmed, for `/statistics`.
    pub(crate) fn facts_confirmed(
        &self,
        city: &TenantId,
    ) -> Result<super::figures::FactProgress, AppError> {
        let (mut confirmed, mut all) = (0, 0);
        for form in self.forms_for(city).all() {
            let open = form.open_facts().len();
            if open == 0 {
                continue;
            }
            all += open;
            confirmed += open - self.unconfirmed_facts(city, form)?.facts().len();
        }
        Ok(super::figures::FactProgress {
            marked: all,
            confirmed,
        })
    }

    /// The procedures this person signs off, by title, with the facts each marks to
    /// confirm and whether the city has confirmed them.
    pub fn facts_to_sign_off(
        &self,
        city: &TenantId,
        clerk: &Clerk,
    ) -> Result<SignOffPage, AppError> {
        require_city(clerk, city)?;
        if !self.may_sign_off_facts(clerk) {
            return Err(AppError::Forbidden);
        }
        self.read(|c| {
            let confirmations = c.fact_confirmations_of(city)?;
            let names = c.clerks_of(city)?;
            let name_of = |id: &ClerkId| {
                names
                    .iter()
                    .find(|n| n.id == *id)
                    .map_or_else(|| id.to_string(), |n| n.display_name.clone())
            };
            let mut procedures = Vec::new();
            for (form, department) in self.sign_off_procedures(c, clerk)? {
                let facts: Vec<FactToSignOff> = form
                    .open_facts()
                    .into_iter()
                    .map(|f| FactToSignOff {
                        fact: f.fact,
                        note: f.note.to_string(),
                        sources: f.sources.to_vec(),
                        confirmed: confirmations
                            .iter()
                            .find(|r| {
                                r.procedure_id.as_str() == form.id()
                                    && r.fact == f.fact
                                    && r.digest == f.digest
                            })
                            .map(|r| Confirmation {
                                by: name_of(&r.confirmed_by),
                                at: r.confirmed_at.and_utc(),
                                evidence: Evidence::parse(&r.evidence_kind)
                                    .unwrap_or(Evidence::Page),
                                what: r.evidence.clone(),
                                form_version: r.form_version.clone(),
                            }),
                        digest: f.digest,
                    })
                    .collect();
                if !facts.is_empty() {
                    procedures.push(ProcedureToSignOff {
                        form,
                        department,
                        facts,
                    });
                }
            }
            Ok(SignOffPage { procedures })
        })
    }

    /// The city's procedures this person signs off (their section's; every one for an
    /// administrator), by title, with the section's name.
    fn sign_off_procedures(
        &self,
        c: &mut dyn RecordsRead,
        clerk: &Clerk,
    ) -> Result<Vec<(Arc<Form>, Localized)>, AppError> {
        let departments = c.departments_of(&clerk.tenant)?;
        Ok(self
            .section_forms(c, clerk)?
            .into_iter()
            .filter_map(|f| {
                let d = departments
                    .iter()
                    .find(|d| d.code.as_str() == f.settings().department)?;
                let name = Localized::new(&d.name_ja, &d.name_en);
                Some((f, name))
            })
            .collect())
    }

    /// Records that the city confirmed a fact's words, or says what is wrong (nothing
    /// recorded).
    pub fn confirm_fact(
        &self,
        city: &TenantId,
        clerk: &Clerk,
        input: &ConfirmInput,
    ) -> Result<Result<(), Vec<ConfirmFault>>, AppError> {
        require_city(clerk, city)?;
        if !self.may_sign_off_facts(clerk) {
            return Err(AppError::Forbidden);
        }
        let evidence = Evidence::parse(input.evidence.trim());
        let what = input.what.trim();
        let mut faults = Vec::new();
        if evidence.is_none() {
            faults.push(ConfirmFault::EvidenceMissing);
        }
        if what.is_empty() {
            faults.push(ConfirmFault::WhatMissing);
        } else if what.chars().count() > MAX_EVIDENCE_CHARS {
            faults.push(ConfirmFault::WhatTooLong);
        }
        let procedures = self.read(|c| self.sign_off_procedures(c, clerk))?;
        // Only a procedure this person signs off; another section's is not found.
        let form = procedures
            .into_iter()
            .map(|(f, _)| f)
            .find(|f| f.id() == input.procedure.trim())
            .ok_or(AppError::NotFound)?;
        let open = form.open_facts();
        let fact = open
            .iter()
            .find(|f| f.fact == input.fact.trim() && f.digest == input.digest.trim());
        let (Some(evidence), Some(fact), true) = (evidence, fact, faults.is_empty()) else {
            if fact.is_none() {
                faults.push(ConfirmFault::Changed);
            }
            return Ok(Err(faults));
        };
        let now = self.now();
        let record = FactConfirmationRecord {
            id: uuid::Uuid::now_v7().to_string(),
            tenant_id: city.clone(),
            procedure_id: form.procedure_id(),
            fact: fact.fact.to_string(),
            digest: fact.digest.clone(),
            form_version: form.version().to_string(),
            evidence_kind: evidence.code().to_string(),
            evidence: what.to_string(),
            confirmed_by: clerk.id.clone(),
            confirmed_at: now.naive_utc(),
        };
        let stored = self.write(|c| {
            if !c.insert_fact_confirmation(&record)? {
                return Ok(false);
            }
            self.audit(
                c,
                clerk,
                AuditEntry::new(AuditAction::FactConfirmed).detail(
                    json!({
                        "procedure": form.id(),
                        "fact": fact.fact,
                        "form_version": form.version(),
                        "evidence": evidence.code(),
                        "what": what,
                    })
                    .to_string(),
                ),
            )?;
            Ok(true)
        })?;
        self.forget_confirmed_facts(city);
        if !stored {
            return Ok(Err(vec![ConfirmFault::Changed]));
        }
        tracing::info!(procedure = form.id(), fact = fact.fact, clerk = %clerk.id, "fact confirmed by the city");
        Ok(Ok(()))
    }
}
