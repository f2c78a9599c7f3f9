//! Counter pre-entry (書かない窓口): a resident prepares one or more procedures on a phone and
//! shows a QR code at the counter; a clerk scans it (or types its 10-character code), sees
//! the prepared answers, checks the applicant's identity and files them on their behalf.
//!
//! The QR code holds no personal data: only the code, its expiry and a signature
//! (`MDG1-<code>-<expiry>-<signature>`). The code is derived from the visit with a server key
//! and only its SHA-256 is stored; the answers stay in the resident's drafts until filed.
//! Procedures that declare `reuse` take answers from another one in the same visit (the
//! moving-in bundle: 転入 first, then health insurance, child allowance… prefilled).

mod clerk;
mod code;
mod entry;
mod resident;

use madoguchi_core::TenantId;
use madoguchi_forms::{FieldError, Form, FormErrorCode};
use madoguchi_records::DraftRecord;
use serde_json::Value;

use crate::kernel::{App, AppError};
use crate::submission::check_mark::{error_of, mark_holds};
use crate::submission::forms::validate_all;

/// Counter pre-entry in one city: the visit a resident prepares (`resident.rs`) and what a
/// clerk opens and files from it (`clerk.rs`). Reached as `app.counter(&city)`; every use
/// case acts in that city alone, and a clerk of another city is told "not found".
#[derive(Clone, Copy, Debug)]
pub struct Counter<'a> {
    app: &'a App,
    city: &'a TenantId,
}

impl App {
    /// Counter pre-entry in `city`.
    pub fn counter<'a>(&'a self, city: &'a TenantId) -> Counter<'a> {
        Counter { app: self, city }
    }
}

impl Counter<'_> {
    /// What keeps a procedure prepared for the counter from being filed, as the filing
    /// itself would refuse it: its answers' errors, or, on a form whose answers another
    /// system checks (a library card), a check whose mark does not hold for the answers as
    /// they are now (the resident checks again on the card's step). Empty: ready. The
    /// resident's slip, the clerk's view and the filing all ask this, so what is shown as
    /// ready is what files.
    fn blockers(&self, form: &Form, draft: &DraftRecord, data: &Value) -> Vec<FieldError> {
        let errors = form.validate_kept(data, self.app.filing_day_in(self.city));
        let Some(check) = form.external_check() else {
            return errors;
        };
        if !errors.is_empty() {
            return errors;
        }
        // The mark is held to the answers as a filing keeps them (`prepare_filing`).
        match validate_all(form, data, self.app.filing_day_in(self.city)) {
            Ok(kept) if mark_holds(form, draft.external_check.as_deref(), &kept) => Vec::new(),
            Ok(_) => vec![error_of(check, FormErrorCode::ExternalCheckNeeded)],
            Err(AppError::Validation { errors, .. }) => errors,
            Err(_) => vec![error_of(check, FormErrorCode::ExternalCheckNeeded)],
        }
    }
}

pub use clerk::{ClerkItem, ClerkVisit, CounterFiled};
pub use code::clean_code;
pub use resident::{CounterCode, CounterItem, CounterSuggestion, ResidentVisit};
