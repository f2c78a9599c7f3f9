//! Reading a stored filing back: who may see it, and its stored codes parsed.

use madoguchi_core::{ArrivalNumber, TenantId};
use madoguchi_records::{RecordsRead, SubmissionRecord};

use crate::kernel::tokens::looks_like_token;
use crate::kernel::{App, AppError, token_hash};

impl App {
    /// A filing by its arrival number, for the resident who filed it: the same browser
    /// session, or any session signed in as the resident who was signed in when filing.
    /// Anyone else (and a malformed number) gets `NotFound`.
    pub(crate) fn residents_filing(
        &self,
        c: &mut dyn RecordsRead,
        tenant: &TenantId,
        token: Option<&str>,
        arrival_number: &str,
    ) -> Result<SubmissionRecord, AppError> {
        let token = token
            .filter(|t| looks_like_token(t))
            .ok_or(AppError::NotFound)?;
        let number: ArrivalNumber = arrival_number.parse().map_err(|_| AppError::NotFound)?;
        let hash = token_hash(token);
        let row = c
            .find_submission_by_arrival_number(tenant, number.as_str())?
            .ok_or(AppError::NotFound)?;
        if row.resident_session_hash.as_deref() == Some(hash.as_str()) {
            return Ok(row);
        }
        match (&row.resident_account, self.account_of(c, tenant, &hash)?) {
            (Some(filed_as), Some(now_as)) if *filed_as == now_as => Ok(row),
            _ => Err(AppError::NotFound),
        }
    }
}

pub(crate) fn parse_fields(json: &str) -> Result<Vec<String>, AppError> {
    serde_json::from_str(json).map_err(|e| AppError::internal("correction fields", e))
}

pub(crate) fn parse_number(row: &SubmissionRecord) -> Result<ArrivalNumber, AppError> {
    row.arrival_number
        .parse()
        .map_err(|e| AppError::internal(format!("stored arrival number {}", row.arrival_number), e))
}
