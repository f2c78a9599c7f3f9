//! The city's confirmations of its procedures' facts (`madoguchi_records::FactConfirmations`).

use diesel::prelude::*;
use madoguchi_core::TenantId;
use madoguchi_records::schema::fact_confirmations as f;
use madoguchi_records::{
    FactConfirmationRecord, FactConfirmations, FactConfirmationsRead, StoreError,
};

use crate::DbConn;

impl FactConfirmationsRead for DbConn {
    fn fact_confirmations_of(
        &mut self,
        tenant_id: &TenantId,
    ) -> Result<Vec<FactConfirmationRecord>, StoreError> {
        Ok(f::table
            .filter(f::tenant_id.eq(tenant_id))
            .order((f::confirmed_at, f::id))
            .select(FactConfirmationRecord::as_select())
            .load(self)?)
    }
}

impl FactConfirmations for DbConn {
    fn insert_fact_confirmation(
        &mut self,
        confirmation: &FactConfirmationRecord,
    ) -> Result<bool, StoreError> {
        // The unique index (one confirmation per fact's words) decides, on either engine,
        // even when two supervisors confirm at the same moment.
        let added = match self {
            DbConn::Postgres(pg) => diesel::insert_into(f::table)
                .values(confirmation)
                .on_conflict_do_nothing()
                .execute(pg)?,
            DbConn::Sqlite(lite) => diesel::insert_or_ignore_into(f::table)
                .values(confirmation)
                .execute(lite)?,
        };
        Ok(added == 1)
    }
}
