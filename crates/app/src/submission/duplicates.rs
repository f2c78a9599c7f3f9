//! Duplicate filings (issue 44 item 4): the open filings of the same procedure for the same
//! applicant and key answers (`procedure.duplicates`). They are found by a keyed digest
//! stored with each filing, never refused silently:
//!
//! * the clerk sees, on a filing, the other open filings alike, linked;
//! * the resident is warned on the check page about *their own* open filings alike (this
//!   browser session's or the signed-in account's) and may go on — another person's filing is
//!   never confirmed to anyone who types its applicant's name and birth date;
//! * a procedure whose second filing is void (`"second_filing": "void"`) refuses a filing
//!   while the same resident's first is open, on the question the rule names.

use chrono::{DateTime, Utc};
use madoguchi_core::{SubmissionId, SubmissionState, TenantId};
use madoguchi_forms::{FieldError, Form, FormErrorCode};
use madoguchi_records::{RecordsRead, SubmissionRecord};
use serde_json::Value;

use crate::kernel::{App, AppError};

/// Another open filing alike, as the resident or the clerk is shown it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilingAlike {
    pub id: SubmissionId,
    pub arrival_number: String,
    pub arrived_at: DateTime<Utc>,
    pub state: SubmissionState,
}

impl From<&SubmissionRecord> for FilingAlike {
    fn from(row: &SubmissionRecord) -> Self {
        FilingAlike {
            id: row.id.clone(),
            arrival_number: row.arrival_number.clone(),
            arrived_at: row.arrived_at.and_utc(),
            state: row.state,
        }
    }
}

/// Who is filing, to tell their own earlier filings from anyone else's.
pub(crate) struct Filer<'a> {
    pub session_hash: &'a str,
    pub account: Option<&'a str>,
}

impl Filer<'_> {
    fn filed(&self, row: &SubmissionRecord) -> bool {
        row.resident_session_hash.as_deref() == Some(self.session_hash)
            || self
                .account
                .is_some_and(|a| row.resident_account.as_deref() == Some(a))
    }
}

impl App {
    /// The digest a filing with these answers stores: HMAC-SHA-256 of the city and the
    /// answers the rule compares, with a key derived from the counter key (a name and a
    /// birth date, or a My Number, are too few to hash without a secret). Not the My Number
    /// key: `madoguchi keys rotate` re-seals under that one, and the digests of open filings
    /// would no longer match a new filing's.
    pub(crate) fn duplicate_key(
        &self,
        tenant: &TenantId,
        form: &Form,
        data: &Value,
    ) -> Result<Option<String>, AppError> {
        use hmac::{Hmac, KeyInit, Mac};
        let Some(basis) = form.duplicate_basis(data) else {
            return Ok(None);
        };
        let key = crate::kernel::secrets::derive_key(&self.config.keys.counter, "duplicates");
        let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(&key)
            .map_err(|e| AppError::internal("duplicate key", e))?;
        mac.update(tenant.as_str().as_bytes());
        mac.update(b"\n");
        mac.update(basis.as_bytes());
        let digest = mac.finalize().into_bytes();
        Ok(Some(digest.iter().map(|b| format!("{b:02x}")).collect()))
    }

    /// The filer's own open filings alike (the check page's warning).
    pub(crate) fn own_filings_alike(
        &self,
        c: &mut dyn RecordsRead,
        tenant: &TenantId,
        form: &Form,
        data: &Value,
        filer: &Filer<'_>,
    ) -> Result<Vec<FilingAlike>, AppError> {
        let Some(key) = self.duplicate_key(tenant, form, data)? else {
            return Ok(Vec::new());
        };
        Ok(
            c.open_submissions_alike(tenant, &form.procedure_id(), &key)?
                .iter()
                .filter(|row| filer.filed(row))
                .map(FilingAlike::from)
                .collect(),
        )
    }

    /// Refuses a filing the procedure calls void: its filer has an open filing alike.
    /// Run in the unit of writes that stores it.
    pub(crate) fn refuse_void_second(
        &self,
        c: &mut dyn RecordsRead,
        form: &Form,
        row: &SubmissionRecord,
        filer: &Filer<'_>,
    ) -> Result<(), AppError> {
        let Some(key) = row
            .duplicate_key
            .as_ref()
            .filter(|_| form.second_filing_is_void())
        else {
            return Ok(());
        };
        let open = c.open_submissions_alike(&row.tenant_id, &row.procedure_id, key)?;
        if !open
            .iter()
            .any(|other| other.id != row.id && filer.filed(other))
        {
            return Ok(());
        }
        let pointer = form.duplicate_pointer().unwrap_or_default();
        Err(AppError::Validation {
            step: form.step_id_asking(&pointer),
            errors: vec![FieldError::new(pointer, FormErrorCode::DuplicateFiling)],
        })
    }

    /// The other open filings alike that the clerk may see too (`staff::sees`); `hidden`
    /// counts the rest (another ward's).
    pub(crate) fn filings_alike_for_clerk(
        &self,
        c: &mut dyn RecordsRead,
        clerk: &crate::kernel::Clerk,
        row: &SubmissionRecord,
    ) -> Result<(Vec<FilingAlike>, usize), AppError> {
        let Some(key) = &row.duplicate_key else {
            return Ok((Vec::new(), 0));
        };
        let others: Vec<SubmissionRecord> = c
            .open_submissions_alike(&row.tenant_id, &row.procedure_id, key)?
            .into_iter()
            .filter(|other| other.id != row.id)
            .collect();
        let shown: Vec<FilingAlike> = others
            .iter()
            .filter(|o| crate::kernel::staff::sees(clerk, o))
            .map(FilingAlike::from)
            .collect();
        let hidden = others.len() - shown.len();
        Ok((shown, hidden))
    }
}
