//! The mail outbox. Messages are written in the same transaction as the change they report;
//! workers claim them with a lease (a conditional UPDATE, portable to both engines), so two
//! workers never send the same message, and a crashed worker's lease simply runs out.

use diesel::prelude::*;

use crate::schema::outbox;
use crate::{DbConn, StoreError, Timestamp};

#[derive(Clone, Debug, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = outbox, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct OutboxRow {
    pub id: String,
    pub tenant_id: String,
    pub submission_id: Option<String>,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub message_id: String,
    pub created_at: Timestamp,
    pub attempts: i32,
    pub next_attempt_at: Timestamp,
    pub locked_until: Option<Timestamp>,
    pub sent_at: Option<Timestamp>,
    pub failed_at: Option<Timestamp>,
    pub last_error: Option<String>,
}

pub fn enqueue(conn: &mut DbConn, row: &OutboxRow) -> Result<(), StoreError> {
    diesel::insert_into(outbox::table).values(row).execute(conn)?;
    Ok(())
}

/// Claims up to `limit` messages that are due at `now` and not leased, leasing each until
/// `lease_until`. Each claim is a conditional UPDATE: if another worker leased the row first,
/// it affects nothing and the row is skipped.
pub fn claim_due(
    conn: &mut DbConn,
    now: Timestamp,
    lease_until: Timestamp,
    limit: i64,
) -> Result<Vec<OutboxRow>, StoreError> {
    let candidates: Vec<String> = outbox::table
        .filter(outbox::sent_at.is_null())
        .filter(outbox::failed_at.is_null())
        .filter(outbox::next_attempt_at.le(now))
        .filter(outbox::locked_until.is_null().or(outbox::locked_until.lt(now)))
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
                .filter(outbox::locked_until.is_null().or(outbox::locked_until.lt(now))),
        )
        .set(outbox::locked_until.eq(Some(lease_until)))
        .execute(conn)?;
        if n == 1 {
            claimed.push(outbox::table.find(&id).select(OutboxRow::as_select()).first(conn)?);
        }
    }
    Ok(claimed)
}

pub fn mark_sent(conn: &mut DbConn, id: &str, now: Timestamp) -> Result<(), StoreError> {
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

/// Records a failed attempt and when to try again.
pub fn mark_retry(conn: &mut DbConn, id: &str, next_attempt_at: Timestamp, error: &str) -> Result<(), StoreError> {
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
pub fn mark_failed(conn: &mut DbConn, id: &str, now: Timestamp, error: &str) -> Result<(), StoreError> {
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

pub fn for_submission(conn: &mut DbConn, submission_id: &str) -> Result<Vec<OutboxRow>, StoreError> {
    Ok(outbox::table
        .filter(outbox::submission_id.eq(submission_id))
        .order(outbox::created_at.asc())
        .select(OutboxRow::as_select())
        .load(conn)?)
}

pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<OutboxRow>, StoreError> {
    Ok(outbox::table.find(id).select(OutboxRow::as_select()).first(conn).optional()?)
}

pub fn count_pending(conn: &mut DbConn) -> Result<i64, StoreError> {
    Ok(outbox::table
        .filter(outbox::sent_at.is_null())
        .filter(outbox::failed_at.is_null())
        .count()
        .get_result(conn)?)
}
