//! Counter visits prepared online (書かない窓口).

use diesel::prelude::*;
use madoguchi_core::{ClerkId, CounterOutcome, TenantId, VisitId};
use madoguchi_records::CounterRead;
use madoguchi_records::schema::{counter_visits, drafts, staff_entries};
use madoguchi_records::{Counter, CounterVisitRecord, StaffEntryRecord, StoreError};

use crate::{DbConn, Timestamp};

impl CounterRead for DbConn {
    fn find_staff_entry(
        &mut self,
        session_hash: &str,
    ) -> Result<Option<StaffEntryRecord>, StoreError> {
        Ok(staff_entries::table
            .find(session_hash)
            .select(StaffEntryRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn find_counter_visit(
        &mut self,
        id: &VisitId,
    ) -> Result<Option<CounterVisitRecord>, StoreError> {
        Ok(counter_visits::table
            .find(id)
            .select(CounterVisitRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn find_counter_visit_by_code(
        &mut self,
        code_hash: &str,
    ) -> Result<Option<CounterVisitRecord>, StoreError> {
        Ok(counter_visits::table
            .filter(counter_visits::code_hash.eq(code_hash))
            .select(CounterVisitRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn find_open_counter_visit(
        &mut self,
        tenant_id: &TenantId,
        session_hash: &str,
    ) -> Result<Option<CounterVisitRecord>, StoreError> {
        Ok(counter_visits::table
            .filter(counter_visits::tenant_id.eq(tenant_id))
            .filter(counter_visits::session_hash.eq(session_hash))
            .filter(counter_visits::filed_at.is_null())
            .order(counter_visits::created_at.desc())
            .select(CounterVisitRecord::as_select())
            .first(self)
            .optional()?)
    }
}

impl Counter for DbConn {
    fn insert_staff_entry(&mut self, record: &StaffEntryRecord) -> Result<(), StoreError> {
        diesel::insert_into(staff_entries::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn insert_counter_visit(&mut self, record: &CounterVisitRecord) -> Result<(), StoreError> {
        diesel::insert_into(counter_visits::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn update_counter_visit(&mut self, r: &CounterVisitRecord) -> Result<(), StoreError> {
        diesel::update(counter_visits::table.find(&r.id))
            .set((
                counter_visits::code_hash.eq(&r.code_hash),
                counter_visits::procedures.eq(&r.procedures),
                counter_visits::expires_at.eq(r.expires_at),
                counter_visits::opened_by.eq(&r.opened_by),
                counter_visits::opened_at.eq(r.opened_at),
            ))
            .execute(self)?;
        Ok(())
    }

    fn mark_counter_visit_filed(
        &mut self,
        id: &VisitId,
        clerk_id: &ClerkId,
        at: Timestamp,
        outcome: &CounterOutcome,
    ) -> Result<bool, StoreError> {
        let n = diesel::update(
            counter_visits::table
                .find(id)
                .filter(counter_visits::filed_at.is_null()),
        )
        .set((
            counter_visits::filed_by.eq(clerk_id),
            counter_visits::filed_at.eq(at),
            counter_visits::outcome.eq(outcome),
        ))
        .execute(self)?;
        Ok(n == 1)
    }

    fn extend_drafts(
        &mut self,
        tenant_id: &TenantId,
        session_hash: &str,
        now: Timestamp,
        until: Timestamp,
    ) -> Result<(), StoreError> {
        diesel::update(
            drafts::table
                .filter(drafts::tenant_id.eq(tenant_id))
                .filter(drafts::session_hash.eq(session_hash))
                .filter(drafts::expires_at.gt(now))
                .filter(drafts::expires_at.lt(until)),
        )
        .set(drafts::expires_at.eq(until))
        .execute(self)?;
        Ok(())
    }
}
