//! Submissions, their append-only audit events, and idempotency keys.

use chrono::NaiveDate;
use diesel::dsl::max;
use diesel::prelude::*;

use crate::schema::{idempotency_keys, submission_events, submissions};
use crate::{DbConn, StoreError, Timestamp};

#[derive(Clone, Debug, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = submissions, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct SubmissionRow {
    pub id: String,
    pub tenant_id: String,
    pub department_id: String,
    pub procedure_id: String,
    pub form_version: String,
    pub arrival_number: String,
    pub arrived_at: Timestamp,
    pub due_on: Option<NaiveDate>,
    pub state: String,
    pub data: String,
    pub data_sha256: String,
    pub fee_yen: i64,
    pub applicant_name: Option<String>,
    pub contact_email: Option<String>,
    pub resident_session_hash: Option<String>,
    pub updated_at: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = submission_events, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct EventRow {
    pub id: String,
    pub tenant_id: String,
    pub submission_id: String,
    pub seq: i32,
    pub at: Timestamp,
    pub actor_kind: String,
    pub actor_id: Option<String>,
    pub action: String,
    pub from_state: Option<String>,
    pub to_state: String,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = idempotency_keys, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct IdempotencyRow {
    pub tenant_id: String,
    pub idem_key: String,
    pub request_hash: String,
    pub submission_id: String,
    pub created_at: Timestamp,
}

pub fn insert(conn: &mut DbConn, row: &SubmissionRow) -> Result<(), StoreError> {
    diesel::insert_into(submissions::table).values(row).execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConn, tenant_id: &str, id: &str) -> Result<Option<SubmissionRow>, StoreError> {
    Ok(submissions::table
        .filter(submissions::tenant_id.eq(tenant_id))
        .filter(submissions::id.eq(id))
        .select(SubmissionRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn find_by_arrival_number(
    conn: &mut DbConn,
    tenant_id: &str,
    arrival_number: &str,
) -> Result<Option<SubmissionRow>, StoreError> {
    Ok(submissions::table
        .filter(submissions::tenant_id.eq(tenant_id))
        .filter(submissions::arrival_number.eq(arrival_number))
        .select(SubmissionRow::as_select())
        .first(conn)
        .optional()?)
}

/// A department's submissions, newest arrival first.
pub fn queue(
    conn: &mut DbConn,
    tenant_id: &str,
    department_id: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<SubmissionRow>, StoreError> {
    Ok(submissions::table
        .filter(submissions::tenant_id.eq(tenant_id))
        .filter(submissions::department_id.eq(department_id))
        .order((submissions::arrived_at.desc(), submissions::id.desc()))
        .limit(limit)
        .offset(offset)
        .select(SubmissionRow::as_select())
        .load(conn)?)
}

pub fn count_queue(conn: &mut DbConn, tenant_id: &str, department_id: &str) -> Result<i64, StoreError> {
    Ok(submissions::table
        .filter(submissions::tenant_id.eq(tenant_id))
        .filter(submissions::department_id.eq(department_id))
        .count()
        .get_result(conn)?)
}

/// Moves a submission from `from` to `to`. Returns false when it was no longer in `from`
/// (another clerk acted first), so two decisions can never both apply.
pub fn update_state(
    conn: &mut DbConn,
    id: &str,
    from: &str,
    to: &str,
    now: Timestamp,
) -> Result<bool, StoreError> {
    let n = diesel::update(submissions::table.filter(submissions::id.eq(id)).filter(submissions::state.eq(from)))
        .set((submissions::state.eq(to), submissions::updated_at.eq(now)))
        .execute(conn)?;
    Ok(n == 1)
}

/// The next sequence number of a submission's events (1 for the first).
pub fn next_event_seq(conn: &mut DbConn, submission_id: &str) -> Result<i32, StoreError> {
    let current: Option<i32> = submission_events::table
        .filter(submission_events::submission_id.eq(submission_id))
        .select(max(submission_events::seq))
        .first(conn)?;
    Ok(current.unwrap_or(0) + 1)
}

pub fn append_event(conn: &mut DbConn, row: &EventRow) -> Result<(), StoreError> {
    diesel::insert_into(submission_events::table).values(row).execute(conn)?;
    Ok(())
}

pub fn events(conn: &mut DbConn, tenant_id: &str, submission_id: &str) -> Result<Vec<EventRow>, StoreError> {
    Ok(submission_events::table
        .filter(submission_events::tenant_id.eq(tenant_id))
        .filter(submission_events::submission_id.eq(submission_id))
        .order(submission_events::seq.asc())
        .select(EventRow::as_select())
        .load(conn)?)
}

pub fn find_idempotency(conn: &mut DbConn, tenant_id: &str, key: &str) -> Result<Option<IdempotencyRow>, StoreError> {
    Ok(idempotency_keys::table
        .find((tenant_id, key))
        .select(IdempotencyRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn insert_idempotency(conn: &mut DbConn, row: &IdempotencyRow) -> Result<(), StoreError> {
    diesel::insert_into(idempotency_keys::table).values(row).execute(conn)?;
    Ok(())
}

/// Counts, for tests and health checks.
pub fn count_all(conn: &mut DbConn) -> Result<i64, StoreError> {
    Ok(submissions::table.count().get_result(conn)?)
}
