//! Municipalities (tenants), their departments and wards, and clerk accounts.

use diesel::prelude::*;
use madoguchi_core::{ClerkId, DepartmentCode, DepartmentId, TenantId};
use madoguchi_records::OrganisationRead;
use madoguchi_records::schema::{clerks, departments, tenants, wards};
use madoguchi_records::{
    ClerkRecord, DepartmentRecord, Organisation, StoreError, TenantRecord, WardRecord,
};

use crate::DbConn;

impl OrganisationRead for DbConn {
    fn find_tenant(&mut self, id: &TenantId) -> Result<Option<TenantRecord>, StoreError> {
        Ok(tenants::table
            .find(id)
            .select(TenantRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn departments_of(
        &mut self,
        tenant_id: &TenantId,
    ) -> Result<Vec<DepartmentRecord>, StoreError> {
        Ok(departments::table
            .filter(departments::tenant_id.eq(tenant_id))
            .order(departments::code.asc())
            .select(DepartmentRecord::as_select())
            .load(self)?)
    }

    fn find_department(
        &mut self,
        id: &DepartmentId,
    ) -> Result<Option<DepartmentRecord>, StoreError> {
        Ok(departments::table
            .find(id)
            .select(DepartmentRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn find_department_by_code(
        &mut self,
        tenant_id: &TenantId,
        code: &DepartmentCode,
    ) -> Result<Option<DepartmentRecord>, StoreError> {
        Ok(departments::table
            .filter(departments::tenant_id.eq(tenant_id))
            .filter(departments::code.eq(code))
            .select(DepartmentRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn wards_of(&mut self, tenant_id: &TenantId) -> Result<Vec<WardRecord>, StoreError> {
        Ok(wards::table
            .filter(wards::tenant_id.eq(tenant_id))
            .order(wards::code.asc())
            .select(WardRecord::as_select())
            .load(self)?)
    }

    fn find_clerk(&mut self, id: &ClerkId) -> Result<Option<ClerkRecord>, StoreError> {
        Ok(clerks::table
            .find(id)
            .select(ClerkRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn find_clerk_by_login(
        &mut self,
        tenant_id: &TenantId,
        login: &str,
    ) -> Result<Option<ClerkRecord>, StoreError> {
        Ok(clerks::table
            .filter(clerks::tenant_id.eq(tenant_id))
            .filter(clerks::login.eq(login))
            .select(ClerkRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn clerks_of(&mut self, tenant_id: &TenantId) -> Result<Vec<ClerkRecord>, StoreError> {
        Ok(clerks::table
            .filter(clerks::tenant_id.eq(tenant_id))
            .order(clerks::login.asc())
            .select(ClerkRecord::as_select())
            .load(self)?)
    }

    fn clerks_of_department(
        &mut self,
        tenant_id: &TenantId,
        department_id: &DepartmentId,
    ) -> Result<Vec<ClerkRecord>, StoreError> {
        Ok(clerks::table
            .filter(clerks::tenant_id.eq(tenant_id))
            .filter(clerks::department_id.eq(department_id))
            .filter(clerks::active.eq(true))
            .order(clerks::display_name.asc())
            .select(ClerkRecord::as_select())
            .load(self)?)
    }
}

impl Organisation for DbConn {
    fn insert_tenant(&mut self, record: &TenantRecord) -> Result<(), StoreError> {
        diesel::insert_into(tenants::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn insert_department(&mut self, record: &DepartmentRecord) -> Result<(), StoreError> {
        diesel::insert_into(departments::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn update_department(&mut self, record: &DepartmentRecord) -> Result<(), StoreError> {
        diesel::update(departments::table.find(&record.id))
            .set((
                departments::name_ja.eq(&record.name_ja),
                departments::name_en.eq(&record.name_en),
                departments::ward_office.eq(record.ward_office),
            ))
            .execute(self)?;
        Ok(())
    }

    fn save_ward(&mut self, record: &WardRecord) -> Result<(), StoreError> {
        let existing = wards::table
            .find((&record.tenant_id, &record.code))
            .select(wards::code)
            .first::<String>(self)
            .optional()?;
        if existing.is_some() {
            diesel::update(wards::table.find((&record.tenant_id, &record.code)))
                .set((
                    wards::name_ja.eq(&record.name_ja),
                    wards::name_en.eq(&record.name_en),
                ))
                .execute(self)?;
        } else {
            diesel::insert_into(wards::table)
                .values(record)
                .execute(self)?;
        }
        Ok(())
    }

    fn insert_ward(&mut self, record: &WardRecord) -> Result<(), StoreError> {
        diesel::insert_into(wards::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn insert_clerk(&mut self, record: &ClerkRecord) -> Result<(), StoreError> {
        diesel::insert_into(clerks::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn update_clerk(&mut self, r: &ClerkRecord) -> Result<(), StoreError> {
        // Not a changeset of the whole record: id, tenant, login and created_at never change.
        diesel::update(clerks::table.find(&r.id))
            .set((
                clerks::department_id.eq(&r.department_id),
                clerks::display_name.eq(&r.display_name),
                clerks::password_hash.eq(&r.password_hash),
                clerks::active.eq(r.active),
                clerks::ward_code.eq(&r.ward_code),
                clerks::role.eq(&r.role),
                clerks::totp_secret.eq(&r.totp_secret),
                clerks::totp_last_step.eq(r.totp_last_step),
                clerks::session_epoch.eq(r.session_epoch),
                clerks::post.eq(r.post),
            ))
            .execute(self)?;
        Ok(())
    }

    fn use_totp_step(&mut self, clerk_id: &ClerkId, step: i64) -> Result<bool, StoreError> {
        // Only moves forward, so a code is accepted once.
        let n = diesel::update(
            clerks::table.find(clerk_id).filter(
                clerks::totp_last_step
                    .is_null()
                    .or(clerks::totp_last_step.lt(step)),
            ),
        )
        .set(clerks::totp_last_step.eq(Some(step)))
        .execute(self)?;
        Ok(n == 1)
    }
}
