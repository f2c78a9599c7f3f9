//! Procedures written by departments: working copies, published versions, retirements,
//! and supervisors' approval.

use madoguchi_core::{ClerkId, DepartmentCode, ProcedureId, ProcedureVersionId, TenantId};

use crate::{StoreError, Timestamp};

/// A department's working copy of a procedure (see `procedure_drafts`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::procedure_drafts, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct ProcedureDraftRecord {
    pub tenant_id: TenantId,
    pub procedure_id: ProcedureId,
    pub department_code: DepartmentCode,
    /// The JSON as typed (it may not parse).
    pub definition: String,
    /// The clerk (author) who saved it last.
    pub updated_by: ClerkId,
    pub updated_at: Timestamp,
}

/// A published version of a procedure (never changed).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::procedure_versions, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct ProcedureVersionRecord {
    pub id: ProcedureVersionId,
    pub tenant_id: TenantId,
    pub procedure_id: ProcedureId,
    /// 1, 2, 3… per procedure.
    pub number: i32,
    /// The definition's content hash (`form_versions.version`).
    pub form_version: String,
    pub department_code: DepartmentCode,
    pub published_by: ClerkId,
    pub published_at: Timestamp,
    pub change_note: String,
}

/// A procedure closed to new filings.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::Queryable, diesel::Selectable, diesel::Insertable)
)]
#[cfg_attr(feature = "diesel", diesel(table_name = crate::schema::procedure_retirements, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite)))]
pub struct RetirementRecord {
    pub tenant_id: TenantId,
    pub procedure_id: ProcedureId,
    pub retired_by: ClerkId,
    pub retired_at: Timestamp,
    pub reason: String,
}

/// A working copy sent for a supervisor's approval (kept on the working copy's row).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApprovalRequest {
    pub submitted_by: ClerkId,
    pub submitted_at: Timestamp,
    pub note: String,
}

/// What a read may do with [`Authoring`] (`Database::read` hands out only reads).
pub trait AuthoringRead {
    fn find_procedure_draft(
        &mut self,
        tenant_id: &TenantId,
        procedure_id: &ProcedureId,
    ) -> Result<Option<ProcedureDraftRecord>, StoreError>;
    /// The municipality's working copies, by procedure.
    fn procedure_drafts(
        &mut self,
        tenant_id: &TenantId,
    ) -> Result<Vec<ProcedureDraftRecord>, StoreError>;
    /// Every published version of the municipality's procedures, oldest first.
    fn procedure_versions(
        &mut self,
        tenant_id: &TenantId,
    ) -> Result<Vec<ProcedureVersionRecord>, StoreError>;
    fn retirements(&mut self, tenant_id: &TenantId) -> Result<Vec<RetirementRecord>, StoreError>;
    fn procedure_approval_request(
        &mut self,
        tenant_id: &TenantId,
        procedure_id: &ProcedureId,
    ) -> Result<Option<ApprovalRequest>, StoreError>;
    /// Whether the department's publications need a supervisor's approval.
    fn publish_needs_approval(
        &mut self,
        tenant_id: &TenantId,
        department_code: &DepartmentCode,
    ) -> Result<bool, StoreError>;
    /// The codes of the municipality's departments whose publications need approval.
    fn departments_needing_approval(
        &mut self,
        tenant_id: &TenantId,
    ) -> Result<Vec<DepartmentCode>, StoreError>;
}

/// Procedures written by departments.
pub trait Authoring: AuthoringRead {
    /// Records (or replaces) the working copy.
    fn save_procedure_draft(&mut self, record: &ProcedureDraftRecord) -> Result<(), StoreError>;
    fn delete_procedure_draft(
        &mut self,
        tenant_id: &TenantId,
        procedure_id: &ProcedureId,
    ) -> Result<(), StoreError>;
    /// Adds a published version (a number taken twice fails: a concurrent publish).
    fn insert_procedure_version(
        &mut self,
        record: &ProcedureVersionRecord,
    ) -> Result<(), StoreError>;
    fn retire_procedure(&mut self, record: &RetirementRecord) -> Result<(), StoreError>;
    fn reopen_procedure(
        &mut self,
        tenant_id: &TenantId,
        procedure_id: &ProcedureId,
    ) -> Result<(), StoreError>;
    /// Sends the working copy for approval (cleared by the next save); false when there is
    /// no working copy.
    fn request_procedure_approval(
        &mut self,
        tenant_id: &TenantId,
        procedure_id: &ProcedureId,
        request: &ApprovalRequest,
    ) -> Result<bool, StoreError>;
    fn set_publish_needs_approval(
        &mut self,
        tenant_id: &TenantId,
        department_code: &DepartmentCode,
        needed: bool,
    ) -> Result<(), StoreError>;
}
