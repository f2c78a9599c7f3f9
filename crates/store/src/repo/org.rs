//! Municipalities (tenants), their departments, and clerk accounts.

use diesel::prelude::*;

use crate::repo::row;
use crate::schema::{clerks, departments, tenants, wards};
use crate::{DbConn, Error, Timestamp};
use madoguchi_records::{ClerkRecord, DepartmentRecord, TenantRecord, WardRecord};

row!(TenantRow <-> TenantRecord in tenants {
    id: String,
    name_ja: String,
    name_en: String,
    created_at: Timestamp,
});

row!(DepartmentRow <-> DepartmentRecord in departments {
    id: String,
    tenant_id: String,
    code: String,
    name_ja: String,
    name_en: String,
    created_at: Timestamp,
    ward_office: bool,
});

row!(WardRow <-> WardRecord in wards {
    tenant_id: String,
    code: String,
    name_ja: String,
    name_en: String,
});

row!(ClerkRow <-> ClerkRecord in clerks {
    id: String,
    tenant_id: String,
    department_id: String,
    login: String,
    display_name: String,
    password_hash: String,
    active: bool,
    created_at: Timestamp,
    ward_code: Option<String>,
    role: String,
    totp_secret: Option<String>,
    totp_last_step: Option<i64>,
    session_epoch: i32,
});

pub fn find_tenant(conn: &mut DbConn, id: &str) -> Result<Option<TenantRecord>, Error> {
    Ok(tenants::table
        .find(id)
        .select(TenantRow::as_select())
        .first::<TenantRow>(conn)
        .optional()?
        .map(Into::into))
}

pub fn insert_tenant(conn: &mut DbConn, row: &TenantRecord) -> Result<(), Error> {
    diesel::insert_into(tenants::table)
        .values(TenantRow::from(row))
        .execute(conn)?;
    Ok(())
}

pub fn find_department_by_code(
    conn: &mut DbConn,
    tenant_id: &str,
    code: &str,
) -> Result<Option<DepartmentRecord>, Error> {
    Ok(departments::table
        .filter(departments::tenant_id.eq(tenant_id))
        .filter(departments::code.eq(code))
        .select(DepartmentRow::as_select())
        .first::<DepartmentRow>(conn)
        .optional()?
        .map(Into::into))
}

pub fn departments_of(conn: &mut DbConn, tenant_id: &str) -> Result<Vec<DepartmentRecord>, Error> {
    Ok(departments::table
        .filter(departments::tenant_id.eq(tenant_id))
        .order(departments::code.asc())
        .select(DepartmentRow::as_select())
        .load::<DepartmentRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub fn find_department(conn: &mut DbConn, id: &str) -> Result<Option<DepartmentRecord>, Error> {
    Ok(departments::table
        .find(id)
        .select(DepartmentRow::as_select())
        .first::<DepartmentRow>(conn)
        .optional()?
        .map(Into::into))
}

pub fn insert_department(conn: &mut DbConn, row: &DepartmentRecord) -> Result<(), Error> {
    diesel::insert_into(departments::table)
        .values(DepartmentRow::from(row))
        .execute(conn)?;
    Ok(())
}

pub fn insert_clerk(conn: &mut DbConn, row: &ClerkRecord) -> Result<(), Error> {
    diesel::insert_into(clerks::table)
        .values(ClerkRow::from(row))
        .execute(conn)?;
    Ok(())
}

pub fn find_clerk_by_login(conn: &mut DbConn, login: &str) -> Result<Option<ClerkRecord>, Error> {
    Ok(clerks::table
        .filter(clerks::login.eq(login))
        .select(ClerkRow::as_select())
        .first::<ClerkRow>(conn)
        .optional()?
        .map(Into::into))
}

pub fn find_clerk(conn: &mut DbConn, id: &str) -> Result<Option<ClerkRecord>, Error> {
    Ok(clerks::table
        .find(id)
        .select(ClerkRow::as_select())
        .first::<ClerkRow>(conn)
        .optional()?
        .map(Into::into))
}

/// Active clerks of a department, by name.
pub fn clerks_of_department(
    conn: &mut DbConn,
    tenant_id: &str,
    department_id: &str,
) -> Result<Vec<ClerkRecord>, Error> {
    Ok(clerks::table
        .filter(clerks::tenant_id.eq(tenant_id))
        .filter(clerks::department_id.eq(department_id))
        .filter(clerks::active.eq(true))
        .order(clerks::display_name.asc())
        .select(ClerkRow::as_select())
        .load::<ClerkRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Every staff account of a municipality, by login.
pub fn clerks_of(conn: &mut DbConn, tenant_id: &str) -> Result<Vec<ClerkRecord>, Error> {
    Ok(clerks::table
        .filter(clerks::tenant_id.eq(tenant_id))
        .order(clerks::login.asc())
        .select(ClerkRow::as_select())
        .load::<ClerkRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Saves the editable fields of a staff account.
pub fn update_clerk(conn: &mut DbConn, r: &ClerkRecord) -> Result<(), Error> {
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
        ))
        .execute(conn)?;
    Ok(())
}

/// Uses a TOTP step once: only moves forward.
pub fn use_totp_step(conn: &mut DbConn, id: &str, step: i64) -> Result<bool, Error> {
    let n = diesel::update(
        clerks::table.find(id).filter(
            clerks::totp_last_step
                .is_null()
                .or(clerks::totp_last_step.lt(step)),
        ),
    )
    .set(clerks::totp_last_step.eq(Some(step)))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn set_clerk_password(
    conn: &mut DbConn,
    id: &str,
    password_hash: &str,
) -> Result<usize, Error> {
    Ok(diesel::update(clerks::table.find(id))
        .set(clerks::password_hash.eq(password_hash))
        .execute(conn)?)
}

pub fn wards_of(conn: &mut DbConn, tenant_id: &str) -> Result<Vec<WardRecord>, Error> {
    Ok(wards::table
        .filter(wards::tenant_id.eq(tenant_id))
        .order(wards::code.asc())
        .select(WardRow::as_select())
        .load::<WardRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Adds the ward, or renames it when it exists.
pub fn save_ward(conn: &mut DbConn, record: &WardRecord) -> Result<(), Error> {
    let existing = wards::table
        .find((&record.tenant_id, &record.code))
        .select(wards::code)
        .first::<String>(conn)
        .optional()?;
    if existing.is_some() {
        diesel::update(wards::table.find((&record.tenant_id, &record.code)))
            .set((
                wards::name_ja.eq(&record.name_ja),
                wards::name_en.eq(&record.name_en),
            ))
            .execute(conn)?;
    } else {
        diesel::insert_into(wards::table)
            .values(WardRow::from(record))
            .execute(conn)?;
    }
    Ok(())
}

/// Renames a department or changes whether it is a ward office.
pub fn update_department(conn: &mut DbConn, record: &DepartmentRecord) -> Result<(), Error> {
    diesel::update(departments::table.find(&record.id))
        .set((
            departments::name_ja.eq(&record.name_ja),
            departments::name_en.eq(&record.name_en),
            departments::ward_office.eq(record.ward_office),
        ))
        .execute(conn)?;
    Ok(())
}
