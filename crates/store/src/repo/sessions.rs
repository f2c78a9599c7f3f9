//! Clerk sessions and failed sign-ins. Only a SHA-256 of the session token is stored, so a
//! copy of the database does not let anyone sign in.

use diesel::prelude::*;
use madoguchi_core::{ClerkId, LoginFailureId};
use madoguchi_records::SessionsRead;
use madoguchi_records::schema::{clerk_sessions, login_failures, request_counts};
use madoguchi_records::{ClerkSessionRecord, Sessions, StoreError};

use crate::{DbConn, Timestamp};

impl SessionsRead for DbConn {
    fn find_live_session(
        &mut self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<ClerkSessionRecord>, StoreError> {
        Ok(clerk_sessions::table
            .find(token_hash)
            .filter(clerk_sessions::expires_at.gt(now))
            .select(ClerkSessionRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn count_login_failures(
        &mut self,
        key_kind: &str,
        key_hash: &str,
        since: Timestamp,
    ) -> Result<i64, StoreError> {
        Ok(login_failures::table
            .filter(login_failures::key_kind.eq(key_kind))
            .filter(login_failures::key_hash.eq(key_hash))
            .filter(login_failures::at.ge(since))
            .count()
            .get_result(self)?)
    }
}

impl Sessions for DbConn {
    fn insert_session(&mut self, record: &ClerkSessionRecord) -> Result<(), StoreError> {
        diesel::insert_into(clerk_sessions::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn touch_session(
        &mut self,
        token_hash: &str,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<(), StoreError> {
        diesel::update(clerk_sessions::table.find(token_hash))
            .set((
                clerk_sessions::last_seen_at.eq(now),
                clerk_sessions::expires_at.eq(expires_at),
            ))
            .execute(self)?;
        Ok(())
    }

    fn delete_session(&mut self, token_hash: &str) -> Result<(), StoreError> {
        diesel::delete(clerk_sessions::table.find(token_hash)).execute(self)?;
        Ok(())
    }

    fn verify_session(
        &mut self,
        token_hash: &str,
        expires_at: Timestamp,
    ) -> Result<(), StoreError> {
        diesel::update(clerk_sessions::table.find(token_hash))
            .set((
                clerk_sessions::mfa_verified.eq(true),
                clerk_sessions::expires_at.eq(expires_at),
            ))
            .execute(self)?;
        Ok(())
    }

    fn delete_sessions_of(&mut self, clerk_id: &ClerkId) -> Result<(), StoreError> {
        diesel::delete(clerk_sessions::table.filter(clerk_sessions::clerk_id.eq(clerk_id)))
            .execute(self)?;
        Ok(())
    }

    fn record_login_failure(
        &mut self,
        key_kind: &str,
        key_hash: &str,
        at: Timestamp,
    ) -> Result<LoginFailureId, StoreError> {
        let id = LoginFailureId::new(uuid::Uuid::now_v7().to_string());
        diesel::insert_into(login_failures::table)
            .values((
                login_failures::id.eq(&id),
                login_failures::key_kind.eq(key_kind),
                login_failures::key_hash.eq(key_hash),
                login_failures::at.eq(at),
            ))
            .execute(self)?;
        // Old failures no longer count; keep the table small.
        diesel::delete(
            login_failures::table.filter(login_failures::at.lt(at - chrono::Duration::days(1))),
        )
        .execute(self)?;
        Ok(id)
    }

    fn forget_login_failures(&mut self, ids: &[LoginFailureId]) -> Result<(), StoreError> {
        diesel::delete(login_failures::table.filter(login_failures::id.eq_any(ids)))
            .execute(self)?;
        Ok(())
    }

    fn add_requests(
        &mut self,
        key_hash: &str,
        window_start: Timestamp,
        requests: i64,
    ) -> Result<i64, StoreError> {
        use diesel::upsert::excluded;
        use request_counts::dsl as rc;
        // One statement: the insert or the addition happens under the row's lock, so every
        // node's additions count. Upserts are engine-specific in diesel (not offered through
        // MultiConnection); the statement is the same on both.
        let row = (
            rc::key_hash.eq(key_hash),
            rc::window_start.eq(window_start),
            rc::requests.eq(requests),
        );
        let added = rc::requests.eq(rc::requests + excluded(rc::requests));
        let target = (rc::key_hash, rc::window_start);
        match self {
            DbConn::Sqlite(c) => diesel::insert_into(rc::request_counts)
                .values(row)
                .on_conflict(target)
                .do_update()
                .set(added)
                .execute(c)?,
            DbConn::Postgres(c) => diesel::insert_into(rc::request_counts)
                .values(row)
                .on_conflict(target)
                .do_update()
                .set(added)
                .execute(c)?,
        };
        Ok(rc::request_counts
            .find((key_hash, window_start))
            .select(rc::requests)
            .first(self)?)
    }
}
