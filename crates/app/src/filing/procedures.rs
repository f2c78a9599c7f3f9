//! The procedures a municipality offers: the list and the search.

use std::sync::Arc;

use madoguchi_core::Localized;
use madoguchi_forms::definition::Filing as FilingMode;
use madoguchi_forms::{Form, FormRegistry, catalog};
use madoguchi_records::DepartmentRecord;

use super::Filing;
use crate::kernel::AppError;
use crate::kernel::confirmed_facts::Confirmed;

/// A procedure in the list.
#[derive(Clone, Debug)]
pub struct ProcedureSummary {
    pub id: String,
    pub title: Localized,
    pub summary: Localized,
    pub category: String,
    pub department: Localized,
    /// The fee in a line (`FeeSummary::None`: nothing is charged).
    pub fee: madoguchi_forms::FeeSummary,
    /// The city has not confirmed the fee (the line says so).
    pub fee_to_confirm: bool,
    pub processing_days: Option<u32>,
    /// Completed online (`false`: prepared online, completed at a counter).
    pub online: bool,
}

/// What the procedures a municipality offers are made of on this node now: the forms it
/// serves and its departments as last read. Equal versions give the same list; publishing
/// or retiring a procedure (a new registry), applying the city's settings or a new read of
/// its departments gives another, so a page rendered from one version is stale under the
/// next.
#[derive(Clone)]
pub struct OfferVersion {
    forms: Arc<FormRegistry>,
    departments: Arc<Vec<DepartmentRecord>>,
    /// The city's confirmations of facts (a list says which fees are not confirmed).
    confirmed: Arc<Confirmed>,
}

impl PartialEq for OfferVersion {
    /// The same snapshots, not equal contents: both are replaced whole, never changed in
    /// place, and a version holds its snapshots so their addresses are not reused.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.forms, &other.forms)
            && Arc::ptr_eq(&self.departments, &other.departments)
            && Arc::ptr_eq(&self.confirmed, &other.confirmed)
    }
}

impl std::fmt::Debug for OfferVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OfferVersion")
            .field("forms", &Arc::as_ptr(&self.forms))
            .field("departments", &Arc::as_ptr(&self.departments))
            .field("confirmed", &Arc::as_ptr(&self.confirmed))
            .finish()
    }
}

impl Filing<'_> {
    /// The version of what `self.city` offers, from memory alone: `None` when the departments'
    /// snapshot is stale (see [`Filing::cached_procedures`]).
    pub fn cached_offer_version(&self) -> Option<OfferVersion> {
        Some(OfferVersion {
            departments: self.app.cached_departments(self.city)?,
            forms: self.app.forms_for(self.city),
            confirmed: self.app.fresh_confirmed(self.city)?,
        })
    }

    /// Procedures this municipality offers (its department for the form exists).
    pub fn procedures(&self) -> Result<Vec<ProcedureSummary>, AppError> {
        let departments = self.app.departments_snapshot(self.city)?;
        let confirmed = self.app.confirmed_snapshot(self.city)?;
        Ok(self.listed(&departments, &confirmed))
    }

    /// [`Filing::procedures`] from memory alone: `None` when answering would read the database
    /// (the departments' snapshot is stale), so callers on the async side go to the
    /// blocking pool then.
    pub fn cached_procedures(&self) -> Option<Vec<ProcedureSummary>> {
        let departments = self.app.cached_departments(self.city)?;
        let confirmed = self.app.fresh_confirmed(self.city)?;
        Some(self.listed(&departments, &confirmed))
    }

    /// Every procedure open for filing whose department the municipality has, by category.
    fn listed(
        &self,
        departments: &[DepartmentRecord],
        confirmed: &Confirmed,
    ) -> Vec<ProcedureSummary> {
        let mut list = summaries(
            departments,
            confirmed,
            self.app.forms_for(self.city).all().map(|f| (f, 0)),
        );
        list.sort_by_key(|p| (catalog::category_rank(&p.category), p.id.clone()));
        list
    }

    /// Procedures matching a search (Japanese in kanji, hiragana or katakana, English, any
    /// part of a word), best first.
    pub fn search_procedures(&self, query: &str) -> Result<Vec<ProcedureSummary>, AppError> {
        let query: String = query.chars().take(100).collect();
        let forms = self.app.forms_for(self.city);
        let mut scored: Vec<(u32, &Arc<Form>)> = forms
            .all()
            .filter_map(|f| catalog::score(f, &query).map(|s| (s, f)))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id().cmp(b.1.id())));
        self.offered(scored.into_iter().map(|(s, f)| (f, s)))
    }

    /// The summaries of the procedures this municipality offers, in the order given.
    fn offered<'a>(
        &self,
        forms: impl Iterator<Item = (&'a Arc<Form>, u32)>,
    ) -> Result<Vec<ProcedureSummary>, AppError> {
        let departments = self.app.departments_snapshot(self.city)?;
        let confirmed = self.app.confirmed_snapshot(self.city)?;
        Ok(summaries(&departments, &confirmed, forms))
    }
}

/// The summaries of the forms whose department is among `departments`, in the order given;
/// a fee the city has not confirmed (`confirmed`) is said to be so.
fn summaries<'a>(
    departments: &[DepartmentRecord],
    confirmed: &Confirmed,
    forms: impl Iterator<Item = (&'a Arc<Form>, u32)>,
) -> Vec<ProcedureSummary> {
    forms
        .filter_map(|(form, _)| {
            let s = form.settings();
            let dep = departments
                .iter()
                .find(|d| d.code == s.department.as_str())?;
            Some(ProcedureSummary {
                id: s.id.clone(),
                title: s.title.clone(),
                summary: s.summary.clone(),
                category: s.category.clone(),
                department: Localized::new(&dep.name_ja, &dep.name_en),
                fee: form.fee_summary(),
                fee_to_confirm: confirmed.fee_open(form),
                processing_days: s.processing_days,
                online: s.filing == FilingMode::Online,
            })
        })
        .collect()
}
