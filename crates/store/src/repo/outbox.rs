//! The mail outbox. Messages are written in the same transaction as the change they report;
//! workers claim them with a lease (a conditional UPDATE, portable to both engines), so two
//! workers never send the same message, and a crashed worker's lease simply runs out.

use diesel::pg::PgConnection;
use diesel::prelude::*;
use madoguchi_core::{DepartmentId, OutboxId, SubmissionId, TenantId};
use madoguchi_records::OutboxRead;
use madoguchi_records::schema::{outbox, submissions};
use madoguchi_records::{Outbox, OutboxRecord, StoreError};

use crate::{DbConn, Timestamp};

impl OutboxRead for DbConn {
    fn mails_for_submission(
        &mut self,
        submission_id: &SubmissionId,
    ) -> Result<Vec<OutboxRecord>, StoreError> {
        Ok(outbox::table
            .filter(outbox::submission_id.eq(submission_id))
            .order(outbox::created_at.asc())
            .select(OutboxRecord::as_select())
            .load(self)?)
    }

    fn count_pending_mail(&mut self) -> Result<i64, StoreError> {
        Ok(outbox::table
            .filter(outbox::sent_at.is_null())
            .filter(outbox::failed_at.is_null())
            .count()
            .get_result(self)?)
    }

    fn failed_mail_of_department(
        &mut self,
        tenant_id: &TenantId,
        department_id: &DepartmentId,
        limit: i64,
    ) -> Result<Vec<OutboxRecord>, StoreError> {
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
            .select(OutboxRecord::as_select())
            .load(self)?)
    }

    fn find_mail(&mut self, id: &OutboxId) -> Result<Option<OutboxRecord>, StoreError> {
        Ok(outbox::table
            .find(id)
            .select(OutboxRecord::as_select())
            .first(self)
            .optional()?)
    }
}

impl Outbox for DbConn {
    fn enqueue_mail(&mut self, record: &OutboxRecord) -> Result<(), StoreError> {
        diesel::insert_into(outbox::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn enqueue_mails(&mut self, records: &[OutboxRecord]) -> Result<(), StoreError> {
        for rows in records.chunks(madoguchi_records::ROWS_PER_INSERT) {
            insert_rows!(self, outbox::table, rows);
        }
        Ok(())
    }

    /// On PostgreSQL the due rows are locked with `FOR UPDATE SKIP LOCKED` in a short
    /// transaction, so workers running side by side take different messages without
    /// waiting for each other; on SQLite (one writer at a time) each claim is a conditional
    /// UPDATE that affects nothing if another worker leased the row first.
    fn claim_due_mail(
        &mut self,
        now: Timestamp,
        lease_until: Timestamp,
        limit: i64,
    ) -> Result<Vec<OutboxRecord>, StoreError> {
        if let DbConn::Postgres(pg) = self {
            return claim_due_pg(pg, now, lease_until, limit);
        }
        let candidates: Vec<OutboxId> = outbox::table
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
            .load(self)?;
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
            .execute(self)?;
            if n == 1 {
                claimed.push(
                    outbox::table
                        .find(&id)
                        .select(OutboxRecord::as_select())
                        .first(self)?,
                );
            }
        }
        Ok(claimed)
    }

    fn mark_mail_sent(&mut self, id: &OutboxId, now: Timestamp) -> Result<(), StoreError> {
        diesel::update(outbox::table.find(id))
            .set((
                outbox::sent_at.eq(Some(now)),
                outbox::locked_until.eq(None::<Timestamp>),
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::last_error.eq(None::<String>),
            ))
            .execute(self)?;
        Ok(())
    }

    fn redact_mail_body(&mut self, id: &OutboxId, body: &str) -> Result<(), StoreError> {
        diesel::update(outbox::table.find(id))
            .set(outbox::body.eq(body))
            .execute(self)?;
        Ok(())
    }

    fn mark_mail_retry(
        &mut self,
        id: &OutboxId,
        next_attempt_at: Timestamp,
        error: &str,
    ) -> Result<(), StoreError> {
        diesel::update(outbox::table.find(id))
            .set((
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::next_attempt_at.eq(next_attempt_at),
                outbox::locked_until.eq(None::<Timestamp>),
                outbox::last_error.eq(Some(error)),
            ))
            .execute(self)?;
        Ok(())
    }

    fn mark_mail_failed(
        &mut self,
        id: &OutboxId,
        now: Timestamp,
        error: &str,
    ) -> Result<(), StoreError> {
        diesel::update(outbox::table.find(id))
            .set((
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::failed_at.eq(Some(now)),
                outbox::locked_until.eq(None::<Timestamp>),
                outbox::last_error.eq(Some(error)),
            ))
            .execute(self)?;
        Ok(())
    }

    /// After the address or relay was fixed; false when it was not failed (sent meanwhile,
    /// or retried by someone else).
    fn retry_failed_mail(&mut self, id: &OutboxId, now: Timestamp) -> Result<bool, StoreError> {
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
        .execute(self)?;
        Ok(n == 1)
    }
}

fn claim_due_pg(
    pg: &mut PgConnection,
    now: Timestamp,
    lease_until: Timestamp,
    limit: i64,
) -> Result<Vec<OutboxRecord>, StoreError> {
    pg.transaction(|pg| {
        let ids: Vec<OutboxId> = outbox::table
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
        Ok(outbox::table
            .filter(outbox::id.eq_any(&ids))
            .order(outbox::next_attempt_at.asc())
            .select(OutboxRecord::as_select())
            .load(pg)?)
    })
}
