//! Submissions, their append-only audit events, and idempotency keys. Every read of a
//! submission is scoped by tenant.

use chrono::NaiveDate;
use diesel::dsl::max;
use diesel::prelude::*;
use madoguchi_core::{ClerkId, ProcedureId, SubmissionId, SubmissionState, TenantId};
use madoguchi_records::SubmissionsRead;
use madoguchi_records::schema::{idempotency_keys, legal_holds, submission_events, submissions};
use madoguchi_records::{
    DataUpdate, EventRecord, IdempotencyRecord, NewFilings, StoreError, SubmissionRecord,
    Submissions,
};

use crate::{DbConn, Timestamp};

impl SubmissionsRead for DbConn {
    fn find_submission(
        &mut self,
        tenant_id: &TenantId,
        id: &SubmissionId,
    ) -> Result<Option<SubmissionRecord>, StoreError> {
        Ok(submissions::table
            .filter(submissions::tenant_id.eq(tenant_id))
            .filter(submissions::id.eq(id))
            .select(SubmissionRecord::as_select())
            .first(self)
            .optional()?)
    }

    /// At most 100, newest first; `account` matches on any device. The session's filings
    /// and the account's are read apart, each by its own index in date order
    /// (`submissions_resident_session`, `submissions_resident_account`), and merged: one
    /// query with `OR` read every filing of the city.
    fn submissions_of_resident(
        &mut self,
        tenant_id: &TenantId,
        session_hash: &str,
        account: Option<&str>,
    ) -> Result<Vec<SubmissionRecord>, StoreError> {
        const MOST: i64 = 100;
        let mut rows: Vec<SubmissionRecord> = submissions::table
            .filter(submissions::tenant_id.eq(tenant_id))
            .filter(submissions::resident_session_hash.eq(session_hash))
            .order(submissions::arrived_at.desc())
            .limit(MOST)
            .select(SubmissionRecord::as_select())
            .load(self)?;
        if let Some(account) = account {
            let theirs: Vec<SubmissionRecord> = submissions::table
                .filter(submissions::tenant_id.eq(tenant_id))
                .filter(submissions::resident_account.eq(account))
                .order(submissions::arrived_at.desc())
                .limit(MOST)
                .select(SubmissionRecord::as_select())
                .load(self)?;
            // A filing of this session while signed in is in both.
            let seen: std::collections::HashSet<SubmissionId> =
                rows.iter().map(|r| r.id.clone()).collect();
            rows.extend(theirs.into_iter().filter(|r| !seen.contains(&r.id)));
            rows.sort_by_key(|r| std::cmp::Reverse(r.arrived_at));
            rows.truncate(MOST as usize);
        }
        Ok(rows)
    }

    fn open_submissions_alike(
        &mut self,
        tenant_id: &TenantId,
        procedure_id: &ProcedureId,
        duplicate_key: &str,
    ) -> Result<Vec<SubmissionRecord>, StoreError> {
        Ok(submissions::table
            .filter(submissions::tenant_id.eq(tenant_id))
            .filter(submissions::procedure_id.eq(procedure_id))
            .filter(submissions::duplicate_key.eq(duplicate_key))
            .filter(submissions::state.eq_any(SubmissionState::OPEN))
            .order(submissions::arrived_at.asc())
            .limit(20)
            .select(SubmissionRecord::as_select())
            .load(self)?)
    }

    fn shared_duplicate_keys(
        &mut self,
        tenant_id: &TenantId,
        keys: &[String],
    ) -> Result<Vec<String>, StoreError> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let shared: Vec<Option<String>> = submissions::table
            .filter(submissions::tenant_id.eq(tenant_id))
            .filter(submissions::duplicate_key.eq_any(keys))
            .filter(submissions::state.eq_any(SubmissionState::OPEN))
            .group_by(submissions::duplicate_key)
            .having(diesel::dsl::count_star().gt(1))
            .select(submissions::duplicate_key)
            .load(self)?;
        Ok(shared.into_iter().flatten().collect())
    }

    fn decided_before(
        &mut self,
        tenant_id: &TenantId,
        procedure_id: &ProcedureId,
        before: Timestamp,
        limit: i64,
    ) -> Result<Vec<SubmissionRecord>, StoreError> {
        Ok(submissions::table
            .filter(submissions::tenant_id.eq(tenant_id))
            .filter(submissions::procedure_id.eq(procedure_id))
            .filter(submissions::decided_at.lt(before))
            .filter(submissions::state.ne_all(SubmissionState::OPEN))
            .filter(diesel::dsl::not(diesel::dsl::exists(held_now())))
            .order((submissions::decided_at.asc(), submissions::id.asc()))
            .limit(limit)
            .select(SubmissionRecord::as_select())
            .load(self)?)
    }

    fn count_decided_before(
        &mut self,
        tenant_id: &TenantId,
        procedure_id: &ProcedureId,
        before: Timestamp,
    ) -> Result<(i64, i64), StoreError> {
        let past = || {
            submissions::table
                .filter(submissions::tenant_id.eq(tenant_id))
                .filter(submissions::procedure_id.eq(procedure_id))
                .filter(submissions::decided_at.lt(before))
                .filter(submissions::state.ne_all(SubmissionState::OPEN))
        };
        let due = past()
            .filter(diesel::dsl::not(diesel::dsl::exists(held_now())))
            .count()
            .get_result(self)?;
        let held = past()
            .filter(diesel::dsl::exists(held_now()))
            .count()
            .get_result(self)?;
        Ok((due, held))
    }

    fn find_submission_by_arrival_number(
        &mut self,
        tenant_id: &TenantId,
        arrival_number: &str,
    ) -> Result<Option<SubmissionRecord>, StoreError> {
        Ok(submissions::table
            .filter(submissions::tenant_id.eq(tenant_id))
            .filter(submissions::arrival_number.eq(arrival_number))
            .select(SubmissionRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn submissions_without_search_key(
        &mut self,
        limit: i64,
    ) -> Result<Vec<SubmissionRecord>, StoreError> {
        Ok(submissions::table
            .filter(submissions::search_key.not_like("%/%"))
            .order(submissions::id.asc())
            .limit(limit)
            .select(SubmissionRecord::as_select())
            .load(self)?)
    }

    fn count_submissions(&mut self) -> Result<i64, StoreError> {
        Ok(submissions::table.count().get_result(self)?)
    }

    fn next_event_seq(&mut self, submission_id: &SubmissionId) -> Result<i32, StoreError> {
        let current: Option<i32> = submission_events::table
            .filter(submission_events::submission_id.eq(submission_id))
            .select(max(submission_events::seq))
            .first(self)?;
        Ok(current.unwrap_or(0) + 1)
    }

    fn events(
        &mut self,
        tenant_id: &TenantId,
        submission_id: &SubmissionId,
    ) -> Result<Vec<EventRecord>, StoreError> {
        Ok(submission_events::table
            .filter(submission_events::tenant_id.eq(tenant_id))
            .filter(submission_events::submission_id.eq(submission_id))
            .order(submission_events::seq.asc())
            .select(EventRecord::as_select())
            .load(self)?)
    }

    fn find_idempotency(
        &mut self,
        tenant_id: &TenantId,
        key: &str,
    ) -> Result<Option<IdempotencyRecord>, StoreError> {
        Ok(idempotency_keys::table
            .find((tenant_id, key))
            .select(IdempotencyRecord::as_select())
            .first(self)
            .optional()?)
    }
}

impl Submissions for DbConn {
    fn insert_submission(&mut self, record: &SubmissionRecord) -> Result<(), StoreError> {
        diesel::insert_into(submissions::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn set_search_key(&mut self, id: &SubmissionId, search_key: &str) -> Result<(), StoreError> {
        diesel::update(submissions::table.find(id))
            .set(submissions::search_key.eq(search_key))
            .execute(self)?;
        Ok(())
    }

    fn record_decision(
        &mut self,
        id: &SubmissionId,
        decided_at: Timestamp,
        days_used: Option<i32>,
    ) -> Result<(), StoreError> {
        diesel::update(submissions::table.find(id))
            .set((
                submissions::decided_at.eq(Some(decided_at)),
                submissions::days_used.eq(days_used),
            ))
            .execute(self)?;
        Ok(())
    }

    fn count_correction(&mut self, id: &SubmissionId) -> Result<(), StoreError> {
        diesel::update(submissions::table.find(id))
            .set(submissions::correction_count.eq(submissions::correction_count + 1))
            .execute(self)?;
        Ok(())
    }

    fn set_assignee(
        &mut self,
        id: &SubmissionId,
        assignee_id: Option<&ClerkId>,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        diesel::update(submissions::table.find(id))
            .set((
                submissions::assignee_id.eq(assignee_id),
                submissions::updated_at.eq(now),
            ))
            .execute(self)?;
        Ok(())
    }

    fn set_due_on(
        &mut self,
        id: &SubmissionId,
        due_on: Option<NaiveDate>,
    ) -> Result<(), StoreError> {
        diesel::update(submissions::table.find(id))
            .set(submissions::due_on.eq(due_on))
            .execute(self)?;
        Ok(())
    }

    fn replace_submission_data(
        &mut self,
        id: &SubmissionId,
        u: &DataUpdate,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        diesel::update(submissions::table.find(id))
            .set((
                submissions::data.eq(&u.data),
                submissions::data_sha256.eq(&u.data_sha256),
                submissions::search_key.eq(&u.search_key),
                submissions::applicant_name.eq(&u.applicant_name),
                submissions::contact_email.eq(&u.contact_email),
                submissions::ward_code.eq(&u.ward_code),
                submissions::fee_yen.eq(u.fee_yen),
                submissions::duplicate_key.eq(&u.duplicate_key),
                submissions::updated_at.eq(now),
            ))
            .execute(self)?;
        Ok(())
    }

    /// A conditional UPDATE, so two decisions can never both apply.
    fn update_submission_state(
        &mut self,
        id: &SubmissionId,
        from: SubmissionState,
        to: SubmissionState,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let n = diesel::update(
            submissions::table
                .filter(submissions::id.eq(id))
                .filter(submissions::state.eq(from)),
        )
        .set((submissions::state.eq(to), submissions::updated_at.eq(now)))
        .execute(self)?;
        Ok(n == 1)
    }

    fn append_event(&mut self, record: &EventRecord) -> Result<(), StoreError> {
        diesel::insert_into(submission_events::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn insert_idempotency(&mut self, record: &IdempotencyRecord) -> Result<(), StoreError> {
        diesel::insert_into(idempotency_keys::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn insert_new_filings(
        &mut self,
        filings: &NewFilings,
    ) -> Result<Vec<SubmissionId>, StoreError> {
        super::new_filings::insert(self, filings)
    }
}

/// The legal holds in force on the submission of the outer query (`EXISTS` reads it).
type HeldNow = diesel::dsl::Filter<
    diesel::dsl::Filter<
        legal_holds::table,
        diesel::dsl::Eq<legal_holds::submission_id, submissions::id>,
    >,
    diesel::dsl::IsNull<legal_holds::lifted_at>,
>;

fn held_now() -> HeldNow {
    legal_holds::table
        .filter(legal_holds::submission_id.eq(submissions::id))
        .filter(legal_holds::lifted_at.is_null())
}
