//! The audit log of who looked at or changed what (append-only: the database refuses
//! updates and deletes).

use diesel::prelude::*;
use madoguchi_core::SubmissionId;
use madoguchi_records::schema::audit_log;
use madoguchi_records::{Audit, AuditRecord, StoreError};

use crate::DbConn;

impl Audit for DbConn {
    fn append_audit(&mut self, record: &AuditRecord) -> Result<(), StoreError> {
        diesel::insert_into(audit_log::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn audit_of_submission(
        &mut self,
        submission_id: &SubmissionId,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        Ok(audit_log::table
            .filter(audit_log::submission_id.eq(submission_id))
            .order((audit_log::at.asc(), audit_log::id.asc()))
            .select(AuditRecord::as_select())
            .load(self)?)
    }
}
