//! Departments write their own procedures: a working copy (private to the department),
//! checked by the forms lint at every save, previewed as a resident sees it, and published
//! as an immutable version (its content hash, who, when, why). An earlier version can be
//! published again (rollback); retiring closes a procedure to new filings while filings
//! already made go on. Authors work only on their own department's procedures, and every
//! action is audited.
//!
//! Procedures in `forms/` seed a fresh installation; a published version of the same id
//! replaces the seed from then on (the department owns it). One municipality per
//! deployment: published procedures are offered to every request this server answers.

use std::sync::Arc;

use madoguchi_core::ProcedureId;
use madoguchi_core::{Localized, TenantId};
use madoguchi_forms::Form;
use madoguchi_records::RecordsRead;

use crate::kernel::{App, AppError};

mod approval;
mod choice_outline;
mod outline;
mod publishing;
mod question;
mod structure;
mod transfer;
mod versions;
mod working_copy;

pub use approval::PendingPublication;
pub use publishing::Publication;
pub use versions::{DiffLine, VersionView, diff_lines};
pub use working_copy::{AuthoredProcedure, LintProblem, ProcedureDraft};

pub use outline::{
    ConditionChoice, ConditionOutline, FeeOutline, QuestionOutline, StepOutline, StructureOutline,
};
pub use question::{ChoiceOption, KindOf, QuestionKind};
pub use structure::{
    Direction, FeeInput, ITEM_OF, InputProblem, QuestionInput, SettingsInput, StructureEdit,
    StructureOutcome, fee_timings, identity_levels,
};

/// A city's departments writing their procedures (the designer): working copies, their
/// structure, publishing with the supervisor's approval, versions and their differences,
/// export and import. Reached as `app.authoring(&city)`; an author of another city is "not
/// found" through it.
#[derive(Clone, Copy, Debug)]
pub struct Authoring<'a> {
    app: &'a App,
    city: &'a TenantId,
}

impl App {
    /// The designer of `city`'s departments.
    pub fn authoring<'a>(&'a self, city: &'a TenantId) -> Authoring<'a> {
        Authoring { app: self, city }
    }
}

/// Where a procedure stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProcedureStatus {
    /// Never published: only the department sees it.
    Draft,
    /// Open for filing.
    Published,
    /// Closed to new filings.
    Retired,
}

impl ProcedureStatus {
    pub fn label(self) -> Localized {
        use madoguchi_i18n::msg;
        crate::kernel::words::localized(match self {
            ProcedureStatus::Draft => msg::authoring_status_draft::text,
            ProcedureStatus::Published => msg::authoring_status_published::text,
            ProcedureStatus::Retired => msg::authoring_status_retired::text,
        })
    }
}

impl Authoring<'_> {
    /// Where `id` stands in the municipality.
    fn status_in(
        &self,
        c: &mut dyn RecordsRead,
        id: &ProcedureId,
    ) -> Result<ProcedureStatus, AppError> {
        if c.retirements(self.city)?
            .iter()
            .any(|r| r.procedure_id == *id)
        {
            return Ok(ProcedureStatus::Retired);
        }
        if self.app.forms_for(self.city).get(id.as_str()).is_some() {
            return Ok(ProcedureStatus::Published);
        }
        Ok(ProcedureStatus::Draft)
    }

    /// The version of `id` last published (or seeded), even when retired.
    fn published_form(
        &self,
        c: &mut dyn RecordsRead,
        id: &ProcedureId,
    ) -> Result<Option<Arc<Form>>, AppError> {
        if let Some(v) = c
            .procedure_versions(self.city)?
            .into_iter()
            .filter(|v| v.procedure_id == *id)
            .max_by_key(|v| v.number)
        {
            return self.app.form_version(c, &v.form_version).map(Some);
        }
        Ok(self.app.seeds_of(self.city).get(id.as_str()))
    }
}
