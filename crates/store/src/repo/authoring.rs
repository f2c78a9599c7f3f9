//! Procedures written by departments: working copies, published versions, retirements.

use diesel::prelude::*;

use crate::repo::row;
use crate::schema::{departments, procedure_drafts, procedure_retirements, procedure_versions};
use crate::{DbConn, Error};
use madoguchi_records::{
    ApprovalRequest, ProcedureDraftRecord, ProcedureVersionRecord, RetirementRecord,
};

row!(DraftRow <-> ProcedureDraftRecord in procedure_drafts {
    tenant_id: String,
    procedure_id: String,
    department_code: String,
    definition: String,
    updated_by: String,
    updated_at: crate::Timestamp,
});

row!(VersionRow <-> ProcedureVersionRecord in procedure_versions {
    id: String,
    tenant_id: String,
    procedure_id: String,
    number: i32,
    form_version: String,
    department_code: String,
    published_by: String,
    published_at: crate::Timestamp,
    change_note: String,
});

row!(RetirementRow <-> RetirementRecord in procedure_retirements {
    tenant_id: String,
    procedure_id: String,
    retired_by: String,
    retired_at: crate::Timestamp,
    reason: String,
});

pub fn save_draft(conn: &mut DbConn, record: &ProcedureDraftRecord) -> Result<(), Error> {
    delete_draft(conn, &record.tenant_id, &record.procedure_id)?;
    diesel::insert_into(procedure_drafts::table)
        .values(DraftRow::from(record))
        .execute(conn)?;
    Ok(())
}

pub fn find_draft(
    conn: &mut DbConn,
    tenant_id: &str,
    procedure_id: &str,
) -> Result<Option<ProcedureDraftRecord>, Error> {
    Ok(procedure_drafts::table
        .find((tenant_id, procedure_id))
        .select(DraftRow::as_select())
        .first::<DraftRow>(conn)
        .optional()?
        .map(Into::into))
}

pub fn drafts(conn: &mut DbConn, tenant_id: &str) -> Result<Vec<ProcedureDraftRecord>, Error> {
    Ok(procedure_drafts::table
        .filter(procedure_drafts::tenant_id.eq(tenant_id))
        .order(procedure_drafts::procedure_id.asc())
        .select(DraftRow::as_select())
        .load::<DraftRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub fn delete_draft(conn: &mut DbConn, tenant_id: &str, procedure_id: &str) -> Result<(), Error> {
    diesel::delete(procedure_drafts::table.find((tenant_id, procedure_id))).execute(conn)?;
    Ok(())
}

pub fn insert_version(conn: &mut DbConn, record: &ProcedureVersionRecord) -> Result<(), Error> {
    diesel::insert_into(procedure_versions::table)
        .values(VersionRow::from(record))
        .execute(conn)?;
    Ok(())
}

pub fn versions(conn: &mut DbConn, tenant_id: &str) -> Result<Vec<ProcedureVersionRecord>, Error> {
    Ok(procedure_versions::table
        .filter(procedure_versions::tenant_id.eq(tenant_id))
        .order((
            procedure_versions::procedure_id.asc(),
            procedure_versions::number.asc(),
        ))
        .select(VersionRow::as_select())
        .load::<VersionRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub fn retire(conn: &mut DbConn, record: &RetirementRecord) -> Result<(), Error> {
    reopen(conn, &record.tenant_id, &record.procedure_id)?;
    diesel::insert_into(procedure_retirements::table)
        .values(RetirementRow::from(record))
        .execute(conn)?;
    Ok(())
}

pub fn reopen(conn: &mut DbConn, tenant_id: &str, procedure_id: &str) -> Result<(), Error> {
    diesel::delete(procedure_retirements::table.find((tenant_id, procedure_id))).execute(conn)?;
    Ok(())
}

pub fn retirements(conn: &mut DbConn, tenant_id: &str) -> Result<Vec<RetirementRecord>, Error> {
    Ok(procedure_retirements::table
        .filter(procedure_retirements::tenant_id.eq(tenant_id))
        .select(RetirementRow::as_select())
        .load::<RetirementRow>(conn)?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Marks the working copy as sent for approval; false when there is no working copy.
pub fn request_approval(
    conn: &mut DbConn,
    tenant_id: &str,
    procedure_id: &str,
    request: &ApprovalRequest,
) -> Result<bool, Error> {
    let n = diesel::update(procedure_drafts::table.find((tenant_id, procedure_id)))
        .set((
            procedure_drafts::submitted_by.eq(Some(&request.submitted_by)),
            procedure_drafts::submitted_at.eq(Some(request.submitted_at)),
            procedure_drafts::submitted_note.eq(Some(&request.note)),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

pub fn approval_request(
    conn: &mut DbConn,
    tenant_id: &str,
    procedure_id: &str,
) -> Result<Option<ApprovalRequest>, Error> {
    let row: Option<(Option<String>, Option<crate::Timestamp>, Option<String>)> =
        procedure_drafts::table
            .find((tenant_id, procedure_id))
            .select((
                procedure_drafts::submitted_by,
                procedure_drafts::submitted_at,
                procedure_drafts::submitted_note,
            ))
            .first(conn)
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

pub fn needs_approval(
    conn: &mut DbConn,
    tenant_id: &str,
    department_code: &str,
) -> Result<bool, Error> {
    Ok(departments::table
        .filter(departments::tenant_id.eq(tenant_id))
        .filter(departments::code.eq(department_code))
        .select(departments::publish_needs_approval)
        .first::<bool>(conn)
        .optional()?
        .unwrap_or(false))
}

pub fn set_needs_approval(
    conn: &mut DbConn,
    tenant_id: &str,
    department_code: &str,
    needed: bool,
) -> Result<(), Error> {
    diesel::update(
        departments::table
            .filter(departments::tenant_id.eq(tenant_id))
            .filter(departments::code.eq(department_code)),
    )
    .set(departments::publish_needs_approval.eq(needed))
    .execute(conn)?;
    Ok(())
}
