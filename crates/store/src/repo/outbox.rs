//! The mail outbox. Messages are written in the same transaction as the change they report;
//! workers claim them with a lease (a conditional UPDATE, portable to both engines), so two
//! workers never send the same message, and a crashed worker's lease simply runs out.

use diesel::pg::PgConnection;
use diesel::prelude::*;

use crate::repo::row;
use crate::schema::outbox;
use crate::{DbConn, Error, Timestamp};
use madoguchi_records::OutboxRecord;

row!(OutboxRow <-> OutboxRecord in outbox {
    id: String,
    tenant_id: String,
    submission_id: Option<String>,
    kind: String,
    recipient: String,
    subject: String,
    body: String,
    message_id: String,
    created_at: Timestamp,
    attempts: i32,
    next_attempt_at: Timestamp,
    locked_until: Option<Timestamp>,
    sent_at: Option<Timestamp>,
    failed_at: Option<Timestamp>,
    last_error: Option<String>,
});

pub fn enqueue(conn: &mut DbConn, row: &OutboxRecord) -> Result<(), Error> {
    diesel::insert_into(outbox::table)
        .values(OutboxRow::from(row))
        .execute(conn)?;
    Ok(())
}

/// Claims up to `limit` messages that are due at `now` and not leased, leasing each until
/// `lease_until`. On PostgreSQL the due rows are locked with `FOR UPDATE SKIP LOCKED` in a
/// short transaction, so workers running side by side take different messages without
/// waiting for each other; on SQLite (one writer at a time) each claim is a conditional
/// UPDATE that affects nothing if another worker leased the row first.
pub fn claim_due(
    conn: &mut DbConn,
    now: Timestamp,
    lease_until: Timestamp,
    limit: i64,
) -> Result<Vec<OutboxRecord>, Error> {
    if let DbConn::Postgres(pg) = conn {
        return claim_due_pg(pg, now, lease_until, limit);
    }
    let candidates: Vec<String> = outbox::table
        .filter(outbox::sent_at.is_null())
        .filter(outbox::failed_at.is_null())
        .filter(outbox::next_attempt_at.le(now))
        .filter(
            outbox::locked_until
                .is_null()
                .or(outbox::locked_until.lt(now)),
        )
        .order(outbox::next_attempt_at.asc())
        .limit(limit)
        .select(outbox::id)
        .load(conn)?;
    let mut claimed = Vec::with_capacity(candidates.len());
    for id in candidates {
        let n = diesel::update(
            outbox::table
                .filter(outbox::id.eq(&id))
                .filter(outbox::sent_at.is_null())
                .filter(outbox::failed_at.is_null())
                .filter(
                    outbox::locked_until
                        .is_null()
                        .or(outbox::locked_until.lt(now)),
                ),
        )
        .set(outbox::locked_until.eq(Some(lease_until)))
        .execute(conn)?;
        if n == 1 {
            claimed.push(
                outbox::table
                    .find(&id)
                    .select(OutboxRow::as_select())
                    .first::<OutboxRow>(conn)?
                    .into(),
            );
        }
    }
    Ok(claimed)
}

fn claim_due_pg(
    pg: &mut PgConnection,
    now: Timestamp,
    lease_until: Timestamp,
    limit: i64,
) -> Result<Vec<OutboxRecord>, Error> {
    use diesel::Connection;
    pg.transaction(|pg| {
        let ids: Vec<String> = outbox::table
            .filter(outbox::sent_at.is_null())
            .filter(outbox::failed_at.is_null())
            .filter(outbox::next_attempt_at.le(now))
            .filter(
                outbox::locked_until
                    .is_null()
                    .or(outbox::locked_until.lt(now)),
            )
            .order(outbox::next_attempt_at.asc())
            .limit(limit)
            .select(outbox::id)
            .for_update()
            .skip_locked()
            .load(pg)?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        diesel::update(outbox::table.filter(outbox::id.eq_any(&ids)))
            .set(outbox::locked_until.eq(Some(lease_until)))
            .execute(pg)?;
        let rows: Vec<OutboxRow> = outbox::table
            .filter(outbox::id.eq_any(&ids))
            .order(outbox::next_attempt_at.asc())
            .select(OutboxRow::as_select())
            .load(pg)?;
        Ok(rows.into_iter().map(Into::into).collect())
    })
}

pub fn mark_sent(conn: &mut DbConn, id: &str, now: Timestamp) -> Result<(), Error> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::sent_at.eq(Some(now)),
            outbox::locked_until.eq(None::<Timestamp>),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::last_error.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(())
}

/// Replaces the stored body of a message.
pub fn redact_body(conn: &mut DbConn, id: &str, body: &str) -> Result<(), Error> {
    diesel::update(outbox::table.find(id))
        .set(outbox::body.eq(body))
        .execute(conn)?;
    Ok(())
}

/// Records a failed attempt and when to try again.
pub fn mark_retry(
    conn: &mut DbConn,
    id: &str,
    next_attempt_at: Timestamp,
    error: &str,
) -> Result<(), Error> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::next_attempt_at.eq(next_attempt_at),
            outbox::locked_until.eq(None::<Timestamp>),
            outbox::last_error.eq(Some(error)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Gives up on a message (it stays visible to clerks with its last error).
pub fn mark_failed(conn: &mut DbConn, id: &str, now: Timestamp, error: &str) -> Result<(), Error> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::failed_at.eq(Some(now)),
            outbox::locked_until.eq(None::<Timestamp>),
            outbox::last_error.eq(Some(error)),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn for_submission(conn: &mut DbConn, submission_id: &str) -> Result<Vec<OutboxRecord>, Error> {
    Ok(outbox::table
        .filter(outbox::submission_id.eq(submission_id))
        .order(outbox::created_at.asc())
        .select(OutboxRow::as_select())
        .load::<OutboxRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<OutboxRecord>, Error> {
    Ok(outbox::table
        .find(id)
        .select(OutboxRow::as_select())
        .first::<OutboxRow>(conn)
        .optional()?
        .map(Into::into))
}

pub fn count_pending(conn: &mut DbConn) -> Result<i64, Error> {
    Ok(outbox::table
        .filter(outbox::sent_at.is_null())
        .filter(outbox::failed_at.is_null())
        .count()
        .get_result(conn)?)
}

/// Messages given up on, of the filings of one department, newest first.
pub fn failed_of_department(
    conn: &mut DbConn,
    tenant_id: &str,
    department_id: &str,
    limit: i64,
) -> Result<Vec<OutboxRecord>, Error> {
    use crate::schema::submissions;
    let of_department = submissions::table
        .filter(submissions::tenant_id.eq(tenant_id))
        .filter(submissions::department_id.eq(department_id))
        .select(submissions::id.nullable());
    Ok(outbox::table
        .filter(outbox::tenant_id.eq(tenant_id))
        .filter(outbox::failed_at.is_not_null())
        .filter(outbox::submission_id.eq_any(of_department))
        .order(outbox::failed_at.desc())
        .limit(limit)
        .select(OutboxRow::as_select())
        .load::<OutboxRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Puts a message given up on back in the queue (after the address or relay was fixed).
/// False when it was not failed (sent meanwhile, or retried by someone else).
pub fn retry_failed(conn: &mut DbConn, id: &str, now: Timestamp) -> Result<bool, Error> {
    let n = diesel::update(
        outbox::table
            .filter(outbox::id.eq(id))
            .filter(outbox::failed_at.is_not_null()),
    )
    .set((
        outbox::failed_at.eq(None::<Timestamp>),
        outbox::attempts.eq(0),
        outbox::next_attempt_at.eq(now),
        outbox::locked_until.eq(None::<Timestamp>),
    ))
    .execute(conn)?;
    Ok(n == 1)
}
