//! Submissions, their append-only audit events, and idempotency keys.

use chrono::NaiveDate;
use diesel::dsl::max;
use diesel::prelude::*;

use crate::repo::row;
use crate::schema::{idempotency_keys, submission_events, submissions};
use crate::{DbConn, Error, Timestamp};
use madoguchi_records::{EventRecord, IdempotencyRecord, SubmissionRecord};

row!(SubmissionRow <-> SubmissionRecord in submissions {
    id: String,
    tenant_id: String,
    department_id: String,
    procedure_id: String,
    form_version: String,
    arrival_number: String,
    arrived_at: Timestamp,
    due_on: Option<NaiveDate>,
    state: String,
    data: String,
    data_sha256: String,
    fee_yen: i64,
    applicant_name: Option<String>,
    contact_email: Option<String>,
    resident_session_hash: Option<String>,
    updated_at: Timestamp,
    ward_code: Option<String>,
});

row!(EventRow <-> EventRecord in submission_events {
    id: String,
    tenant_id: String,
    submission_id: String,
    seq: i32,
    at: Timestamp,
    actor_kind: String,
    actor_id: Option<String>,
    action: String,
    from_state: Option<String>,
    to_state: String,
    reason: Option<String>,
});

row!(IdempotencyRow <-> IdempotencyRecord in idempotency_keys {
    tenant_id: String,
    idem_key: String,
    request_hash: String,
    submission_id: String,
    created_at: Timestamp,
});

pub fn insert(conn: &mut DbConn, row: &SubmissionRecord) -> Result<(), Error> {
    diesel::insert_into(submissions::table)
        .values(SubmissionRow::from(row))
        .execute(conn)?;
    Ok(())
}

pub fn find(
    conn: &mut DbConn,
    tenant_id: &str,
    id: &str,
) -> Result<Option<SubmissionRecord>, Error> {
    Ok(submissions::table
        .filter(submissions::tenant_id.eq(tenant_id))
        .filter(submissions::id.eq(id))
        .select(SubmissionRow::as_select())
        .first::<SubmissionRow>(conn)
        .optional()?
        .map(Into::into))
}

pub fn find_by_arrival_number(
    conn: &mut DbConn,
    tenant_id: &str,
    arrival_number: &str,
) -> Result<Option<SubmissionRecord>, Error> {
    Ok(submissions::table
        .filter(submissions::tenant_id.eq(tenant_id))
        .filter(submissions::arrival_number.eq(arrival_number))
        .select(SubmissionRow::as_select())
        .first::<SubmissionRow>(conn)
        .optional()?
        .map(Into::into))
}

/// A department's submissions, newest arrival first; only one ward's when `ward` is given.
pub fn queue(
    conn: &mut DbConn,
    tenant_id: &str,
    department_id: &str,
    ward: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<Vec<SubmissionRecord>, Error> {
    let base = submissions::table
        .filter(submissions::tenant_id.eq(tenant_id))
        .filter(submissions::department_id.eq(department_id))
        .order((submissions::arrived_at.desc(), submissions::id.desc()))
        .limit(limit)
        .offset(offset)
        .select(SubmissionRow::as_select());
    let rows: Vec<SubmissionRow> = match ward {
        Some(w) => base.filter(submissions::ward_code.eq(w)).load(conn)?,
        None => base.load(conn)?,
    };
    Ok(rows.into_iter().map(Into::into).collect())
}

pub fn count_queue(
    conn: &mut DbConn,
    tenant_id: &str,
    department_id: &str,
    ward: Option<&str>,
) -> Result<i64, Error> {
    let base = submissions::table
        .filter(submissions::tenant_id.eq(tenant_id))
        .filter(submissions::department_id.eq(department_id));
    Ok(match ward {
        Some(w) => base
            .filter(submissions::ward_code.eq(w))
            .count()
            .get_result(conn)?,
        None => base.count().get_result(conn)?,
    })
}

/// Moves a submission from `from` to `to`. Returns false when it was no longer in `from`
/// (another clerk acted first), so two decisions can never both apply.
pub fn update_state(
    conn: &mut DbConn,
    id: &str,
    from: &str,
    to: &str,
    now: Timestamp,
) -> Result<bool, Error> {
    let n = diesel::update(
        submissions::table
            .filter(submissions::id.eq(id))
            .filter(submissions::state.eq(from)),
    )
    .set((submissions::state.eq(to), submissions::updated_at.eq(now)))
    .execute(conn)?;
    Ok(n == 1)
}

/// The next sequence number of a submission's events (1 for the first).
pub fn next_event_seq(conn: &mut DbConn, submission_id: &str) -> Result<i32, Error> {
    let current: Option<i32> = submission_events::table
        .filter(submission_events::submission_id.eq(submission_id))
        .select(max(submission_events::seq))
        .first(conn)?;
    Ok(current.unwrap_or(0) + 1)
}

pub fn append_event(conn: &mut DbConn, row: &EventRecord) -> Result<(), Error> {
    diesel::insert_into(submission_events::table)
        .values(EventRow::from(row))
        .execute(conn)?;
    Ok(())
}

pub fn events(
    conn: &mut DbConn,
    tenant_id: &str,
    submission_id: &str,
) -> Result<Vec<EventRecord>, Error> {
    Ok(submission_events::table
        .filter(submission_events::tenant_id.eq(tenant_id))
        .filter(submission_events::submission_id.eq(submission_id))
        .order(submission_events::seq.asc())
        .select(EventRow::as_select())
        .load::<EventRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub fn find_idempotency(
    conn: &mut DbConn,
    tenant_id: &str,
    key: &str,
) -> Result<Option<IdempotencyRecord>, Error> {
    Ok(idempotency_keys::table
        .find((tenant_id, key))
        .select(IdempotencyRow::as_select())
        .first::<IdempotencyRow>(conn)
        .optional()?
        .map(Into::into))
}

pub fn insert_idempotency(conn: &mut DbConn, row: &IdempotencyRecord) -> Result<(), Error> {
    diesel::insert_into(idempotency_keys::table)
        .values(IdempotencyRow::from(row))
        .execute(conn)?;
    Ok(())
}

/// Counts, for tests and health checks.
pub fn count_all(conn: &mut DbConn) -> Result<i64, Error> {
    Ok(submissions::table.count().get_result(conn)?)
}
