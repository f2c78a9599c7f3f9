//! Municipalities (tenants), their departments, and clerk accounts.

use diesel::prelude::*;

use crate::schema::{clerks, departments, tenants};
use crate::{DbConn, StoreError, Timestamp};

#[derive(Clone, Debug, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = tenants, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct TenantRow {
    pub id: String,
    pub name_ja: String,
    pub name_en: String,
    pub created_at: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = departments, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct DepartmentRow {
    pub id: String,
    pub tenant_id: String,
    pub code: String,
    pub name_ja: String,
    pub name_en: String,
    pub created_at: Timestamp,
}

#[derive(Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = clerks, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct ClerkRow {
    pub id: String,
    pub tenant_id: String,
    pub department_id: String,
    pub login: String,
    pub display_name: String,
    pub password_hash: String,
    pub active: bool,
    pub created_at: Timestamp,
}

impl std::fmt::Debug for ClerkRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClerkRow")
            .field("id", &self.id)
            .field("login", &self.login)
            .field("department_id", &self.department_id)
            .field("password_hash", &"<redacted>")
            .finish()
    }
}

pub fn find_tenant(conn: &mut DbConn, id: &str) -> Result<Option<TenantRow>, StoreError> {
    Ok(tenants::table.find(id).select(TenantRow::as_select()).first(conn).optional()?)
}

pub fn insert_tenant(conn: &mut DbConn, row: &TenantRow) -> Result<(), StoreError> {
    diesel::insert_into(tenants::table).values(row).execute(conn)?;
    Ok(())
}

pub fn find_department_by_code(
    conn: &mut DbConn,
    tenant_id: &str,
    code: &str,
) -> Result<Option<DepartmentRow>, StoreError> {
    Ok(departments::table
        .filter(departments::tenant_id.eq(tenant_id))
        .filter(departments::code.eq(code))
        .select(DepartmentRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn departments_of(conn: &mut DbConn, tenant_id: &str) -> Result<Vec<DepartmentRow>, StoreError> {
    Ok(departments::table
        .filter(departments::tenant_id.eq(tenant_id))
        .order(departments::code.asc())
        .select(DepartmentRow::as_select())
        .load(conn)?)
}

pub fn find_department(conn: &mut DbConn, id: &str) -> Result<Option<DepartmentRow>, StoreError> {
    Ok(departments::table.find(id).select(DepartmentRow::as_select()).first(conn).optional()?)
}

pub fn insert_department(conn: &mut DbConn, row: &DepartmentRow) -> Result<(), StoreError> {
    diesel::insert_into(departments::table).values(row).execute(conn)?;
    Ok(())
}

pub fn insert_clerk(conn: &mut DbConn, row: &ClerkRow) -> Result<(), StoreError> {
    diesel::insert_into(clerks::table).values(row).execute(conn)?;
    Ok(())
}

pub fn find_clerk_by_login(conn: &mut DbConn, login: &str) -> Result<Option<ClerkRow>, StoreError> {
    Ok(clerks::table
        .filter(clerks::login.eq(login))
        .select(ClerkRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn find_clerk(conn: &mut DbConn, id: &str) -> Result<Option<ClerkRow>, StoreError> {
    Ok(clerks::table.find(id).select(ClerkRow::as_select()).first(conn).optional()?)
}

pub fn set_clerk_password(conn: &mut DbConn, id: &str, password_hash: &str) -> Result<usize, StoreError> {
    Ok(diesel::update(clerks::table.find(id)).set(clerks::password_hash.eq(password_hash)).execute(conn)?)
}
