//! Municipalities (tenants), their departments and wards, and staff accounts.

use madoguchi_core::{ClerkId, DepartmentCode, DepartmentId, Post, Role, TenantId};

use crate::{StoreError, Timestamp};

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::tenants, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct TenantRecord {
    pub id: TenantId,
    pub name_ja: String,
    pub name_en: String,
    pub created_at: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::departments, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct DepartmentRecord {
    pub id: DepartmentId,
    pub tenant_id: TenantId,
    pub code: DepartmentCode,
    pub name_ja: String,
    pub name_en: String,
    pub created_at: Timestamp,
    /// Filings are routed to a ward of this department (区役所の課).
    pub ward_office: bool,
}

/// A ward (区) of a municipality, keyed by its 5-digit local-government code.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::wards, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct WardRecord {
    pub tenant_id: TenantId,
    pub code: String,
    pub name_ja: String,
    pub name_en: String,
}

#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::clerks, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct ClerkRecord {
    pub id: ClerkId,
    pub tenant_id: TenantId,
    pub department_id: DepartmentId,
    pub login: String,
    pub display_name: String,
    pub password_hash: String,
    pub active: bool,
    pub created_at: Timestamp,
    /// The ward the clerk works for; `None` for every ward (central processing).
    pub ward_code: Option<String>,
    /// One of `Role::STAFF`.
    pub role: Role,
    /// The TOTP secret, sealed; `None` until the clerk enrols an authenticator.
    pub totp_secret: Option<String>,
    /// The last 30-second step a code was accepted for.
    pub totp_last_step: Option<i64>,
    /// Sessions made under an older epoch no longer work.
    pub session_epoch: i32,
    /// Its post (職位) in the section: what the steps of approval routes ask for.
    pub post: Post,
}

impl std::fmt::Debug for ClerkRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClerkRecord")
            .field("id", &self.id)
            .field("login", &self.login)
            .field("department_id", &self.department_id)
            .field("password_hash", &"<redacted>")
            .field(
                "totp_secret",
                &self.totp_secret.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// What a read may do with [`Organisation`] (`Database::read` hands out only reads).
pub trait OrganisationRead {
    fn find_tenant(&mut self, id: &TenantId) -> Result<Option<TenantRecord>, StoreError>;
    /// A municipality's departments, by code.
    fn departments_of(&mut self, tenant_id: &TenantId)
    -> Result<Vec<DepartmentRecord>, StoreError>;
    fn find_department(
        &mut self,
        id: &DepartmentId,
    ) -> Result<Option<DepartmentRecord>, StoreError>;
    fn find_department_by_code(
        &mut self,
        tenant_id: &TenantId,
        code: &DepartmentCode,
    ) -> Result<Option<DepartmentRecord>, StoreError>;
    fn wards_of(&mut self, tenant_id: &TenantId) -> Result<Vec<WardRecord>, StoreError>;
    fn find_clerk(&mut self, id: &ClerkId) -> Result<Option<ClerkRecord>, StoreError>;
    /// A staff account by its login within one municipality (logins are unique per tenant).
    fn find_clerk_by_login(
        &mut self,
        tenant_id: &TenantId,
        login: &str,
    ) -> Result<Option<ClerkRecord>, StoreError>;
    /// Every staff account of a municipality, by login.
    fn clerks_of(&mut self, tenant_id: &TenantId) -> Result<Vec<ClerkRecord>, StoreError>;
    /// Active clerks of a department, by name (for assigning work).
    fn clerks_of_department(
        &mut self,
        tenant_id: &TenantId,
        department_id: &DepartmentId,
    ) -> Result<Vec<ClerkRecord>, StoreError>;
}

/// Municipalities, departments, wards and staff accounts.
pub trait Organisation: OrganisationRead {
    fn insert_tenant(&mut self, record: &TenantRecord) -> Result<(), StoreError>;
    fn insert_department(&mut self, record: &DepartmentRecord) -> Result<(), StoreError>;
    /// Renames a department or changes whether it is a ward office.
    fn update_department(&mut self, record: &DepartmentRecord) -> Result<(), StoreError>;
    /// Adds the ward or renames it.
    fn save_ward(&mut self, record: &WardRecord) -> Result<(), StoreError>;
    /// Adds a ward the municipality does not have yet (a new city's).
    fn insert_ward(&mut self, record: &WardRecord) -> Result<(), StoreError>;
    fn insert_clerk(&mut self, record: &ClerkRecord) -> Result<(), StoreError>;
    /// Saves a staff account's editable fields (all but id, tenant, login, created_at).
    fn update_clerk(&mut self, record: &ClerkRecord) -> Result<(), StoreError>;
    /// Records that a TOTP step was used, only if it is later than the last one; false when
    /// it was not (the code was used already, perhaps by a concurrent request).
    fn use_totp_step(&mut self, clerk_id: &ClerkId, step: i64) -> Result<bool, StoreError>;
}
