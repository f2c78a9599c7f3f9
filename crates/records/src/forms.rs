//! Form versions: immutable, keyed by the content hash of their definition.

use madoguchi_core::ProcedureId;

use crate::{StoreError, Timestamp};

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::form_versions, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct FormVersionRecord {
    pub version: String,
    pub procedure_id: ProcedureId,
    pub definition: String,
    pub first_loaded_at: Timestamp,
}

/// What a read may do with [`FormVersions`] (`Database::read` hands out only reads).
pub trait FormVersionsRead {
    fn find_form_version(&mut self, version: &str)
    -> Result<Option<FormVersionRecord>, StoreError>;
}

/// Form versions (the same id always means the same form).
pub trait FormVersions: FormVersionsRead {
    /// Records the version unless known; true when it was new.
    fn ensure_form_version(&mut self, record: &FormVersionRecord) -> Result<bool, StoreError>;
}
