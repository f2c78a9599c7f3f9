//! Correction requests (補正) and their answers.

use chrono::NaiveDate;
use diesel::prelude::*;
use madoguchi_core::{CorrectionId, SubmissionId};
use madoguchi_records::CorrectionsRead;
use madoguchi_records::schema::corrections;
use madoguchi_records::{CorrectionRecord, Corrections, StoreError};

use crate::{DbConn, Timestamp};

impl CorrectionsRead for DbConn {
    fn corrections_of(
        &mut self,
        submission_id: &SubmissionId,
    ) -> Result<Vec<CorrectionRecord>, StoreError> {
        Ok(corrections::table
            .filter(corrections::submission_id.eq(submission_id))
            .order(corrections::seq.asc())
            .select(CorrectionRecord::as_select())
            .load(self)?)
    }

    fn find_correction_by_token(
        &mut self,
        token_hash: &str,
    ) -> Result<Option<CorrectionRecord>, StoreError> {
        Ok(corrections::table
            .filter(corrections::token_hash.eq(token_hash))
            .select(CorrectionRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn corrections_to_remind(
        &mut self,
        from: NaiveDate,
        until: NaiveDate,
        limit: i64,
    ) -> Result<Vec<CorrectionRecord>, StoreError> {
        Ok(corrections::table
            .filter(corrections::resubmitted_at.is_null())
            .filter(corrections::reminded_at.is_null())
            .filter(corrections::deadline.ge(from))
            .filter(corrections::deadline.le(until))
            .order(corrections::deadline.asc())
            .limit(limit)
            .select(CorrectionRecord::as_select())
            .load(self)?)
    }
}

impl Corrections for DbConn {
    fn insert_correction(&mut self, record: &CorrectionRecord) -> Result<(), StoreError> {
        diesel::insert_into(corrections::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn mark_correction_answered(
        &mut self,
        id: &CorrectionId,
        at: Timestamp,
        previous_data: &str,
    ) -> Result<bool, StoreError> {
        let n = diesel::update(
            corrections::table
                .filter(corrections::id.eq(id))
                .filter(corrections::resubmitted_at.is_null()),
        )
        .set((
            corrections::resubmitted_at.eq(Some(at)),
            corrections::previous_data.eq(Some(previous_data)),
        ))
        .execute(self)?;
        Ok(n == 1)
    }

    fn mark_correction_reminded(
        &mut self,
        id: &CorrectionId,
        at: Timestamp,
        token_hash: &str,
    ) -> Result<bool, StoreError> {
        let n = diesel::update(
            corrections::table
                .filter(corrections::id.eq(id))
                .filter(corrections::resubmitted_at.is_null())
                .filter(corrections::reminded_at.is_null()),
        )
        .set((
            corrections::reminded_at.eq(Some(at)),
            corrections::token_hash.eq(token_hash),
        ))
        .execute(self)?;
        Ok(n == 1)
    }
}
