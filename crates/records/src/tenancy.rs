//! Several municipalities on one deployment: each tenant's status and settings, and the
//! host names that lead to it.

use madoguchi_core::TenantId;

use crate::{StoreError, Timestamp};

/// A tenant as the request routing needs it: the `tenants` row with its status and
/// settings (JSON text, see `madoguchi_app::kernel::TenantSettings`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "diesel", derive(diesel::Queryable, diesel::Selectable))]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::tenants, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct TenantEntry {
    pub id: TenantId,
    pub name_ja: String,
    pub name_en: String,
    pub created_at: Timestamp,
    /// `active` or `suspended`.
    pub status: String,
    pub settings: String,
    pub updated_at: Option<Timestamp>,
}

/// One host name (lower-case, without port) that serves a tenant.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::tenant_hosts, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct TenantHostRecord {
    pub host: String,
    pub tenant_id: TenantId,
    pub created_at: Timestamp,
}

/// What a read may do with [`Tenancy`] (`Database::read` hands out only reads).
pub trait TenancyRead {
    /// Every tenant, by id.
    fn all_tenants(&mut self) -> Result<Vec<TenantEntry>, StoreError>;
    /// Every host mapping, by host.
    fn all_tenant_hosts(&mut self) -> Result<Vec<TenantHostRecord>, StoreError>;
    /// The latest change to any tenant or host (`None`: nothing yet): nodes compare it to
    /// decide whether to read the registry again.
    fn tenancy_changed_at(&mut self) -> Result<Option<Timestamp>, StoreError>;
    /// The cities created or changed at `since` or later (the registry read in part).
    fn tenants_changed_since(&mut self, since: Timestamp) -> Result<Vec<TenantEntry>, StoreError>;
    /// The hosts added at `since` or later, and how many hosts there are in all.
    fn tenant_hosts_since(
        &mut self,
        since: Timestamp,
    ) -> Result<(Vec<TenantHostRecord>, i64), StoreError>;
}

/// The tenant registry: read whole by every node (a handful of rows), changed by the
/// platform operator.
pub trait Tenancy: TenancyRead {
    /// Sets the status (`active`/`suspended`); false when there is no such tenant.
    fn set_tenant_status(
        &mut self,
        id: &TenantId,
        status: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError>;
    /// Replaces the settings JSON; false when there is no such tenant.
    fn set_tenant_settings(
        &mut self,
        id: &TenantId,
        settings: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError>;
    /// Adds a host; false when the host already serves some tenant.
    fn add_tenant_host(&mut self, record: &TenantHostRecord) -> Result<bool, StoreError>;
    /// Removes a host; false when it was not there.
    fn remove_tenant_host(&mut self, host: &str) -> Result<bool, StoreError>;
}
