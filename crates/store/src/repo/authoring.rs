//! Procedures written by departments: working copies, published versions, retirements, and
//! supervisors' approval.

use diesel::prelude::*;
use madoguchi_core::{ClerkId, DepartmentCode, ProcedureId, TenantId};
use madoguchi_records::AuthoringRead;
use madoguchi_records::schema::{
    departments, procedure_drafts, procedure_retirements, procedure_versions,
};
use madoguchi_records::{
    ApprovalRequest, Authoring, ProcedureDraftRecord, ProcedureVersionRecord, RetirementRecord,
    StoreError,
};

use crate::{DbConn, Timestamp};

impl AuthoringRead for DbConn {
    fn find_procedure_draft(
        &mut self,
        tenant_id: &TenantId,
        procedure_id: &ProcedureId,
    ) -> Result<Option<ProcedureDraftRecord>, StoreError> {
        Ok(procedure_drafts::table
            .find((tenant_id, procedure_id))
            .select(ProcedureDraftRecord::as_select())
            .first(self)
            .optional()?)
    }

    fn procedure_drafts(
        &mut self,
        tenant_id: &TenantId,
    ) -> Result<Vec<ProcedureDraftRecord>, StoreError> {
        Ok(procedure_drafts::table
            .filter(procedure_drafts::tenant_id.eq(tenant_id))
            .order(procedure_drafts::procedure_id.asc())
            .select(ProcedureDraftRecord::as_select())
            .load(self)?)
    }

    fn procedure_versions(
        &mut self,
        tenant_id: &TenantId,
    ) -> Result<Vec<ProcedureVersionRecord>, StoreError> {
        Ok(procedure_versions::table
            .filter(procedure_versions::tenant_id.eq(tenant_id))
            .order((
                procedure_versions::procedure_id.asc(),
                procedure_versions::number.asc(),
            ))
            .select(ProcedureVersionRecord::as_select())
            .load(self)?)
    }

    fn retirements(&mut self, tenant_id: &TenantId) -> Result<Vec<RetirementRecord>, StoreError> {
        Ok(procedure_retirements::table
            .filter(procedure_retirements::tenant_id.eq(tenant_id))
            .select(RetirementRecord::as_select())
            .load(self)?)
    }

    fn procedure_approval_request(
        &mut self,
        tenant_id: &TenantId,
        procedure_id: &ProcedureId,
    ) -> Result<Option<ApprovalRequest>, StoreError> {
        let row: Option<(Option<ClerkId>, Option<Timestamp>, Option<String>)> =
            procedure_drafts::table
                .find((tenant_id, procedure_id))
                .select((
                    procedure_drafts::submitted_by,
                    procedure_drafts::submitted_at,
                    procedure_drafts::submitted_note,
                ))
                .first(self)
                .optional()?;
        Ok(match row {
            Some((Some(submitted_by), Some(submitted_at), Some(note))) => Some(ApprovalRequest {
                submitted_by,
                submitted_at,
                note,
            }),
            _ => None,
        })
    }

    fn publish_needs_approval(
        &mut self,
        tenant_id: &TenantId,
        department_code: &DepartmentCode,
    ) -> Result<bool, StoreError> {
        Ok(departments::table
            .filter(departments::tenant_id.eq(tenant_id))
            .filter(departments::code.eq(department_code))
            .select(departments::publish_needs_approval)
            .first::<bool>(self)
            .optional()?
            .unwrap_or(false))
    }

    fn departments_needing_approval(
        &mut self,
        tenant_id: &TenantId,
    ) -> Result<Vec<DepartmentCode>, StoreError> {
        Ok(departments::table
            .filter(departments::tenant_id.eq(tenant_id))
            .filter(departments::publish_needs_approval.eq(true))
            .select(departments::code)
            .load::<DepartmentCode>(self)?)
    }
}

impl Authoring for DbConn {
    /// Replacing the row also clears a request for approval (the next save withdraws it).
    fn save_procedure_draft(&mut self, record: &ProcedureDraftRecord) -> Result<(), StoreError> {
        self.delete_procedure_draft(&record.tenant_id, &record.procedure_id)?;
        diesel::insert_into(procedure_drafts::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn delete_procedure_draft(
        &mut self,
        tenant_id: &TenantId,
        procedure_id: &ProcedureId,
    ) -> Result<(), StoreError> {
        diesel::delete(procedure_drafts::table.find((tenant_id, procedure_id))).execute(self)?;
        Ok(())
    }

    fn insert_procedure_version(
        &mut self,
        record: &ProcedureVersionRecord,
    ) -> Result<(), StoreError> {
        diesel::insert_into(procedure_versions::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn retire_procedure(&mut self, record: &RetirementRecord) -> Result<(), StoreError> {
        self.reopen_procedure(&record.tenant_id, &record.procedure_id)?;
        diesel::insert_into(procedure_retirements::table)
            .values(record)
            .execute(self)?;
        Ok(())
    }

    fn reopen_procedure(
        &mut self,
        tenant_id: &TenantId,
        procedure_id: &ProcedureId,
    ) -> Result<(), StoreError> {
        diesel::delete(procedure_retirements::table.find((tenant_id, procedure_id)))
            .execute(self)?;
        Ok(())
    }

    fn request_procedure_approval(
        &mut self,
        tenant_id: &TenantId,
        procedure_id: &ProcedureId,
        request: &ApprovalRequest,
    ) -> Result<bool, StoreError> {
        let n = diesel::update(procedure_drafts::table.find((tenant_id, procedure_id)))
            .set((
                procedure_drafts::submitted_by.eq(Some(&request.submitted_by)),
                procedure_drafts::submitted_at.eq(Some(request.submitted_at)),
                procedure_drafts::submitted_note.eq(Some(&request.note)),
            ))
            .execute(self)?;
        Ok(n == 1)
    }

    fn set_publish_needs_approval(
        &mut self,
        tenant_id: &TenantId,
        department_code: &DepartmentCode,
        needed: bool,
    ) -> Result<(), StoreError> {
        diesel::update(
            departments::table
                .filter(departments::tenant_id.eq(tenant_id))
                .filter(departments::code.eq(department_code)),
        )
        .set(departments::publish_needs_approval.eq(needed))
        .execute(self)?;
        Ok(())
    }
}
