//! The tenant registry: statuses, settings and host names.

use diesel::dsl::max;
use diesel::prelude::*;
use madoguchi_core::TenantId;
use madoguchi_records::TenancyRead;
use madoguchi_records::schema::{tenant_hosts, tenants};
use madoguchi_records::{StoreError, Tenancy, TenantEntry, TenantHostRecord, Timestamp};

use crate::DbConn;

impl TenancyRead for DbConn {
    fn all_tenants(&mut self) -> Result<Vec<TenantEntry>, StoreError> {
        Ok(tenants::table
            .order(tenants::id.asc())
            .select(TenantEntry::as_select())
            .load(self)?)
    }

    fn all_tenant_hosts(&mut self) -> Result<Vec<TenantHostRecord>, StoreError> {
        Ok(tenant_hosts::table
            .order(tenant_hosts::host.asc())
            .select(TenantHostRecord::as_select())
            .load(self)?)
    }

    fn tenancy_changed_at(&mut self) -> Result<Option<Timestamp>, StoreError> {
        let tenant: Option<Timestamp> = tenants::table
            .select(max(tenants::updated_at))
            .first(self)?;
        let created: Option<Timestamp> = tenants::table
            .select(max(tenants::created_at))
            .first(self)?;
        let host: Option<Timestamp> = tenant_hosts::table
            .select(max(tenant_hosts::created_at))
            .first(self)?;
        let count: i64 = tenant_hosts::table.count().get_result(self)?;
        // A removed host leaves no timestamp: the count changes instead, folded in as
        // microseconds so the value still moves.
        let latest = [tenant, created, host].into_iter().flatten().max();
        Ok(latest.map(|t| t + chrono::Duration::microseconds(count)))
    }

    fn tenants_changed_since(&mut self, since: Timestamp) -> Result<Vec<TenantEntry>, StoreError> {
        Ok(tenants::table
            .filter(
                tenants::created_at
                    .ge(since)
                    .or(tenants::updated_at.ge(since)),
            )
            .order(tenants::id.asc())
            .select(TenantEntry::as_select())
            .load(self)?)
    }

    fn tenant_hosts_since(
        &mut self,
        since: Timestamp,
    ) -> Result<(Vec<TenantHostRecord>, i64), StoreError> {
        let hosts = tenant_hosts::table
            .filter(tenant_hosts::created_at.ge(since))
            .order(tenant_hosts::host.asc())
            .select(TenantHostRecord::as_select())
            .load(self)?;
        let count: i64 = tenant_hosts::table.count().get_result(self)?;
        Ok((hosts, count))
    }
}

impl Tenancy for DbConn {
    fn set_tenant_status(
        &mut self,
        id: &TenantId,
        status: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let n = diesel::update(tenants::table.find(id))
            .set((
                tenants::status.eq(status),
                tenants::updated_at.eq(Some(now)),
            ))
            .execute(self)?;
        Ok(n == 1)
    }

    fn set_tenant_settings(
        &mut self,
        id: &TenantId,
        settings: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let n = diesel::update(tenants::table.find(id))
            .set((
                tenants::settings.eq(settings),
                tenants::updated_at.eq(Some(now)),
            ))
            .execute(self)?;
        Ok(n == 1)
    }

    fn add_tenant_host(&mut self, record: &TenantHostRecord) -> Result<bool, StoreError> {
        let taken: i64 = tenant_hosts::table
            .filter(tenant_hosts::host.eq(&record.host))
            .count()
            .get_result(self)?;
        if taken > 0 {
            return Ok(false);
        }
        diesel::insert_into(tenant_hosts::table)
            .values(record)
            .execute(self)?;
        Ok(true)
    }

    fn remove_tenant_host(&mut self, host: &str) -> Result<bool, StoreError> {
        let n = diesel::delete(tenant_hosts::table.filter(tenant_hosts::host.eq(host)))
            .execute(self)?;
        Ok(n == 1)
    }
}
